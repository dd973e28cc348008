import { checkFetchTarget } from '../adapters/feeds/network-guard';
import { ConfigurationError } from '../core/errors';
import { newFeed, normalizeFeedUrl, resolveFeedPollConfig, type Feed } from '../core/feeds';
import type { Target } from './target';

/** `feeds add|list|remove`: the feeds the poller fetches, on the embedded store or the deployed stack. */

/**
 * Refuses a feed address the poller would refuse to fetch (throws PrivateNetworkError). A seam
 * like a port: the use case only calls it; what it means (addresses classified, names resolved)
 * lives in the HTTP adapter (adapters/feeds/network-guard.ts), and tests pass their own.
 */
export type FeedUrlCheck = (url: string) => Promise<void>;

/**
 * The SSRF guard's check at `feeds add`. On this machine it honours --allow-private-network /
 * NEWSWATCH_ALLOW_PRIVATE_NETWORK=1; for the deployed stack it never does, since the poller
 * Lambda never fetches from a private network whatever the laptop allows.
 */
export function feedUrlCheckFor(target: { kind?: Target['kind'] }): FeedUrlCheck {
  const deployed = target.kind === 'aws';
  return (url) => checkFetchTarget(url, {
    allowPrivateNetwork: !deployed && resolveFeedPollConfig().allowPrivateNetwork,
    hint: deployed ? 'the deployed poller never fetches from local networks' : undefined,
  });
}

export async function addFeed(
  target: Pick<Target, 'feeds'> & { kind?: Target['kind'] }, input: { url: string; name?: string; fullText?: boolean },
  now: Date = new Date(), checkUrl: FeedUrlCheck = feedUrlCheckFor(target),
): Promise<Feed> {
  const feed = newFeed(input, now, resolveFeedPollConfig().defaultIntervalSec);
  await checkUrl(feed.url);
  if (!(await target.feeds.addFeed(feed))) {
    throw new ConfigurationError(`feed ${feed.id} (${feed.url}) is already subscribed`);
  }
  return feed;
}

export async function listFeeds(target: Pick<Target, 'feeds'>): Promise<Feed[]> {
  return target.feeds.listFeeds();
}

/** By id, or by the URL it was added with or is fetched from now. */
export async function removeFeed(target: Pick<Target, 'feeds'>, idOrUrl: string): Promise<Feed> {
  const store = target.feeds;
  let feed = await store.getFeed(idOrUrl);
  if (!feed && /^https?:/i.test(idOrUrl)) {
    const url = normalizeFeedUrl(idOrUrl);
    feed = (await store.listFeeds()).find((f) => f.url === url || f.addedUrl === url);
  }
  if (!feed || !(await store.deleteFeed(feed.id))) throw new ConfigurationError(`no feed "${idOrUrl}" (see \`newswatch feeds list\`)`);
  return feed;
}

