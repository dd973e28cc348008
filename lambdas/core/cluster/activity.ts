/**
 * A story's activity: how many of its articles were published in each hour. Kept on the story so
 * that a list row can draw a sparkline, and an actor page a per-day chart, without reading the
 * articles. Bounded: past `hourLimit` hour buckets the oldest hours are folded into their day.
 */

/** The hour bucket of an ISO instant (`YYYY-MM-DDTHH`, UTC); undefined when it is not a time. */
export function activityHour(at: string): string | undefined {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 13);
}

/** The activity with one more article published at `at`. */
export function addActivity(activity: Record<string, number> | undefined, at: string, hourLimit: number): Record<string, number> {
  const hour = activityHour(at);
  const next = { ...(activity ?? {}) };
  if (!hour) return next;
  next[hour] = (next[hour] ?? 0) + 1;
  const hours = Object.keys(next).filter(isHourBucket).sort();
  for (const old of hours.slice(0, Math.max(0, hours.length - hourLimit))) {
    const day = old.slice(0, 10);
    next[day] = (next[day] ?? 0) + next[old];
    delete next[old];
  }
  return next;
}

/** Articles per UTC day (`YYYY-MM-DD`), hours and folded days added up. */
export function activityPerDay(activity: Record<string, number> | undefined): Record<string, number> {
  const days: Record<string, number> = {};
  for (const [bucket, count] of Object.entries(activity ?? {})) days[bucket.slice(0, 10)] = (days[bucket.slice(0, 10)] ?? 0) + count;
  return days;
}

function isHourBucket(bucket: string): boolean {
  return bucket.length === 13;
}
