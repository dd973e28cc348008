import { feedSourceName, feedSourceSlug } from './feed-id';
import type { Feed, FeedArticle, ParsedFeedItem } from './types';

/**
 * One new item as the JSON article dropped into `incoming/<feed source>/<item id>.json`.
 * `pageText` is the extracted linked page (--full-text), used when it says more than the item.
 */
export function feedItemToArticle(
  item: ParsedFeedItem,
  dedupKey: string,
  feed: Pick<Feed, 'id' | 'name' | 'addedUrl'>,
  baseUrl: string | undefined,
  pageText?: string,
): FeedArticle {
  const url = resolveLink(item.link, baseUrl) ?? resolveLink(guidAsLink(item.guid), baseUrl);
  const itemText = [item.content, item.summary].map((v) => v?.trim()).find((v) => v) ?? '';
  const title = plainTitle(item.title);
  const useful = pageText && plainLength(pageText) > plainLength(itemText) ? pageText : itemText;
  return {
    dedupKey,
    key: `incoming/${feedSourceSlug(feed)}/${dedupKey}.json`,
    article: {
      title,
      // An item with only a title still becomes an article: its title is its text.
      text: useful || title || url || '',
      url,
      source: feedSourceName(feed),
      publishedAt: item.publishedAt,
      byline: item.author?.trim() || undefined,
      feedId: feed.id,
      feedItemId: dedupKey,
    },
  };
}

/** An item is worth an article if it says something: a title, a link or some text. */
export function isUsableItem(item: ParsedFeedItem): boolean {
  return [item.title, item.link, item.content, item.summary].some((v) => (v ?? '').trim() !== '');
}

/** Absolute http(s) URL of a link, resolved against the feed's own link or address. */
export function resolveLink(link: string | undefined, baseUrl: string | undefined): string | undefined {
  const value = link?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value, baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Titles are often HTML in disguise (a CDATA holding "&#x0024;4300 3bd 1930ft<sup>2</sup>", an
 * Atom type="html" title): tags dropped, character references decoded, whitespace folded.
 */
export function plainTitle(title: string | undefined): string {
  if (!title) return '';
  const looksLikeHtml = /<\/?[a-z][^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);/i.test(title);
  const text = looksLikeHtml
    ? title.replace(/<[^>]*>/g, '')
      .replace(/&#x([0-9a-f]+);/gi, (m, hex) => safeCodePoint(parseInt(hex, 16)) ?? m)
      .replace(/&#(\d+);/g, (m, dec) => safeCodePoint(Number(dec)) ?? m)
      .replace(/&([a-z]+);/gi, (m, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? m)
    : title;
  return text.replace(/\s+/g, ' ').trim();
}

function safeCodePoint(code: number): string | undefined {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

function guidAsLink(guid: string | undefined): string | undefined {
  return guid && /^https?:\/\//i.test(guid.trim()) ? guid : undefined;
}

function plainLength(text: string): number {
  return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().length;
}
