/** The similarity components of the join model's features (features.ts). */
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
