import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '../../lambdas/adapters/dynamodb/schema';
import { grantObjectActions, grantTableAccess, type TableAccess } from './grants';
import { newHandlerFunction } from './handler-function';
import { deadLetterQueue } from './secure-queue';

/**
 * What a poll calls on the table (pollDueFeeds over DynamoFeedStore): Query on the FEEDS
 * partition of gsi1 (due feeds), BatchGetItem (seen-item markers), PutItem (the feed, and the
 * conditional claim of a new item), UpdateItem (item done). No Scan, no DeleteItem.
 */
export const FEED_POLLER_TABLE_ACCESS: TableAccess = {
  tableActions: ['BatchGetItem', 'PutItem', 'UpdateItem'],
  queriedIndexes: [TABLE_KEYS.listIndex.name],
};


export interface FeedPollerProps {
  readonly bucket: s3.IBucket;
  /** The drop prefix ("incoming/"): the only place the poller may write. */
  readonly incomingPrefix: string;
  readonly table: dynamodb.ITable;
  /** How often the schedule fires; each run polls only the feeds that are due. */
  readonly rate?: Duration;
}

/**
 * The RSS/Atom poller: an EventBridge schedule (every 5 minutes) invokes one Lambda at a time
 * (reserved concurrency 1, so runs never overlap), which polls the due feeds and writes each new
 * item under incoming/<feed source>/. Failed invocations, after Lambda's async retries, and events
 * EventBridge could not deliver, go to a dead-letter queue.
 */
export class FeedPoller extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly role: iam.Role;
  public readonly rule: events.Rule;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: FeedPollerProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this);
    const handler = newHandlerFunction(this, 'poll-feeds.ts', {
      memorySize: 1024,
      timeout: Duration.minutes(4),
      reservedConcurrentExecutions: 1,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
      environment: {
        TABLE_NAME: props.table.tableName,
        BUCKET_NAME: props.bucket.bucketName,
      },
    });
    this.function = handler.function;
    this.role = handler.role;
    this.rule = new events.Rule(this, 'Schedule', {
      schedule: events.Schedule.rate(props.rate ?? Duration.minutes(5)),
      description: 'newswatch: poll the RSS/Atom feeds that are due',
    });
    this.rule.addTarget(new targets.LambdaFunction(this.function, {
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
    }));
    // Write access to the drop prefix only: the poller cannot read, delete, or write anywhere else.
    grantObjectActions(this.role, props.bucket, props.incomingPrefix, ['s3:PutObject'],
      `The feed poller writes each new item under ${props.incomingPrefix}<feed source>/: keys are made per item.`);
    grantTableAccess(this.role, props.table, FEED_POLLER_TABLE_ACCESS);
  }
}
