/**
 * Named errors, and the one failure policy (docs/architecture.md §4):
 *
 * - **Rejected**: only a RejectedInputError (or a subclass: it is about the input) rejects a
 *   document or an object. The outcome is recorded and the input is not retried.
 * - **Failed**: everything else (a RetryableError, an AWS error no adapter turned into one, an
 *   access denied, a bug) is a failure of the world or of the code: it propagates, the SQS record
 *   fails (retry, then dead-letter queue, then alarm) and a `failed` status is recorded wherever
 *   one is kept. `retryable` says only whether an immediate retry may help (logs, in-process
 *   retries); a non-retryable failure is still a failure, never a rejection.
 * - **An alert's own failure**: an AlertDeliveryError (an endpoint refused this alert for good)
 *   marks that alert `failed`; the article and the run go on.
 */
export abstract class NewswatchError extends Error {
  abstract readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The input cannot become an article: empty, binary, undecodable, malformed, too large. */
export class RejectedInputError extends NewswatchError {
  readonly retryable = false;
}

/** A configuration or usage error (bad flag, unknown watch). */
export class ConfigurationError extends NewswatchError {
  readonly retryable = false;
}

/** A dependency failed in a way that may pass (throttling, timeout, 5xx). */
export class RetryableError extends NewswatchError {
  readonly retryable = true;
}

/**
 * A delivery endpoint refused this alert for good (bad webhook URL, revoked hook, invalid
 * payload, a message SNS will not take): the alert is marked failed, never the article.
 */
export class AlertDeliveryError extends NewswatchError {
  readonly retryable = false;
}

/** A stored item is not what the code expects (schema drift, corrupted item). */
export class StoreIntegrityError extends NewswatchError {
  readonly retryable = false;
}

/** True only for errors that may pass if the same call is made again soon. */
export function isRetryable(error: unknown): boolean {
  return error instanceof NewswatchError ? error.retryable : false;
}

/**
 * True only when the error is about the input (RejectedInputError and its subclasses): the one
 * case in which a document or an object is rejected instead of failed.
 */
export function isRejection(error: unknown): error is RejectedInputError {
  return error instanceof RejectedInputError;
}

/** The alert's own delivery failed for good: mark the alert failed and go on. */
export function isAlertDeliveryFailure(error: unknown): error is AlertDeliveryError {
  return error instanceof AlertDeliveryError;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "ThrottlingException: Rate exceeded": the error's name when it has a telling one, then its message. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
}

/** A feed could not be fetched (network, timeout, HTTP error, too large): recorded on the feed. */
export class FeedFetchError extends NewswatchError {
  readonly retryable: boolean = true;
}

/**
 * The SSRF guard refused an address: loopback, private, link-local (the cloud metadata service
 * included), unique-local, multicast, reserved... The message names the rule and how to opt in.
 * Not retryable: the same address is refused next time.
 */
export class PrivateNetworkError extends FeedFetchError {
  override readonly retryable: boolean = false;
}

/** A fetched feed is not a feed we can read (malformed XML, undecodable, not RSS/Atom). */
export class FeedParseError extends NewswatchError {
  readonly retryable = false;
}
