import { FeedFetchError } from '../../core/errors';
import type { RawObject } from '../../core/model';
import type { FeedFetcher } from '../../ports/feeds';

/** An http(s) address among `newswatch ingest`'s inputs, as opposed to a file or folder. */
export function isWebAddress(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/**
 * A web page fetched for ingest (the poller's fetcher: size cap, timeout, redirects), as the
 * object a drop would be: keyed and tagged with the address it was finally served from, so the
 * page's canonical URL, site name or domain names its source.
 */
export async function fetchWebObject(url: string, fetcher: Pick<FeedFetcher, 'fetchPage'>): Promise<RawObject> {
  const page = await fetcher.fetchPage(url);
  if (page.body.byteLength === 0) throw new FeedFetchError(`${page.finalUrl} answered with an empty page`);
  return { key: page.finalUrl, body: page.body, contentType: page.contentType, metadata: { url: page.finalUrl } };
}
