// First: stack traces name the TypeScript sources, the source map read on the first one (source-mapped-stacks.ts).
import './source-mapped-stacks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { createDocumentClient } from '../adapters/dynamodb';
import { DynamoFeedStore } from '../adapters/dynamodb/feed-store';
import { createFeedParser, extractPageText, HttpFeedFetcher, S3FeedArticleSink } from '../adapters/feeds';
import { RetryableError } from '../core/errors';
import { pollDueFeeds, resolveFeedPollConfig, type FeedPollConfig, type PollDeps } from '../core/feeds';
import { requiredEnv } from './environment';

/** Stop starting new feeds when less than this is left of the Lambda's time. */
const TIME_MARGIN_MS = 30_000;

export interface PollHandlerDeps extends PollDeps {
  config: FeedPollConfig;
  clock: () => Date;
  log?: (entry: Record<string, unknown>) => void;
}

/**
 * EventBridge schedule -> poll the due feeds -> new items into the drop bucket. A feed's own
 * failure is recorded on the feed; a failing bucket or table fails the invocation, so Lambda
 * retries it and, after its retries, sends the event to the DLQ.
 */
export function createPollHandler(deps: PollHandlerDeps) {
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  return async (_event: ScheduledEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>) => {
    const reports = await pollDueFeeds({
      now: deps.clock(),
      config: deps.config,
      shouldStop: () => (context ? context.getRemainingTimeInMillis() < TIME_MARGIN_MS : false),
    }, deps);
    for (const r of reports) log({ message: 'polled feed', feedId: r.feedId, status: r.status, httpStatus: r.httpStatus, newItems: r.newItems, deferredItems: r.deferredItems, error: r.error, nextPollAt: r.nextPollAt, movedTo: r.movedTo });
    const failed = reports.filter((r) => r.infrastructureError);
    if (failed.length > 0) {
      throw new RetryableError(`${failed.length} feed(s) could not be written: ${failed.map((r) => `${r.feedId}: ${r.error}`).join('; ')}`);
    }
    return { polled: reports.length, newItems: reports.reduce((n, r) => n + r.newItems, 0) };
  };
}

function depsFromEnvironment(): PollHandlerDeps {
  // A Lambda never fetches from private networks, whatever its environment says.
  const config = resolveFeedPollConfig({ allowPrivateNetwork: false });
  return {
    store: new DynamoFeedStore(createDocumentClient(new DynamoDBClient({})), requiredEnv('TABLE_NAME')),
    fetcher: new HttpFeedFetcher(config),
    parse: createFeedParser(config.maxFeedBytes),
    sink: new S3FeedArticleSink(new S3Client({}), requiredEnv('BUCKET_NAME')),
    extractPage: extractPageText,
    config,
    clock: () => new Date(),
  };
}

// Clients are built once per Lambda container, on the first invocation.
let handlerInstance: ReturnType<typeof createPollHandler> | undefined;
export const handler = async (event: ScheduledEvent, context: Context) => {
  handlerInstance ??= createPollHandler(depsFromEnvironment());
  return handlerInstance(event, context);
};
