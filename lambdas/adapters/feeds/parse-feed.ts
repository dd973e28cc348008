import Parser from 'rss-parser';
import { errorMessage, FeedParseError } from '../../core/errors';
import { decodeFeedBytes } from '../../core/feeds/decode-feed';
import type { ParsedFeed, ParsedFeedItem } from '../../core/feeds/types';
import type { FeedParser } from '../../ports/feeds';

type RawItem = Record<string, unknown>;

/**
 * rss-parser over text, never over a URL: the fetching (conditional GET) is ours. A new parser per
 * feed: rss-parser keeps ONE xml2js parser per instance, and xml2js is not re-entrant, so feeds
 * parsed at the same time through one instance get each other's items.
 */
function newParser(): Parser<Record<string, unknown>, RawItem> {
  return new Parser({
    // `<rss>` without a version attribute is read as RSS 2.0 (rss-parser's own test for such feeds).
    defaultRSS: 2,
    customFields: { item: ['summary', 'description', 'dc:creator', 'author', 'id', 'published', 'updated'] },
  });
}

/** Decodes the bytes (BOM, HTTP charset, XML declaration, Latin fallback), then parses RSS 0.9x/1.0/2.0 or Atom. */
export function createFeedParser(maxBytes: number): FeedParser {
  return async (body, contentType) => parseFeedText(decodeFeedBytes(body, contentType, maxBytes));
}

export async function parseFeedText(text: string): Promise<ParsedFeed> {
  let feed: Record<string, unknown> & { items?: RawItem[] };
  try {
    feed = await newParser().parseString(text);
  } catch (error) {
    throw new FeedParseError(`not a readable RSS/Atom feed: ${firstLine(errorMessage(error))}`, { cause: error });
  }
  const items = (feed.items ?? []).map(toItem);
  const title = str(feed.title);
  if (!title && !items.some((item) => item.title || item.link || item.content || item.summary)) {
    throw new FeedParseError('not a usable feed: no channel title and no item with a title, link or text');
  }
  return { title, link: str(feed.link), items };
}

function toItem(raw: RawItem): ParsedFeedItem {
  const encoded = str(raw['content:encoded']);
  const content = str(raw.content);
  const summary = str(raw.summary) ?? str(raw.description) ?? str(raw.contentSnippet);
  return {
    guid: str(raw.guid) ?? str(raw.id),
    link: str(raw.link),
    title: str(raw.title),
    content: longest(encoded, content),
    summary,
    author: str(raw.creator) ?? str(raw['dc:creator']) ?? authorName(raw.author),
    publishedAt: isoDate(raw.isoDate) ?? isoDate(raw.pubDate) ?? isoDate(raw.published) ?? isoDate(raw.updated),
  };
}

/** xml2js gives text, or an object ({_: text, $: attributes}) when the element has attributes. */
function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() ? value : undefined;
  if (Array.isArray(value)) return str(value[0]);
  if (value && typeof value === 'object' && '_' in value) return str((value as { _: unknown })._);
  return undefined;
}

function authorName(value: unknown): string | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'name' in value) return str((value as { name: unknown }).name);
  return str(value);
}

function longest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.length > a.length ? b : a;
}

function isoDate(value: unknown): string | undefined {
  const text = str(value);
  if (!text) return undefined;
  const time = Date.parse(text);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0].slice(0, 200);
}
