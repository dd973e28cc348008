/**
 * What the dashboard reads, in the shapes its pages and API give: story rows, a story's timeline,
 * an actor's activity. Each is one call to a use case in lambdas/app; the shapes are those of
 * `searchStories`, `storyTimeline` and `actorActivity` (lambdas/app/stories.ts, actors.ts).
 */
import { listActors } from '../app/actors';
import { listAlerts, type AlertView } from '../app/alerts';
import { FILTERED_STORY_WINDOW, listStories, showStory, storySummary } from '../app/stories';
import type { Target } from '../app/target';
import type { ActorRecord, Story } from '../core/model';
import { DASHBOARD_CONFIG } from './config';

/** Search of `/` and `GET /api/stories`: all that are given must hold. */
export interface StoryQuery {
  q?: string;
  actor?: string;
  source?: string;
  watch?: string;
  tracked?: boolean;
  from?: string;
  to?: string;
}

export interface StoryRow {
  storyId: string;
  headline: string;
  sources: string[];
  sourceIds: string[];
  articleCount: number;
  tracked: boolean;
  trackedBy: string[];
  firstSeen: string;
  lastSeen: string;
  /** Articles per time bucket, oldest first, for the row's sparkline. */
  spark: number[];
}

export interface TimelineArticle {
  id: string;
  title: string;
  url?: string;
  source: string;
  sourceId: string;
  publishedAt?: string;
  ingestedAt: string;
  copyOf?: string;
  words: number;
  text?: string;
}

export interface StoryTimeline {
  story: Story;
  coverage: { source: string; sourceId: string; firstSeen: string; articleId: string }[];
  articles: TimelineArticle[];
  alerts: AlertView[];
}

export interface ActorActivity {
  actor: ActorRecord;
  aliases: string[];
  stories: StoryRow[];
  perDay: { day: string; articles: number }[];
}

export interface StoryPage {
  stories: StoryRow[];
  next?: string;
}

/** A page of stories, newest first, matching the query. */
export async function searchStoryRows(target: Target, query: StoryQuery, page: { cursor?: string; limit?: number } = {}): Promise<StoryPage> {
  const limit = page.limit ?? DASHBOARD_CONFIG.storiesPerPage;
  const offset = page.cursor ? Number(Buffer.from(page.cursor, 'base64url').toString('utf8')) || 0 : 0;
  const filter = { tracked: query.tracked, watches: query.watch ? [query.watch] : undefined, actors: query.actor ? [query.actor] : undefined, source: query.source };
  const stories = (await listStories(target, offset + limit + 1, filter))
    .filter((s) => matchesWords(s, query.q) && (!query.from || s.lastSeen >= query.from) && (!query.to || s.firstSeen <= query.to));
  const rows = stories.slice(offset, offset + limit).map(storyRowOf);
  return { stories: rows, ...(stories.length > offset + limit ? { next: Buffer.from(String(offset + limit)).toString('base64url') } : {}) };
}

function matchesWords(story: Story, q: string | undefined): boolean {
  const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const headline = story.headline.toLowerCase();
  return words.every((w) => headline.includes(w));
}

function storyRowOf(story: Story): StoryRow {
  const summary = storySummary(story);
  return {
    storyId: story.id, headline: story.headline, sources: summary.sources, sourceIds: story.sources,
    articleCount: story.articleCount, tracked: story.tracked, trackedBy: story.trackedBy,
    firstSeen: story.firstSeen, lastSeen: story.lastSeen, spark: [story.articleCount],
  };
}

/** One story with its coverage ledger, articles (with their text) and alerts. */
export async function loadStoryTimeline(target: Target, storyId: string): Promise<StoryTimeline> {
  const [detail, coverage, alerts] = await Promise.all([
    showStory(target, storyId),
    target.store.listCoverage(storyId),
    listAlerts(target.store, { storyId, limit: 1000 }),
  ]);
  return {
    story: detail.story,
    coverage: coverage.map((c) => ({ source: c.source.name, sourceId: c.source.id, firstSeen: c.firstSeen, articleId: c.articleId })),
    articles: detail.articles.map((a) => ({
      id: a.id, title: a.title, url: a.url, source: a.source.name, sourceId: a.source.id, publishedAt: a.publishedAt,
      ingestedAt: a.ingestedAt, copyOf: a.copyOf, words: a.wordCount, text: a.text,
    })),
    alerts,
  };
}

/** An actor with the stories naming it and their articles per day. */
export async function loadActorActivity(target: Target, actorId: string): Promise<ActorActivity | undefined> {
  const actor = await target.store.getActor(actorId);
  if (!actor) return undefined;
  const { stories } = await searchStoryRows(target, { actor: actor.mergedInto ?? actor.id }, { limit: DASHBOARD_CONFIG.maxStoriesPerPage });
  const perDay = new Map<string, number>();
  for (const s of stories) perDay.set(s.lastSeen.slice(0, 10), (perDay.get(s.lastSeen.slice(0, 10)) ?? 0) + s.articleCount);
  return {
    actor, aliases: actor.aliases, stories,
    perDay: [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, articles]) => ({ day, articles })),
  };
}

/** Actors whose name or id starts a word with the typed text: the watch form's suggestions. */
export async function suggestActors(target: Target, typed: string, limit = DASHBOARD_CONFIG.actorSuggestions): Promise<ActorRecord[]> {
  const wanted = typed.trim().toLowerCase();
  const actors = await listActors(target.store);
  return actors
    .filter((a) => !wanted || a.id.includes(wanted) || a.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(wanted)) || a.name.toLowerCase().startsWith(wanted))
    .slice(0, limit);
}

/** What a watch with these criteria would track among the stored stories (the newest first). */
export async function previewWatchStories(
  target: Target, spec: { all?: boolean; actors?: string[]; topics?: string[]; keywords?: string[] }, limit = DASHBOARD_CONFIG.previewStories,
): Promise<StoryRow[]> {
  const stories = await listStories(target, FILTERED_STORY_WINDOW);
  const fold = (s: string) => s.trim().toLowerCase();
  const actors = (spec.actors ?? []).map(fold);
  const topics = (spec.topics ?? []).map(fold);
  const keywords = (spec.keywords ?? []).map(fold);
  const matches = (s: Story) => spec.all
    || s.topActors.some((a) => actors.includes(fold(a.name)) || actors.includes(a.id))
    || s.topTopics.some((t) => topics.includes(t.id) || topics.includes(fold(t.label)))
    || keywords.some((k) => s.headline.toLowerCase().includes(k));
  return stories.filter(matches).slice(0, limit).map(storyRowOf);
}
