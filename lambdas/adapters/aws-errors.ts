import { RetryableError } from '../core/errors';

/**
 * The one classifier of what the AWS SDK throws (after its own retries), for every adapter:
 * DynamoDB (dynamodb/errors.ts), S3 (s3.ts, feeds/s3-sink.ts), SNS (sns.ts), Secrets Manager.
 *
 * - `retryable`: throttling, 5xx, timeouts, network failures below HTTP. The adapter raises a
 *   RetryableError; the queue (or the caller's own loop) retries.
 * - `access-denied`, `invalid-request`, `not-found`, `unknown`: not retryable. Still a *failure*
 *   of the world or of the code, never a rejection of the input (only RejectedInputError rejects):
 *   the error propagates and fails the SQS record, which SQS retries, then dead-letters, then
 *   alarms. An adapter may give one of them a meaning of its own (S3's NoSuchKey is a missing
 *   object; SNS refusing a message's content is that alert's delivery failure).
 */
export type AwsErrorClass = 'retryable' | 'access-denied' | 'invalid-request' | 'not-found' | 'unknown';

/** Names, across services, of conditions that pass with time. */
const RETRYABLE_NAMES = new Set([
  // throttling
  'ProvisionedThroughputExceededException', 'ThrottlingException', 'Throttling', 'ThrottledException',
  'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown', 'KMSThrottlingException',
  'RequestThrottled', 'RequestThrottledException', 'LimitExceededException',
  // the service failed
  'InternalServerError', 'InternalError', 'InternalErrorException', 'InternalFailure',
  'ServiceUnavailable', 'ServiceUnavailableException',
  // timeouts
  'TimeoutError', 'RequestTimeout', 'RequestTimeoutException',
]);

/** Access refused: a policy, a key or credentials are wrong. Retrying will not help until someone fixes them. */
const ACCESS_DENIED_NAMES = new Set([
  'AccessDenied', 'AccessDeniedException', 'AuthorizationError', 'AuthorizationErrorException',
  'UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidAccessKeyId', 'SignatureDoesNotMatch',
  'ExpiredToken', 'ExpiredTokenException', 'KMSAccessDeniedException', 'KMSDisabledException',
  'KMSInvalidStateException', 'KMSNotFoundException', 'InvalidSecurity', 'AllAccessDisabled',
  'UnauthorizedOperation', 'MissingAuthenticationToken', 'IncompleteSignature',
]);

/** The request itself is wrong (a parameter, an item too large, a malformed message). */
const INVALID_REQUEST_NAMES = new Set([
  'ValidationException', 'ValidationError', 'InvalidParameter', 'InvalidParameterException',
  'InvalidParameterValue', 'InvalidParameterValueException', 'InvalidRequest', 'InvalidRequestException',
  'InvalidArgument', 'EntityTooLarge', 'MalformedXML', 'InvalidBucketName', 'SerializationException',
  'ItemCollectionSizeLimitExceededException',
]);

/** What was named does not exist (a table, a topic, a bucket, a key). */
const NOT_FOUND_NAMES = new Set([
  'ResourceNotFoundException', 'NotFound', 'NotFoundException', 'NoSuchKey', 'NoSuchVersion', 'NoSuchBucket',
]);

/** Socket-level failures: the endpoint was unreachable or dropped the connection. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
]);

/** The same codes inside a message: the SDK wraps a socket error from another realm (jest's VM) as text only. */
const NETWORK_ERROR_IN_MESSAGE = new RegExp(`\\b(${[...NETWORK_ERROR_CODES].join('|')})\\b`);

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $fault?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** Which class of failure an error thrown by an AWS SDK call is (see AwsErrorClass). */
export function classifyAwsError(error: unknown): AwsErrorClass {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const e = error as SdkErrorShape;
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  if (RETRYABLE_NAMES.has(name)) return 'retryable';
  if (e.code !== undefined && NETWORK_ERROR_CODES.has(e.code)) return 'retryable';
  if (typeof e.message === 'string' && NETWORK_ERROR_IN_MESSAGE.test(e.message)) return 'retryable';
  // The SDK marks what its own retry strategy would retry (throttling, transient, clock skew).
  if (e.$retryable) return 'retryable';
  if (e.$fault === 'server' || (status !== undefined && (status >= 500 || status === 429))) return 'retryable';
  if (ACCESS_DENIED_NAMES.has(name) || status === 401 || status === 403) return 'access-denied';
  if (NOT_FOUND_NAMES.has(name) || status === 404) return 'not-found';
  if (INVALID_REQUEST_NAMES.has(name) || (e.$fault === 'client' && status !== undefined && status >= 400)) return 'invalid-request';
  return 'unknown';
}

export function isRetryableAwsError(error: unknown): boolean {
  return classifyAwsError(error) === 'retryable';
}

/**
 * What an adapter throws for an SDK error: a RetryableError naming what was being done (the SDK
 * error as its cause) when the error may pass; otherwise the error itself, unchanged, which is a
 * failure (never a rejection) wherever it propagates.
 */
export function toAwsFailure(error: unknown, doing: string): unknown {
  if (!isRetryableAwsError(error)) return error;
  return new RetryableError(`${doing} failed: ${describeAwsError(error)}`, { cause: error });
}

export function describeAwsError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
