/** The tag step: actors (with registry ids), IPTC topics and watch topics, keyphrases. */
export { DEFAULT_TAG_CONFIG, tagConfig, type TagConfig } from './config';
export { foldName, slugOfKey } from './fold-name';
export { extractActors, type ArticleText } from './extract-actors';
export { actorLookupKeys } from './actor-lookup-keys';
export { resolveActors, actorId, type ResolvedActors } from './resolve-actors';
export { tagTopics } from './tag-topics';
export { extractKeyphrases } from './extract-keyphrases';
export { tagArticle } from './tag-article';
export { IPTC_TOPICS, type IptcTopic } from './iptc';
export { findRedirects, redirectActorTags, redirectStoryActors, type ActorIdentity, type ActorRedirects } from './redirect-actors';
