import { activityHour } from '../cluster/activity';

/**
 * Articles per time bucket over a story's life, for a sparkline: its span (first to last hour of
 * activity) cut into at most `maxBuckets` equal buckets of whole hours. Day buckets (hours folded
 * on a long story) count at that day's first hour. A story with no recorded activity (stored
 * before it was kept) is one bucket of all its articles.
 */
export function sparkline(activity: Record<string, number> | undefined, articleCount: number, maxBuckets: number): number[] {
  const entries = Object.entries(activity ?? {})
    .map(([bucket, count]) => ({ hour: hourIndex(bucket), count }))
    .filter((entry): entry is { hour: number; count: number } => entry.hour !== undefined);
  if (entries.length === 0) return [articleCount];
  const first = Math.min(...entries.map((e) => e.hour));
  const last = Math.max(...entries.map((e) => e.hour));
  const hours = last - first + 1;
  const width = Math.ceil(hours / Math.max(1, maxBuckets));
  const spark = new Array<number>(Math.ceil(hours / width)).fill(0);
  for (const { hour, count } of entries) spark[Math.floor((hour - first) / width)] += count;
  return spark;
}

/** Hours since the epoch of an hour (`YYYY-MM-DDTHH`) or day (`YYYY-MM-DD`) bucket. */
function hourIndex(bucket: string): number | undefined {
  const iso = bucket.length === 10 ? `${bucket}T00:00:00Z` : `${bucket}:00:00Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) || activityHour(iso) === undefined ? undefined : Math.floor(ms / 3_600_000);
}
