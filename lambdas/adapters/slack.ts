import { renderSlackMessage, type SlackMessage } from '../core/alert';
import { AlertDeliveryError, RetryableError } from '../core/errors';
import type { Alert } from '../core/model';
import type { AlertPublisher } from '../ports/alerts';

/** Tuning of the webhook poster; every value can be overridden. */
export interface SlackPosterConfig {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Back-off before the 2nd attempt when Slack gives no Retry-After; doubled each time. */
  baseDelayMs: number;
  /** Never wait longer than this between two attempts, whatever Retry-After says. */
  maxDelayMs: number;
  /** One request, connection to last byte. */
  timeoutMs: number;
}

export const SLACK_POSTER_DEFAULTS: Readonly<SlackPosterConfig> = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
});

export interface SlackPosterDeps {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Posts JSON to a Slack incoming webhook. 429 and 5xx (and timeouts, network failures) are
 * retried with exponential back-off, waiting what Retry-After asks when Slack says it;
 * other 4xx (bad payload, revoked or unknown hook) are permanent: AlertDeliveryError.
 * Out of attempts: RetryableError, so the caller's queue (Lambda retries, DLQ) takes over.
 */
export class SlackWebhookPoster {
  private readonly config: SlackPosterConfig;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly webhookUrl: string | (() => Promise<string>),
    config: Partial<SlackPosterConfig> = {},
    deps: SlackPosterDeps = {},
  ) {
    this.config = { ...SLACK_POSTER_DEFAULTS, ...config };
    this.fetchImpl = deps.fetch ?? fetch;
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Returns the number of attempts it took. */
  async post(message: SlackMessage): Promise<number> {
    const url = typeof this.webhookUrl === 'string' ? this.webhookUrl : await this.webhookUrl();
    const body = JSON.stringify(message);
    let lastProblem = '';
    for (let attempt = 1; attempt <= this.config.maxAttempts; attempt++) {
      let retryAfterMs: number | undefined;
      try {
        const response = await this.fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body,
          signal: AbortSignal.timeout(this.config.timeoutMs),
        });
        const text = await response.text().catch(() => '');
        if (response.ok) return attempt;
        lastProblem = `HTTP ${response.status} ${text.slice(0, 200)}`.trim();
        if (response.status !== 429 && response.status < 500) {
          throw new AlertDeliveryError(`Slack webhook refused the message: ${lastProblem}`);
        }
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      } catch (error) {
        if (error instanceof AlertDeliveryError) throw error;
        lastProblem = describe(error);
      }
      if (attempt < this.config.maxAttempts) await this.sleep(this.delayBefore(attempt + 1, retryAfterMs));
    }
    throw new RetryableError(`Slack webhook still failing after ${this.config.maxAttempts} attempts: ${lastProblem}`);
  }

  /** Retry-After when given (capped), else base × 2^(n-2) with full jitter left out: deterministic. */
  private delayBefore(attempt: number, retryAfterMs: number | undefined): number {
    const backoff = this.config.baseDelayMs * 2 ** (attempt - 2);
    return Math.min(this.config.maxDelayMs, retryAfterMs ?? backoff);
  }
}

/** Retry-After is seconds (Slack) or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Delivers alerts as Block Kit messages to one webhook. */
export class SlackAlertPublisher implements AlertPublisher {
  constructor(private readonly poster: SlackWebhookPoster) {}
  async publish(alert: Alert): Promise<void> {
    await this.poster.post(renderSlackMessage(alert));
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return `${error.name}: ${error.message}${cause instanceof Error ? ` (${cause.message})` : ''}`;
  }
  return String(error);
}
