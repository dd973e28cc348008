/**
 * The join-or-create decision as a calibrated model: a few features of (article, candidate
 * story), combined by a logistic model whose weights were fitted offline
 * (scripts/fit-clustering.ts, on the `fit` half of the events; see docs/clustering.md).
 * The output is a probability that the article belongs to the story, so one threshold (0.5)
 * means the same thing for a long report and for a headline.
 */
import type { ClusterConfig } from './config';
import { actorSimilarity, hoursSinceLastArticle, timeGapDays, topicSimilarity } from './similarity';
import { contentTerms, cosine, stopWordsFor, termRarity } from './terms';
import type { ArticleProfile } from './types';
import type { Story } from '../model';

/** Feature names of the join model (weights by name in config.joinModel). */
export const JOIN_FEATURES = ['text', 'title', 'actors', 'noActors', 'topics', 'gap', 'recency', 'lead', 'storySize'] as const;
export type JoinFeatureName = (typeof JOIN_FEATURES)[number];
export type JoinFeatures = Record<JoinFeatureName, number> & {
  /** 1 for a headline, 0 for a full report: which of the two fitted models speaks (blended between). */
  shortText: number;
};
/** One logistic model: bias and a weight per feature. */
export interface LogisticModel {
  bias: number;
  weights: Partial<Record<JoinFeatureName, number>>;
}
/**
 * Two models, one fitted on full reports and one on headlines: short texts share fewer words by
 * construction, so the same cosine means more for a headline. An article in between (an RSS
 * summary) gets the blend of the two logits, weighted by how short it is.
 */
export interface JoinModel {
  report: LogisticModel;
  headline: LogisticModel;
}

/**
 * Weighted title terms (rarity as in the article profile), L2 not needed: cosine normalizes.
 * `language` picks the stop words (English when absent).
 */
export function titleTerms(title: string, config: ClusterConfig, language?: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const term of contentTerms(title, config.minTermLength, stopWordsFor(language))) out[term] = termRarity(term, config);
  return out;
}

/**
 * Features of every candidate story for one article. `lead` compares a candidate with the others:
 * how far its text cosine leads the best other one (a lone candidate leads by its whole cosine:
 * counting it as 0 instead fitted worse, news-cluster-dev F1 0.89 instead of 0.95).
 */
export function candidateFeatures(
  profile: ArticleProfile,
  publishedAt: string,
  candidates: Story[],
  config: ClusterConfig,
): JoinFeatures[] {
  const own = candidates.map((story) => storyFeatures(profile, publishedAt, story, config));
  return own.map((f, i) => ({ ...f, lead: f.text - Math.max(0, ...own.filter((_, j) => j !== i).map((o) => o.text)) }));
}

/** The features of one (article, story) pair on their own (the lead is filled in by candidateFeatures). */
function storyFeatures(profile: ArticleProfile, publishedAt: string, story: Story, config: ClusterConfig): JoinFeatures {
  const text = cosine(profile.terms, story.profile.terms);
  // The story's headline is read with the article's stop words: a story is mostly of one language.
  const title = cosine(profile.title ?? {}, titleTerms(story.headline, config, profile.language));
  const actors = actorSimilarity(profile, story, config);
  const topics = topicSimilarity(profile, story);
  const gapDays = timeGapDays(publishedAt, story);
  const termCount = Object.keys(profile.terms).length;
  const shortText = Math.max(0, 1 - termCount / config.shortTextTerms);
  return {
    text,
    title,
    actors: actors ?? 0,
    noActors: actors === undefined ? 1 : 0,
    topics: topics ?? 0,
    // Days past the grace period: news flows in bursts, so the first days after a story never count against it.
    gap: Math.log1p(Math.max(0, gapDays - config.graceDays)),
    // Coverage comes in bursts: a story with an article within the hour weighs more; a quiet one asks
    // a headline for more shared wording, and a strong match still joins days later (docs/clustering.md).
    recency: 1 / (1 + hoursSinceLastArticle(publishedAt, story) / config.recencyHours),
    shortText,
    lead: 0,
    storySize: Math.log1p(story.articleCount),
  };
}

/** Probability that the article belongs to the story under the logistic model. */
export function joinProbability(features: JoinFeatures, model: JoinModel): number {
  const z = (1 - features.shortText) * logit(features, model.report) + features.shortText * logit(features, model.headline);
  return 1 / (1 + Math.exp(-z));
}

function logit(features: JoinFeatures, model: LogisticModel): number {
  let z = model.bias;
  for (const name of JOIN_FEATURES) z += (model.weights[name] ?? 0) * features[name];
  return z;
}
