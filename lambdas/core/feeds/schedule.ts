import type { FeedPollConfig } from './config';
import type { Feed } from './types';

/** What a poll came to, as far as the schedule cares. */
export type ScheduleOutcome =
  /** itemsLeft: new items this poll did not take (maxItemsPerPoll): the next poll comes at the minimum interval. */
  | { kind: 'ok'; itemDates: (string | undefined)[]; cacheControl?: string; itemsLeft?: number }
  | { kind: 'not-modified'; cacheControl?: string }
  | { kind: 'error'; httpStatus?: number; retryAfter?: string };

export interface ScheduleDecision {
  intervalSec: number;
  errorCount: number;
  nextPollAt: string;
  retryAfterUntil?: string;
}

/**
 * When to poll the feed next. Success: the adaptive interval (item rate over the last week),
 * never sooner than the server's Cache-Control max-age, bounded to [min, max]. Failure:
 * exponential back-off from the base, and never before a 429/503 Retry-After.
 */
export function scheduleNextPoll(feed: Feed, outcome: ScheduleOutcome, now: Date, config: FeedPollConfig): ScheduleDecision {
  if (outcome.kind === 'error') {
    const errorCount = feed.errorCount + 1;
    const backoffSec = clamp(config.backoffBaseSec * 2 ** (errorCount - 1), config.minIntervalSec, config.maxIntervalSec);
    const retryAfterSec = retryAfterApplies(outcome.httpStatus) ? parseRetryAfter(outcome.retryAfter, now) : undefined;
    const retryAfterUntil = retryAfterSec === undefined
      ? undefined
      : addSeconds(now, Math.min(retryAfterSec, config.maxRetryAfterSec));
    const backoffUntil = addSeconds(now, backoffSec);
    return {
      intervalSec: feed.intervalSec,
      errorCount,
      nextPollAt: retryAfterUntil && retryAfterUntil > backoffUntil ? retryAfterUntil : backoffUntil,
      retryAfterUntil,
    };
  }
  const adaptive = outcome.kind === 'ok'
    ? intervalFromItemDates(outcome.itemDates, now, config)
    : feed.intervalSec;
  const maxAge = parseMaxAge(outcome.cacheControl) ?? 0;
  const intervalSec = clamp(Math.max(adaptive, maxAge), config.minIntervalSec, config.maxIntervalSec);
  const soon = outcome.kind === 'ok' && (outcome.itemsLeft ?? 0) > 0;
  return { intervalSec, errorCount: 0, nextPollAt: addSeconds(now, soon ? config.minIntervalSec : intervalSec) };
}

/**
 * Miniflux's "entry frequency" rule: a feed that published N items in the last week is polled
 * every week/N; none in the week (but dated items) means the maximum; no dates at all, the default.
 */
export function intervalFromItemDates(itemDates: (string | undefined)[], now: Date, config: FeedPollConfig): number {
  const times = itemDates.map((d) => (d ? Date.parse(d) : NaN)).filter((t) => Number.isFinite(t));
  if (times.length === 0) return clamp(config.defaultIntervalSec, config.minIntervalSec, config.maxIntervalSec);
  const windowStart = now.getTime() - config.frequencyWindowSec * 1000;
  // A date in the future counts as now (clock skew, scheduled posts).
  const recent = times.filter((t) => t > windowStart).length;
  if (recent === 0) return config.maxIntervalSec;
  return clamp(Math.round(config.frequencyWindowSec / recent), config.minIntervalSec, config.maxIntervalSec);
}

/** Is the feed due? `force` ignores the adaptive schedule and the back-off, never a Retry-After. */
export function isFeedDue(feed: Pick<Feed, 'nextPollAt' | 'retryAfterUntil'>, now: Date, force = false): boolean {
  const at = now.toISOString();
  if (feed.retryAfterUntil && feed.retryAfterUntil > at) return false;
  return force || feed.nextPollAt <= at;
}

/** Retry-After: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); seconds from now, or undefined. */
export function parseRetryAfter(header: string | undefined, now: Date): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** Cache-Control max-age in seconds (s-maxage is for shared caches; we are a private client). */
export function parseMaxAge(header: string | undefined): number | undefined {
  const match = /(?:^|[,\s])max-age\s*=\s*"?(\d+)"?/i.exec(header ?? '');
  return match ? Number(match[1]) : undefined;
}

/** 429 Too Many Requests and 503 Service Unavailable carry a Retry-After worth obeying. */
function retryAfterApplies(status: number | undefined): boolean {
  return status === 429 || status === 503;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function addSeconds(date: Date, seconds: number): string {
  return new Date(date.getTime() + seconds * 1000).toISOString();
}
