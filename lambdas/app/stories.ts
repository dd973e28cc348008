import { ConfigurationError } from '../core/errors';
import type { Alert, Article, CoverageEntry, Story } from '../core/model';
import { actorToken, sourceToken, sparkline, watchToken, wordTokens } from '../core/search';
import { foldName } from '../core/tag';
import type { StoryPageKey, StorySearch, StorySummary } from '../ports/store';
import type { Target } from './target';
import { withCurrentActors, withCurrentArticleActors } from './actors';
import { listAlerts, type AlertView } from './alerts';
import { watchIdFor } from './watches';

/** Reading stories and articles: the same on the embedded store and on the deployed stack. */

type Reader = Pick<Target, 'store'>;

/** Tuning of the story queries, in one place. */
export const STORY_QUERY_CONFIG = {
  /** Stories per page when the caller does not say. */
  defaultPageSize: 50,
  /** At most this many per page, whatever the caller asks. */
  maxPageSize: 500,
  /**
   * Summaries one searchStories call looks through before it returns what it found with a
   * cursor to go on: bounds the time of a search for something rare (about 1 KB each).
   */
  maxExaminedPerPage: 20_000,
  /** Buckets of a row's sparkline at most. */
  sparkBuckets: 24,
  /** Stories an actor's page reads (newest first) for its list and its per-day chart. */
  actorActivityStories: 1_000,
  /** Alerts a story's timeline reads (its own partition). */
  timelineAlerts: 10_000,
} as const;

/** A story query that cannot be run as given: a date that is not one, a cursor that is not ours. */
export class InvalidStoryQueryError extends ConfigurationError {}

/** A story id the store does not know. */
export class StoryNotFoundError extends ConfigurationError {}

/** `newswatch stories` filters; all that are given must hold. */
export interface StoryFilter {
  tracked?: boolean;
  /** Tracked by any of these watches (names or ids). */
  watches?: string[];
  /** Names (or ids) of actors that must all be among the story's actors. */
  actors?: string[];
  /** A source covering the story (name or id). */
  source?: string;
}

/** The story list's query (dashboard, `newswatch stories`): all that are given must hold. */
export interface StoryQuery {
  /** Words that must all be in the headline (case, accents and punctuation ignored). */
  q?: string;
  /** An actor named by the story: id, or a name or alias the registry resolves. */
  actor?: string;
  /** A covering source: id or name. */
  source?: string;
  /** A watch tracking the story: id or name. */
  watch?: string;
  tracked?: boolean;
  /** Active on or after this ISO date or time (lastSeen >= from). */
  from?: string;
  /** Active on or before this ISO date (the whole day) or time (firstSeen <= to). */
  to?: string;
  /** More actors, all of which must be named (`stories --actor A --actor B`). */
  actors?: string[];
  /** More watches, any of which may track it (`stories --watch A --watch B`). */
  watches?: string[];
}

/** One row of the story list. */
export interface StoryRow {
  storyId: string;
  headline: string;
  /** Source names, in order of arrival. */
  sources: string[];
  sourceIds: string[];
  articleCount: number;
  tracked: boolean;
  trackedBy: string[];
  firstSeen: string;
  lastSeen: string;
  /** Articles per time bucket over the story's life, oldest first (core/search sparkline). */
  spark: number[];
  /** The newest article ids (all of them up to the story's id limit), as `stories --json` always gave. */
  articleIds: string[];
  topActors: { id: string; name: string }[];
}

/** A page of the story list; `next` is an opaque cursor, present when there may be more. */
export interface StoryPage {
  stories: StoryRow[];
  next?: string;
}

/** What a story filter asks the store for: every name resolved to the ids the tokens hold. */
async function toStorySearch(target: Reader, query: StoryQuery): Promise<StorySearch> {
  const groups: string[][] = [];
  for (const word of wordTokens(query.q ?? '')) groups.push([word]);
  for (const actor of [query.actor, ...(query.actors ?? [])].filter(isGiven)) groups.push(await actorTokens(target, actor));
  if (isGiven(query.source)) groups.push([sourceToken(query.source)]);
  const watches = [query.watch, ...(query.watches ?? [])].filter(isGiven);
  if (watches.length > 0) groups.push(await watchTokens(target, watches));
  return {
    tokenGroups: groups,
    tracked: query.tracked || undefined,
    activeFrom: query.from ? instant(query.from, 'from (--since)', 'start') : undefined,
    activeUntil: query.to ? instant(query.to, 'to (--until)', 'end') : undefined,
  };
}

