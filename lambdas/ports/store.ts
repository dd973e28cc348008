import type {
  ActorRecord, Alert, Article, CoverageEntry, IngestResult, Story, Watch,
} from '../core/model';

/**
 * One document's outcome as the object log keeps it: no texts, no actor or alert lists (those
 * live in the article and alert items); `file` is the record's key; `title` and `source` are
 * shortened (OBJECT_LOG_LIMITS in core/ingest/config.ts).
 */
export type ObjectResult = Pick<IngestResult, 'index' | 'status' | 'error' | 'articleId' | 'storyId' | 'source' | 'title'>;

/**
 * What happened to one raw object, recorded once it is processed (whatever the outcome): a
 * rejection is visible, and whoever uploaded it can follow the log to learn it was processed.
 */
export interface ObjectRecord {
  key: string;
  version?: string;
  /**
   * ingested: no document rejected; rejected: every document (or the object itself); partial:
   * some; failed: the run stopped on a failure (not about the input: `error` says which) after
   * the documents in `results`, and the object will be processed again (the SQS retry, a rerun).
   */
  status: 'ingested' | 'rejected' | 'partial' | 'failed';
  /** Documents by outcome, all of them (results may be cut short; these never are). */
  counts: { ingested: number; duplicate: number; rejected: number };
  /** How many documents the object gave; `results` keeps at most OBJECT_LOG_LIMITS.results of them. */
  resultCount: number;
  /** Per-document outcomes, rejected ones first (so they are never the ones left out), then in document order. */
  results: ObjectResult[];
  error?: string;
  quarantineKey?: string;
  processedAt: string;
}

/**
 * An alert as the store reads it back: the Alert, plus the end of the delivery lease while a
 * worker holds one (recordAlert with a lease, claimAlertDelivery; removed by releaseAlertDelivery).
 */
export type StoredAlert = Alert & { deliveryLeaseUntil?: string };

export interface ArticleStore {
  /** Creates the article if its id is new. Returns the stored one when it already exists. */
  claimArticle(article: Article): Promise<{ created: true } | { created: false; existing: Article }>;
  getArticle(id: string): Promise<Article | undefined>;
  /**
   * Writes articles whole, in batches and with no condition: only for a writer alone on its
   * table (a local ingest's groups, under the data dir's lock), over articles it read absent or
   * claimed itself, which nothing else can write meanwhile. Anywhere else, claimArticle and
   * markArticleIngested.
   */
  putArticles(articles: Article[]): Promise<void>;
  /** Overwrites the stored article whole (an edit of its tags: app/actors.ts); an ingest ends with markArticleIngested. */
  saveArticle(article: Article): Promise<void>;
  /**
   * The last write of an article's run: status `ingested` in its story, a failure recorded by an
   * earlier run cleared. Only these fields change, so the article's text is not written again.
   */
  markArticleIngested(article: Pick<Article, 'id' | 'storyId' | 'copyOf'>): Promise<void>;
  /**
   * Records that the article's run stopped on a failure (status `failed`, with the error), unless
   * it is ingested already or was never claimed. A later run resumes it as it would a `processing` one.
   */
  markArticleFailed(id: string, error: string, at: string): Promise<void>;
}

export interface ActorRegistry {
  /**
   * Resolves folded alias keys to actors. `actorIds` (the ids the article's new actors would
   * get) are read in the same request, so that saving them next costs no read. The store may
   * answer a lookup from what it read a moment ago (DynamoStore: readReuseMs), never for items
   * it wrote since: a grouped ingest looks up all its documents' names at once, and each
   * document's own lookup is then served from that read.
   */
  findActorsByAlias(keys: string[], actorIds?: string[]): Promise<Map<string, ActorRecord>>;
  /** Creates or extends actors: new aliases are added, existing ones kept. */
  saveActors(actors: ActorRecord[]): Promise<void>;
  getActor(id: string): Promise<ActorRecord | undefined>;
  listActors(): Promise<ActorRecord[]>;
  /** Each id -> the actor it stands for now, merge redirects followed (BatchGetItem); unknown ids absent. */
  resolveActorIds(ids: string[]): Promise<Map<string, ActorRecord>>;
  /**
   * A user's alias: `key` resolves to `actorId` from now on, whoever owned it (users win over
   * the tagger). Returns the id of the actor that owned it before, if another one did.
   */
  setUserAlias(actorId: string, key: string): Promise<{ previousOwner?: string }>;
  /**
   * Merges `fromId` into `intoId`: `fromId` becomes a redirect (mergedInto) and its aliases move
   * to `intoId`. Idempotent: a merge cut short is completed by running it again.
   */
  mergeActor(fromId: string, intoId: string): Promise<void>;
  /** Moves the aliases `keys` of `fromId` to `actor` (created, or revived when it was merged into `fromId`). */
  splitActor(fromId: string, keys: string[], actor: ActorRecord): Promise<void>;
  /**
   * Writes the story's actor lists (topActors, profile.actors) if the stored story is still at
   * `story.version`: false on a version conflict (re-read and retry). Used after a merge.
   */
  saveStoryActors(story: Story): Promise<boolean>;
}

