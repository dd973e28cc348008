import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { addAbortSignal, pipeline, type Readable, type Transform } from 'node:stream';
import { urlToHttpOptions } from 'node:url';
import { constants as zlib, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { errorMessage, FeedFetchError, type PrivateNetworkError } from '../../core/errors';
import type { FeedPollConfig } from '../../core/feeds/config';
import type { FetchRequest, FetchResult } from '../../core/feeds/types';
import type { FeedFetcher } from '../../ports/feeds';
import { checkFetchTarget, checkUrlBeforeConnecting, guardedLookup, type NetworkGuardOptions } from './network-guard';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);
/** More content codings than this on one response is an attack, not a server (undici caps them too). */
const MAX_CONTENT_CODINGS = 5;

export type HttpFetcherConfig = Pick<FeedPollConfig, 'requestTimeoutMs' | 'maxRedirects' | 'maxFeedBytes' | 'maxPageBytes' | 'userAgent' | 'allowPrivateNetwork'>;

/** How the fetcher reaches the network: name resolution, and a test-only connection hook (network-guard.ts). */
export type FetcherNetwork = Omit<NetworkGuardOptions, 'allowPrivateNetwork'>;

interface Exchange {
  finalUrl: string;
  permanentUrl?: string;
  status: number;
  cacheControl?: string;
  retryAfter?: string;
}

/**
 * Feeds and pages over HTTP, the one fetcher of every third-party URL (`ingest <url>`, `poll`,
 * `--full-text`, the poller Lambda; `feeds add` uses its `checkUrl`): conditional GET
 * (If-None-Match / If-Modified-Since), redirects followed by hand (so a permanent one is seen and
 * remembered, and every hop is checked), one timeout for the whole exchange, a size cap enforced
 * while the body streams in (after content decoding), and the SSRF guard (network-guard.ts):
 * loopback, private, link-local and other non-public addresses are refused, literal ones before
 * connecting and resolved ones at the connection, which goes to the very addresses checked.
 *
 * Built on node:http/https rather than fetch: Node's fetch (undici) offers no way to choose the
 * address connected to without the undici package, while http.request has the documented
 * `lookup` hook.
 */
export class HttpFeedFetcher implements FeedFetcher {
  private readonly guard: NetworkGuardOptions;

  constructor(private readonly config: HttpFetcherConfig, network: FetcherNetwork = {}) {
    this.guard = { ...network, allowPrivateNetwork: config.allowPrivateNetwork };
  }

  /** The guard alone, for `feeds add`: refuses a non-public address, or a name resolving to one. */
  checkUrl(url: string): Promise<void> {
    return checkFetchTarget(url, this.guard);
  }

  async fetchFeed(request: FetchRequest): Promise<FetchResult> {
    const headers: Record<string, string> = {
      'user-agent': this.config.userAgent,
      accept: 'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    };
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.lastModified) headers['if-modified-since'] = request.lastModified;
    return this.exchange(request.url, headers, this.config.maxFeedBytes, async (response, common) => {
      if (response.statusCode === 304) {
        response.destroy();
        return { ...common, kind: 'not-modified' };
      }
      if (common.status < 200 || common.status > 299) {
        response.destroy();
        return { ...common, kind: 'http-error' };
      }
      return {
        ...common,
        kind: 'ok',
        body: await readCapped(response, this.config.maxFeedBytes, common.finalUrl),
        contentType: header(response, 'content-type'),
        etag: header(response, 'etag'),
        lastModified: header(response, 'last-modified'),
      };
    });
  }

