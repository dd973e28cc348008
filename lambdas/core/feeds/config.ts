/** Tuning of the feed poller. Every value may be overridden with a Partial. */
export interface FeedPollConfig {
  /** The adaptive interval never goes below this (seconds): 5 minutes. */
  minIntervalSec: number;
  /** ... nor above this (seconds): 24 hours. Also caps a Cache-Control max-age and the error back-off. */
  maxIntervalSec: number;
  /** Interval of a feed whose items carry no dates, and of a feed never polled successfully. */
  defaultIntervalSec: number;
  /** Window over which the item rate is measured (seconds): one week, as Miniflux does. */
  frequencyWindowSec: number;
  /** First delay after a failure; doubled on each consecutive failure up to maxIntervalSec. */
  backoffBaseSec: number;
  /** Retry-After larger than this is clamped (seconds): a typo on the server must not stop a feed for a year. */
  maxRetryAfterSec: number;
  /** Largest feed body accepted (bytes, after transfer decoding). */
  maxFeedBytes: number;
  /** Largest linked page fetched for --full-text (bytes). */
  maxPageBytes: number;
  /** Whole-request timeout, headers and body (milliseconds). */
  requestTimeoutMs: number;
  /** Redirects followed per request. */
  maxRedirects: number;
  /** Longest error message stored on a feed. */
  maxErrorChars: number;
  /** Feeds polled at once by one poller run. */
  concurrency: number;
  /**
   * New items ingested per poll of one feed, the newest first: a feed's first poll can list its
   * whole archive. The rest wait for the next poll, which comes after minIntervalSec and fetches
   * the feed unconditionally.
   */
  maxItemsPerPoll: number;
  userAgent: string;
  /**
   * Fetch from loopback, private, link-local and other non-public addresses (the SSRF guard is
   * off). For tests and intranet feeds only: `--allow-private-network` or
   * NEWSWATCH_ALLOW_PRIVATE_NETWORK=1. The Lambdas never set it.
   */
  allowPrivateNetwork: boolean;
}

export const DEFAULT_FEED_POLL_CONFIG: FeedPollConfig = {
  minIntervalSec: 5 * 60,
  maxIntervalSec: 24 * 60 * 60,
  defaultIntervalSec: 60 * 60,
  frequencyWindowSec: 7 * 24 * 60 * 60,
  backoffBaseSec: 5 * 60,
  maxRetryAfterSec: 7 * 24 * 60 * 60,
  maxFeedBytes: 5 * 1024 * 1024,
  maxPageBytes: 5 * 1024 * 1024,
  requestTimeoutMs: 20_000,
  maxRedirects: 5,
  maxErrorChars: 500,
  concurrency: 4,
  maxItemsPerPoll: 100,
  userAgent: 'newswatch-feed-poller/0.1 (+https://github.com/newswatch)',
  allowPrivateNetwork: false,
};

/**
 * The defaults, the opt-in of the environment (NEWSWATCH_ALLOW_PRIVATE_NETWORK=1, which the
 * CLI's --allow-private-network sets), then the overrides.
 */
export function resolveFeedPollConfig(
  overrides: Partial<FeedPollConfig> = {}, env: Readonly<Record<string, string | undefined>> = process.env,
): FeedPollConfig {
  return { ...DEFAULT_FEED_POLL_CONFIG, allowPrivateNetwork: env.NEWSWATCH_ALLOW_PRIVATE_NETWORK === '1', ...overrides };
}
