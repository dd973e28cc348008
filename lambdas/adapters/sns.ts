import { PublishCommand, SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import { renderAlert } from '../core/alert';
import { AlertDeliveryError, RetryableError } from '../core/errors';
import type { Alert, Story } from '../core/model';
import type { AlertPublisher } from '../ports/alerts';
import { classifyAwsError, describeAwsError } from './aws-errors';

/**
 * Publishes each alert as one SNS message, with attributes subscribers can filter on. What SNS
 * throws is classified once (aws-errors.ts): throttling, 5xx, timeouts and network failures are
 * a RetryableError; SNS refusing this message's content (InvalidParameter, validation) is an
 * AlertDeliveryError, this alert's own failure; anything else (AuthorizationError, a missing
 * topic, KMS, a bug) is rethrown as it is: a failure of the stack that fails the SQS record.
 */
export class SnsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(alert: Alert, _story: Story): Promise<void> {
    try {
      await this.client.send(new PublishCommand(publishInputFor(this.topicArn, alert)));
    } catch (error) {
      const kind = classifyAwsError(error);
      if (kind === 'retryable') {
        throw new RetryableError(`SNS publish of alert ${alert.id} failed: ${describeAwsError(error)}`, { cause: error });
      }
      if (kind === 'invalid-request') {
        throw new AlertDeliveryError(`SNS refused alert ${alert.id}: ${describeAwsError(error)}`, { cause: error });
      }
      throw error;
    }
  }
}

/** Version of the structured alert the `lambda` protocol receives (the Slack notifier reads it). */
export const ALERT_MESSAGE_VERSION = 1;

export interface AlertMessage {
  version: typeof ALERT_MESSAGE_VERSION;
  alert: Alert;
}

/**
 * One publish, a message per protocol (MessageStructure json): people (email, and every
 * protocol without its own entry) read the plain-text rendering; Lambda subscribers (the Slack
 * notifier) get the alert itself as JSON, to render for their channel.
 */
export function publishInputFor(topicArn: string, alert: Alert) {
  const message = renderAlert(alert);
  const structured: AlertMessage = { version: ALERT_MESSAGE_VERSION, alert };
  return {
    TopicArn: topicArn,
    Subject: message.subject,
    MessageStructure: 'json',
    Message: JSON.stringify({ default: message.text, email: message.text, lambda: JSON.stringify(structured) }),
    MessageAttributes: message.attributes,
  };
}

/** Reads what the `lambda` protocol received; undefined when it is not a structured alert. */
export function parseAlertMessage(message: string): AlertMessage | undefined {
  try {
    const parsed = JSON.parse(message) as Partial<AlertMessage>;
    if (parsed && parsed.version === ALERT_MESSAGE_VERSION && parsed.alert && typeof parsed.alert.id === 'string') {
      return parsed as AlertMessage;
    }
  } catch {
    // plain text: not ours
  }
  return undefined;
}

export interface EmailSubscription {
  topicArn: string;
  email: string;
  /** Only alerts for stories these watches track; every alert when empty. */
  watchIds?: string[];
}

/**
 * Subscribes an address to the alerts topic, with an SNS filter policy on the `watchIds`
 * message attribute when watches are given. AWS mails a confirmation link to the address.
 */
export async function subscribeEmail(client: SNSClient, subscription: EmailSubscription): Promise<string | undefined> {
  const output = await client.send(new SubscribeCommand(subscribeInputFor(subscription)));
  return output.SubscriptionArn;
}

export function subscribeInputFor({ topicArn, email, watchIds = [] }: EmailSubscription) {
  const watches = [...new Set(watchIds.filter(Boolean))];
  return {
    TopicArn: topicArn,
    Protocol: 'email',
    Endpoint: email,
    ReturnSubscriptionArn: true,
    ...(watches.length > 0
      ? { Attributes: { FilterPolicyScope: 'MessageAttributes', FilterPolicy: JSON.stringify({ watchIds: watches }) } }
      : {}),
  };
}
