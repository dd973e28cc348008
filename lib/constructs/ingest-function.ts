import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { grantObjectActions, grantTableAccess, type TableAccess } from './grants';
import { newHandlerFunction } from './handler-function';


/** Exported so the queue can size its visibility timeout before the function exists. */
export const INGEST_FUNCTION_TIMEOUT = Duration.seconds(60);

/**
 * What the ingest path calls on the table (DynamoStore and DynamoAlertQueue.holdAlerts):
 * GetItem (claimed article, coverage and alert read back, story), BatchGetItem (index heads,
 * candidate stories, actors), Query on the base table (watches), PutItem (conditional claims,
 * stories, alerts, object log), UpdateItem (alert lease and status, memberships, actors, hold),
 * BatchWriteItem (index heads, actor aliases). No Scan, no DeleteItem, no index.
 */
export const INGEST_TABLE_ACCESS: TableAccess = {
  tableActions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'BatchWriteItem'],
};

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
  public readonly role: iam.Role;
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
    this.role = handler.role;

    this.eventSource = new SqsEventSource(props.queue, {
      batchSize: 10,
      maxBatchingWindow: Duration.seconds(5),
      reportBatchItemFailures: true,
    });
    this.function.addEventSource(this.eventSource);

    // Reads the dropped object, by the version the S3 event names (GetObject with a VersionId is
    // s3:GetObjectVersion); no List: a missing key answers 403 AccessDenied, not 404.
    grantObjectActions(this.role, props.bucket, props.incomingPrefix, ['s3:GetObject', 's3:GetObjectVersion'],
      `The ingest Lambda reads whatever object is dropped under ${props.incomingPrefix}: keys are not known in advance.`);
    // The handler copies rejected originals aside; it never writes elsewhere in the bucket.
    grantObjectActions(this.role, props.bucket, props.quarantinePrefix, ['s3:PutObject'],
      `The ingest Lambda copies each rejected original under ${props.quarantinePrefix} with the key it was dropped under.`);
    grantTableAccess(this.role, props.table, INGEST_TABLE_ACCESS);
    props.topic.grantPublish(this.role);
  }
}
