import type { S3Event, SQSRecord } from 'aws-lambda';
import { RejectedInputError } from '../core/errors';
import { decodeEventKey } from '../adapters/s3';

export interface ObjectRef {
  bucket: string;
  key: string;
  /** Set when the bucket is versioned: the event names the exact upload. */
  version?: string;
}

/**
 * The S3 objects named by one SQS message. S3 sends a one-off `s3:TestEvent` when the
 * notification is configured: it names no object and is skipped.
 */
export function objectRefsFromSqsRecord(record: SQSRecord): ObjectRef[] {
  let body: Partial<S3Event> & { Event?: string };
  try {
    body = JSON.parse(record.body);
  } catch (error) {
    throw new RejectedInputError(`SQS message ${record.messageId} is not JSON`, { cause: error });
  }
  if (body.Event === 's3:TestEvent') return [];
  return (body.Records ?? [])
    .filter((r) => r.eventName?.startsWith('ObjectCreated'))
    .map((r) => ({
      bucket: r.s3.bucket.name,
      key: decodeEventKey(r.s3.object.key),
      version: r.s3.object.versionId,
    }));
}
