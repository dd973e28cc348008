import { createHash } from 'node:crypto';
import type { ParsedFeedItem } from './types';

/**
 * Dedup key of every item of one fetch, per feed: the guid, else the link, else a hash of the
 * content. A guid is "broken" when the feed gives it to several different items in one fetch,
 * or when it is just the feed's own address (both happen in the wild): the link is used instead,
 * and the content hash when the link is broken the same way. Keys are hashed to a fixed length
 * (they become sort keys) with a prefix saying what they came from: g- guid, l- link, h- content.
 */
export function assignDedupKeys(items: ParsedFeedItem[], feedUrls: string[] = []): string[] {
  const feedAddresses = new Set(feedUrls.map(canonical).filter(Boolean));
  const guidCounts = countBy(items.map((item) => canonical(item.guid)));
  const linkCounts = countBy(items.map((item) => canonical(item.link)));
  const usable = (value: string, counts: Map<string, number>) =>
    value !== '' && (counts.get(value) ?? 0) === 1 && !feedAddresses.has(value);
  return items.map((item) => {
    const guid = canonical(item.guid);
    if (usable(guid, guidCounts)) return `g-${digest(guid)}`;
    const link = canonical(item.link);
    if (usable(link, linkCounts)) return `l-${digest(link)}`;
    return `h-${digest(contentFingerprint(item))}`;
  });
}

/** The content an item is when it has no trustworthy identity: title and text, whitespace folded. */
export function contentFingerprint(item: ParsedFeedItem): string {
  return [item.title, item.link, item.content ?? item.summary].map((v) => (v ?? '').replace(/\s+/g, ' ').trim()).join('\n');
}

function canonical(value: string | undefined): string {
  return (value ?? '').trim();
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}
