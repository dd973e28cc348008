import { clusterConfig, type ClusterConfig } from './config';
import { candidateFeatures, joinProbability, type JoinFeatures } from './features';
import { estimateCopySimilarity, estimateShingleCount } from './minhash';
import type { ArticleProfile, StoryAssignment } from './types';
import type { Story } from '../model';

/**
 * Joins the article to the most probable candidate story or asks for a new one. The
 * probability comes from a calibrated logistic model over text, title, actor and topic
 * similarity, the time gap, the article's length and the candidate's lead over the others
 * (features.ts). A near-duplicate of an article already in a candidate story (shared wording,
 * enough text, similar terms) joins that story, labelled as a copy, whatever the model says.
 * Candidates are what the index keys found; this function never looks further.
 */
export function assignStory(
  article: { profile: ArticleProfile; publishedAt: string },
  candidates: Story[],
  overrides?: Partial<ClusterConfig>,
): StoryAssignment {
  const config = clusterConfig(overrides);
  const candidateRows = candidateFeatures(article.profile, article.publishedAt, candidates, config);
  const copy = findCopy(article.profile, candidates, candidateRows.map((f) => f.text), config);
  let best: { story: Story; probability: number; features: JoinFeatures } | undefined;
  candidateRows.forEach((features, i) => {
    const story = candidates[i];
    const probability = joinProbability(features, config.joinModel);
    if (!best || probability > best.probability || (probability === best.probability && story.id < best.story.id)) {
      best = { story, probability, features };
    }
  });

  if (copy) {
    const score = copy.story.id === best?.story.id ? best.probability : undefined;
    return {
      action: 'join',
      storyId: copy.story.id,
      score: round(score ?? copy.similarity),
      reason: `near-duplicate of article ${copy.articleId} (shared wording ${percent(copy.similarity)})`,
      copyOf: copy.articleId,
      copySimilarity: round(copy.similarity),
    };
  }
  if (!best) return { action: 'create', reason: 'no candidate story' };
  const s = best.features.shortText;
  const minText = (1 - s) * config.minJoinText.report + s * config.minJoinText.headline;
  if (best.probability >= config.joinProbability && best.features.text >= minText) {
    return { action: 'join', storyId: best.story.id, score: round(best.probability), reason: describe(best.probability, best.features, config, '>=') };
  }
  return {
    action: 'create',
    reason: `best candidate ${best.story.id}: ${describe(best.probability, best.features, config, '<')}`,
    bestScore: round(best.probability),
  };
}

/**
 * The story holding the closest copy, and the article it copies. Within that story the label
 * names the fullest version the text was found in: a condensed rewrite is made from the full
 * report, not from another rewrite, so a copy of a rewrite is labelled with the original
 * (seeds: 000 condenses 001; 000 again under another outlet is a copy of 001, not of 000).
 */
function findCopy(profile: ArticleProfile, candidates: Story[], texts: number[], config: ClusterConfig) {
  const { signature } = profile;
  if (estimateShingleCount(signature, config.sketchSize) < config.copyMinShingles) return undefined;
  let found: { story: Story; matches: CopyMatch[]; best: number } | undefined;
  for (const [i, story] of candidates.entries()) {
    // texts[i]: the candidate's text cosine, computed once with its join features.
    if (texts[i] < config.copyMinTextSimilarity) continue;
    const matches: CopyMatch[] = [];
    for (const [articleId, other] of Object.entries(story.signatures)) {
      const shingles = estimateShingleCount(other, config.storedSignatureSize);
      if (shingles < config.copyMinShingles) continue;
      const similarity = estimateCopySimilarity(signature, other, config.sketchSize, config.storedSignatureSize);
      if (similarity >= config.copyThreshold) matches.push({ articleId, similarity, shingles });
    }
    const best = Math.max(0, ...matches.map((m) => m.similarity));
    if (matches.length > 0 && (!found || best > found.best)) found = { story, matches, best };
  }
  if (!found) return undefined;
  const original = found.matches.reduce((a, b) => (b.shingles > a.shingles || (b.shingles === a.shingles && b.similarity > a.similarity) ? b : a));
  return { story: found.story, articleId: original.articleId, similarity: original.similarity };
}

interface CopyMatch {
  articleId: string;
  similarity: number;
  /** Estimated distinct shingles of the matched article: how full a version it is. */
  shingles: number;
}

function describe(probability: number, f: JoinFeatures, config: ClusterConfig, op: '>=' | '<'): string {
  const parts = [`text ${f.text.toFixed(2)}`, `title ${f.title.toFixed(2)}`];
  if (!f.noActors) parts.push(`actors ${f.actors.toFixed(2)}`);
  if (f.topics > 0) parts.push(`topics ${f.topics.toFixed(2)}`);
  if (f.gap > 0.01) parts.push(`gap ${Math.expm1(f.gap).toFixed(1)}d`);
  return `p ${probability.toFixed(2)} ${op} ${config.joinProbability} (${parts.join(', ')})`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