export interface AnnouncedStory {
  id: string;
  announcedAt: string;
  /** Listed in the index head of one of the keys looked up (as read a moment ago). */
  indexed: boolean;
}

/**
 * What a story list shows, without the story's profile and signatures: the store keeps it in a
 * small item of its own next to the story, with the story's search tokens (core/search).
 */
export interface StorySummary extends Pick<Story,
  'id' | 'headline' | 'firstSeen' | 'lastSeen' | 'articleCount' | 'sources' | 'sourceNames' | 'articleIds' | 'tracked' | 'trackedBy' | 'topActors' | 'activity'> {
  /** The version of the story it summarizes. */
  version?: number;
}

/** Which stories a summary listing keeps; all that are given must hold. */
export interface StorySearch {
  /** Search tokens (core/search): each inner list is a choice (any of them), and every list must hold. */
  tokenGroups?: string[][];
  tracked?: boolean;
  /** Active at or after this instant: lastSeen >= it (a key condition: nothing older is read). */
  activeFrom?: string;
  /** Active at or before this instant: firstSeen <= it. */
  activeUntil?: string;
}

/** Where a summary listing goes on: after this story (lastSeen, then id; newest first). */
export interface StoryPageKey {
  lastSeen: string;
  id: string;
}

export interface StorySummaryPage {
  stories: StorySummary[];
  /** Present when there may be more: pass it back as `after`. */
  next?: StoryPageKey;
}

/** The fields of an article a timeline shows (never its text or signature). */
export type ArticleSummary = Pick<Article, 'id' | 'title' | 'url' | 'source' | 'publishedAt' | 'ingestedAt' | 'copyOf' | 'wordCount' | 'status' | 'storyId'>;

export interface StoryStore {
  /**
   * Story ids indexed under any of the keys (the newest `limitPerKey` of each key): stories found
   * under more of the keys first, then the most recently seen.
   */
  findCandidateStories(keys: string[], limitPerKey: number): Promise<string[]>;
  /**
   * The index head of each key (story id -> lastSeen; empty when the key has none), read
   * consistently: what findCandidateStories ranks (core/cluster/index-heads.ts).
   */
  getIndexHeads(keys: string[]): Promise<Map<string, Record<string, string>>>;
  getStories(ids: string[]): Promise<Story[]>;
  getStory(id: string): Promise<Story | undefined>;
  /** Creates the story if new (conditional put). */
  createStory(story: Story): Promise<boolean>;
  /**
   * Adds the article to the story exactly once: a conditional membership item decides; only
   * the first call writes the new aggregate `next` (computed by the core from the current story).
   */
  addArticleToStory(storyId: string, articleId: string, next: Story): Promise<boolean>;
  /**
   * Adds several articles to the story in one conditional write (a grouped ingest): `next` counts
   * them all, lists every article the story counts, and carries the version it was computed
   * from. False when the stored story counts them already; a version conflict is a RetryableError.
   */
  addArticlesToStory(storyId: string, articleIds: string[], next: Story): Promise<boolean>;
  /**
   * Indexes the story under the keys (idempotent). When this store read the story a moment ago
   * without writing it since (a resumed article, already counted), it also rewrites the story's
   * summary from that read, in case the run that counted it stopped before its summary.
   */
  indexStory(storyId: string, keys: string[], lastSeen: string): Promise<void>;
  /** indexStory for several (story, key) entries at once: each key's head written once, with all of its entries. */
  indexStories(entries: { storyId: string; key: string; lastSeen: string }[]): Promise<void>;
  /**
   * Announces a story about to be created under the keys, before it is decided for good, so that
   * the first articles of one event racing each other find each other (ingestDocument
   * decideStory). Idempotent: a repeated announcement keeps the first one's time. Returns the
   * announcement time (the store's clock; one clock for every writer of the store).
   */
  announceStory(storyId: string, keys: string[]): Promise<string>;
  /**
   * The stories announced under any of the keys at or after `since` (each with its earliest
   * announcement time), and whether each is in the index head of one of the keys yet.
   */
  findAnnouncedStories(keys: string[], since: string): Promise<AnnouncedStory[]>;
  /**
   * The stories announced under any of the keys within the last `seconds` of the store's clock
   * (the clock announcements are stamped with) and not in the index head of any of them yet:
   * stories being created right now.
   */
  findStoriesInFlight(keys: string[], seconds: number): Promise<AnnouncedStory[]>;
  /** Stories, most recently updated first (Query on a list index; never a Scan). */
  listStories(limit?: number): Promise<Story[]>;
  /**
   * Story summaries, most recently updated first (lastSeen, then id), that match `search`: one
   * Query on the summary listing (never a Scan), page after page, until `limit` match or
   * `maxExamined` summaries were looked at (then `next` says where to go on, possibly with
   * fewer than `limit` stories).
   */
  searchStorySummaries(search: StorySearch, page: { limit: number; after?: StoryPageKey; maxExamined?: number }): Promise<StorySummaryPage>;
  /** The articles' summaries (BatchGetItem, text left out); unknown ids absent, order of `ids` kept. */
  getArticleSummaries(ids: string[]): Promise<ArticleSummary[]>;
  /**
   * The coverage ledger: records that `source` covers the story, if it did not already.
   * `created` true means this article made its source new to the story (decided atomically).
   */
  claimCoverage(entry: CoverageEntry): Promise<{ created: boolean; entry: CoverageEntry }>;
  /**
   * Gives the (story, source) entry to an article published earlier than the one holding it
   * (racing workers write a source's articles out of publication order). Conditional on the
   * entry still being `replaces`: false when it changed meanwhile (read it again and compare).
   */
  backdateCoverage(entry: CoverageEntry, replaces: CoverageEntry): Promise<boolean>;
  /** The ledger entries of these (story, source) pairs (BatchGetItem); a pair with none is left out. */
  getCoverage(pairs: { storyId: string; sourceId: string }[]): Promise<CoverageEntry[]>;
  /** Writes ledger entries read absent, in batches (on putArticles' terms: a writer alone on its table). */
  putNewCoverage(entries: CoverageEntry[]): Promise<void>;
  listCoverage(storyId: string): Promise<CoverageEntry[]>;
}

