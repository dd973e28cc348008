/** The shapes of the feed poller: a subscribed feed, a fetch, a parsed feed, a poll's report. */

export interface Feed {
  /** Stable id from the URL the feed was added with (see feedIdFor); a 301 does not change it. */
  id: string;
  /** Where the feed is fetched now: a permanent redirect (301/308) updates it. */
  url: string;
  /** The URL as the user added it. */
  addedUrl: string;
  /** User-given name (`--name`); the article source. */
  name?: string;
  /** The channel title, learned at the first successful poll. */
  title?: string;
  /** Fetch and extract the linked page of every new item. */
  fullText: boolean;
  createdAt: string;
  /** Validators of the last 200 response, sent back as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  lastPollAt?: string;
  /** "ok", "not-modified" or "error". */
  lastStatus?: FeedPollStatus;
  lastHttpStatus?: number;
  lastError?: string;
  /** Consecutive failed polls (drives the exponential back-off). */
  errorCount: number;
  /** The current polling interval (seconds), adapted to how often items appear. */
  intervalSec: number;
  nextPollAt: string;
  /** A server's Retry-After: no request before this, not even with --force. */
  retryAfterUntil?: string;
  /** Items ingested from this feed so far. */
  itemCount: number;
  lastNewItemAt?: string;
}

export type FeedPollStatus = 'ok' | 'not-modified' | 'error';

export interface FetchRequest {
  url: string;
  etag?: string;
  lastModified?: string;
}

interface FetchCommon {
  /** The URL that answered, after redirects. */
  finalUrl: string;
  /** Set when the chain began with permanent redirects (301/308): where the feed lives now. */
  permanentUrl?: string;
  status: number;
  /** Raw Cache-Control and Retry-After headers, interpreted by the core. */
  cacheControl?: string;
  retryAfter?: string;
}

export type FetchResult =
  | (FetchCommon & {
    kind: 'ok'; body: Uint8Array; contentType?: string; etag?: string; lastModified?: string;
  })
  | (FetchCommon & { kind: 'not-modified' })
  | (FetchCommon & { kind: 'http-error' });

/** One item as the parser gives it, before dedup. */
export interface ParsedFeedItem {
  guid?: string;
  link?: string;
  title?: string;
  /** HTML or text: content:encoded, content, description or summary, the longest. */
  content?: string;
  summary?: string;
  author?: string;
  /** ISO 8601 when the item carries a parseable date. */
  publishedAt?: string;
}

export interface ParsedFeed {
  title?: string;
  link?: string;
  items: ParsedFeedItem[];
}

/** A new item: its dedup key and the JSON article it becomes. */
export interface FeedArticle {
  dedupKey: string;
  /** `incoming/<feed source>/<item id>.json` */
  key: string;
  article: JsonFeedArticle;
}

/** The JSON article written into the drop bucket: our own schema, read by normalize's JSON reader. */
export interface JsonFeedArticle {
  title: string;
  text: string;
  url?: string;
  source: string;
  publishedAt?: string;
  byline?: string;
  feedId: string;
  feedItemId: string;
}

export interface FeedPollReport {
  feedId: string;
  url: string;
  status: FeedPollStatus | 'skipped';
  httpStatus?: number;
  newItems: number;
  /** New items left for the next poll by maxItemsPerPoll. */
  deferredItems?: number;
  keys: string[];
  error?: string;
  nextPollAt: string;
  movedTo?: string;
  /** The sink or the store failed while polling (not the feed itself): worth retrying the run. */
  infrastructureError?: boolean;
}
