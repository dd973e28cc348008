import { RetryableError } from '../../core/errors';

/** DynamoDB error names that say "the request may pass later". */
const RETRYABLE_ERROR_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Socket-level failures: the endpoint was unreachable or dropped the connection. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
]);

/** The same codes inside a message: the SDK wraps a socket error from another realm (jest's VM) as text only. */
const NETWORK_ERROR_IN_MESSAGE = new RegExp(`\\b(${[...NETWORK_ERROR_CODES].join('|')})\\b`);

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as SdkErrorShape | undefined)?.name === 'ConditionalCheckFailedException';
}

/** Runs a conditional write: true when it was made, false when its condition did not hold. */
export async function writtenIf(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

export function isRetryableDynamoError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorShape;
  if (e.name && RETRYABLE_ERROR_NAMES.has(e.name)) return true;
  if (e.code && NETWORK_ERROR_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && NETWORK_ERROR_IN_MESSAGE.test(e.message)) return true;
  if (e.$retryable) return true;
  return (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

/**
 * Maps what the SDK throws (after its own retries) to the project's errors: throttling, 5xx and
 * network failures become RetryableError (the queue retries the message); anything else,
 * including ConditionalCheckFailedException, is returned unchanged for the caller to handle.
 */
export function toStoreError(error: unknown, operation: string): unknown {
  if (!isRetryableDynamoError(error)) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new RetryableError(`DynamoDB ${operation} failed: ${detail}`, { cause: error });
}

/** Runs one DynamoDB call; what it throws comes back through toStoreError, naming the operation. */
export async function storeCall<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toStoreError(error, operation);
  }
}
