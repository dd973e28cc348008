import { ConfigurationError } from '../core/errors';
import { newFeed, normalizeFeedUrl, resolveFeedPollConfig, type Feed } from '../core/feeds';
import type { Target } from './target';

/** `feeds add|list|remove`: the feeds the poller fetches, on the embedded store or the deployed stack. */

export async function addFeed(
  target: Pick<Target, 'feeds'>, input: { url: string; name?: string; fullText?: boolean }, now: Date = new Date(),
): Promise<Feed> {
  const feed = newFeed(input, now, resolveFeedPollConfig().defaultIntervalSec);
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

