import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { RejectedInputError } from '../core/errors';
import type { RawObject } from '../core/model';
import type { ObjectSink, ObjectSource } from '../ports/objects';
import { toAwsFailure } from './aws-errors';

/**
 * The object named by the event no longer exists (deleted, or a stale re-delivery of a version
 * since removed): there is no input left to ingest, so it counts as a rejection of the input (the
 * message is consumed), not a failure. S3 answers AccessDenied instead of NoSuchKey to a caller
 * without s3:ListBucket: that one is a failure, retried and dead-lettered like any other.
 */
export class MissingObjectError extends RejectedInputError {}

/** S3 event keys are URL-encoded with `+` for spaces; the SDK wants the real key. */
export function decodeEventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

export class S3ObjectSource implements ObjectSource {
  constructor(
    private readonly s3: S3Client,
    private readonly quarantinePrefix = 'quarantine/',
    private readonly defaultBucket?: string,
  ) {}

  async getObject(ref: { bucket?: string; key: string; version?: string }): Promise<RawObject> {
    const bucket = ref.bucket ?? this.defaultBucket;
    try {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: ref.key, VersionId: ref.version }));
      const body = res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
      return {
        key: ref.key,
        bucket,
        body,
        contentType: res.ContentType,
        contentEncoding: res.ContentEncoding,
        metadata: lowerCaseKeys(res.Metadata ?? {}),
        version: res.VersionId ?? res.ETag?.replace(/"/g, '') ?? ref.version,
      };
    } catch (error) {
      throw mapS3Error(error, `reading s3://${bucket}/${ref.key}`);
    }
  }

  /** Copies the original bytes under the quarantine prefix, with the error as metadata. */
  async quarantine(object: RawObject, error: string): Promise<string | undefined> {
    if (!object.bucket) return undefined;
    const key = this.quarantinePrefix + object.key.replace(/^incoming\//, '');
    try {
      await this.s3.send(new PutObjectCommand({
        Bucket: object.bucket,
        Key: key,
        Body: object.body,
        ContentType: object.contentType,
        ContentEncoding: object.contentEncoding,
        // Metadata travels as HTTP headers: ASCII only, and S3 caps all of it at 2 KB.
        Metadata: { ...object.metadata, 'newswatch-error': encodeURIComponent(error).slice(0, 1024), 'newswatch-original-key': encodeURIComponent(object.key).slice(0, 512) },
      }));
      return key;
    } catch (err) {
      throw mapS3Error(err, `quarantining s3://${object.bucket}/${object.key}`);
    }
  }
}

/** The drop bucket as a place to put new objects (`ingest --aws`); S3 then notifies the ingest queue. */
export class S3DropBucket implements ObjectSink {
  readonly location: string;

  constructor(private readonly s3: S3Client, private readonly bucket: string) {
    this.location = `s3://${bucket}`;
  }

  async putObject(object: { key: string; body: Uint8Array; contentType?: string; metadata?: Record<string, string> }): Promise<{ key: string; version?: string }> {
    try {
      const output = await this.s3.send(new PutObjectCommand({
        Bucket: this.bucket, Key: object.key, Body: object.body, ContentType: object.contentType, Metadata: object.metadata,
      }));
      // The same version the ingest handler records (S3ObjectSource.getObject): the version id, else the ETag.
      return { key: object.key, version: output.VersionId ?? output.ETag?.replace(/"/g, '') };
    } catch (error) {
      throw mapS3Error(error, `writing ${this.location}/${object.key}`);
    }
  }
}

function lowerCaseKeys(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * NoSuchKey / NoSuchVersion / NotFound: MissingObjectError; otherwise the one classifier
 * (aws-errors.ts): throttling, 5xx, timeouts, network → RetryableError; anything else (AccessDenied,
 * a bug) unchanged, a failure that fails the SQS record.
 */
export function mapS3Error(error: unknown, doing: string): unknown {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchVersion') {
    return new MissingObjectError(`${doing}: the object does not exist`, { cause: error });
  }
  return toAwsFailure(error, doing);
}
