import { Duration } from 'aws-cdk-lib';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { asItHappensFilter } from './alerts-topic';
import { newHandlerFunction } from './handler-function';
import { deadLetterQueue } from './secure-queue';


export interface SlackNotifierProps {
  readonly topic: sns.ITopic;
  /** Name of the Secrets Manager secret holding the incoming-webhook URL (context `slackWebhookSecret`). */
  readonly webhookSecretName: string;
}

/**
 * The Slack notifier: a Lambda subscribed to the alerts topic that posts each alert as a Block
 * Kit message to the webhook whose URL it reads (once per container) from one secret. Posts
 * that still fail after the poster's own retries and Lambda's two async retries, and messages
 * SNS cannot hand to Lambda, land in the dead-letter queue.
 */
export class SlackNotifier extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly secret: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, props: SlackNotifierProps) {
    super(scope, id);
    this.secret = secretsmanager.Secret.fromSecretNameV2(this, 'WebhookSecret', props.webhookSecretName);
    this.deadLetterQueue = deadLetterQueue(this);
    this.function = newHandlerFunction(this, 'slack-notifier.ts', {
      memorySize: 256,
      // The poster retries 429/5xx honouring Retry-After (capped at 30 s, 5 attempts).
      timeout: Duration.seconds(120),
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
      environment: {
        SLACK_WEBHOOK_SECRET: props.webhookSecretName,
      },
    }).function;
    this.secret.grantRead(this.function);
    props.topic.addSubscription(new subscriptions.LambdaSubscription(this.function, { deadLetterQueue: this.deadLetterQueue, filterPolicy: asItHappensFilter() }));
  }
}
