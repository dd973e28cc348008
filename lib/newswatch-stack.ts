import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AlertsTopic } from './constructs/alerts-topic';
import { DropBucket } from './constructs/drop-bucket';
import { INGEST_FUNCTION_TIMEOUT, IngestFunction } from './constructs/ingest-function';
import { IngestQueue } from './constructs/ingest-queue';
import { StoreTable } from './constructs/store-table';

export interface NewswatchStackProps extends StackProps {
  /** Addresses to subscribe to the alerts topic by email. */
  readonly alertEmails?: string[];
  /** Alert on every story, not only the ones a watch tracks. */
  readonly trackAll?: boolean;
}

/** Drop bucket -> SQS (+DLQ) -> ingest Lambda -> DynamoDB table, alerts on SNS. */
export class NewswatchStack extends Stack {
  public readonly dropBucket: DropBucket;
  public readonly ingestQueue: IngestQueue;
  public readonly storeTable: StoreTable;
  public readonly alertsTopic: AlertsTopic;
  public readonly ingestFunction: IngestFunction;

  constructor(scope: Construct, id: string, props: NewswatchStackProps = {}) {
    super(scope, id, props);

    this.dropBucket = new DropBucket(this, 'DropBucket');
    this.ingestQueue = new IngestQueue(this, 'IngestQueue', {
      bucket: this.dropBucket.bucket,
      prefix: this.dropBucket.incomingPrefix,
      consumerTimeout: INGEST_FUNCTION_TIMEOUT,
    });
    this.storeTable = new StoreTable(this, 'StoreTable');
    this.alertsTopic = new AlertsTopic(this, 'AlertsTopic', { alertEmails: props.alertEmails });
    this.ingestFunction = new IngestFunction(this, 'IngestFunction', {
      bucket: this.dropBucket.bucket,
      incomingPrefix: this.dropBucket.incomingPrefix,
      quarantinePrefix: this.dropBucket.quarantinePrefix,
      queue: this.ingestQueue.queue,
      table: this.storeTable.table,
      topic: this.alertsTopic.topic,
      trackAll: props.trackAll,
    });

    new CfnOutput(this, 'BucketName', {
      value: this.dropBucket.bucket.bucketName,
      description: `Drop articles under s3://<bucket>/${this.dropBucket.incomingPrefix}<source>/`,
    });
    new CfnOutput(this, 'TopicArn', { value: this.alertsTopic.topic.topicArn });
    new CfnOutput(this, 'TableName', { value: this.storeTable.table.tableName });
    new CfnOutput(this, 'QueueUrl', { value: this.ingestQueue.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.ingestQueue.deadLetterQueue.queueUrl });
  }
}
