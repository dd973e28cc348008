// First: stack traces name the TypeScript sources, the source map read on the first one (source-mapped-stacks.ts).
import './source-mapped-stacks';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SNSEvent } from 'aws-lambda';
import { cachedSecretString, webhookUrlFromSecret } from '../adapters/secrets';
import { SlackWebhookPoster } from '../adapters/slack';
import { parseAlertMessage, parseDigestMessage } from '../adapters/sns';
import { renderSlackDigest } from '../core/alert/digest-render';
import { renderSlackMessage, renderSlackText } from '../core/alert';
import { errorMessage, isRetryable } from '../core/errors';
import { requiredEnv } from './environment';

export interface SlackNotifierDeps {
  poster: SlackWebhookPoster;
  log?: (entry: Record<string, unknown>) => void;
}

/**
 * SNS → Slack. Each record's structured alert or digest (the `lambda` entry of the message)
 * becomes one Block Kit post; a plain-text message is posted escaped. A failure throws: Lambda retries the
 * asynchronous invocation twice, then the event goes to the notifier's dead-letter queue.
 */
export function createSlackNotifierHandler(deps: SlackNotifierDeps) {
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  return async (event: SNSEvent): Promise<void> => {
    for (const record of event.Records) {
      const structured = parseAlertMessage(record.Sns.Message);
      const digest = structured ? undefined : parseDigestMessage(record.Sns.Message)?.digest;
      const message = structured ? renderSlackMessage(structured.alert)
        : digest ? renderSlackDigest(digest)
          : renderSlackText(record.Sns.Subject ? `${record.Sns.Subject}\n\n${record.Sns.Message}` : record.Sns.Message);
      try {
        const attempts = await deps.poster.post(message);
        log({ message: 'posted to Slack', alertId: structured?.alert.id, digestId: digest?.id, snsMessageId: record.Sns.MessageId, attempts });
      } catch (error) {
        log({ level: 'error', message: 'Slack post failed', alertId: structured?.alert.id, digestId: digest?.id, snsMessageId: record.Sns.MessageId, retryable: isRetryable(error), error: errorMessage(error) });
        throw error;
      }
    }
  };
}

function depsFromEnvironment(): SlackNotifierDeps {
  const secretId = requiredEnv('SLACK_WEBHOOK_SECRET');
  const secret = cachedSecretString(new SecretsManagerClient({}), secretId);
  // The secret is read on the first post and kept for the container's life.
  return { poster: new SlackWebhookPoster(async () => webhookUrlFromSecret(await secret(), secretId)) };
}

let handlerInstance: ReturnType<typeof createSlackNotifierHandler> | undefined;
export const handler = async (event: SNSEvent): Promise<void> => {
  handlerInstance ??= createSlackNotifierHandler(depsFromEnvironment());
  return handlerInstance(event);
};