function isGiven(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/**
 * The ids a story may name the actor by: the actor the id or name resolves to now (merge
 * redirects followed), and the id as given (a story not rewritten since a merge keeps it).
 */
async function actorTokens(target: Reader, wanted: string): Promise<string[]> {
  const ids = new Set<string>([wanted.trim()]);
  const byId = (await target.store.resolveActorIds([wanted.trim()])).get(wanted.trim());
  if (byId) ids.add(byId.id);
  else {
    const key = foldName(wanted);
    const byName = key ? (await target.store.findActorsByAlias([key])).get(key) : undefined;
    if (byName) {
      const current = (await target.store.resolveActorIds([byName.id])).get(byName.id) ?? byName;
      ids.add(current.id);
    }
  }
  return [...ids].map(actorToken);
}

/** Watches by id or name (the stored ones first, then the id a name would get). */
async function watchTokens(target: Reader, wanted: string[]): Promise<string[]> {
  const watches = await target.store.listWatches();
  return [...new Set(wanted.map((w) => {
    const found = watches.find((watch) => watch.id === w || foldName(watch.name) === foldName(w));
    return watchToken(found?.id ?? watchIdFor(w));
  }))];
}

/** An ISO date or time as a stored instant; a date alone is the start (`from`) or the end (`to`) of its UTC day. */
function instant(value: string, name: string, end: 'start' | 'end'): string {
  const trimmed = value.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
  const ms = Date.parse(dateOnly ? `${trimmed}T00:00:00Z` : trimmed);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
    throw new InvalidStoryQueryError(`${name} must be an ISO date or time (2025-02-18 or 2025-02-18T10:00:00Z), not "${value}"`);
  }
  return new Date(dateOnly && end === 'end' ? ms + 86_400_000 - 1 : ms).toISOString();
}

/** The cursor: where the list goes on (the last story of a page, or of what a search looked through). */
export function encodeStoryCursor(key: StoryPageKey): string {
  return Buffer.from(JSON.stringify([key.lastSeen, key.id])).toString('base64url');
}

export function decodeStoryCursor(cursor: string): StoryPageKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidStoryQueryError(`not a story cursor: "${cursor}"`, { cause: error });
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((part) => typeof part === 'string' && part !== '')) {
    throw new InvalidStoryQueryError(`not a story cursor: "${cursor}"`);
  }
  return { lastSeen: parsed[0] as string, id: parsed[1] as string };
}

/**
 * The story list, newest first (lastSeen, then id), filtered by the query, a page at a time: one
 * Query on the store's summary listing (never a Scan, never a whole story). A search for
 * something rare may return fewer rows than asked, with a cursor, after looking through
 * STORY_QUERY_CONFIG.maxExaminedPerPage summaries.
 */
export async function searchStories(target: Reader, query: StoryQuery, page: { cursor?: string; limit?: number } = {}): Promise<StoryPage> {
  const limit = Math.max(1, Math.min(page.limit ?? STORY_QUERY_CONFIG.defaultPageSize, STORY_QUERY_CONFIG.maxPageSize));
  const after = page.cursor ? decodeStoryCursor(page.cursor) : undefined;
  const search = await toStorySearch(target, query);
  const found = await target.store.searchStorySummaries(search, { limit, after, maxExamined: STORY_QUERY_CONFIG.maxExaminedPerPage });
  return { stories: found.stories.map(storyRow), ...(found.next ? { next: encodeStoryCursor(found.next) } : {}) };
}

export function storyRow(summary: StorySummary): StoryRow {
  return {
    storyId: summary.id,
    headline: summary.headline,
    sources: summary.sources.map((id) => summary.sourceNames[id] ?? id),
    sourceIds: summary.sources,
    articleCount: summary.articleCount,
    tracked: summary.tracked,
    trackedBy: summary.trackedBy,
    firstSeen: summary.firstSeen,
    lastSeen: summary.lastSeen,
    spark: sparkline(summary.activity, summary.articleCount, STORY_QUERY_CONFIG.sparkBuckets),
    articleIds: summary.articleIds,
    topActors: summary.topActors.map(({ id, name }) => ({ id, name })),
  };
}

/** A filtered listing of whole stories used to look through this many of the newest (kept for callers that still size a listing by it). */
export const FILTERED_STORY_WINDOW = 1000;

export function isFiltering(filter: StoryFilter): boolean {
  return Boolean(filter.tracked || filter.watches?.length || filter.actors?.length || filter.source);
}

/**
 * Whole stories (profile included), newest first, that match the filter: the summaries found by
 * searchStories, then the stories themselves (BatchGetItem).
 */
