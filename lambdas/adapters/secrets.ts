import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigurationError, RetryableError } from '../core/errors';
import { classifyAwsError, describeAwsError } from './aws-errors';

/**
 * Reads a secret string once and keeps it for the life of the Lambda container. A failed read
 * is not cached: the next call tries again.
 */
export function cachedSecretString(client: SecretsManagerClient, secretId: string): () => Promise<string> {
  let value: Promise<string> | undefined;
  return () => {
    value ??= readSecretString(client, secretId).catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

export async function readSecretString(client: SecretsManagerClient, secretId: string): Promise<string> {
  let output;
  try {
    output = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  } catch (error) {
    const kind = classifyAwsError(error);
    if (kind === 'retryable') throw new RetryableError(`reading secret ${secretId} failed: ${describeAwsError(error)}`, { cause: error });
    const name = (error as { name?: string }).name ?? '';
    if (kind === 'access-denied' || kind === 'not-found' || kind === 'invalid-request' || name === 'DecryptionFailure') {
      throw new ConfigurationError(`secret ${secretId} cannot be read: ${name}`, { cause: error });
    }
    throw error;
  }
  if (!output.SecretString) throw new ConfigurationError(`secret ${secretId} has no string value`);
  return output.SecretString;
}

/**
 * The webhook URL in a secret: the URL itself, or JSON with `webhookUrl` (or `url`), the way
 * the Secrets Manager console stores key/value pairs. Only http(s) URLs are accepted.
 */
export function webhookUrlFromSecret(secret: string, secretId = 'the secret'): string {
  let candidate = secret.trim();
  if (candidate.startsWith('{')) {
    try {
      const parsed = JSON.parse(candidate) as Record<string, unknown>;
      candidate = String(parsed.webhookUrl ?? parsed.url ?? '').trim();
    } catch (error) {
      throw new ConfigurationError(`${secretId} is neither a URL nor valid JSON`, { cause: error });
    }
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch (error) {
    throw new ConfigurationError(`${secretId} does not hold a webhook URL`, { cause: error });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigurationError(`${secretId}: the webhook URL must be http(s)`);
  return url.href;
}
