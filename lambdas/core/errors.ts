/**
 * Named errors. `permanent` errors are about the input (retrying cannot help: record and
 * quarantine); `retryable` ones are about the world (throttling, network: let the queue retry).
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

/** A delivery endpoint refused an alert for good (bad webhook URL, revoked hook, invalid payload). */
export class AlertDeliveryError extends NewswatchError {
  readonly retryable = false;
}

/** A stored item is not what the code expects (schema drift, corrupted item). */
export class StoreIntegrityError extends NewswatchError {
  readonly retryable = false;
}

export function isRetryable(error: unknown): boolean {
  return error instanceof NewswatchError ? error.retryable : false;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A feed could not be fetched (network, timeout, HTTP error, too large): recorded on the feed. */
export class FeedFetchError extends NewswatchError {
  readonly retryable = true;
}

/** A fetched feed is not a feed we can read (malformed XML, undecodable, not RSS/Atom). */
export class FeedParseError extends NewswatchError {
  readonly retryable = false;
}
