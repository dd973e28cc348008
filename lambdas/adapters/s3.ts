import { CopyObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { RejectedInputError } from '../core/errors';
import type { RawObject } from '../core/model';
import { defaultNormalizeConfig } from '../core/normalize/config';
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

/**
 * The object is larger than the normalize step accepts: rejected from its ContentLength, its body
 * never read (or, without one, as soon as the read passes the limit), and copied under the
 * quarantine prefix by S3 itself (CopyObject: no byte passes through the Lambda).
 */
export class OversizeObjectError extends RejectedInputError {
  constructor(message: string, readonly quarantineKey?: string) {
    super(message);
  }
}

/** CopyObject copies at most 5 GiB in one request; a larger object is rejected but left where it is. */
const MAX_COPY_BYTES = 5 * 1024 ** 3;

export class S3ObjectSource implements ObjectSource {
  constructor(
    private readonly s3: S3Client,
    private readonly quarantinePrefix = 'quarantine/',
    private readonly defaultBucket?: string,
    /** The normalize step's limit: an object over it is rejected before its body is read. */
    private readonly maxObjectBytes = defaultNormalizeConfig.maxObjectBytes,
  ) {}

  /**
   * The object at the version named, read whole when it is within maxObjectBytes. A larger one
   * (its ContentLength, before the body is read; or the bytes read, should S3 not say) throws
   * OversizeObjectError after its quarantine copy is made: the body stream is destroyed unread,
   * so a 5 GB drop costs a Lambda neither the memory nor the transfer.
   */
  async getObject(ref: { bucket?: string; key: string; version?: string }): Promise<RawObject> {
    const bucket = ref.bucket ?? this.defaultBucket;
    let res: GetObjectCommandOutput;
    let body: Uint8Array | undefined;
    try {
      res = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: ref.key, VersionId: ref.version }));
      const announced = res.ContentLength;
      if (announced === undefined || announced <= this.maxObjectBytes) {
        // Capped all the same: one byte past the limit is enough to know.
        body = res.Body ? await readAtMost(res.Body as unknown as AsyncIterable<Uint8Array>, this.maxObjectBytes + 1) : new Uint8Array();
      } else {
        (res.Body as { destroy?: () => void } | undefined)?.destroy?.(); // never read
      }
    } catch (error) {
      throw mapS3Error(error, `reading s3://${bucket}/${ref.key}`);
    }
    if (body === undefined || body.length > this.maxObjectBytes) {
      const size = body === undefined ? `${res.ContentLength} bytes (not read)` : `more than ${this.maxObjectBytes} bytes`;
      throw await this.rejectOversize(bucket, ref.key, res, `too large: the object has ${size}, the limit is ${this.maxObjectBytes}`);
    }
    return {
      key: ref.key,
      bucket,
      body,
      contentType: res.ContentType,
      contentEncoding: res.ContentEncoding,
      metadata: lowerCaseKeys(res.Metadata ?? {}),
      version: res.VersionId ?? res.ETag?.replace(/"/g, '') ?? ref.version,
    };
  }

  /** Copies the original bytes under the quarantine prefix, with the error as metadata. */
  async quarantine(object: RawObject, error: string): Promise<string | undefined> {
    if (!object.bucket) return undefined;
    const key = this.quarantineKeyFor(object.key);
    try {
      await this.s3.send(new PutObjectCommand({
        Bucket: object.bucket,
        Key: key,
        Body: object.body,
        ContentType: object.contentType,
        ContentEncoding: object.contentEncoding,
        Metadata: quarantineMetadata(object.metadata, object.key, error),
      }));
      return key;
    } catch (err) {
      throw mapS3Error(err, `quarantining s3://${object.bucket}/${object.key}`);
    }
  }

  /**
   * The error for an object over the limit, once S3 has copied it under the quarantine prefix
   * (as quarantine() does for the objects that were read; server-side, the exact version read).
   */
  private async rejectOversize(bucket: string | undefined, key: string, res: GetObjectCommandOutput, error: string): Promise<OversizeObjectError> {
    if (!bucket) return new OversizeObjectError(error);
    if ((res.ContentLength ?? 0) > MAX_COPY_BYTES) {
      return new OversizeObjectError(`${error}; over the 5 GiB a copy takes, not quarantined`);
    }
    const quarantineKey = this.quarantineKeyFor(key);
    const source = `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
    try {
      await this.s3.send(new CopyObjectCommand({
        Bucket: bucket,
        Key: quarantineKey,
        CopySource: res.VersionId ? `${source}?versionId=${encodeURIComponent(res.VersionId)}` : source,
        MetadataDirective: 'REPLACE',
        Metadata: quarantineMetadata(lowerCaseKeys(res.Metadata ?? {}), key, error),
        ContentType: res.ContentType,
        ContentEncoding: res.ContentEncoding,
        // The copy carries no tags: copying them would need s3:GetObjectTagging.
        TaggingDirective: 'REPLACE',
      }));
    } catch (err) {
      throw mapS3Error(err, `quarantining s3://${bucket}/${key}`);
    }
    return new OversizeObjectError(`${error}; quarantined as ${quarantineKey}`, quarantineKey);
  }

  private quarantineKeyFor(key: string): string {
    return this.quarantinePrefix + key.replace(/^incoming\//, '');
  }
}

/** Metadata travels as HTTP headers: ASCII only, and S3 caps all of it at 2 KB. */
function quarantineMetadata(metadata: Record<string, string>, key: string, error: string): Record<string, string> {
  return { ...metadata, 'newswatch-error': encodeURIComponent(error).slice(0, 1024), 'newswatch-original-key': encodeURIComponent(key).slice(0, 512) };
}

/** The stream's bytes, at most `limit` of them: the read stops as soon as it has that many. */
async function readAtMost(stream: AsyncIterable<Uint8Array>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    total += chunk.length;
    if (total >= limit) break; // leaving the loop ends the stream
  }
  const body = Buffer.concat(chunks, Math.min(total, limit));
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
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
