import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AlertFlusher } from './constructs/alert-flusher';
import { AlertsTopic, type EmailSubscriber } from './constructs/alerts-topic';
import { SlackNotifier } from './constructs/slack-notifier';
import { DigestScheduler } from './constructs/digest-scheduler';
import { DropBucket } from './constructs/drop-bucket';
import { INGEST_FUNCTION_TIMEOUT, IngestFunction } from './constructs/ingest-function';
import { FeedPoller } from './constructs/feed-poller';
import { IngestQueue } from './constructs/ingest-queue';
import { OperationsAlarms } from './constructs/operations-alarms';
import { StoreTable } from './constructs/store-table';
import { DEFAULT_ALERT_COOLDOWN_SECONDS } from '../lambdas/core/alert/config';

export interface NewswatchStackProps extends StackProps {
  /** Addresses to subscribe to the alerts topic by email. */
  readonly alertEmails?: string[];
  /** Alert on every story, not only the ones a watch tracks. */
  readonly trackAll?: boolean;
  /** Email subscribers with optional watch filters (context `alertEmail=a@x.example:rubio+ukraine`). */
  readonly emailSubscribers?: EmailSubscriber[];
  /** Secrets Manager secret name holding a Slack incoming-webhook URL: adds the Slack notifier. */
  readonly slackWebhookSecret?: string;
  /** Storm-control cooldown in seconds (default DEFAULT_ALERT_COOLDOWN_SECONDS, 600). */
  readonly alertCooldownSeconds?: number;
  /** Addresses told by email when an operations alarm fires (dead letters, ingest backlog). */
  readonly opsEmails?: string[];
}

/** Drop bucket -> SQS (+DLQ) -> ingest Lambda -> DynamoDB table, alerts on SNS. */
export class NewswatchStack extends Stack {
  public readonly dropBucket: DropBucket;
  public readonly ingestQueue: IngestQueue;
  public readonly storeTable: StoreTable;
  public readonly alertsTopic: AlertsTopic;
  public readonly ingestFunction: IngestFunction;
  public readonly alertFlusher: AlertFlusher;
  public readonly digestScheduler: DigestScheduler;
  public readonly slackNotifier?: SlackNotifier;
  public readonly feedPoller: FeedPoller;
  public readonly operations: OperationsAlarms;

  constructor(scope: Construct, id: string, props: NewswatchStackProps = {}) {
    super(scope, id, props);

    this.dropBucket = new DropBucket(this, 'DropBucket');
    this.ingestQueue = new IngestQueue(this, 'IngestQueue', {
      bucket: this.dropBucket.bucket,
      prefix: this.dropBucket.incomingPrefix,
      consumerTimeout: INGEST_FUNCTION_TIMEOUT,
    });
    this.storeTable = new StoreTable(this, 'StoreTable');
    this.alertsTopic = new AlertsTopic(this, 'AlertsTopic', { alertEmails: props.alertEmails, emailSubscribers: props.emailSubscribers });
    this.ingestFunction = new IngestFunction(this, 'IngestFunction', {
      bucket: this.dropBucket.bucket,
      incomingPrefix: this.dropBucket.incomingPrefix,
      quarantinePrefix: this.dropBucket.quarantinePrefix,
      queue: this.ingestQueue.queue,
      table: this.storeTable.table,
      topic: this.alertsTopic.topic,
      trackAll: props.trackAll,
    });
    this.ingestFunction.function.addEnvironment('ALERT_COOLDOWN_SECONDS', String(props.alertCooldownSeconds ?? DEFAULT_ALERT_COOLDOWN_SECONDS));
    this.alertFlusher = new AlertFlusher(this, 'AlertFlusher', { table: this.storeTable.table, topic: this.alertsTopic.topic });
    new CfnOutput(this, 'AlertFlusherDeadLetterQueueUrl', { value: this.alertFlusher.deadLetterQueue.queueUrl });
    this.digestScheduler = new DigestScheduler(this, 'Digests', { table: this.storeTable.table, topic: this.alertsTopic.topic });
    new CfnOutput(this, 'DigestDeadLetterQueueUrl', { value: this.digestScheduler.deadLetterQueue.queueUrl });
    if (props.slackWebhookSecret) {
      this.slackNotifier = new SlackNotifier(this, 'SlackNotifier', { topic: this.alertsTopic.topic, webhookSecretName: props.slackWebhookSecret });
      new CfnOutput(this, 'SlackDeadLetterQueueUrl', { value: this.slackNotifier.deadLetterQueue.queueUrl });
    }

    new CfnOutput(this, 'BucketName', {
      value: this.dropBucket.bucket.bucketName,
      description: `Drop articles under s3://<bucket>/${this.dropBucket.incomingPrefix}<source>/`,
    });
    new CfnOutput(this, 'TopicArn', { value: this.alertsTopic.topic.topicArn });
    new CfnOutput(this, 'TableName', { value: this.storeTable.table.tableName });
    new CfnOutput(this, 'QueueUrl', { value: this.ingestQueue.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.ingestQueue.deadLetterQueue.queueUrl });
    // RSS/Atom poller (issue 6): schedule -> poller Lambda -> incoming/<feed source>/ in the bucket.
    this.feedPoller = new FeedPoller(this, 'FeedPoller', {
      bucket: this.dropBucket.bucket,
      incomingPrefix: this.dropBucket.incomingPrefix,
      table: this.storeTable.table,
    });
    new CfnOutput(this, 'FeedPollerDeadLetterQueueUrl', { value: this.feedPoller.deadLetterQueue.queueUrl });

    this.operations = new OperationsAlarms(this, 'Operations', {
      deadLetterQueues: {
        Ingest: this.ingestQueue.deadLetterQueue,
        FeedPoller: this.feedPoller.deadLetterQueue,
        AlertFlusher: this.alertFlusher.deadLetterQueue,
        Digests: this.digestScheduler.deadLetterQueue,
        ...(this.slackNotifier ? { SlackNotifier: this.slackNotifier.deadLetterQueue } : {}),
      },
      ingestQueue: this.ingestQueue.queue,
      opsEmails: props.opsEmails,
    });
    new CfnOutput(this, 'OpsTopicArn', { value: this.operations.topic.topicArn, description: 'Operations alarms (dead letters, ingest backlog)' });
  }
}
