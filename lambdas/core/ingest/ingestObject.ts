import { describeError, errorMessage, isRejection, RetryableError } from '../errors';
import type { IngestResult, RawObject, Watch } from '../model';
import { resolveSource, splitObject } from '../normalize';
import type { ObjectSource } from '../../ports/objects';
import type { ObjectRecord, ObjectResult } from '../../ports/store';
import { OBJECT_LOG_LIMITS, RACING_DOCUMENT_ATTEMPTS, TRACK_ALL_WATCH, type IngestConfig } from './config';
import { extractActors } from '../tag';
import { actorLookup, ingestDocument, rejectedResult, tagDocument, type DocumentContext, type DocumentDeps } from './ingestDocument';
import { ingestGroup, type GroupDocument } from './ingestGroup';

export interface ObjectDeps extends DocumentDeps {
  /** Where rejected originals are kept aside; absent locally, where the file stays where it is. */
  objects?: Pick<ObjectSource, 'quarantine'>;
}

export interface ObjectOptions {
  /** A source named by the caller (`--source`): wins over everything the object says. */
  cliSource?: string;
  now: string;
  config: IngestConfig;
  /** Told how many documents the object holds, once it is normalized (a progress bar's total). */
  onDocuments?: (count: number) => void;
  /**
   * Told of each document's result as soon as it is stored, in document order (a result waits
   * only for the documents before it that are still in flight), so a long drop shows progress.
   */
  onResult?: (result: IngestResult) => void;
  /**
   * Documents of one object in flight at once (default 1: one after the other). Racing documents
   * are safe: every effect is one conditional write (docs/architecture.md §4); a lost story race
   * is retried. Which article founds a story can then depend on timing (docs/performance.md).
   */
  concurrency?: number;
  /**
   * Documents ingested as groups of this many (ingestGroup.ts): each group's reads and writes
   * merged across its documents, the stories and alerts those of one document at a time. Only
   * without racing writers (`config.racingWriters` false); `concurrency` is then unused.
   */
  groupSize?: number;
}

/**
 * One raw object (a file, an S3 object) through the pipeline. A batch may hold many documents.
 *
 * The one failure policy (docs/architecture.md §4): only a RejectedInputError, an error about the
 * input, rejects, the whole object (quarantined, logged `rejected`) or one document of a batch
 * (its result `rejected`, the others go on). Anything else, retryable or not (throttling, access
 * denied, a bug), is a failure: the object log records `failed` with the error (best effort) and
 * the error propagates, so the SQS record fails (retry, dead-letter queue, alarm) or the local
 * run stops; the next run resumes what this one did. An alert an endpoint refuses for good is
 * neither: it is marked failed and reported in its document's result.
 */
export async function ingestObject(raw: RawObject, options: ObjectOptions, deps: ObjectDeps): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  try {
    let documents;
    try {
      // Each document is normalized when its turn comes: a long batch's first result does not
      // wait for the whole batch to be read (language detection alone takes ~0.5 ms a document).
      documents = splitObject(raw);
    } catch (error) {
      if (!isRejection(error)) throw error;
      const rejected = await rejectObject(raw, errorMessage(error), options.now, deps);
      options.onResult?.(rejected);
      return [rejected];
    }

    const watches = await watchesInForce(options.config, deps);
    const concurrency = options.concurrency ?? 1;
    options.onDocuments?.(documents.length);
    const report = (result: IngestResult) => {
      results.push(result);
      options.onResult?.(result);
    };
    if ((options.groupSize ?? 1) > 1) {
      await inGroups(documents, options.groupSize!, (normalize) => prepareDocument(normalize, raw, watches, options), deps, report);
    } else {
      const documentResult = async (normalize: PendingDocument): Promise<IngestResult> => {
        const prepared = prepareDocument(normalize, raw, watches, options);
        if (!('ctx' in prepared)) return prepared;
        return ingestRacingDocument(prepared.ctx, concurrency > 1 ? RACING_DOCUMENT_ATTEMPTS : 1, deps);
      };
      await inDocumentOrder(documents, concurrency, documentResult, report);
    }
  } catch (error) {
    // Visible to whoever follows the log (`ingest --aws --wait`); the retry overwrites it.
    await recordFailure(raw, results, options.now, describeError(error), deps);
    throw error;
  }
  // Every drop is logged once processed: its rejections stay visible, and an uploader waiting
  // for it (`ingest --aws --wait`) learns it was processed and how each document went.
  await deps.store.recordObject(objectRecord(raw, results, options.now));
  return results;
}

type PendingDocument = ReturnType<typeof splitObject>[number];

