/** The similarity components assignStory combines; exported so they can be measured. */
import type { ClusterConfig } from './config';
import { cosine } from './terms';
import type { ArticleProfile } from './types';
import type { ActorType, Story } from '../model';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Places ("Ukraine", "Washington") say less about which story it is than persons and organizations. */
function actorTypeOf(id: string, known: Record<string, ActorType>, story: Story): ActorType | undefined {
  return known[id] ?? story.topActors.find((actor) => actor.id === id)?.type ?? (id.startsWith('l:') ? 'place' : undefined);
}

/**
 * Cosine of the article's actor saliences and the story's actor shares (articles naming the
 * actor / articles), places weighted down. Undefined when either side has no actors.
 */
export function actorSimilarity(profile: ArticleProfile, story: Story, config: ClusterConfig): number | undefined {
  const storyActors = story.profile.actors;
  if (Object.keys(profile.actors).length === 0 || Object.keys(storyActors).length === 0) return undefined;
  const weightOf = (id: string) => (actorTypeOf(id, profile.actorTypes, story) === 'place' ? config.placeActorWeight : 1);
  const articleVector: Record<string, number> = {};
  for (const [id, salience] of Object.entries(profile.actors)) articleVector[id] = salience * weightOf(id);
  const storyVector: Record<string, number> = {};
  const articles = Math.max(1, story.articleCount);
  for (const [id, count] of Object.entries(storyActors)) storyVector[id] = (count / articles) * weightOf(id);
  return cosine(articleVector, storyVector);
}

/** Cosine of topic scores; undefined when either side has none. */
export function topicSimilarity(profile: ArticleProfile, story: Story): number | undefined {
  if (Object.keys(profile.topics).length === 0 || Object.keys(story.profile.topics).length === 0) return undefined;
  return cosine(profile.topics, story.profile.topics);
}

/** Days between the article and the story's span (0 inside it); 0 when a time is unknown. */
export function timeGapDays(articleTime: string, story: Story): number {
  const at = Date.parse(articleTime);
  const first = Date.parse(story.firstSeen);
  const last = Date.parse(story.lastSeen);
  if (Number.isNaN(at) || Number.isNaN(first) || Number.isNaN(last)) return 0;
  return Math.max(0, at - last, first - at) / DAY_MS;
}

/** Hours from the story's newest article to this one (0 when the article is older or a time is missing). */
export function hoursSinceLastArticle(articleTime: string, story: Story): number {
  const at = Date.parse(articleTime);
  const last = Date.parse(story.lastSeen);
  if (Number.isNaN(at) || Number.isNaN(last)) return 0;
  return Math.max(0, at - last) / HOUR_MS;
}

/**
 * 1 within the story's span (plus grace days); then a linear decline to `lateFactor` at
 * `maxGapDays`, and `staleFactor` beyond: a gap of days does not end a story, weeks nearly do.
 */
export function timeFactor(articleTime: string, story: Story, config: ClusterConfig): number {
  const at = Date.parse(articleTime);
  const first = Date.parse(story.firstSeen);
  const last = Date.parse(story.lastSeen);
  if (Number.isNaN(at) || Number.isNaN(first) || Number.isNaN(last)) return 1;
  const gapDays = Math.max(0, at - last, first - at) / DAY_MS;
  if (gapDays <= config.graceDays) return 1;
  if (gapDays <= config.maxGapDays) {
    const progress = (gapDays - config.graceDays) / (config.maxGapDays - config.graceDays);
    return 1 - progress * (1 - config.lateFactor);
  }
  return config.staleFactor;
}

export interface StoryScore {
  score: number;
  text: number;
  actors?: number;
  topics?: number;
  time: number;
}

/** Weighted mean of the components both sides have, times the time factor. */
export function scoreStory(profile: ArticleProfile, articleTime: string, story: Story, config: ClusterConfig): StoryScore {
  const text = cosine(profile.terms, story.profile.terms);
  const actors = actorSimilarity(profile, story, config);
  const topics = topicSimilarity(profile, story);
  let weighted = config.textWeight * text;
  let weights = config.textWeight;
  if (actors !== undefined) {
    weighted += config.actorWeight * actors;
    weights += config.actorWeight;
  }
  if (topics !== undefined) {
    weighted += config.topicWeight * topics;
    weights += config.topicWeight;
  }
  const time = timeFactor(articleTime, story, config);
  return { score: (weighted / weights) * time, text, actors, topics, time };
}
