import { classifyAwsError, toAwsFailure } from '../aws-errors';

interface SdkErrorShape {
  name?: string;
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

/** Throttling, 5xx, timeouts and network failures (the one classifier: ../aws-errors.ts). */
export function isRetryableDynamoError(error: unknown): boolean {
  return classifyAwsError(error) === 'retryable';
}

/**
 * Maps what the SDK throws (after its own retries) to the project's errors: throttling, 5xx and
 * network failures become RetryableError (the queue retries the message); anything else is
 * returned unchanged: ConditionalCheckFailedException for the caller to handle, and access
 * denied, validation or a bug as a failure (it fails the SQS record; it never rejects input).
 */
export function toStoreError(error: unknown, operation: string): unknown {
  return toAwsFailure(error, `DynamoDB ${operation}`);
}

/** Runs one DynamoDB call; what it throws comes back through toStoreError, naming the operation. */
export async function storeCall<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toStoreError(error, operation);
  }
}
