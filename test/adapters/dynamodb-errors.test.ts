/**
 * How SDK failures map to the project's errors: the one classifier (adapters/aws-errors.ts) and
 * the DynamoDB mapping over it (pure functions; the engine tests cover the wiring).
 */
import { S3ServiceException } from '@aws-sdk/client-s3';
import { classifyAwsError, toAwsFailure } from '../../lambdas/adapters/aws-errors';
import { isConditionalCheckFailed, toStoreError } from '../../lambdas/adapters/dynamodb';
import { mapS3Error, MissingObjectError } from '../../lambdas/adapters/s3';
import { isRejection, RejectedInputError, RetryableError } from '../../lambdas/core/errors';

function sdkError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: 400 }, ...extra });
}

describe('toStoreError', () => {
  it.each([
    'ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'InternalServerError',
  ])('makes %s retryable, keeping the cause', (name) => {
    const cause = sdkError(name);
    const mapped = toStoreError(cause, 'PutItem');
    expect(mapped).toBeInstanceOf(RetryableError);
    expect((mapped as RetryableError).cause).toBe(cause);
    expect((mapped as Error).message).toContain('PutItem');
  });

  it('makes 5xx responses and socket failures retryable', () => {
    expect(toStoreError(sdkError('UnknownError', { $metadata: { httpStatusCode: 503 } }), 'Query')).toBeInstanceOf(RetryableError);
    expect(toStoreError(Object.assign(new Error('connect'), { code: 'ECONNRESET' }), 'Query')).toBeInstanceOf(RetryableError);
  });

  it('returns other errors unchanged, conditional check failures included', () => {
    for (const error of [sdkError('ValidationException'), sdkError('ConditionalCheckFailedException'), sdkError('AccessDeniedException'), 'a string']) {
      expect(toStoreError(error, 'PutItem')).toBe(error);
    }
    expect(isConditionalCheckFailed(sdkError('ConditionalCheckFailedException'))).toBe(true);
    expect(isConditionalCheckFailed(undefined)).toBe(false);
  });
});

describe('classifyAwsError: one classifier for DynamoDB, S3, SNS and Secrets Manager', () => {
  it.each([
    ['DynamoDB throttling', sdkError('ProvisionedThroughputExceededException')],
    ['S3 SlowDown', sdkError('SlowDown', { $metadata: { httpStatusCode: 503 } })],
    ['SNS throttling', sdkError('ThrottledException')],
    ['KMS throttling', sdkError('KMSThrottlingException')],
    ['a 500 without a modelled name', sdkError('UnknownError', { $metadata: { httpStatusCode: 500 } })],
    ['a 429', sdkError('TooManyRequests', { $metadata: { httpStatusCode: 429 } })],
    ['a server fault', sdkError('Whatever', { $fault: 'server' })],
    ['what the SDK marks retryable', sdkError('Whatever', { $retryable: {} })],
    ['a timeout', sdkError('TimeoutError')],
    ['a socket reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a socket error from another realm, as text', new Error('connect ECONNREFUSED 127.0.0.1:8000')],
  ])('%s is retryable', (_label, error) => {
    expect(classifyAwsError(error)).toBe('retryable');
    expect(toAwsFailure(error, 'doing it')).toBeInstanceOf(RetryableError);
  });

  it.each([
    ['S3 AccessDenied', sdkError('AccessDenied', { $metadata: { httpStatusCode: 403 } }), 'access-denied'],
    ['DynamoDB AccessDeniedException', sdkError('AccessDeniedException'), 'access-denied'],
    ['SNS AuthorizationError', sdkError('AuthorizationErrorException', { $metadata: { httpStatusCode: 403 } }), 'access-denied'],
    ['expired credentials', sdkError('ExpiredTokenException'), 'access-denied'],
    ['DynamoDB ValidationException', sdkError('ValidationException'), 'invalid-request'],
    ['SNS InvalidParameter', sdkError('InvalidParameterException'), 'invalid-request'],
    ['a missing table', sdkError('ResourceNotFoundException'), 'not-found'],
    ['a plain bug', new Error('bug'), 'unknown'],
    ['a TypeError', new TypeError('x is undefined'), 'unknown'],
    ['not an error at all', 'a string', 'unknown'],
  ])('%s is not retryable (a failure, never a rejection)', (_label, error, kind) => {
    expect(classifyAwsError(error)).toBe(kind);
    const mapped = toAwsFailure(error, 'doing it');
    expect(mapped).toBe(error);
    expect(isRejection(mapped)).toBe(false);
  });

  it('S3: a missing object is a rejection (nothing to ingest); AccessDenied and a bug stay failures', () => {
    const missing = mapS3Error(sdkError('NoSuchKey', { $metadata: { httpStatusCode: 404 } }), 'reading s3://b/k');
    expect(missing).toBeInstanceOf(MissingObjectError);
    expect(missing).toBeInstanceOf(RejectedInputError);
    const denied = new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'Access Denied' });
    expect(mapS3Error(denied, 'reading s3://b/k')).toBe(denied);
    const bug = new Error('bug');
    expect(mapS3Error(bug, 'reading s3://b/k')).toBe(bug);
    expect(mapS3Error(sdkError('InternalError', { $metadata: { httpStatusCode: 500 } }), 'reading s3://b/k')).toBeInstanceOf(RetryableError);
  });
});
