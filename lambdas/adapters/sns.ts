import { PublishCommand, SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import { renderAlert } from '../core/alert';
import type { Digest } from '../core/alert/digest';
import { renderDigest } from '../core/alert/digest-render';
import { AlertDeliveryError, RetryableError } from '../core/errors';
import type { Alert, DigestFrequency, Story } from '../core/model';
import type { AlertPublisher } from '../ports/alerts';
import type { DigestPublisher } from '../ports/digests';
import { classifyAwsError, describeAwsError } from './aws-errors';

/**
 * Publishes each alert as one SNS message, with attributes subscribers can filter on. What SNS
 * throws is classified once (aws-errors.ts): throttling, 5xx, timeouts and network failures are
 * a RetryableError; SNS refusing this message's content (InvalidParameter, validation) is an
 * AlertDeliveryError, this alert's own failure; anything else (AuthorizationError, a missing
 * topic, KMS, a bug) is rethrown as it is: a failure of the stack that fails the SQS record.
 */
export class SnsAlertPublisher implements AlertPublisher, DigestPublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(alert: Alert, _story: Story): Promise<void> {
    await this.send(publishInputFor(this.topicArn, alert), `alert ${alert.id}`);
  }

  /** A digest goes to the same topic; subscribers choose by the `delivery` attribute. */
  async publishDigest(digest: Digest): Promise<void> {
    await this.send(digestPublishInputFor(this.topicArn, digest), `digest ${digest.id}`);
  }

  private async send(input: ReturnType<typeof publishInputFor>, what: string): Promise<void> {
    try {
      await this.client.send(new PublishCommand(input));
    } catch (error) {
      const kind = classifyAwsError(error);
      if (kind === 'retryable') {
        throw new RetryableError(`SNS publish of ${what} failed: ${describeAwsError(error)}`, { cause: error });
      }
      if (kind === 'invalid-request') {
        throw new AlertDeliveryError(`SNS refused ${what}: ${describeAwsError(error)}`, { cause: error });
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
  const structured: AlertMessage = { version: ALERT_MESSAGE_VERSION, alert };
  return structuredPublishInput(topicArn, renderAlert(alert), structured);
}

/** People read `message`; Lambda subscribers get `structured` as JSON. */
function structuredPublishInput(
  topicArn: string,
  message: { subject: string; text: string; attributes: ReturnType<typeof renderAlert>['attributes'] },
  structured: AlertMessage | DigestMessage,
) {
  return {
    TopicArn: topicArn,
    Subject: message.subject,
    MessageStructure: 'json',
    Message: JSON.stringify({ default: message.text, email: message.text, lambda: JSON.stringify(structured) }),
    MessageAttributes: message.attributes,
  };
}

/** Version of the structured digest the `lambda` protocol receives. */
export const DIGEST_MESSAGE_VERSION = 1;

export interface DigestMessage {
  version: typeof DIGEST_MESSAGE_VERSION;
  digest: Digest;
}

/** A digest as one publish, as an alert is: plain text for people, the digest itself for Lambdas. */
export function digestPublishInputFor(topicArn: string, digest: Digest) {
  const structured: DigestMessage = { version: DIGEST_MESSAGE_VERSION, digest };
  return structuredPublishInput(topicArn, renderDigest(digest), structured);
}

/** Reads a structured digest the `lambda` protocol received; undefined for anything else. */
export function parseDigestMessage(message: string): DigestMessage | undefined {
  try {
    const parsed = JSON.parse(message) as Partial<DigestMessage>;
    if (parsed && parsed.version === DIGEST_MESSAGE_VERSION && parsed.digest && typeof parsed.digest.id === 'string' && Array.isArray(parsed.digest.stories)) {
      return parsed as DigestMessage;
    }
  } catch {
    // plain text: not ours
  }
  return undefined;
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
  /**
   * What the address receives (the `delivery` message attribute): `as-it-happens` (the
   * default) is each alert, plus the digests of watches that asked for one; a period is one
   * digest per watch and period, and no single alerts.
   */
  delivery?: DigestFrequency;
}

/**
 * Subscribes an address to the alerts topic, with an SNS filter policy on the `watchIds`
 * message attribute when watches are given. AWS mails a confirmation link to the address.
 */
export async function subscribeEmail(client: SNSClient, subscription: EmailSubscription): Promise<string | undefined> {
  const output = await client.send(new SubscribeCommand(subscribeInputFor(subscription)));
  return output.SubscriptionArn;
}

export function subscribeInputFor({ topicArn, email, watchIds = [], delivery = 'as-it-happens' }: EmailSubscription) {
  const watches = [...new Set(watchIds.filter(Boolean))];
  const policy = { delivery: [delivery], ...(watches.length > 0 ? { watchIds: watches } : {}) };
  return {
    TopicArn: topicArn,
    Protocol: 'email',
    Endpoint: email,
    ReturnSubscriptionArn: true,
    Attributes: { FilterPolicyScope: 'MessageAttributes', FilterPolicy: JSON.stringify(policy) },
  };
}
