import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * What every newswatch queue shares: SQS-managed encryption at rest (S3 can send to it without
 * a customer key policy; aws/sqs KMS would block S3) and a policy that refuses requests without TLS.
 */
export const SECURE_QUEUE_PROPS = {
  encryption: sqs.QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
} satisfies sqs.QueueProps;

/** A dead-letter queue keeping what failed for 14 days, the SQS maximum, to look at and redrive. */
export function deadLetterQueue(scope: Construct): sqs.Queue {
  return new sqs.Queue(scope, 'DeadLetterQueue', { ...SECURE_QUEUE_PROPS, retentionPeriod: Duration.days(14) });
}
