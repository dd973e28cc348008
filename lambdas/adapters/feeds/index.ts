export { HttpFeedFetcher } from './http-fetcher';
export { createFeedParser, parseFeedText } from './parse-feed';
export { extractPageText } from './page-text';
export { S3FeedArticleSink } from './s3-sink';
