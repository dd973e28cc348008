/**
 * The story index as the cluster step reads it: one head per index key, story id -> lastSeen
 * (the store keeps the newest of each). The store ranks candidates with these functions, and a
 * grouped ingest (core/ingest/ingestGroup.ts) ranks them the same way over the heads as its own
 * earlier documents left them, so both find the same candidates.
 */
export type IndexHead = Record<string, string>;

/** The `limit` newest entries of a head, newest first (ties by id, so every reader agrees). */
export function newestEntries(head: IndexHead, limit: number): { id: string; lastSeen: string }[] {
  return Object.entries(head).map(([id, lastSeen]) => ({ id, lastSeen: String(lastSeen) })).sort(byLastSeenDesc).slice(0, limit);
}

/** Newest first, then by id. */
export function byLastSeenDesc(a: { lastSeen: string; id: string }, b: { lastSeen: string; id: string }): number {
  if (a.lastSeen !== b.lastSeen) return a.lastSeen < b.lastSeen ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Story ids under the heads' newest `limitPerKey` entries: stories found under more of the keys
 * first (an actor, rare terms, wording shared: the likelier match), then the most recently seen.
 */
export function rankCandidateStories(heads: Iterable<IndexHead>, limitPerKey: number): string[] {
  if (limitPerKey <= 0) return [];
  const found = new Map<string, { id: string; lastSeen: string; keys: number }>();
  for (const head of heads) {
    for (const { id, lastSeen } of newestEntries(head, limitPerKey)) {
      const entry = found.get(id) ?? { id, lastSeen, keys: 0 };
      entry.keys++;
      if (entry.lastSeen < lastSeen) entry.lastSeen = lastSeen;
      found.set(id, entry);
    }
  }
  return [...found.values()].sort((a, b) => b.keys - a.keys || byLastSeenDesc(a, b)).map(({ id }) => id);
}

/** The head with the story at `lastSeen` (never moved back). */
export function withStoryInHead(head: IndexHead, storyId: string, lastSeen: string): IndexHead {
  return (head[storyId] ?? '') < lastSeen ? { ...head, [storyId]: lastSeen } : head;
}

/** The head cut to its `size` newest entries (what the store keeps of it). */
export function newestOfHead(head: IndexHead, size: number): IndexHead {
  return Object.fromEntries(newestEntries(head, size).map(({ id, lastSeen }) => [id, lastSeen]));
}