/** A document normalized, with its source and context; or its rejection. */
function prepareDocument(
  normalize: PendingDocument,
  raw: RawObject,
  watches: Watch[],
  options: ObjectOptions,
): { ctx: DocumentContext } | IngestResult {
  const outcome = normalize();
  if (!outcome.ok) return { file: raw.key, index: outcome.index, status: 'rejected', error: outcome.error };
  const source = resolveSource({ cliSource: options.cliSource, metadata: raw.metadata, doc: outcome.doc, key: raw.key });
  return { ctx: { doc: outcome.doc, source, rawKey: raw.key, watches, now: options.now, config: options.config } };
}

/**
 * The documents in groups of up to `size` (ingestGroup), results reported in input order as each
 * group is stored. The first groups are smaller (1, then 4, 16 … documents): the first result
 * line of a long file comes after one document, not a whole group. The next group is normalized
 * and tagged while the store writes the one before (its actor registry reads and writes follow
 * the last group's, as one at a time).
 */
async function inGroups(
  documents: readonly PendingDocument[],
  size: number,
  prepare: (normalize: PendingDocument) => { ctx: DocumentContext } | IngestResult,
  deps: DocumentDeps,
  report: (result: IngestResult) => void,
): Promise<void> {
  const tagGroup = async (members: readonly PendingDocument[]): Promise<(GroupDocument | IngestResult)[]> => {
    const prepared = members.map(prepare).map((item) => ('ctx' in item ? { ctx: item.ctx, candidates: extractActors(item.ctx.doc) } : item));
    // The registry's items for every name of the group, in one read: the store serves each
    // document's lookup from it, except the items a document before it wrote (its registry
    // updates), which are read again, so each sees what one at a time would have seen.
    const lookups = prepared.flatMap((item) => ('candidates' in item ? [actorLookup(item.candidates)] : []));
    if (lookups.length > 1) await deps.store.findActorsByAlias(lookups.flatMap(([keys]) => keys), lookups.flatMap(([, ids]) => ids));
    const group: (GroupDocument | IngestResult)[] = [];
    for (const item of prepared) {
      group.push('candidates' in item ? { ctx: item.ctx, draft: await tagDocument(item.ctx, deps, item.candidates) } : item);
    }
    return group;
  };
  const groups = groupBounds(documents.length, size).map(([start, end]) => documents.slice(start, end));
  let next: Promise<(GroupDocument | IngestResult)[]> | undefined = groups.length > 0 ? tagGroup(groups[0]) : undefined;
  // The last group started, done and reported: the next one publishes its alerts after it.
  let previous: Promise<void> = Promise.resolve();
  for (let g = 0; next; g++) {
    const group: (GroupDocument | IngestResult)[] = await next;
    next = g + 1 < groups.length ? tagGroup(groups[g + 1]) : undefined;
    // Awaited below, or dropped with the failure of this group: never an unhandled rejection.
    next?.catch(() => undefined);
    let stored!: () => void;
    const written = new Promise<void>((resolve) => { stored = resolve; });
    const done = ingestGroup(group.filter((item): item is GroupDocument => 'draft' in item), deps, { previous, stored });
    previous = done.then((results) => {
      const each = results.values();
      // The stored results in input order, each rejected document's result in its place.
      for (const item of group) report('draft' in item ? each.next().value! : item);
    });
    // A failure surfaces here, or from the next group (it waits for this one), or below.
    previous.catch(() => undefined);
    // The next group plans against this one's stories, and tags meanwhile.
    await Promise.race([written, previous]);
  }
  await previous;
}

/** [start, end) of each group: 1 document, then 4 times as many each time, up to `size`. */
export function groupBounds(count: number, size: number): [number, number][] {
  const bounds: [number, number][] = [];
  for (let start = 0, length = 1; start < count; start += length, length = Math.min(size, length * 4)) {
    bounds.push([start, Math.min(count, start + Math.min(length, size))]);
  }
  return bounds;
}

/**
 * One document, run up to `attempts` times while it loses races to its own object's documents
 * (a story's version, an announcement not created yet): the loser runs again here, resuming what
 * it did, rather than failing the object. One at a time (1 attempt), nothing races but other
 * processes, and the caller retries. A rejection is the document's result; any other error fails.
 */
async function ingestRacingDocument(context: DocumentContext, attempts: number, deps: DocumentDeps): Promise<IngestResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ingestDocument(context, deps);
    } catch (error) {
      if (error instanceof RetryableError && attempt < attempts) continue;
      if (!isRejection(error)) throw error;
      return rejectedResult(context, error);
    }
  }
}

