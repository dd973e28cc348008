import { errorMessage, isRetryable } from '../errors';
import type { IngestResult, RawObject, Watch } from '../model';
import { normalizeObject, resolveSource } from '../normalize';
import type { ObjectSource } from '../../ports/objects';
import type { ObjectRecord } from '../../ports/store';
import { TRACK_ALL_WATCH, type IngestConfig } from './config';
import { ingestDocument, type DocumentDeps } from './ingestDocument';

export interface ObjectDeps extends DocumentDeps {
  /** Where rejected originals are kept aside; absent locally, where the file stays where it is. */
  objects?: Pick<ObjectSource, 'quarantine'>;
}

export interface ObjectOptions {
  /** A source named by the caller (`--source`): wins over everything the object says. */
  cliSource?: string;
  now: string;
  config: IngestConfig;
}

/**
 * One raw object (a file, an S3 object) through the pipeline. A batch may hold many
 * documents: a bad one is rejected with its error and the others go on. Retryable
 * failures (throttling, network) propagate so that the queue delivers the object again.
 */
export async function ingestObject(raw: RawObject, options: ObjectOptions, deps: ObjectDeps): Promise<IngestResult[]> {
  let outcomes;
  try {
    outcomes = normalizeObject(raw);
  } catch (error) {
    if (isRetryable(error)) throw error;
    return [await rejectObject(raw, errorMessage(error), options.now, deps)];
  }

  const watches = await watchesInForce(options.config, deps);
  const results: IngestResult[] = [];
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      results.push({ file: raw.key, index: outcome.index, status: 'rejected', error: outcome.error });
      continue;
    }
    const source = resolveSource({ cliSource: options.cliSource, metadata: raw.metadata, doc: outcome.doc, key: raw.key });
    const context = { doc: outcome.doc, source, rawKey: raw.key, watches, now: options.now, config: options.config };
    try {
      results.push(await ingestDocument(context, deps));
    } catch (error) {
      if (isRetryable(error)) throw error;
      results.push({ file: raw.key, index: outcome.doc.index, status: 'rejected', error: errorMessage(error) });
    }
  }
  // The object log keeps what needs attention (a rejected document); a drop ingested whole is
  // recorded by its articles, each of which keeps its rawKey.
  const record = objectRecord(raw, results, options.now);
  if (record.status !== 'ingested') await deps.store.recordObject(record);
  return results;
}

async function watchesInForce(config: IngestConfig, deps: ObjectDeps): Promise<Watch[]> {
  const stored = await deps.store.listWatches();
  return config.trackAll ? [...stored, TRACK_ALL_WATCH] : stored;
}

async function rejectObject(raw: RawObject, error: string, now: string, deps: ObjectDeps): Promise<IngestResult> {
  const quarantineKey = await deps.objects?.quarantine(raw, error);
  const result: IngestResult = { file: raw.key, status: 'rejected', error };
  await deps.store.recordObject({
    key: raw.key, version: raw.version, status: 'rejected', results: [result], error, quarantineKey, processedAt: now,
  });
  return result;
}

function objectRecord(raw: RawObject, results: IngestResult[], now: string): ObjectRecord {
  const rejected = results.filter((r) => r.status === 'rejected').length;
  const status = rejected === 0 ? 'ingested' : rejected === results.length ? 'rejected' : 'partial';
  // Article texts live in the article items: the object log keeps only the outcome summary.
  const summary = results.map(({ file, index, status: s, error, articleId, storyId }) => ({ file, index, status: s, error, articleId, storyId }));
  return { key: raw.key, version: raw.version, status, results: summary, processedAt: now };
}
