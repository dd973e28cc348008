import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { renderAlert } from '../core/alert';
import { RetryableError } from '../core/errors';
import type { Alert, Story } from '../core/model';
import type { AlertPublisher } from '../ports/alerts';

/** Error names SNS (and the SDK around it) uses for conditions that pass with time. */
const RETRYABLE_NAMES = new Set([
  'ThrottledException', 'ThrottlingException', 'Throttling', 'TooManyRequestsException', 'KMSThrottlingException',
  'InternalErrorException', 'InternalFailure', 'ServiceUnavailable', 'ServiceUnavailableException',
  'RequestTimeout', 'RequestTimeoutException', 'TimeoutError',
]);
/** Network failures below HTTP: the request may not have reached SNS at all. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/** Publishes each alert as one SNS message, with attributes subscribers can filter on. */
export class SnsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(alert: Alert, _story: Story): Promise<void> {
    const message = renderAlert(alert);
    try {
      await this.client.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: message.subject,
          Message: message.text,
          MessageAttributes: message.attributes,
        }),
      );
    } catch (error) {
      if (isTransient(error)) {
        throw new RetryableError(`SNS publish of alert ${alert.id} failed: ${describe(error)}`, { cause: error });
      }
      throw error;
    }
  }
}

function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; code?: string; $fault?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  return (
    (e.name !== undefined && RETRYABLE_NAMES.has(e.name)) ||
    (e.code !== undefined && RETRYABLE_CODES.has(e.code)) ||
    e.$fault === 'server' ||
    e.$retryable !== undefined ||
    (status !== undefined && (status >= 500 || status === 429))
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
