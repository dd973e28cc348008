import {
  actorMetadata, boundedTerms, distinctActorIds, keepLast, rankActors, rankTopics, round, titleIsTextLead, topicLabels, topicScores,
} from './aggregate';
import { addActivity } from './activity';
import { clusterConfig, type ClusterConfig } from './config';
import type { StoryArticle } from './types';
import type { Story } from '../model';

/**
 * The story once the article has joined it. Pure and total: the store decides atomically
 * whether this aggregate is written (once per article), so merging an article already listed
 * returns the story unchanged.
 */
export function mergeIntoStory(story: Story, article: StoryArticle, overrides?: Partial<ClusterConfig>): Story {
  const config = clusterConfig(overrides);
  if (story.articleIds.includes(article.id)) return story;

  // Running centroid: every article weighs the same, whatever the story's size.
  const previousCount = Math.max(1, story.articleCount);
  const terms: Record<string, number> = {};
  for (const [term, weight] of Object.entries(story.profile.terms)) terms[term] = (weight * previousCount) / (previousCount + 1);
  for (const [term, weight] of Object.entries(article.profile.terms)) {
    terms[term] = (terms[term] ?? 0) + weight / (previousCount + 1);
  }

  const actorCounts = { ...story.profile.actors };
  for (const id of distinctActorIds(article)) actorCounts[id] = (actorCounts[id] ?? 0) + 1;
  const topics = { ...story.profile.topics };
  for (const [id, score] of Object.entries(topicScores(article))) topics[id] = round((topics[id] ?? 0) + score);

  const isNewSource = !story.sources.includes(article.source.id);
  const signatures = Object.entries(story.signatures);
  if (article.profile.signature.length > 0) signatures.push([article.id, article.profile.signature.slice(0, config.storedSignatureSize)]);

  // A story named after the lead of a text takes the first real title that joins it.
  const { headlineFromText: _previous, ...rest } = story;
  const retitle = story.headlineFromText && !titleIsTextLead(article);
  const naming = retitle ? { headline: article.title.trim() } : story.headlineFromText ? { headlineFromText: true } : {};

  return {
    ...rest,
    ...naming,
    firstSeen: earlier(story.firstSeen, article.publishedAt),
    lastSeen: later(story.lastSeen, article.publishedAt),
    articleCount: story.articleCount + 1,
    sources: isNewSource ? [...story.sources, article.source.id] : story.sources,
    sourceNames: isNewSource ? { ...story.sourceNames, [article.source.id]: article.source.name } : story.sourceNames,
    articleIds: keepLast([...story.articleIds, article.id], config.storyArticleIdLimit),
    topActors: rankActors(actorCounts, actorMetadata(story.topActors, article), config.storyTopCount, {
      previous: story.topActors,
      article,
    }),
    topTopics: rankTopics(topics, topicLabels(story.topTopics, article), config.storyTopCount),
    profile: { terms: boundedTerms(terms, config.storyTermCount), actors: actorCounts, topics },
    signatures: Object.fromEntries(keepLast(signatures, config.storySignatureLimit)),
    activity: addActivity(story.activity, article.publishedAt, config.storyActivityHours),
  };
}

/** ISO 8601 instants compared as times (offsets may differ); unparseable ones lose. */
function earlier(a: string, b: string): string {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(tb)) return a;
  if (Number.isNaN(ta)) return b;
  return tb < ta ? b : a;
}

function later(a: string, b: string): string {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(tb)) return a;
  if (Number.isNaN(ta)) return b;
  return tb > ta ? b : a;
}
