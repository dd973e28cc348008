import { clusterConfig, type ClusterConfig } from './config';
import { estimateCopySimilarity, estimateShingleCount } from './minhash';
import { cosine } from './terms';
import { scoreStory, type StoryScore } from './similarity';
import type { ArticleProfile, StoryAssignment } from './types';
import type { Story } from '../model';

/**
 * Joins the article to the best candidate story or asks for a new one. A near-duplicate of an
 * article already in a candidate story (shared wording, enough text, similar terms) joins that
 * story, labelled as a copy, even when the combined score is low. Candidates are what the index keys found; this function never looks further.
 */
export function assignStory(
  article: { profile: ArticleProfile; publishedAt: string },
  candidates: Story[],
  overrides?: Partial<ClusterConfig>,
): StoryAssignment {
  const config = clusterConfig(overrides);
  const copy = findCopy(article.profile, candidates, config);
  let best: { story: Story; score: StoryScore } | undefined;
  for (const story of candidates) {
    const score = scoreStory(article.profile, article.publishedAt, story, config);
    if (!best || score.score > best.score.score || (score.score === best.score.score && story.id < best.story.id)) {
      best = { story, score };
    }
  }

  if (copy) {
    const score = copy.story.id === best?.story.id ? best.score.score : scoreStory(article.profile, article.publishedAt, copy.story, config).score;
    return {
      action: 'join',
      storyId: copy.story.id,
      score: round(score),
      reason: `near-duplicate of article ${copy.articleId} (shared wording ${percent(copy.similarity)})`,
      copyOf: copy.articleId,
      copySimilarity: round(copy.similarity),
    };
  }
  if (!best) return { action: 'create', reason: 'no candidate story' };
  if (best.score.score >= config.joinThreshold) {
    return { action: 'join', storyId: best.story.id, score: round(best.score.score), reason: describe(best.score, config) };
  }
  return {
    action: 'create',
    reason: `best candidate ${best.story.id} scored ${best.score.score.toFixed(2)} < ${config.joinThreshold}`,
    bestScore: round(best.score.score),
  };
}

function findCopy(profile: ArticleProfile, candidates: Story[], config: ClusterConfig) {
  const { signature } = profile;
  if (estimateShingleCount(signature, config.sketchSize) < config.copyMinShingles) return undefined;
  let found: { story: Story; articleId: string; similarity: number } | undefined;
  for (const story of candidates) {
    if (cosine(profile.terms, story.profile.terms) < config.copyMinTextSimilarity) continue;
    for (const [articleId, other] of Object.entries(story.signatures)) {
      if (estimateShingleCount(other, config.sketchSize) < config.copyMinShingles) continue;
      const similarity = estimateCopySimilarity(signature, other, config.sketchSize);
      if (similarity >= config.copyThreshold && (!found || similarity > found.similarity)) found = { story, articleId, similarity };
    }
  }
  return found;
}

function describe(score: StoryScore, config: ClusterConfig): string {
  const parts = [`text ${score.text.toFixed(2)}`];
  if (score.actors !== undefined) parts.push(`actors ${score.actors.toFixed(2)}`);
  if (score.topics !== undefined) parts.push(`topics ${score.topics.toFixed(2)}`);
  if (score.time < 1) parts.push(`time x${score.time.toFixed(2)}`);
  return `score ${score.score.toFixed(2)} >= ${config.joinThreshold} (${parts.join(', ')})`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
