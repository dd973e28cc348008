/**
 * How the dashboard answers a failure. Only bad input is refused (4xx, said in a sentence the
 * page shows); anything else is a failure (5xx): retryable ones say "try again", others are
 * logged and named only by their class, so no stack or internal detail reaches a browser.
 */
import { ConfigurationError, NewswatchError, PrivateNetworkError, RejectedInputError, RetryableError } from '../core/errors';

/** A write without the page's CSRF token, or from another origin: refused before it runs. */
export class CsrfRefusedError extends NewswatchError {
  readonly retryable = false;
}

/** The story, actor, watch or feed a URL names does not exist. */
export class NotFoundError extends NewswatchError {
  readonly retryable = false;
}

/** A request body or query the API cannot read (not JSON, a field of the wrong type). */
export class BadRequestError extends RejectedInputError {}

export interface ErrorAnswer {
  status: 400 | 403 | 404 | 500 | 503;
  message: string;
}

export function answerFor(error: unknown): ErrorAnswer {
  if (error instanceof CsrfRefusedError) return { status: 403, message: error.message };
  if (error instanceof NotFoundError) return { status: 404, message: error.message };
  // A feed address the poller would refuse to fetch is the user's input, refused at `feeds add`.
  if (error instanceof ConfigurationError || error instanceof RejectedInputError || error instanceof PrivateNetworkError) return { status: 400, message: error.message };
  if (error instanceof RetryableError) return { status: 503, message: `${error.message} (try again)` };
  return { status: 500, message: `internal error (${error instanceof Error ? error.name : 'unknown'}): see the server's log` };
}
