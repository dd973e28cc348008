import type { Feed, FeedArticle, FetchRequest, FetchResult, ParsedFeed } from '../core/feeds/types';

/** "This item of this feed was seen": claimed before its article is written, done after. */
export interface FeedItemMarker {
  state: 'pending' | 'done';
  key: string;
}

export interface FeedStore {
  /** Creates the feed if its id is new; false when it already exists. */
  addFeed(feed: Feed): Promise<boolean>;
  putFeed(feed: Feed): Promise<void>;
  getFeed(id: string): Promise<Feed | undefined>;
  /** Every feed, soonest next poll first (one Query; feeds are few). */
  listFeeds(): Promise<Feed[]>;
  /** Feeds whose next poll is at or before `now` (a Query on the next-poll index, never a Scan). */
  listDueFeeds(now: string, limit?: number): Promise<Feed[]>;
  deleteFeed(id: string): Promise<boolean>;
  /** The markers of these dedup keys that exist (BatchGetItem). */
  getItemMarkers(feedId: string, dedupKeys: string[]): Promise<Map<string, FeedItemMarker>>;
  /** Conditional put: true for the one caller that saw the item first, in any process. */
  claimItem(feedId: string, dedupKey: string, articleKey: string, at: string): Promise<boolean>;
  markItemDone(feedId: string, dedupKey: string, articleKey: string, at: string): Promise<void>;
}

/** HTTP: conditional GET of a feed; a plain GET of a linked page for --full-text. */
export interface FeedFetcher {
  fetchFeed(request: FetchRequest): Promise<FetchResult>;
  fetchPage(url: string): Promise<{ body: Uint8Array; contentType?: string; finalUrl: string }>;
}

/** Bytes to feed; throws FeedParseError when they are not a feed. */
export type FeedParser = (body: Uint8Array, contentType: string | undefined) => Promise<ParsedFeed>;

/** Extracts the main text of a fetched page (--full-text); undefined when there is none. */
export type PageTextExtractor = (page: { body: Uint8Array; contentType?: string; finalUrl: string }) => string | undefined;

/** Where new items go: the drop bucket in AWS, the local pipeline on a laptop. */
export interface FeedArticleSink {
  putArticle(item: FeedArticle): Promise<void>;
}
