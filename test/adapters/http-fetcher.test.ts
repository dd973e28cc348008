/**
 * The fetcher's limits, kept when it moved from fetch to node:http (for the SSRF guard's lookup
 * hook): content decoding, the size cap after decoding, one timeout for the whole exchange
 * (body included), the redirect limit. Loopback only, opted in past the guard (ssrf.test.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { HttpFeedFetcher } from '../../lambdas/adapters/feeds/http-fetcher';
import { FeedFetchError } from '../../lambdas/core/errors';
import { DEFAULT_FEED_POLL_CONFIG } from '../../lambdas/core/feeds';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';

describe('HttpFeedFetcher over node:http', () => {
  let server: Server;
  let base: string;
  const handlers = new Map<string, Parameters<typeof createServer>[1]>();
  const fetcher = (overrides = {}) => new HttpFeedFetcher({ ...DEFAULT_FEED_POLL_CONFIG, allowPrivateNetwork: true, ...overrides });

  beforeAll(async () => {
    server = createServer((req, res) => {
      const handler = handlers.get(req.url ?? '');
      if (handler) handler(req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test.each([
    ['gzip', gzipSync(FEED)],
    ['x-gzip', gzipSync(FEED)],
    ['deflate', deflateSync(FEED)],
    ['br', brotliCompressSync(FEED)],
    ['gzip, br', brotliCompressSync(gzipSync(FEED))],
    ['identity', Buffer.from(FEED)],
  ])('decodes Content-Encoding: %s, and asks for compression', async (coding, body) => {
    let asked: string | undefined;
    handlers.set('/coded', (req, res) => {
      asked = req.headers['accept-encoding'];
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': coding, etag: '"e1"' }).end(body);
    });
    const result = await fetcher().fetchFeed({ url: `${base}/coded` });
    expect(result).toMatchObject({ kind: 'ok', status: 200, etag: '"e1"', contentType: 'application/rss+xml', finalUrl: `${base}/coded` });
    expect(Buffer.from((result as { body: Uint8Array }).body).toString()).toBe(FEED);
    expect(asked).toContain('gzip');
  });

  test('an unknown coding gives the bytes as sent', async () => {
    handlers.set('/odd', (_req, res) => { res.writeHead(200, { 'content-encoding': 'zstd-ish' }).end('raw bytes'); });
    const page = await fetcher().fetchPage(`${base}/odd`);
    expect(Buffer.from(page.body).toString()).toBe('raw bytes');
  });

  test('the size cap counts decoded bytes: a small gzip bomb is stopped', async () => {
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(16 * 1024);
    handlers.set('/bomb', (_req, res) => { res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb); });
    await expect(fetcher({ maxPageBytes: 1024 * 1024 }).fetchPage(`${base}/bomb`)).rejects.toThrow(`too large: ${base}/bomb sent more than 1048576 bytes`);
  });

  test('an announced length over the cap is refused before reading', async () => {
    handlers.set('/big', (_req, res) => { res.writeHead(200, { 'content-length': '999999' }).end(Buffer.alloc(999999)); });
    await expect(fetcher({ maxFeedBytes: 1000 }).fetchFeed({ url: `${base}/big` })).rejects.toThrow('announces 999999 bytes, the limit is 1000');
  });

  test('one timeout covers the whole exchange: a server that stops mid-body times out', async () => {
    handlers.set('/slow', (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.write('<p>first bytes'); });
    handlers.set('/silent', () => undefined);
    const started = Date.now();
    await expect(fetcher({ requestTimeoutMs: 300 }).fetchPage(`${base}/slow`)).rejects.toThrow(`fetching ${base}/slow: timed out after 300 ms`);
    await expect(fetcher({ requestTimeoutMs: 300 }).fetchFeed({ url: `${base}/silent` })).rejects.toThrow('timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('redirects: relative ones followed, the chain of permanent ones remembered, the limit kept', async () => {
    handlers.set('/a', (_req, res) => { res.writeHead(301, { location: '/b' }).end(); });
    handlers.set('/b', (_req, res) => { res.writeHead(308, { location: `${base}/c` }).end(); });
    handlers.set('/c', (_req, res) => { res.writeHead(302, { location: '/feed' }).end(); });
    handlers.set('/feed', (_req, res) => { res.writeHead(200).end(FEED); });
    handlers.set('/loop', (_req, res) => { res.writeHead(302, { location: '/loop' }).end(); });
    handlers.set('/ftp', (_req, res) => { res.writeHead(302, { location: 'ftp://example.com/x' }).end(); });
    expect(await fetcher().fetchFeed({ url: `${base}/a` })).toMatchObject({ kind: 'ok', finalUrl: `${base}/feed`, permanentUrl: `${base}/c` });
    await expect(fetcher().fetchFeed({ url: `${base}/loop` })).rejects.toThrow(`too many redirects (more than 5) from ${base}/loop`);
    await expect(fetcher().fetchPage(`${base}/ftp`)).rejects.toThrow('redirect to a non-HTTP URL: ftp://example.com/x');
  });

  test('304 and HTTP errors come back as results for feeds; a page\'s HTTP error is a FeedFetchError', async () => {
    handlers.set('/same', (req, res) => { res.writeHead(req.headers['if-none-match'] === '"v1"' ? 304 : 200, { etag: '"v1"' }).end(); });
    handlers.set('/gone', (_req, res) => { res.writeHead(503, { 'retry-after': '120' }).end('down'); });
    expect(await fetcher().fetchFeed({ url: `${base}/same`, etag: '"v1"' })).toMatchObject({ kind: 'not-modified', status: 304 });
    expect(await fetcher().fetchFeed({ url: `${base}/gone` })).toMatchObject({ kind: 'http-error', status: 503, retryAfter: '120' });
    const error = await fetcher().fetchPage(`${base}/gone`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedFetchError);
    expect((error as Error).message).toBe(`HTTP 503 from ${base}/gone`);
  });

  test('a refused connection and an unknown name say so', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(fetcher().fetchPage(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ECONNREFUSED/);
    await expect(fetcher().fetchPage('http://no-such-host.invalid/')).rejects.toThrow(/ENOTFOUND/);
  });
});
