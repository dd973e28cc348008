import { addActivity } from './activity';
import {
  actorMetadata, boundedTerms, distinctActorIds, headlineOf, rankActors, rankTopics, titleIsTextLead, topicLabels, topicScores,
} from './aggregate';
import { clusterConfig, type ClusterConfig } from './config';
import type { StoryArticle } from './types';
import type { Story } from '../model';

/** A new story made of one article. Tracking is decided later, by the watches. */
export function startStory(article: StoryArticle, storyId: string, overrides?: Partial<ClusterConfig>): Story {
  const config = clusterConfig(overrides);
  const actorCounts: Record<string, number> = {};
  for (const id of distinctActorIds(article)) actorCounts[id] = 1;
  const topics = topicScores(article);
  return {
    id: storyId,
    headline: headlineOf(article, config),
    ...(titleIsTextLead(article) ? { headlineFromText: true } : {}),
    firstSeen: article.publishedAt,
    lastSeen: article.publishedAt,
    articleCount: 1,
    sources: [article.source.id],
    sourceNames: { [article.source.id]: article.source.name },
    articleIds: [article.id],
    topActors: rankActors(actorCounts, actorMetadata([], article), config.storyTopCount, { previous: [], article }),
    topTopics: rankTopics(topics, topicLabels([], article), config.storyTopCount),
    tracked: false,
    trackedBy: [],
    profile: { terms: boundedTerms(article.profile.terms, config.storyTermCount), actors: actorCounts, topics },
    signatures: article.profile.signature.length > 0 ? { [article.id]: article.profile.signature.slice(0, config.storedSignatureSize) } : {},
    activity: addActivity(undefined, article.publishedAt, config.storyActivityHours),
  };
}
