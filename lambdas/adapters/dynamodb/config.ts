/** Tuning of the DynamoDB adapter. Limits of the API itself are fixed; the rest may be overridden. */
export interface DynamoStoreConfig {
  /** Keys per BatchGetItem request (API maximum: 100). */
  batchGetSize: number;
  /** Put requests per BatchWriteItem request (API maximum: 25). */
  batchWriteSize: number;
  /** Requests in flight at once when one call fans out (index queries, alias puts, batches). */
  concurrency: number;
  /** Attempts at a batch whose unprocessed keys/items keep coming back before giving up (retryable). */
  maxBatchAttempts: number;
  /** Back-off between batch attempts: base * 2^attempt, capped, with full jitter. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /**
   * Stories kept in one index key's head (newest first). At least the ingest use case's
   * candidateLimitPerKey; the slack absorbs entries a concurrent rewrite drops.
   */
  indexHeadSize: number;
  /**
   * Milliseconds within which this instance reuses its own last read instead of reading again:
   * indexing a story rewrites the index heads the candidate lookup just read, and saving an
   * article's actors uses the registry items its name lookup just read.
   */
  readReuseMs: number;
  /** Seconds one store instance reuses the watch list it read (0: read it every time). */
  watchCacheSeconds: number;
  /**
   * Seconds of one announcement bucket: a story announcement is written in the bucket of its
   * time, and a lookup reads the buckets its window spans (at most maxAnnouncementBuckets).
   */
  announcementBucketSeconds: number;
  maxAnnouncementBuckets: number;
  /** Story summaries read per Query at most while a search filters them (each about 1 KB). */
  summaryPageSize: number;
  /**
   * A search token posted under at most this many stories is rare: its stories' summaries are
   * read by key (searchByPostings) instead of filtering the listing.
   */
  maxPostingsRead: number;
  /**
   * Stories one store instance keeps a copy of (story-copies.ts): a candidate read again is
   * checked by its version and taken from the copy when unchanged. About 10 KB each.
   */
  storyCopyLimit: number;
}

export const DYNAMO_STORE_DEFAULTS: DynamoStoreConfig = {
  batchGetSize: 100,
  batchWriteSize: 25,
  concurrency: 8,
  maxBatchAttempts: 8,
  backoffBaseMs: 25,
  backoffMaxMs: 2000,
  indexHeadSize: 32,
  readReuseMs: 2_000,
  watchCacheSeconds: 30,
  announcementBucketSeconds: 60,
  maxAnnouncementBuckets: 3,
  summaryPageSize: 500,
  maxPostingsRead: 200,
  storyCopyLimit: 2_000,
};

/** How long ensureTable waits for a new table (and its index) to become ACTIVE. */
export const TABLE_READY_TIMEOUT_MS = 120_000;
