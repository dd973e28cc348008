import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '../../lambdas/adapters/dynamodb/schema';
import type { DigestPeriod } from '../../lambdas/core/alert/digest';
import { grantTableAccess, type TableAccess } from './grants';
import { newHandlerFunction } from './handler-function';
import { deadLetterQueue } from './secure-queue';

/**
 * What a digest run calls on the table (runDigests over DynamoStore.listWatches and
 * DynamoDigestStore): Query on the base table (the watch partition, a period's digests) and on
 * gsi1 (the alert listing between the period's bounds), GetItem (a digest read back), PutItem
 * (record a digest, conditional), UpdateItem (claim, release, mark sent or failed). No Scan, no
 * batch calls, no DeleteItem.
 */
export const DIGEST_TABLE_ACCESS: TableAccess = {
  tableActions: ['Query', 'GetItem', 'PutItem', 'UpdateItem'],
  queriedIndexes: [TABLE_KEYS.listIndex.name],
};

/**
 * When each digest is composed (UTC): a few minutes past the period's end, so that the alerts of
 * its last moments (an ingest still running at the boundary, gsi1's eventual consistency) are
 * in. Weekly on Monday, as core/alert/digest.ts counts weeks.
 */
export const DIGEST_SCHEDULES: Record<DigestPeriod, events.CronOptions> = {
  hourly: { minute: '5' },
  daily: { minute: '10', hour: '0' },
  weekly: { minute: '15', hour: '0', weekDay: 'MON' },
};

/** A digest run older than this is late enough to be suspect: it is dead-lettered (and alarmed) instead. */
export const DIGEST_MAX_EVENT_AGE = Duration.hours(1);

export interface DigestSchedulerProps {
  readonly table: dynamodb.ITable;
  readonly topic: sns.ITopic;
}

/**
 * Digests (issue 15): one Lambda, three EventBridge schedules (hourly, daily, weekly), each
 * passing its period. Each run publishes, for every watch with alerts in the period just ended,
 * one digest to the alerts topic; subscribers choose with the `delivery` filter. One run at a
 * time (reserved concurrency 1). A run that still fails after Lambda's two retries, an event
 * older than DIGEST_MAX_EVENT_AGE, and a schedule event EventBridge could not deliver go to the
 * dead-letter queue, which raises an operations alarm.
 */
export class DigestScheduler extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly role: iam.Role;
  public readonly rules: Record<DigestPeriod, events.Rule>;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: DigestSchedulerProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this);
    const handler = newHandlerFunction(this, 'digest.ts', {
      memorySize: 256,
      timeout: Duration.seconds(120),
      reservedConcurrentExecutions: 1,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
      maxEventAge: DIGEST_MAX_EVENT_AGE,
      environment: {
        TABLE_NAME: props.table.tableName,
        TOPIC_ARN: props.topic.topicArn,
      },
    });
    this.function = handler.function;
    this.role = handler.role;
    grantTableAccess(this.role, props.table, DIGEST_TABLE_ACCESS);
    props.topic.grantPublish(this.role);
    const rule = (period: DigestPeriod, name: string) => {
      const created = new events.Rule(this, name, {
        schedule: events.Schedule.cron(DIGEST_SCHEDULES[period]),
        description: `newswatch: send the ${period} digests`,
      });
      created.addTarget(new targets.LambdaFunction(this.function, {
        event: events.RuleTargetInput.fromObject({ period }),
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 2,
        maxEventAge: DIGEST_MAX_EVENT_AGE,
      }));
      return created;
    };
    this.rules = { hourly: rule('hourly', 'Hourly'), daily: rule('daily', 'Daily'), weekly: rule('weekly', 'Weekly') };
  }
}
