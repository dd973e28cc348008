import { errorMessage, FeedFetchError } from '../../core/errors';
import type { FeedPollConfig } from '../../core/feeds/config';
import type { FetchRequest, FetchResult } from '../../core/feeds/types';
import type { FeedFetcher } from '../../ports/feeds';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);

/**
 * Feeds over HTTP with the platform's fetch: conditional GET (If-None-Match / If-Modified-Since),
 * redirects followed by hand (so a permanent one is seen and remembered), one timeout for the
 * whole exchange, and a size cap enforced while the body streams in.
 */
export class HttpFeedFetcher implements FeedFetcher {
  constructor(private readonly config: Pick<FeedPollConfig, 'requestTimeoutMs' | 'maxRedirects' | 'maxFeedBytes' | 'maxPageBytes' | 'userAgent'>) {}

  async fetchFeed(request: FetchRequest): Promise<FetchResult> {
    const headers: Record<string, string> = {
      'user-agent': this.config.userAgent,
      accept: 'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    };
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.lastModified) headers['if-modified-since'] = request.lastModified;
    return this.exchange(request.url, headers, this.config.maxFeedBytes, async (response, common) => {
      if (response.status === 304) {
        await response.body?.cancel();
        return { ...common, kind: 'not-modified' };
      }
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel();
        return { ...common, kind: 'http-error' };
      }
      return {
        ...common,
        kind: 'ok',
        body: await readCapped(response, this.config.maxFeedBytes, common.finalUrl),
        contentType: response.headers.get('content-type') ?? undefined,
        etag: response.headers.get('etag') ?? undefined,
        lastModified: response.headers.get('last-modified') ?? undefined,
      };
    });
  }

  async fetchPage(url: string): Promise<{ body: Uint8Array; contentType?: string; finalUrl: string }> {
    const headers = { 'user-agent': this.config.userAgent, accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5' };
    return this.exchange(url, headers, this.config.maxPageBytes, async (response, common) => {
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel();
        throw new FeedFetchError(`HTTP ${response.status} from ${common.finalUrl}`);
      }
      return {
        body: await readCapped(response, this.config.maxPageBytes, common.finalUrl),
        contentType: response.headers.get('content-type') ?? undefined,
        finalUrl: common.finalUrl,
      };
    });
  }

  private async exchange<T>(
    startUrl: string,
    headers: Record<string, string>,
    maxBytes: number,
    read: (response: Response, common: { finalUrl: string; permanentUrl?: string; status: number; cacheControl?: string; retryAfter?: string }) => Promise<T>,
  ): Promise<T> {
    const signal = AbortSignal.timeout(this.config.requestTimeoutMs);
    let url = startUrl;
    let permanentUrl: string | undefined;
    let stillPermanent = true;
    try {
      for (let hop = 0; ; hop += 1) {
        const response = await fetch(url, { headers, redirect: 'manual', signal });
        const location = response.headers.get('location');
        if (REDIRECT_STATUSES.has(response.status) && location) {
          await response.body?.cancel();
          if (hop >= this.config.maxRedirects) throw new FeedFetchError(`too many redirects (more than ${this.config.maxRedirects}) from ${startUrl}`);
          const target = new URL(location, url).toString();
          if (!/^https?:/i.test(target)) throw new FeedFetchError(`redirect to a non-HTTP URL: ${target}`);
          // Only an unbroken chain of permanent redirects from the stored URL moves the feed.
          stillPermanent &&= PERMANENT_REDIRECTS.has(response.status);
          if (stillPermanent) permanentUrl = target;
          url = target;
          continue;
        }
        const lengthHeader = Number(response.headers.get('content-length') ?? NaN);
        if (Number.isFinite(lengthHeader) && lengthHeader > maxBytes && response.status >= 200 && response.status < 300) {
          await response.body?.cancel();
          throw new FeedFetchError(`too large: ${url} announces ${lengthHeader} bytes, the limit is ${maxBytes}`);
        }
        return await read(response, {
          finalUrl: url,
          permanentUrl,
          status: response.status,
          cacheControl: response.headers.get('cache-control') ?? undefined,
          retryAfter: response.headers.get('retry-after') ?? undefined,
        });
      }
    } catch (error) {
      if (error instanceof FeedFetchError) throw error;
      const reason = (error as { name?: string }).name === 'TimeoutError'
        ? `timed out after ${this.config.requestTimeoutMs} ms`
        : describeNetworkError(error);
      throw new FeedFetchError(`fetching ${url}: ${reason}`, { cause: error });
    }
  }
}

/** Reads the body, failing as soon as it passes the cap (the header may lie or be absent). */
async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new FeedFetchError(`too large: ${url} sent more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/** undici hides the socket error in `cause`: "fetch failed" alone tells the user nothing. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${errorMessage(error)} (${cause.code})` : cause?.message ? `${errorMessage(error)} (${cause.message})` : errorMessage(error);
}
