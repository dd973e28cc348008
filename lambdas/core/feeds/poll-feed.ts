import { errorMessage, FeedFetchError, FeedParseError, isRejection } from '../errors';
import { feedItemToArticle, isUsableItem } from './article';
import type { FeedPollConfig } from './config';
import { assignDedupKeys } from './dedup';
import { isFeedDue, scheduleNextPoll, type ScheduleOutcome } from './schedule';
import type { Feed, FeedArticle, FeedPollReport, FetchResult, ParsedFeed } from './types';
import type {
  FeedArticleSink, FeedFetcher, FeedParser, FeedStore, PageTextExtractor,
} from '../../ports/feeds';

export interface PollDeps {
  store: FeedStore;
  fetcher: FeedFetcher;
  parse: FeedParser;
  sink: FeedArticleSink;
  /** For --full-text feeds; without it their items keep the feed's own text. */
  extractPage?: PageTextExtractor;
}

export interface PollOptions {
  now: Date;
  config: FeedPollConfig;
}

/**
 * One poll of one feed: conditional GET, parse, dedup against the feed's seen-item markers,
 * one JSON article per new item into the sink, then the feed's new state and next poll.
 *
 * Exactly once across processes: an item's marker is claimed with a conditional put before its
 * article is written and marked done after. A marker left pending (a crash in between) is
 * written again at the next poll: downstream, the same article is a duplicate, never a second one.
 * A fetch or parse failure is recorded on the feed (the run goes on); a failing sink or store
 * leaves the validators unchanged, so the next poll fetches the feed again.
 */
export async function pollFeed(feed: Feed, options: PollOptions, deps: PollDeps): Promise<FeedPollReport> {
  const { now, config } = options;
  let fetched: FetchResult;
  try {
    fetched = await deps.fetcher.fetchFeed({ url: feed.url, etag: feed.etag, lastModified: feed.lastModified });
  } catch (error) {
    if (!(error instanceof FeedFetchError)) throw error;
    return recordFailure(feed, { kind: 'error' }, errorMessage(error), undefined, options, deps);
  }
  const moved = fetched.permanentUrl && fetched.permanentUrl !== feed.url ? fetched.permanentUrl : undefined;
  const current: Feed = moved ? { ...feed, url: moved } : feed;

  if (fetched.kind === 'http-error') {
    const outcome: ScheduleOutcome = { kind: 'error', httpStatus: fetched.status, retryAfter: fetched.retryAfter };
    return recordFailure(current, outcome, `HTTP ${fetched.status}`, fetched.status, options, deps, moved);
  }
  if (fetched.kind === 'not-modified') {
    const next = scheduleNextPoll(current, { kind: 'not-modified', cacheControl: fetched.cacheControl }, now, config);
    const updated: Feed = {
      ...current, ...next, retryAfterUntil: undefined, lastPollAt: now.toISOString(), lastStatus: 'not-modified',
      lastHttpStatus: fetched.status, lastError: undefined,
    };
    await deps.store.putFeed(updated);
    return report(updated, 'not-modified', fetched.status, [], undefined, moved);
  }

  let parsed: ParsedFeed;
  try {
    parsed = await deps.parse(fetched.body, fetched.contentType);
  } catch (error) {
    // Only the feed's own fault (not a feed we can read) is recorded on it; a bug fails the run.
    if (!isFeedsFault(error)) throw error;
    return recordFailure(current, { kind: 'error', httpStatus: fetched.status }, errorMessage(error), fetched.status, options, deps, moved);
  }

  const { written, deferred } = await ingestNewItems(current, parsed, fetched.finalUrl, now, config.maxItemsPerPoll, deps);
  const next = scheduleNextPoll(current, {
    kind: 'ok', itemDates: parsed.items.map((i) => i.publishedAt), cacheControl: fetched.cacheControl, itemsLeft: deferred,
  }, now, config);
  // Items left over are fetched again soon (scheduleNextPoll) and without validators: a 304 would hide them.
  const validators = deferred > 0 ? { etag: undefined, lastModified: undefined } : { etag: fetched.etag, lastModified: fetched.lastModified };
  const updated: Feed = {
    ...current, ...next, ...validators, retryAfterUntil: undefined,
    title: parsed.title?.trim() || current.title,
    lastPollAt: now.toISOString(), lastStatus: 'ok', lastHttpStatus: fetched.status, lastError: undefined,
    itemCount: current.itemCount + written.length,
    lastNewItemAt: written.length > 0 ? now.toISOString() : current.lastNewItemAt,
  };
  await deps.store.putFeed(updated);
  return { ...report(updated, 'ok', fetched.status, written.map((w) => w.key), undefined, moved), ...(deferred > 0 ? { deferredItems: deferred } : {}) };
}

/**
 * Items not seen before, oldest first, each claimed, written and marked; at most `limit` of
 * them, the newest (the others are counted as deferred and left unmarked for the next poll).
 */