export async function listStories(target: Reader, limit = 100, filter: StoryFilter = {}): Promise<Story[]> {
  const query: StoryQuery = { tracked: filter.tracked, actors: filter.actors, watches: filter.watches, source: filter.source };
  const rows: StoryRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchStories(target, query, { cursor, limit: Math.min(limit - rows.length, STORY_QUERY_CONFIG.maxPageSize) });
    rows.push(...page.stories);
    cursor = page.next;
  } while (cursor && rows.length < limit);
  const stories = new Map((await target.store.getStories(rows.map((row) => row.storyId))).map((story) => [story.id, story]));
  return withCurrentActors(target.store, rows.flatMap((row) => stories.get(row.storyId) ?? []));
}

export interface StoryDetail {
  story: Story;
  alerts: Alert[];
  articles: Article[];
  /** The coverage ledger, oldest first. */
  coverage: CoverageView[];
}

export async function showStory(target: Reader, id: string): Promise<StoryDetail> {
  const stored = await target.store.getStory(id);
  if (!stored) throw new StoryNotFoundError(`no story with id ${id} (see \`newswatch stories\`)`);
  const [story] = await withCurrentActors(target.store, [stored]);
  const [alerts, articles, ledger] = await Promise.all([
    target.store.listAlerts(id),
    Promise.all(story.articleIds.map((a) => target.store.getArticle(a))),
    target.store.listCoverage(id),
  ]);
  return { story, alerts, articles: articles.filter((a): a is Article => a !== undefined), coverage: ledger.map(coverageView) };
}

export async function showArticle(target: Reader, id: string): Promise<Article> {
  const article = await target.store.getArticle(id);
  if (!article) throw new ConfigurationError(`no article with id ${id}`);
  return withCurrentArticleActors(target.store, article);
}

/** The one-line JSON shape of `stories --json`. */
export function storySummary(s: Story) {
  return { storyId: s.id, headline: s.headline, sources: s.sources.map((id) => s.sourceNames[id] ?? id), articleIds: s.articleIds, articleCount: s.articleCount, tracked: s.tracked };
}

/** One source's first coverage of the story (the ledger that decided "new source"). */
export interface CoverageView {
  source: string;
  sourceId: string;
  firstSeen: string;
  articleId: string;
}

/** One article of a timeline: no text (`newswatch article <id>` / showArticle has it). */
export interface TimelineArticle {
  id: string;
  title: string;
  url?: string;
  /** The source's name. */
  source: string;
  sourceId: string;
  /** When it was published; when it was ingested, for an article that gave no date (as the story's times do). */
  publishedAt: string;
  ingestedAt: string;
  /** The article this one copies or rewrites (near-duplicate), when it is one. */
  copyOf?: string;
  words: number;
}

export interface StoryTimeline {
  story: Story;
  /** Oldest first. */
  coverage: CoverageView[];
  /** Oldest first (publishedAt, then id). */
  articles: TimelineArticle[];
  /** Newest first, with their delivery (app/alerts listAlerts). */
  alerts: AlertView[];
}

/**
 * A story's page: the story (actors as they are now), its coverage ledger, its articles (the
 * ones it lists, up to its id limit, and every ledger entry's) without their text, and its alerts
 * with their delivery status. Reads the story's own partition and one BatchGetItem of articles.
 */
export async function storyTimeline(target: Reader, storyId: string): Promise<StoryTimeline> {
  const stored = await target.store.getStory(storyId);
  if (!stored) throw new StoryNotFoundError(`no story with id ${storyId} (see \`newswatch stories\`)`);
  const [[story], ledger, alerts] = await Promise.all([
    withCurrentActors(target.store, [stored]),
    target.store.listCoverage(storyId),
    listAlerts(target.store, { storyId, limit: STORY_QUERY_CONFIG.timelineAlerts }),
  ]);
  const articleIds = [...new Set([...stored.articleIds, ...ledger.map((entry) => entry.articleId)])];
  const articles = (await target.store.getArticleSummaries(articleIds)).map((a): TimelineArticle => ({
    id: a.id,
    title: a.title,
    ...(a.url ? { url: a.url } : {}),
    source: a.source.name,
    sourceId: a.source.id,
    publishedAt: a.publishedAt ?? a.ingestedAt,
    ingestedAt: a.ingestedAt,
    ...(a.copyOf ? { copyOf: a.copyOf } : {}),
    words: a.wordCount,
  })).sort((a, b) => compare(a.publishedAt, b.publishedAt) || compare(a.id, b.id));
  return { story, coverage: ledger.map(coverageView), articles, alerts };
}

function coverageView(entry: CoverageEntry): CoverageView {
  return { source: entry.source.name, sourceId: entry.source.id, firstSeen: entry.firstSeen, articleId: entry.articleId };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
