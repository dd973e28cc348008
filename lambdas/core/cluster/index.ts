/** The cluster step: profile an article, find candidate stories by key, join or start a story. */
export { profileArticle } from './profile';
export { actorIndexKey, candidateKeys } from './keys';
export { assignStory } from './assign';
export { startStory } from './start';
export { mergeIntoStory } from './merge';
export { listsEveryArticle } from './story-articles';
export { activityHour, activityPerDay, addActivity } from './activity';
export { estimateCopySimilarity, estimateContainment } from './minhash';
export { DEFAULT_CLUSTER_CONFIG, clusterConfig, type ClusterConfig } from './config';
export type { ArticleProfile, ProfileInput, StoryArticle, StoryAssignment } from './types';