async function ingestNewItems(
  feed: Feed, parsed: ParsedFeed, finalUrl: string, now: Date, limit: number, deps: PollDeps,
): Promise<{ written: FeedArticle[]; deferred: number }> {
  const items = parsed.items.filter(isUsableItem);
  const keys = assignDedupKeys(items, [feed.url, feed.addedUrl, finalUrl, parsed.link ?? '']);
  const markers = await deps.store.getItemMarkers(feed.id, [...new Set(keys)]);
  const baseUrl = (parsed.link && safeResolve(parsed.link, finalUrl)) || finalUrl;
  const at = now.toISOString();
  const handled = new Set<string>();
  const fresh = publicationOrder(items).filter((i) => {
    if (handled.has(keys[i])) return false;
    handled.add(keys[i]);
    return markers.get(keys[i])?.state !== 'done';
  });
  const taken = fresh.slice(Math.max(0, fresh.length - limit));
  const written: FeedArticle[] = [];
  for (const i of taken) {
    const dedupKey = keys[i];
    const marker = markers.get(dedupKey);
    const pageText = feed.fullText ? await fullText(items[i].link, baseUrl, deps) : undefined;
    const article = feedItemToArticle(items[i], dedupKey, feed, baseUrl, pageText);
    if (!marker && !(await deps.store.claimItem(feed.id, dedupKey, article.key, at))) continue;
    await deps.sink.putArticle(article);
    await deps.store.markItemDone(feed.id, dedupKey, article.key, at);
    written.push(article);
  }
  return { written, deferred: fresh.length - taken.length };
}

/**
 * Item indexes, oldest first, so stories grow in publication order: by date when every item has
 * one, else the reverse of document order (feeds list newest first).
 */
function publicationOrder(items: ParsedFeed['items']): number[] {
  const indexes = items.map((_, i) => i);
  const times = items.map((item) => (item.publishedAt ? Date.parse(item.publishedAt) : NaN));
  if (times.every((t) => Number.isFinite(t))) return indexes.sort((a, b) => times[a] - times[b] || b - a);
  return indexes.reverse();
}

async function fullText(link: string | undefined, baseUrl: string, deps: PollDeps): Promise<string | undefined> {
  const url = link ? safeResolve(link, baseUrl) : undefined;
  if (!url || !deps.extractPage) return undefined;
  try {
    return deps.extractPage(await deps.fetcher.fetchPage(url));
  } catch (error) {
    // A page that cannot be fetched or read leaves the item with the feed's own text.
    if (error instanceof FeedFetchError || isFeedsFault(error)) return undefined;
    throw error;
  }
}

/** The input's fault (a feed or page we cannot read), by the one failure policy: anything else fails the run. */
function isFeedsFault(error: unknown): boolean {
  return error instanceof FeedParseError || isRejection(error);
}

async function recordFailure(
  feed: Feed, outcome: ScheduleOutcome, error: string, httpStatus: number | undefined,
  options: PollOptions, deps: PollDeps, moved?: string,
): Promise<FeedPollReport> {
  const next = scheduleNextPoll(feed, outcome, options.now, options.config);
  const updated: Feed = {
    ...feed, ...next, lastPollAt: options.now.toISOString(), lastStatus: 'error', lastHttpStatus: httpStatus,
    lastError: error.slice(0, options.config.maxErrorChars),
  };
  await deps.store.putFeed(updated);
  return report(updated, 'error', httpStatus, [], updated.lastError, moved);
}

function report(
  feed: Feed, status: FeedPollReport['status'], httpStatus: number | undefined, keys: string[], error?: string, movedTo?: string,
): FeedPollReport {
  return { feedId: feed.id, url: feed.url, status, httpStatus, newItems: keys.length, keys, error, nextPollAt: feed.nextPollAt, movedTo };
}

function safeResolve(link: string, base: string): string | undefined {
  try {
    return new URL(link, base).toString();
  } catch {
    return undefined;
  }
}

export interface PollRunOptions extends PollOptions {
  /** Poll every feed now, ignoring the adaptive schedule and back-off, never a Retry-After. */
  force?: boolean;
  /** Most feeds polled in one run (the rest stay due for the next run). */
  limit?: number;
  /** Stop starting new polls when this says so (a Lambda running out of time). */
  shouldStop?: () => boolean;
}

/**
 * One poller run: the due feeds (or, forced, every feed not held by a Retry-After), a few at a
 * time. A feed that fails does not stop the others. A report with `infrastructureError` says the
 * sink or the store failed (not the feed): the Lambda handler then fails the run so it is retried.
 */
export async function pollDueFeeds(options: PollRunOptions, deps: PollDeps): Promise<FeedPollReport[]> {
  const at = options.now.toISOString();
  const candidates = options.force ? await deps.store.listFeeds() : await deps.store.listDueFeeds(at, options.limit);
  const due = candidates.filter((feed) => isFeedDue(feed, options.now, options.force)).slice(0, options.limit);
  const reports: FeedPollReport[] = [];
  let next = 0;
  const worker = async () => {
    while (next < due.length && !options.shouldStop?.()) {
      const feed = due[next++];
      try {
        reports.push(await pollFeed(feed, options, deps));
      } catch (error) {
        reports.push({
          feedId: feed.id, url: feed.url, status: 'error', newItems: 0, keys: [], error: errorMessage(error),
          nextPollAt: feed.nextPollAt, infrastructureError: true,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.config.concurrency, due.length)) }, worker));
  return reports;
}
