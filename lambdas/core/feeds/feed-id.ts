import { createHash } from 'node:crypto';
import { ConfigurationError } from '../errors';

/** Checks and tidies a feed URL given by a user: http(s) only, fragment dropped. */
export function normalizeFeedUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch (error) {
    throw new ConfigurationError(`not a URL: "${input}"`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(`feed URLs must be http or https, not ${url.protocol}`);
  }
  url.hash = '';
  return url.toString();
}

/** Readable and stable: the host as a slug plus a short hash of the whole URL ("theguardian-com-1a2b3c4d"). */
export function feedIdFor(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 8);
  return `${host || 'feed'}-${hash}`;
}

/** The article source of a feed's items: the name the user gave, else the host of the URL it was added with. */
export function feedSourceName(feed: { name?: string; addedUrl: string }): string {
  return feed.name?.trim() || new URL(feed.addedUrl).hostname.replace(/^www\./, '');
}

/** The key-prefix form of the source ("Le Monde" -> "le-monde"). */
export function feedSourceSlug(feed: { name?: string; addedUrl: string }): string {
  const slug = feedSourceName(feed).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-').replace(/^-|-$/g, '');
  // A name with no Latin letters or digits ("Пример") falls back to the feed's host.
  return slug || new URL(feed.addedUrl).hostname.replace(/^www\./, '').toLowerCase().replace(/[^a-z0-9.]+/g, '-') || 'feed';
}
