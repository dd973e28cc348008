import path from 'node:path';
import { ConfigurationError } from '../core/errors';
import type { IngestResult } from '../core/model';
import type { FeedFetcher } from '../ports/feeds';
import type { ObjectSink } from '../ports/objects';
import type { ObjectRecord, ObjectLog } from '../ports/store';
import { readInputs } from '../adapters/local/inputs';
import { isWebAddress } from '../adapters/local/web-objects';

/**
 * `ingest --aws`: the inputs go where every drop goes, the stack's bucket under
 * incoming/<source>/<name>, and the deployed pipeline takes it from there (S3 → SQS → Lambda).
 * Web addresses are fetched here (the poller's limits) and uploaded as the HTML they served.
 */

export const INCOMING_PREFIX = 'incoming/';

export interface Upload {
  /** The file or address given. */
  input: string;
  key: string;
  version?: string;
  source?: string;
  /** Set when the input could not be read or fetched: nothing was uploaded. */
  error?: string;
  /** Set when a folder's file was left alone on purpose (a dotfile, a symbolic link): why. */
  skipped?: string;
}

export async function uploadInputs(
  inputs: string[],
  options: { source?: string; fetcher: Pick<FeedFetcher, 'fetchPage'>; onUpload?: (upload: Upload) => void },
  bucket: ObjectSink,
): Promise<Upload[]> {
  const uploads: Upload[] = [];
  const report = (upload: Upload) => {
    uploads.push(upload);
    options.onUpload?.(upload);
  };
  // Unreadable or hidden inputs get their line, as in a local ingest, and the others go on.
  for await (const input of readInputs(inputs, options.fetcher)) {
    if (input.kind === 'rejected') report({ input: input.path, key: '', error: input.error });
    if (input.kind === 'skipped') report({ input: input.path, key: '', skipped: input.reason });
    if (input.kind !== 'object') continue;
    const { key, source } = dropKey(input.path, options.source);
    const metadata: Record<string, string> = { ...input.raw.metadata };
    // S3 metadata travels as HTTP headers: ASCII only. A name that is not stays in the key's folder.
    if (source && /^[\x20-\x7e]+$/.test(source)) metadata.source = source;
    const put = await bucket.putObject({ key, body: input.raw.body, contentType: input.raw.contentType ?? contentTypeOf(key), metadata });
    report({ input: input.path, key: put.key, version: put.version, source });
  }
  return uploads;
}

/**
 * Where an input lands: `incoming/<source>/<name>` with --source; a path already under
 * `incoming/<folder>/` keeps that folder (it names the source, as locally); otherwise
 * `incoming/<name>`, and the pipeline finds the source in the document as a local ingest would.
 */
export function dropKey(input: string, source?: string): { key: string; source?: string } {
  if (isWebAddress(input)) {
    const url = new URL(input);
    const name = `${url.hostname}${url.pathname}`.replace(/\/+$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 200);
    const file = /\.html?$/i.test(name) ? name : `${name}.html`;
    return { key: `${INCOMING_PREFIX}${source ? `${keySegment(source)}/` : ''}${file}`, source };
  }
  const segments = path.resolve(input).split(path.sep);
  const at = segments.map((s) => s.toLowerCase()).lastIndexOf('incoming');
  if (!source && at !== -1 && at + 2 < segments.length) {
    return { key: INCOMING_PREFIX + segments.slice(at + 1).join('/'), source: segments[at + 1] };
  }
  const name = path.basename(input);
  return { key: `${INCOMING_PREFIX}${source ? `${keySegment(source)}/` : ''}${name}`, source };
}

function keySegment(source: string): string {
  const segment = source.trim().replace(/[/\\]+/g, '-');
  if (!segment) throw new ConfigurationError('--source is empty');
  return segment;
}

function contentTypeOf(key: string): string | undefined {
  const ext = path.extname(key.replace(/\.gz$/i, '')).toLowerCase();
  return ({ '.html': 'text/html', '.htm': 'text/html', '.txt': 'text/plain', '.md': 'text/markdown', '.json': 'application/json', '.jsonl': 'application/x-ndjson', '.csv': 'text/csv' } as Record<string, string>)[ext];
}

/** Uploads the deployed pipeline had not processed when the wait ran out. */
export class UploadWaitTimeoutError extends ConfigurationError {
  constructor(readonly pending: Upload[], seconds: number, lastErrors: Map<string, string> = new Map()) {
    const keys = pending.slice(0, 3).map((u) => (lastErrors.has(u.key) ? `${u.key}, which failed with "${lastErrors.get(u.key)}" and waits for a retry` : u.key)).join(', ') + (pending.length > 3 ? ', …' : '');
    super(`timed out after ${seconds} s waiting for ${pending.length} upload${pending.length === 1 ? '' : 's'} to be processed (${keys}): `
      + 'the ingest queue may be backed up or failing; look at the DeadLetterQueueUrl output and the ingest Lambda\'s logs, or wait longer with --timeout');
  }
}

/**
 * Follows the object log until each upload was processed by the deployed pipeline, reporting each
 * one's results as it comes; throws UploadWaitTimeoutError when `timeoutMs` passes first.
 */
export async function waitForUploads(
  uploads: Upload[],
  log: Pick<ObjectLog, 'getObject'>,
  options: { timeoutMs: number; pollMs?: number; onProcessed?: (upload: Upload, record: ObjectRecord) => void; sleep?: (ms: number) => Promise<void> },
): Promise<Map<string, ObjectRecord>> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + options.timeoutMs;
  const done = new Map<string, ObjectRecord>();
  const lastErrors = new Map<string, string>();
  let waiting = uploads.filter((u) => !u.error && !u.skipped);
  for (let pause = options.pollMs ?? 1000; waiting.length > 0; ) {
    for (const upload of waiting) {
      const record = await log.getObject(upload.key, upload.version);
      // A failed attempt is not the end: SQS delivers the object again (then its dead-letter queue).
      if (!record || record.status === 'failed') {
        if (record?.error) lastErrors.set(upload.key, record.error);
        continue;
      }
      done.set(upload.key, record);
      options.onProcessed?.(upload, record);
    }
    waiting = waiting.filter((u) => !done.has(u.key));
    if (waiting.length === 0) break;
    if (Date.now() + pause > deadline) throw new UploadWaitTimeoutError(waiting, Math.round(options.timeoutMs / 1000), lastErrors);
    await sleep(pause);
  }
  return done;
}

/** A processed upload's outcome in the shape a local ingest prints. */
export function uploadResults(record: ObjectRecord): IngestResult[] {
  return record.results.map((r) => ({ file: record.key, ...r }));
}
