/**
 * The join-or-create decision as a calibrated model: a few features of (article, candidate
 * story), combined by a logistic model whose weights were fitted offline
 * (scripts/fit-clustering.ts, on the `fit` half of the events; see docs/clustering.md).
 * The output is a probability that the article belongs to the story, so one threshold (0.5)
 * means the same thing for a long report and for a headline.
 */
import type { ClusterConfig } from './config';
import { actorSimilarity, timeGapDays, topicSimilarity } from './similarity';
import { contentTerms, cosine, termRarity } from './terms';
import type { ArticleProfile } from './types';
import type { Story } from '../model';

/** Feature names, in the order of the weights in config.joinModel. */
export const JOIN_FEATURES = [
  'text', 'title', 'actors', 'noActors', 'topics', 'gap', 'shortText', 'textShort', 'titleShort', 'lead', 'storySize',
] as const;
export type JoinFeatureName = (typeof JOIN_FEATURES)[number];
export type JoinFeatures = Record<JoinFeatureName, number>;

/** Weighted title terms (rarity as in the article profile), L2 not needed: cosine normalizes. */
export function titleTerms(title: string, config: ClusterConfig): Record<string, number> {
  const out: Record<string, number> = {};
  for (const term of contentTerms(title, config.minTermLength)) out[term] = termRarity(term, config);
  return out;
}

/**
 * Features of one candidate. `bestOtherText` is the highest text cosine among the other
 * candidates (undefined when alone, counted as 0): how far this one leads (candidate rank, as
 * a margin). (Counting a lone candidate's lead as 0 instead fitted worse: news-cluster-dev
 * F1 0.89 instead of 0.95; see docs/clustering.md.)
 */
export function candidateFeatures(
  profile: ArticleProfile,
  publishedAt: string,
  story: Story,
  bestOtherText: number | undefined,
  config: ClusterConfig,
): JoinFeatures {
  const text = cosine(profile.terms, story.profile.terms);
  const title = cosine(profile.title ?? {}, titleTerms(story.headline, config));
  const actors = actorSimilarity(profile, story, config);
  const topics = topicSimilarity(profile, story);
  const gapDays = timeGapDays(publishedAt, story);
  // 1 for a headline, 0 for a full report: short texts share fewer words by construction.
  const termCount = Object.keys(profile.terms).length;
  const shortText = Math.max(0, 1 - termCount / config.shortTextTerms);
  return {
    text,
    title,
    actors: actors ?? 0,
    noActors: actors === undefined ? 1 : 0,
    topics: topics ?? 0,
    gap: Math.log1p(gapDays),
    shortText,
    textShort: text * shortText,
    titleShort: title * shortText,
    lead: text - (bestOtherText ?? 0),
    storySize: Math.log1p(story.articleCount),
  };
}

/** Probability that the article belongs to the story under the logistic model. */
export function joinProbability(features: JoinFeatures, model: ClusterConfig['joinModel']): number {
  let z = model.bias;
  for (const name of JOIN_FEATURES) z += (model.weights[name] ?? 0) * features[name];
  return 1 / (1 + Math.exp(-z));
}
