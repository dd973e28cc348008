import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '../../lambdas/adapters/dynamodb/schema';
import { grantTableAccess, type TableAccess } from './grants';
import { newHandlerFunction } from './handler-function';
import { deadLetterQueue } from './secure-queue';

/**
 * What a flush calls on the table (flushDueAlerts over DynamoStore and DynamoAlertQueue): Query
 * on the due-time partition of gsi1 (due holds) and on the base table (a story's alerts), GetItem
 * (the story), PutItem (the folded alert, conditional), UpdateItem (mark sent), DeleteItem (release
 * a hold, conditional on its version). No Scan, no batch calls.
 */
export const ALERT_FLUSHER_TABLE_ACCESS: TableAccess = {
  tableActions: ['Query', 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
  queriedIndexes: [TABLE_KEYS.listIndex.name],
};

/** A flush older than this is superseded by the runs scheduled since; it is dead-lettered instead. */
export const ALERT_FLUSHER_MAX_EVENT_AGE = Duration.minutes(10);

export interface AlertFlusherProps {
  readonly table: dynamodb.ITable;
  readonly topic: sns.ITopic;
  /** How often held alerts are checked; a folded alert is at most this late after its cooldown. */
  readonly every?: Duration;
}

/**
 * Storm control's other half: every minute, publishes the folded alert of each story whose
 * cooldown has ended (a Query on the due-time partition of gsi1, never a Scan). One flusher at
 * a time (reserved concurrency 1), so two runs never fold the same story at once. A run that
 * still fails after Lambda's two retries, one that waited past ALERT_FLUSHER_MAX_EVENT_AGE (the
 * flusher is stuck or far behind), and a schedule event EventBridge could not deliver all land
 * in the dead-letter queue, which raises an operations alarm: held alerts are not going out.
 */
export class AlertFlusher extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly role: iam.Role;
  public readonly rule: events.Rule;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: AlertFlusherProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this);
    const handler = newHandlerFunction(this, 'alert-flusher.ts', {
      memorySize: 256,
      timeout: Duration.seconds(50),
      reservedConcurrentExecutions: 1,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
      maxEventAge: ALERT_FLUSHER_MAX_EVENT_AGE,
      environment: {
        TABLE_NAME: props.table.tableName,
        TOPIC_ARN: props.topic.topicArn,
      },
    });
    this.function = handler.function;
    this.role = handler.role;
    grantTableAccess(this.role, props.table, ALERT_FLUSHER_TABLE_ACCESS);
    props.topic.grantPublish(this.role);
    this.rule = new events.Rule(this, 'Schedule', {
      schedule: events.Schedule.rate(props.every ?? Duration.minutes(1)),
      description: 'newswatch: publish the folded alerts whose cooldown has ended',
    });
    this.rule.addTarget(new targets.LambdaFunction(this.function, {
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
      maxEventAge: ALERT_FLUSHER_MAX_EVENT_AGE,
    }));
  }
}
