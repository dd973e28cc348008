import { ConfigurationError } from '../core/errors';
import type { Alert, Article, Story } from '../core/model';
import { slug } from '../core/normalize';
import { foldName } from '../core/tag';
import type { Target } from './target';
import { withCurrentActors, withCurrentArticleActors } from './actors';
import { watchIdFor } from './watches';

/** Reading stories and articles: the same on the embedded store and on the deployed stack. */

type Reader = Pick<Target, 'store'>;

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

/** A filtered listing looks through this many of the most recently updated stories (one Query, never a Scan). */
export const FILTERED_STORY_WINDOW = 1000;

export function isFiltering(filter: StoryFilter): boolean {
  return Boolean(filter.tracked || filter.watches?.length || filter.actors?.length || filter.source);
}

export async function listStories(target: Reader, limit = 100, filter: StoryFilter = {}): Promise<Story[]> {
  const stories = await withCurrentActors(target.store, await target.store.listStories(isFiltering(filter) ? FILTERED_STORY_WINDOW : limit));
  return stories.filter((story) => matchesStoryFilter(story, filter)).slice(0, limit);
}

export function matchesStoryFilter(story: Story, filter: StoryFilter): boolean {
  if (filter.tracked && !story.tracked) return false;
  if (filter.watches?.length && !filter.watches.some((w) => story.trackedBy.includes(watchIdFor(w)))) return false;
  const namesActor = (wanted: string) => wanted in story.profile.actors
    || story.topActors.some((a) => a.id === wanted || foldName(a.name) === foldName(wanted));
  if (filter.actors?.length && !filter.actors.every(namesActor)) return false;
  if (filter.source) {
    const wanted = slug(filter.source);
    if (!story.sources.some((id) => id === wanted || slug(story.sourceNames[id] ?? '') === wanted)) return false;
  }
  return true;
}

export interface StoryDetail {
  story: Story;
  alerts: Alert[];
  articles: Article[];
}

export async function showStory(target: Reader, id: string): Promise<StoryDetail> {
  const stored = await target.store.getStory(id);
  if (!stored) throw new ConfigurationError(`no story with id ${id} (see \`newswatch stories\`)`);
  const [story] = await withCurrentActors(target.store, [stored]);
  const [alerts, articles] = await Promise.all([
    target.store.listAlerts(id),
    Promise.all(story.articleIds.map((a) => target.store.getArticle(a))),
  ]);
  return { story, alerts, articles: articles.filter((a): a is Article => a !== undefined) };
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
