import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { newHandlerFunction } from './handler-function';


export interface AlertFlusherProps {
  readonly table: dynamodb.ITable;
  readonly topic: sns.ITopic;
  /** How often held alerts are checked; a folded alert is at most this late after its cooldown. */
  readonly every?: Duration;
}

/**
 * Storm control's other half: every minute, publishes the folded alert of each story whose
 * cooldown has ended (a Query on the due-time partition of gsi1, never a Scan). One flusher at
 * a time (reserved concurrency 1), so two runs never fold the same story at once.
 */
export class AlertFlusher extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: AlertFlusherProps) {
    super(scope, id);
    this.function = newHandlerFunction(this, 'alert-flusher.ts', {
      memorySize: 256,
      timeout: Duration.seconds(50),
      reservedConcurrentExecutions: 1,
      environment: {
        TABLE_NAME: props.table.tableName,
        TOPIC_ARN: props.topic.topicArn,
      },
    }).function;
    props.table.grantReadWriteData(this.function);
    props.topic.grantPublish(this.function);
    this.rule = new events.Rule(this, 'Schedule', {
      schedule: events.Schedule.rate(props.every ?? Duration.minutes(1)),
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 0 })],
    });
  }
}