/**
 * Runs `work` over the items with at most `concurrency` in flight, and hands each result to
 * `report` in item order as soon as it and all before it are done. On a failure no new item
 * starts; those in flight settle (the results before the failed item are reported, so the
 * object log names them; a rerun finds the others done), then the first failure is thrown.
 */
async function inDocumentOrder<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>, report: (result: R) => void): Promise<void> {
  const done = new Map<number, R>();
  let next = 0;
  let reported = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        done.set(index, await work(items[index]));
      } catch (error) {
        failure ??= { error };
        return;
      }
      while (done.has(reported)) {
        report(done.get(reported)!);
        done.delete(reported++);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failure) throw failure.error;
}

/** On the way out of a failure: the failure is what the caller must see, not a failure to log it. */
async function recordFailure(raw: RawObject, results: IngestResult[], now: string, error: string, deps: ObjectDeps): Promise<void> {
  try {
    await deps.store.recordObject(objectRecord(raw, results, now, { error, failed: true }));
  } catch {
    // The store may be what failed; the original error propagates.
  }
}

async function watchesInForce(config: IngestConfig, deps: ObjectDeps): Promise<Watch[]> {
  const stored = await deps.store.listWatches();
  return config.trackAll ? [...stored, TRACK_ALL_WATCH] : stored;
}

async function rejectObject(raw: RawObject, error: string, now: string, deps: ObjectDeps): Promise<IngestResult> {
  const quarantineKey = await deps.objects?.quarantine(raw, error);
  const result: IngestResult = { file: raw.key, status: 'rejected', error };
  await deps.store.recordObject(objectRecord(raw, [result], now, { error, quarantineKey }));
  return result;
}

/**
 * The object-log record of a processed object (or, `failed`, of one whose run stopped on a
 * failure after the documents in `results`): every outcome counted, the per-document results
 * kept within OBJECT_LOG_LIMITS (rejected ones first, then in document order; each shortened),
 * so that the record fits in one DynamoDB item whatever the size of the drop.
 */
export function objectRecord(
  raw: Pick<RawObject, 'key' | 'version'>,
  results: IngestResult[],
  now: string,
  failure: { error?: string; quarantineKey?: string; failed?: boolean } = {},
): ObjectRecord {
  const counts = { ingested: 0, duplicate: 0, rejected: 0 };
  for (const result of results) counts[result.status]++;
  const status = failure.failed ? 'failed'
    : counts.rejected === 0 ? 'ingested' : counts.rejected === results.length ? 'rejected' : 'partial';
  const record: ObjectRecord = {
    key: raw.key,
    status,
    counts,
    resultCount: results.length,
    results: keptResults(results),
    processedAt: now,
  };
  if (raw.version !== undefined) record.version = raw.version;
  if (failure.error !== undefined) record.error = shorten(failure.error, OBJECT_LOG_LIMITS.errorChars);
  if (failure.quarantineKey !== undefined) record.quarantineKey = failure.quarantineKey;
  return record;
}

/** Rejected results first (never the ones left out), then the others, until a limit is reached. */
function keptResults(results: IngestResult[]): ObjectResult[] {
  const ordered = [...results.filter((r) => r.status === 'rejected'), ...results.filter((r) => r.status !== 'rejected')];
  const kept: ObjectResult[] = [];
  let bytes = 0;
  for (const result of ordered) {
    if (kept.length >= OBJECT_LOG_LIMITS.results) break;
    const summary = summarize(result);
    const size = Buffer.byteLength(JSON.stringify(summary), 'utf8');
    if (bytes + size > OBJECT_LOG_LIMITS.resultBytes) break;
    bytes += size;
    kept.push(summary);
  }
  return kept;
}

/** Article texts, actors and alerts live in their own items: the log keeps the outcome and what names it. */
function summarize({ index, status, error, articleId, storyId, source, title }: IngestResult): ObjectResult {
  const summary: ObjectResult = { status };
  if (index !== undefined) summary.index = index;
  if (error !== undefined) summary.error = shorten(error, OBJECT_LOG_LIMITS.errorChars);
  if (articleId !== undefined) summary.articleId = articleId;
  if (storyId !== undefined) summary.storyId = storyId;
  if (source !== undefined) summary.source = shorten(source, OBJECT_LOG_LIMITS.sourceChars);
  if (title !== undefined) summary.title = shorten(title, OBJECT_LOG_LIMITS.titleChars);
  return summary;
}

/** At most `chars` UTF-16 units, an ellipsis marking the cut; never half a surrogate pair. */
function shorten(text: string, chars: number): string {
  if (text.length <= chars) return text;
  let end = chars - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
