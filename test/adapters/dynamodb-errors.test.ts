/** How SDK failures map to the project's errors (pure function; the engine tests cover the wiring). */
import { isConditionalCheckFailed, toStoreError } from '../../lambdas/adapters/dynamodb';
import { RetryableError } from '../../lambdas/core/errors';

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
    for (const error of [sdkError('ValidationException'), sdkError('ConditionalCheckFailedException'), 'a string']) {
      expect(toStoreError(error, 'PutItem')).toBe(error);
    }
    expect(isConditionalCheckFailed(sdkError('ConditionalCheckFailedException'))).toBe(true);
    expect(isConditionalCheckFailed(undefined)).toBe(false);
  });
});
