/**
 * The data newswatch works on. Plain data only: every step of the core takes and
 * returns these shapes, the adapters store them, the CLI prints them.
 */

export type ActorType = 'person' | 'organization' | 'place';

export interface SourceRef {
  /** Stable id: lower-case slug of the domain or name ("reuters-com", "caliber-az"). */
  id: string;
  name: string;
  domain?: string;
  /** Where the source came from, for "why" questions: metadata, json, page, key-prefix, cli, text, unknown. */
  origin: SourceOrigin;
}

/** 'text': named only in the article's prose ("X reports"), the weakest hint short of unknown. */
export type SourceOrigin = 'cli' | 'metadata' | 'json' | 'page' | 'key-prefix' | 'text' | 'unknown';

/** What normalize finds in one input document, before tagging. */
export interface NormalizedDoc {
  title: string;
  byline?: string;
  /** ISO 8601 when known. */
  publishedAt?: string;
  siteName?: string;
  url?: string;
  language?: string;
  /** Clean article text: paragraphs separated by one blank line ("\n\n"). */
  text: string;
  /** Source named by the document itself (JSON field, og:site_name, "X reports", canonical URL). */
  sourceHint?: { name: string; domain?: string; origin: 'json' | 'page' };
  /**
   * Source named only in the prose ("Caliber.Az reports", "As the News Editor at News Journos").
   * Weaker than the key prefix, so kept apart from sourceHint.
   */
  textSourceHint?: { name: string; domain?: string };
  /** The input format that produced it. */
  format: InputFormat;
  /** Position in a batch file (JSON Lines, JSON array, CSV row, feed); 0 for a single document. */
  index: number;
  /**
   * A headline item: a title and no body (news aggregators, many feeds). Its text is the title,
   * so it is tagged and clustered as a headline (the join model's short-text side).
   */
  headlineOnly?: boolean;
}

export type InputFormat = 'text' | 'markdown' | 'html' | 'json' | 'jsonl' | 'csv' | 'feed';

/** One raw object as it arrives from S3 or the local file system. */
export interface RawObject {
  /** Object key ("incoming/reuters/2025-02-18.txt") or local path. */
  key: string;
  body: Uint8Array;
  contentType?: string;
  contentEncoding?: string;
  /** User metadata (x-amz-meta-*), lower-case keys without the prefix. */
  metadata: Record<string, string>;
  /** S3 bucket, when it came from one. */
  bucket?: string;
  /** S3 version id or ETag, when known: identifies this upload. */
  version?: string;
}

/** A normalize outcome per document in the object: a batch may hold good and bad lines. */
export type NormalizeOutcome =
  | { ok: true; doc: NormalizedDoc }
  | { ok: false; index: number; error: string };

export interface Mention {
  start: number;
  end: number;
  text: string;
}

export interface ActorTag {
  id: string;
  name: string;
  type: ActorType;
  mentions: Mention[];
  /** 0..1, how central the actor is to the article. */
  salience: number;
  /** Role the text gives the actor ("U.S. Secretary of State"). */
  role?: string;
}

export interface TopicTag {
  /** "iptc:11000000" for IPTC Media Topics, "watch:<name>" for a user's keyword topic. */
  id: string;
  label: string;
  score: number;
}

/** An actor known to the registry: one id, one canonical name, many aliases. */
export interface ActorRecord {
  id: string;
  name: string;
  type: ActorType;
  /** Folded alias keys (see foldName) that resolve to this actor. */
  aliases: string[];
  /** Aliases a user gave (`newswatch actors alias|split`): they win over automatic ones. */
  userAliases?: string[];
  /** Set when a user merged this actor into another: a redirect, so stored references resolve. */
  mergedInto?: string;
}

/** An actor found in a text before it is resolved against the registry. */
export interface ActorCandidate {
  name: string;
  type: ActorType;
  /** Folded keys of every surface form seen (full name first). */
  keys: string[];
  mentions: Mention[];
  salience: number;
  role?: string;
  /**
   * Outside English, a name only capitals suggest (a German noun may be one): an actor only when
   * the registry already knows one of its keys, never a new one (core/tag/confirm-names.ts).
   */
  registryOnly?: boolean;
}

export interface Tags {
  actors: ActorTag[];
  topics: TopicTag[];
  keyphrases: string[];
}

/**
 * processing: claimed, not finished (a run resumes it); ingested: done; failed: its last run
 * stopped on a failure (not about the input) and it waits for the retry, which resumes it.
 */
export type ArticleStatus = 'processing' | 'ingested' | 'failed';

export interface Article extends Tags {
  id: string;
  source: SourceRef;
  url?: string;
  title: string;
  byline?: string;
  publishedAt?: string;
  language?: string;
  text: string;
  wordCount: number;
  /** Ingested from a title alone (NormalizedDoc.headlineOnly): the text is the headline. */
  headlineOnly?: boolean;
  ingestedAt: string;
  rawKey: string;
  status: ArticleStatus;
  storyId?: string;
  /** Near-duplicate: the id of the article this one rewrites or syndicates. */
  copyOf?: string;
  /** MinHash signature of the text's shingles, for near-duplicate detection. */
  signature: number[];
  /** Status `failed`: what stopped the last run, and when (cleared once ingested). */
  error?: string;
  failedAt?: string;
}

/** The features a story keeps so that new articles can be compared with it. */
export interface StoryProfile {
  /** Top weighted terms (term -> weight), bounded in size. */
  terms: Record<string, number>;
  /** Actor id -> number of articles naming it. */
  actors: Record<string, number>;
  /** Topic id -> summed score. */
  topics: Record<string, number>;
}

