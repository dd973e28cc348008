/** The feed poller's pure core: schedule, dedup, item -> article, and the poll use case over ports. */
export { DEFAULT_FEED_POLL_CONFIG, resolveFeedPollConfig, type FeedPollConfig } from './config';
export {
  scheduleNextPoll, intervalFromItemDates, isFeedDue, parseRetryAfter, parseMaxAge, addSeconds,
  type ScheduleOutcome, type ScheduleDecision,
} from './schedule';
export { assignDedupKeys, contentFingerprint } from './dedup';
export { feedIdFor, normalizeFeedUrl, feedSourceName, feedSourceSlug } from './feed-id';
export { feedItemToArticle, isUsableItem, resolveLink } from './article';
export { decodeFeedBytes, looksLikeLatinText } from './decode-feed';
export { pollFeed, pollDueFeeds, type PollDeps, type PollOptions, type PollRunOptions } from './poll-feed';
export { newFeed } from './new-feed';
export type * from './types';
