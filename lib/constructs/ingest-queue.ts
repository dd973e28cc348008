import { Duration, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeNag } from './nag';
import { deadLetterQueue, SECURE_QUEUE_PROPS } from './secure-queue';

/** cdk-nag's finding for a role carrying AWSLambdaBasicExecutionRole. */
const BASIC_EXECUTION_ROLE_FINDING = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/** Lambda's guidance: the queue hides a message for at least six times the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export interface IngestQueueProps {
  /** The bucket whose new objects under `prefix` become queue messages. */
  readonly bucket: s3.IBucket;
  readonly prefix: string;
  /** Timeout of the function consuming the queue; the visibility timeout is derived from it. */
  readonly consumerTimeout: Duration;
  /** Deliveries before a message is parked in the dead-letter queue. */
  readonly maxReceiveCount?: number;
}

/**
 * S3 ObjectCreated events under the incoming prefix, buffered in SQS so the ingest function
 * gets retries and a dead-letter queue instead of S3's fire-and-forget async invoke.
 */
export class IngestQueue extends Construct {
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: IngestQueueProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this);
    this.queue = new sqs.Queue(this, 'Queue', {
      ...SECURE_QUEUE_PROPS,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
    });
    props.bucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.SqsDestination(this.queue),
      { prefix: props.prefix },
    );
    // The notification is configured by aws-cdk-lib's own custom resource (one per stack), whose
    // role aws-cdk-lib builds with the managed basic-execution policy; it runs only at deploy time.
    for (const handler of Stack.of(this).node.children.filter((c) => c.node.id.startsWith('BucketNotificationsHandler'))) {
      acknowledgeNag(handler, BASIC_EXECUTION_ROLE_FINDING,
        "aws-cdk-lib's BucketNotificationsHandler (it sets the bucket's event notification at deploy time) gets AWSLambdaBasicExecutionRole from aws-cdk-lib; its role is not configurable.");
    }
  }
}