export interface AlertStore {
  /**
   * Records the alert before it is published; false when it was already recorded. With
   * `deliveryLeaseUntil`, the recorder also holds the right to publish it until then (as
   * claimAlertDelivery gives), in the same write.
   */
  recordAlert(alert: Alert, deliveryLeaseUntil?: string): Promise<boolean>;
  /**
   * Writes alerts whole, in batches and with no condition (on putArticles' terms: a writer alone
   * on its table): records of alerts known new, each with its lease if it has one, or alerts
   * marked sent.
   */
  putAlerts(alerts: StoredAlert[]): Promise<void>;
  getAlert(storyId: string, alertId: string): Promise<Alert | undefined>;
  /**
   * Takes the right to publish a pending alert until `leaseUntil`: false when it was sent, or
   * another worker holds an unexpired lease (two concurrent deliveries must not both publish;
   * a worker that crashed mid-publish loses its lease and the next retry publishes).
   */
  claimAlertDelivery(storyId: string, alertId: string, now: string, leaseUntil: string): Promise<boolean>;
  /** Gives the lease back after a failed publish, so the retry need not wait for it to expire. */
  releaseAlertDelivery(storyId: string, alertId: string): Promise<void>;
  markAlertSent(storyId: string, alertId: string, sentAt: string): Promise<void>;
  /**
   * An endpoint refused the alert for good: status `failed` with the error, and its lease given
   * back. Does nothing to an alert already sent; the alert must have been recorded.
   */
  markAlertFailed(storyId: string, alertId: string, error: string, failedAt: string): Promise<void>;
  /** The story's alerts, oldest first (a Query on the story's partition). */
  listAlerts(storyId: string): Promise<StoredAlert[]>;
  /**
   * Alerts of every story, newest first (creation time, then story and alert id), created at or
   * after `since` when given, at most `limit` (default 100): one Query on a list index, never a Scan.
   */
  listRecentAlerts(options: { since?: string; limit?: number }): Promise<StoredAlert[]>;
}

export interface WatchStore {
  listWatches(): Promise<Watch[]>;
  putWatch(watch: Watch): Promise<void>;
  deleteWatch(id: string): Promise<boolean>;
}

/** What became of every drop: its outcome counts and (capped) per-document results, by key and version. */
export interface ObjectLog {
  recordObject(record: ObjectRecord): Promise<void>;
  getObject(key: string, version?: string): Promise<ObjectRecord | undefined>;
}

/** The whole store newswatch needs: one DynamoDB table behind it. */
export interface NewswatchStore extends ArticleStore, ActorRegistry, StoryStore, AlertStore, WatchStore, ObjectLog {}