export interface CoverageEntry {
  storyId: string;
  source: SourceRef;
  articleId: string;
  /** When this source first covered the story (article time). */
  firstSeen: string;
}

export interface Story {
  id: string;
  headline: string;
  /** The headline is the lead of an article's text (it had no title of its own): a later real title replaces it. */
  headlineFromText?: boolean;
  firstSeen: string;
  lastSeen: string;
  articleCount: number;
  /** Source ids covering the story, in order of arrival. */
  sources: string[];
  sourceNames: Record<string, string>;
  articleIds: string[];
  topActors: { id: string; name: string; type: ActorType; count: number }[];
  topTopics: { id: string; label: string; score: number }[];
  tracked: boolean;
  /** Watch ids that made it tracked. */
  trackedBy: string[];
  profile: StoryProfile;
  /** Recent near-duplicate signatures (articleId -> signature), bounded. */
  signatures: Record<string, number[]>;
  /**
   * Articles per hour of publication (`YYYY-MM-DDTHH` -> count; the oldest hours folded into
   * their day, `YYYY-MM-DD`, past a bound): the sparkline and per-day charts. Absent on stories
   * stored before it was kept.
   */
  activity?: Record<string, number>;
  /**
   * Optimistic-concurrency version, set by the store when it reads a story. An updated story
   * must carry the version of the story it was computed from (spreading the read story does).
   */
  version?: number;
}

export interface Watch {
  id: string;
  name: string;
  /** Track every story. */
  all?: boolean;
  /**
   * Actor names, matched through folded keys: the registry's canonical name when the actor was
   * known as the watch was set (lambdas/app/watches.ts), else as the user typed it.
   */
  actors: string[];
  /** Topic ids or labels ("iptc:11000000", "diplomacy"); `watch add|update` store ids. */
  topics: string[];
  keywords: string[];
  /**
   * A boolean query (`actor:"Marco Rubio" AND (Ukraine OR Kyiv) NOT source:tass.com`), kept as
   * the user typed it and parsed once per evaluation batch (core/alert/query.ts). A story matches
   * the watch when it matches the classic criteria above or the query.
   */
  query?: string;
  /** What the watch alerts on: new sources of a tracked story (the default), new stories, or both. */
  on?: WatchAlertOn;
  /**
   * How its alerts reach people: one message each as they happen (the default), or one digest
   * per hour, day or week listing the stories that gained coverage (core/alert/digest.ts).
   */
  digest?: DigestFrequency;
  createdAt: string;
  /** When `newswatch watch update` last changed it. */
  updatedAt?: string;
}

export type AlertKind = 'new-source' | 'new-story';

/** `watch add --digest`: as-it-happens sends each alert; the others send one digest per period. */
export type DigestFrequency = 'as-it-happens' | 'hourly' | 'daily' | 'weekly';

/** `watch add --on`: which alert kinds a watch asks for. */
export type WatchAlertOn = 'new-source' | 'new-story' | 'both';

export interface Alert {
  /** Deterministic: the same story, kind and source always give the same id. */
  id: string;
  kind: AlertKind;
  storyId: string;
  headline: string;
  source: SourceRef;
  articleId: string;
  articleTitle: string;
  url?: string;
  /** Sources covering the story once this one is counted. */
  sourceCount: number;
  sourceNames: string[];
  firstSeen: string;
  watchIds: string[];
  actorIds: string[];
  topicIds: string[];
  topActors: string[];
  topTopics: string[];
  copyOf?: string;
  reason: string;
  createdAt: string;
  /**
   * pending: recorded, not yet delivered (or being delivered); sent; failed: an endpoint refused
   * it for good (AlertDeliveryError), `error` says why. A failed alert is not retried by itself.
   */
  status: 'pending' | 'sent' | 'failed';
  sentAt?: string;
  error?: string;
  failedAt?: string;
  /** Storm control: a held alert waits for its story's cooldown to end (then it is folded). */
  heldUntil?: string;
  /** A folded alert: every new source it announces, in order of arrival (the held alerts it stands for). */
  newSources?: NewSourceEntry[];
  /** A folded alert: ids of the held per-source alerts it delivers. */
  memberAlertIds?: string[];
  /**
   * Every watch that caused it sends digests: it is recorded (status sent) and delivered only
   * inside those digests, never on its own (`newswatch alerts` shows it as `digest`).
   */
  digestOnly?: true;
}

/** One new source announced by a (possibly folded) alert. */
export interface NewSourceEntry {
  source: SourceRef;
  articleId: string;
  articleTitle: string;
  url?: string;
  copyOf?: string;
  /** When the source was found new to the story (its alert's creation time). */
  at: string;
  reason: string;
}

/** The outcome of ingesting one document, as the CLI prints it with --json. */
export interface IngestResult {
  file: string;
  index?: number;
  status: 'ingested' | 'duplicate' | 'rejected';
  error?: string;
  articleId?: string;
  source?: string;
  title?: string;
  /** The item had a title and no body: ingested as a headline article. */
  headlineOnly?: boolean;
  storyId?: string;
  copyOf?: string;
  actors?: { id: string; name: string; type: ActorType }[];
  topics?: { id: string; label: string }[];
  alerts?: { kind: AlertKind; storyId: string; source: string; articleId: string; reason: string }[];
  /** Alerts held by storm control: delivered, folded, when the story's cooldown ends. */
  held?: { storyId: string; source: string; articleId: string; heldUntil: string }[];
  /** Alerts an endpoint refused for good (marked failed): the article is ingested all the same. */
  failedAlerts?: FailedAlert[];
}

/** An alert whose delivery failed for good, as results and the end of a run report it. */
export interface FailedAlert {
  alertId: string;
  kind: AlertKind;
  storyId: string;
  source: string;
  articleId: string;
  error: string;
}
