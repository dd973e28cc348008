import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { newHandlerFunction } from './handler-function';


/** Exported so the queue can size its visibility timeout before the function exists. */
export const INGEST_FUNCTION_TIMEOUT = Duration.seconds(60);

export interface IngestFunctionProps {
  readonly bucket: s3.IBucket;
  readonly incomingPrefix: string;
  readonly quarantinePrefix: string;
  readonly queue: sqs.IQueue;
  readonly table: dynamodb.ITable;
  readonly topic: sns.ITopic;
  /** Alert on every story instead of only those a watch tracks. */
  readonly trackAll?: boolean;
  /** Caps parallel ingests (and so DynamoDB/SNS load); unreserved when absent. */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * The ingest Lambda: reads S3 events from the queue, runs the pipeline, writes the store and
 * publishes alerts. Reports partial batch failures so one bad message does not retry its batch.
 */
export class IngestFunction extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly logGroup: logs.LogGroup;
  public readonly eventSource: SqsEventSource;

  constructor(scope: Construct, id: string, props: IngestFunctionProps) {
    super(scope, id);
    const handler = newHandlerFunction(this, 'ingest.ts', {
      memorySize: 1024,
      timeout: INGEST_FUNCTION_TIMEOUT,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        TABLE_NAME: props.table.tableName,
        TOPIC_ARN: props.topic.topicArn,
        TRACK_ALL: String(props.trackAll ?? false),
        QUARANTINE_PREFIX: props.quarantinePrefix,
      },
    });
    this.function = handler.function;
    this.logGroup = handler.logGroup;

    this.eventSource = new SqsEventSource(props.queue, {
      batchSize: 10,
      maxBatchingWindow: Duration.seconds(5),
      reportBatchItemFailures: true,
    });
    this.function.addEventSource(this.eventSource);

    props.bucket.grantRead(this.function, `${props.incomingPrefix}*`);
    // The handler copies rejected originals aside; it never writes elsewhere in the bucket.
    props.bucket.grantPut(this.function, `${props.quarantinePrefix}*`);
    props.table.grantReadWriteData(this.function);
    props.topic.grantPublish(this.function);
  }
}