  async fetchPage(url: string): Promise<{ body: Uint8Array; contentType?: string; finalUrl: string }> {
    const headers = { 'user-agent': this.config.userAgent, accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5' };
    return this.exchange(url, headers, this.config.maxPageBytes, async (response, common) => {
      if (common.status < 200 || common.status > 299) {
        response.destroy();
        throw new FeedFetchError(`HTTP ${common.status} from ${common.finalUrl}`);
      }
      return {
        body: await readCapped(response, this.config.maxPageBytes, common.finalUrl),
        contentType: header(response, 'content-type'),
        finalUrl: common.finalUrl,
      };
    });
  }

  private async exchange<T>(
    startUrl: string,
    headers: Record<string, string>,
    maxBytes: number,
    read: (response: IncomingMessage, common: Exchange) => Promise<T>,
  ): Promise<T> {
    const signal = AbortSignal.timeout(this.config.requestTimeoutMs);
    const sent = { ...headers, 'accept-encoding': 'gzip, deflate, br' };
    let url = startUrl;
    let via: string | undefined;
    let permanentUrl: string | undefined;
    let stillPermanent = true;
    try {
      for (let hop = 0; ; hop += 1) {
        const response = await this.get(url, sent, signal, via);
        const status = response.statusCode ?? 0;
        const location = header(response, 'location');
        if (REDIRECT_STATUSES.has(status) && location) {
          response.destroy();
          if (hop >= this.config.maxRedirects) throw new FeedFetchError(`too many redirects (more than ${this.config.maxRedirects}) from ${startUrl}`);
          let target: string;
          try {
            target = new URL(location, url).toString();
          } catch (error) {
            throw new FeedFetchError(`redirect to an invalid URL from ${url}: ${location}`, { cause: error });
          }
          if (!/^https?:/i.test(target)) throw new FeedFetchError(`redirect to a non-HTTP URL: ${target}`);
          // Only an unbroken chain of permanent redirects from the stored URL moves the feed.
          stillPermanent &&= PERMANENT_REDIRECTS.has(status);
          if (stillPermanent) permanentUrl = target;
          via = url;
          url = target;
          continue;
        }
        const lengthHeader = Number(header(response, 'content-length') ?? NaN);
        if (Number.isFinite(lengthHeader) && lengthHeader > maxBytes && status >= 200 && status < 300) {
          response.destroy();
          throw new FeedFetchError(`too large: ${url} announces ${lengthHeader} bytes, the limit is ${maxBytes}`);
        }
        return await read(response, {
          finalUrl: url,
          permanentUrl,
          status,
          cacheControl: header(response, 'cache-control'),
          retryAfter: header(response, 'retry-after'),
        });
      }
    } catch (error) {
      if (error instanceof FeedFetchError) throw error;
      const reason = signal.aborted ? `timed out after ${this.config.requestTimeoutMs} ms` : describeNetworkError(error);
      throw new FeedFetchError(`fetching ${url}: ${reason}`, { cause: error });
    }
  }

  /**
   * One GET, no redirect followed. The URL's host is checked first when it is an address; a name
   * is resolved, checked and connected to by `guardedLookup`, once per connection (no pooled
   * socket: `agent: false`).
   */
  private get(url: string, headers: OutgoingHttpHeaders, signal: AbortSignal, via: string | undefined): Promise<IncomingMessage> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (error) {
      throw new FeedFetchError(`not a URL: ${url}`, { cause: error });
    }
    checkUrlBeforeConnecting(parsed, this.guard, via);
    return new Promise((resolve, reject) => {
      let refused: PrivateNetworkError | undefined;
      const lookup = guardedLookup(parsed.toString(), this.guard, (error) => { refused = error; }, via);
      const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send({ ...urlToHttpOptions(parsed), method: 'GET', headers, signal, agent: false, lookup }, (response) => {
        resolve(addAbortSignal(signal, response));
      });
      request.on('error', (error) => reject(refused ?? error));
      request.end();
    });
  }
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The body as sent, through the decoders its Content-Encoding names (an unknown coding: the bytes as they came, as fetch gave them). */
function decoded(response: IncomingMessage): Readable {
  const codings = (header(response, 'content-encoding') ?? '').toLowerCase().split(',').map((c) => c.trim()).filter((c) => c && c !== 'identity');
  if (codings.length > MAX_CONTENT_CODINGS) throw new FeedFetchError(`too many content codings (${codings.length})`);
  if (codings.length === 0 || !codings.every((c) => ['gzip', 'x-gzip', 'deflate', 'br'].includes(c))) return response;
  // Lenient like browsers: a body cut short after its last complete block still gives those bytes.
  const lenient = { flush: zlib.Z_SYNC_FLUSH, finishFlush: zlib.Z_SYNC_FLUSH };
  const decoders: Transform[] = codings.reverse().map((c) => (c === 'br' ? createBrotliDecompress() : c === 'deflate' ? createInflate(lenient) : createGunzip(lenient)));
  return pipeline([response, ...decoders], () => undefined) as unknown as Readable;
}

/** Reads the body, failing as soon as it passes the cap (the header may lie, be absent, or count compressed bytes). */
async function readCapped(response: IncomingMessage, maxBytes: number, url: string): Promise<Uint8Array> {
  const stream = decoded(response);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new FeedFetchError(`too large: ${url} sent more than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } finally {
    if (total > maxBytes) response.destroy();
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/** Socket errors carry their code (ECONNREFUSED, ENOTFOUND): say it, once. */
function describeNetworkError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = errorMessage(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
