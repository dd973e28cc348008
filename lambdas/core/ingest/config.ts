import type { Watch } from '../model';

/** Tuning of the ingest use case itself; each step keeps its own constants in its folder. */
export interface IngestConfig {
  /** Track every story, as if a watch on everything existed (`--track-all`, TRACK_ALL). */
  trackAll: boolean;
  /** How many stories one index key may contribute as candidates: bounds the fan-out. */
  candidateLimitPerKey: number;
  /** At most this many candidate stories are read and compared per article. */
  maxCandidates: number;
  /** Optimistic-concurrency retries when another writer updated the story first. */
  storyWriteAttempts: number;
  /**
   * Storm control: seconds a story's new-source alerts are held and folded into one. 0 (or
   * absent) delivers each alert at once. AWS uses DEFAULT_ALERT_COOLDOWN_SECONDS (core/alert).
   */
  alertCooldownSeconds?: number;
  /**
   * How long one worker holds the right to publish an alert: long enough for a publish with
   * retries, short enough that a crashed worker's alert is re-published by the next retry.
   */
  deliveryLeaseSeconds: number;
  /**
   * A new story is announced under its keys before it is created (ingestDocument decideStory):
   * announcements this many seconds older than one's own are ignored when still no story (their
   * writer died before creating it, and its redelivery will find the stories there are by then).
   */
  announcementWindowSeconds: number;
  /**
   * While an earlier-announced story is not created yet, the article waits for it this many
   * times, this long each, then fails with a RetryableError (redelivered, it looks again).
   */
  announcementWaits: number;
  announcementWaitMs: number;
  /**
   * A join also weighs the stories announced this many seconds back and not indexed yet (being
   * created by a racing article): long enough for a creation in progress, short enough that a
   * story long created is never taken for one.
   */
  inFlightSeconds: number;
  /**
   * With racing writers, a create whose nearest candidate's join probability is at least this
   * waits (`announcementWaitMs` at a time, `announcementWaits` at most) while the candidates
   * change, then decides again (ingestDocument stillSettling). The join threshold is 0.5
   * (core/cluster/config.ts); event 71's fourth article fell short at 0.37 against its story at
   * one article, and joined it at three.
   */
  nearJoinProbability: number;
  /**
   * Other writers may ingest at the same time: Lambdas always, a local run with documents racing
   * (`--concurrency` > 1) or feeds polled in parallel. Without them (a local ingest alone on its
   * data dir by its lock, whose documents decide their stories in input order), a new story is
   * not announced and a join does not look for stories in flight: nobody else could be creating
   * one, and those requests were a quarter of a local ingest's (docs/performance.md).
   */
  racingWriters: boolean;
}

export const DEFAULT_INGEST_CONFIG: IngestConfig = {
  trackAll: false,
  candidateLimitPerKey: 20,
  maxCandidates: 8,
  storyWriteAttempts: 5,
  deliveryLeaseSeconds: 120,
  announcementWindowSeconds: 30,
  announcementWaits: 20,
  announcementWaitMs: 50,
  inFlightSeconds: 5,
  nearJoinProbability: 0.3,
  racingWriters: true,
};

/**
 * Runs of one document of an object ingested with concurrency > 1 (ingestObject) while it keeps
 * losing races to the object's other documents (each run already retries a story write
 * `storyWriteAttempts` times): a hot story can take more than that when many of its articles
 * are in flight at once.
 */
export const RACING_DOCUMENT_ATTEMPTS = 5;

/**
 * Bounds of one object-log record (ports/store.ts ObjectRecord), so that a drop of any size fits
 * in one DynamoDB item (400 KB at most): a 6,000-line JSON Lines file keeps its counts and the
 * first `results` outcomes, rejected ones first.
 */
export const OBJECT_LOG_LIMITS = {
  /** Per-document results kept at most. */
  results: 500,
  /**
   * ...and at most this many bytes of them (UTF-8 JSON, which DynamoDB's own size count stays
   * under), whatever the titles hold: the rest of the item (key, error) has ~100 KB left.
   */
  resultBytes: 300_000,
  /** Characters kept of a result's title. */
  titleChars: 200,
  /** Characters kept of a result's source name. */
  sourceChars: 100,
  /** Characters kept of an error message (a result's, or the object's). */
  errorChars: 500,
} as const;

/** The watch that `trackAll` stands for: it is never stored, so it cannot be forgotten or edited. */
export const TRACK_ALL_WATCH: Watch = {
  id: 'all',
  name: 'everything',
  all: true,
  actors: [],
  topics: [],
  keywords: [],
  createdAt: '1970-01-01T00:00:00.000Z',
};
