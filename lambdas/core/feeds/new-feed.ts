import { feedIdFor, normalizeFeedUrl } from './feed-id';
import type { Feed } from './types';

/** A feed as `feeds add` creates it: due at once, default interval, nothing seen yet. */
export function newFeed(input: { url: string; name?: string; fullText?: boolean }, now: Date, defaultIntervalSec: number): Feed {
  const url = normalizeFeedUrl(input.url);
  return {
    id: feedIdFor(url),
    url,
    addedUrl: url,
    name: input.name?.trim() || undefined,
    fullText: input.fullText ?? false,
    createdAt: now.toISOString(),
    errorCount: 0,
    intervalSec: defaultIntervalSec,
    nextPollAt: now.toISOString(),
    itemCount: 0,
  };
}
