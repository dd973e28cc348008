/**
 * The SSRF guard of the one HTTP fetcher (adapters/feeds/http-fetcher.ts, network-guard.ts):
 * every spelling of a non-public address refused with its rule named, before any connection;
 * names checked on the addresses actually connected to (DNS rebinding); every redirect hop
 * re-checked; the opt-in (config, env, CLI flag); `feeds add` and the poller.
 *
 * Only this machine is ever contacted: the "public" hosts of these tests resolve, through an
 * injected resolver, to a public-looking address, and the explicit test-only hook
 * (`unsafeTestOnlyConnectTo`) sends their sockets to the loopback server instead.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createTcpServer, Socket, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HttpFeedFetcher, type FetcherNetwork } from '../../lambdas/adapters/feeds/http-fetcher';
import { checkFetchTarget, nonPublicRule, systemResolver, type HostResolver } from '../../lambdas/adapters/feeds/network-guard';
import { addFeed, listFeeds } from '../../lambdas/app/feeds';
import { FeedFetchError, isRetryable, PrivateNetworkError } from '../../lambdas/core/errors';
import { DEFAULT_FEED_POLL_CONFIG, newFeed, resolveFeedPollConfig } from '../../lambdas/core/feeds';
import { pollFeeds } from '../../lambdas/local/poll';
import type { FeedStore } from '../../lambdas/ports/feeds';
import { FeedServer, rss } from '../feeds/feed-server';
import { useFreshRuntime } from '../support/fresh-runtime';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'newswatch.js');
const PAGE = path.join(__dirname, '..', 'fixtures', 'normalize', 'html-menus-and-inline-svg', 'input.html');
const HINT = '(set NEWSWATCH_ALLOW_PRIVATE_NETWORK=1 or pass --allow-private-network to fetch from local networks)';
/** A public unicast address (never contacted: the test hook reroutes the socket to loopback). */
const PUBLIC_ADDRESS = '93.184.215.14';

const guarded = (network: FetcherNetwork = {}) => new HttpFeedFetcher({ ...DEFAULT_FEED_POLL_CONFIG, allowPrivateNetwork: false, requestTimeoutMs: 5000 }, network);
const allowed = (network: FetcherNetwork = {}) => new HttpFeedFetcher({ ...DEFAULT_FEED_POLL_CONFIG, allowPrivateNetwork: true, requestTimeoutMs: 5000 }, network);

/** `public.test` (and any *.public.test) "resolves" to a public address; other names as the system resolves them. */
const publicResolver: HostResolver = async (hostname) => (/(^|\.)public\.test$/.test(hostname) ? [{ address: PUBLIC_ADDRESS, family: 4 }] : systemResolver(hostname));
/** Test-only: whatever the guard accepted, the socket goes to this machine's loopback server. */
const toLoopback: FetcherNetwork = { resolve: publicResolver, unsafeTestOnlyConnectTo: () => ({ address: '127.0.0.1', family: 4 }) };

async function refusal(promise: Promise<unknown>): Promise<PrivateNetworkError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PrivateNetworkError);
  return error as PrivateNetworkError;
}

describe("what Node's WHATWG URL parser makes of each spelling, and the rule each gets", () => {
  test.each([
    ['127.0.0.1', '127.0.0.1', 'a loopback address'],
    ['127.1', '127.0.0.1', 'a loopback address'],
    ['2130706433', '127.0.0.1', 'a loopback address'],
    ['0x7f.1', '127.0.0.1', 'a loopback address'],
    ['0x7f000001', '127.0.0.1', 'a loopback address'],
    ['0177.0.0.1', '127.0.0.1', 'a loopback address'],
    ['127.0.0.1.', '127.0.0.1', 'a loopback address'],
    ['[::1]', '[::1]', 'a loopback address'],
    ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', 'a loopback address'],
    ['[::ffff:a9fe:a9fe]', '[::ffff:a9fe:a9fe]', 'a link-local address (the cloud metadata service)'],
    ['169.254.169.254', '169.254.169.254', 'a link-local address (the cloud metadata service)'],
    ['0', '0.0.0.0', 'an unspecified address'],
    ['[::]', '[::]', 'an unspecified address'],
    ['012.0.0.1', '10.0.0.1', 'a private address'],
    ['[fd00::1]', '[fd00::1]', 'a unique-local address'],
    ['[::127.0.0.1]', '[::7f00:1]', 'a reserved or documentation address'],
  ])('http://%s/ has host %s: %s', (spelling, hostname, rule) => {
    const url = new URL(`http://${spelling}/x`);
    expect(url.hostname).toBe(hostname);
    expect(nonPublicRule(url.hostname)).toBe(rule);
  });

  test('spellings the parser refuses never reach the fetcher', () => {
    expect(() => new URL('http://1.2.3.4.5/')).toThrow();
    expect(() => new URL('http://[fe80::1%25eth0]/')).toThrow();
    expect(() => new URL('http://0x100000000/')).toThrow();
  });
});

describe('address classes (ipaddr.js ranges)', () => {
  test.each([
    ['127.0.0.1', 'a loopback address'], ['127.255.255.254', 'a loopback address'], ['::1', 'a loopback address'],
    ['10.0.0.1', 'a private address'], ['172.16.0.1', 'a private address'], ['172.31.255.255', 'a private address'], ['192.168.1.1', 'a private address'],
    ['169.254.0.1', 'a link-local address'], ['fe80::1', 'a link-local address'],
    ['fc00::1', 'a unique-local address'], ['fd12:3456::1', 'a unique-local address'],
    ['224.0.0.1', 'a multicast address'], ['239.255.255.250', 'a multicast address'], ['ff02::1', 'a multicast address'],
    ['0.0.0.0', 'an unspecified address'], ['0.1.2.3', 'an unspecified address'], ['::', 'an unspecified address'],
    ['255.255.255.255', 'the broadcast address'],
    ['100.64.0.1', 'a carrier-grade NAT address'], ['100.127.255.255', 'a carrier-grade NAT address'],
    ['192.0.2.1', 'a reserved or documentation address'], ['198.51.100.1', 'a reserved or documentation address'],
    ['203.0.113.1', 'a reserved or documentation address'], ['240.0.0.1', 'a reserved or documentation address'],
    ['198.18.0.1', 'a reserved or documentation address'], ['2001:db8::1', 'a reserved or documentation address'],
    ['::ffff:10.0.0.1', 'a private address'], ['::ffff:192.168.0.1', 'a private address'],
    ['2002:7f00:1::', 'a 6to4 address'], ['64:ff9b::7f00:1', 'a NAT64 address'], ['2001:0:4136:e378::1', 'a Teredo address'],
    ['not-an-address', 'not an address the guard can classify'],
  ])('%s is %s', (address, rule) => {
    expect(nonPublicRule(address)).toBe(rule);
  });

  test.each(['93.184.215.14', '1.1.1.1', '8.8.8.8', '100.63.255.255', '100.128.0.1', '172.15.255.255', '172.32.0.1', '192.169.0.1', '2606:4700:4700::1111', '2a00:1450:4001:81c::200e'])(
    '%s is public',
    (address) => expect(nonPublicRule(address)).toBeUndefined(),
  );
});

describe('the fetcher refuses non-public addresses, naming the rule', () => {
  const server = new FeedServer();
  let port: string;
  beforeAll(async () => {
    await server.start();
    port = new URL(server.base).port;
    server.route('/x', { headers: { 'content-type': 'text/html' }, body: '<html><body><p>secret</p></body></html>' });
  });
  afterAll(() => server.stop());
  beforeEach(() => { server.requests.length = 0; });
  afterEach(() => jest.restoreAllMocks());

  test('the issue\'s example, word for word; not retryable; a FeedFetchError (recorded like any fetch failure)', async () => {
    const error = await refusal(guarded().fetchPage(`http://127.0.0.1:${port}/x`));
    expect(error.message).toBe(`refused http://127.0.0.1:${port}/x: 127.0.0.1 is a loopback address ${HINT}`);
    expect(error).toBeInstanceOf(FeedFetchError);
    expect(isRetryable(error)).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  test.each([
    ['127.0.0.1', '127.0.0.1 is a loopback address'],
    ['127.1', '127.0.0.1 is a loopback address'],
    ['2130706433', '127.0.0.1 is a loopback address'],
    ['0x7f.1', '127.0.0.1 is a loopback address'],
    ['[::1]', '::1 is a loopback address'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1 (127.0.0.1) is a loopback address'],
    ['169.254.169.254', '169.254.169.254 is a link-local address (the cloud metadata service)'],
    ['10.0.0.1', '10.0.0.1 is a private address'],
    ['192.168.1.1', '192.168.1.1 is a private address'],
    ['172.16.5.4', '172.16.5.4 is a private address'],
    ['100.64.0.1', '100.64.0.1 is a carrier-grade NAT address'],
    ['[fd00::1]', 'fd00::1 is a unique-local address'],
    ['[fe80::1]', 'fe80::1 is a link-local address'],
    ['224.0.0.251', '224.0.0.251 is a multicast address'],
    ['0.0.0.0', '0.0.0.0 is an unspecified address'],
  ])('http://%s: refused before any connection is attempted (%s)', async (host, rule) => {
    // A connection attempt would throw this instead of the refusal: nothing may be dialled.
    const connect = jest.spyOn(Socket.prototype, 'connect').mockImplementation(() => { throw new Error(`a connection was attempted to ${host}`); });
    const fetcher = guarded();
    const onPort = `http://${host}:${port}/x`;
    expect((await refusal(fetcher.fetchPage(onPort))).message).toContain(`: ${rule} ${HINT}`);
    expect((await refusal(fetcher.fetchFeed({ url: onPort }))).message).toContain(rule);
    expect((await refusal(fetcher.fetchPage(`http://${host}/latest/meta-data/`))).message).toContain(rule);
    expect(connect).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(0);
  });

  test('a name that resolves to loopback (localhost) is refused, and the server never hears of it', async () => {
    const error = await refusal(guarded().fetchPage(`http://localhost:${port}/x`));
    expect(error.message).toMatch(new RegExp(`^refused http://localhost:${port}/x: localhost resolves to (127\\.0\\.0\\.1|::1), a loopback address`));
    expect(server.requests).toHaveLength(0);
  });

  test('with allowPrivateNetwork the loopback server is fetched, in any spelling', async () => {
    for (const host of ['127.0.0.1', '127.1', '2130706433', '0x7f.1', '[::ffff:127.0.0.1]']) {
      const page = await allowed().fetchPage(`http://${host}:${port}/x`);
      expect(Buffer.from(page.body).toString()).toContain('secret');
    }
    expect(server.requests).toHaveLength(5);
  });

  test('the socket goes to the address the resolver gave (and the guard checked), not to a second lookup', async () => {
    // `intranet.test` does not exist in DNS: only the injected resolver knows it.
    const intranet: FetcherNetwork = { resolve: async (name) => (name === 'intranet.test' ? [{ address: '127.0.0.1', family: 4 }] : systemResolver(name)) };
    const page = await allowed(intranet).fetchPage(`http://intranet.test:${port}/x`);
    expect(Buffer.from(page.body).toString()).toContain('secret');
    expect(server.requests[0].headers.host).toBe(`intranet.test:${port}`);
    const error = await refusal(guarded(intranet).fetchPage(`http://intranet.test:${port}/x`));
    expect(error.message).toBe(`refused http://intranet.test:${port}/x: intranet.test resolves to 127.0.0.1, a loopback address ${HINT}`);
    expect(server.requests).toHaveLength(1);
  });

  test('the fetch standard\'s bad ports and URLs with credentials stay refused, as fetch refused them', async () => {
    await expect(allowed().fetchPage('http://127.0.0.1:25/')).rejects.toThrow(/port 25 is not fetched/);
    await expect(allowed().fetchPage(`http://user:secret@127.0.0.1:${port}/x`)).rejects.toThrow(/with credentials/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('DNS rebinding: the addresses connected to are the addresses checked', () => {
  const server = new FeedServer();
  let port: string;
  beforeAll(async () => {
    await server.start();
    port = new URL(server.base).port;
    server.route('/x', { body: 'secret' });
  });
  afterAll(() => server.stop());
  beforeEach(() => { server.requests.length = 0; });

  test('a host name whose answer is a private address is refused', async () => {
    const resolve: HostResolver = async () => [{ address: '10.0.0.1', family: 4 }];
    const error = await refusal(guarded({ resolve }).fetchPage('http://rebind.test/x'));
    expect(error.message).toBe(`refused http://rebind.test/x: rebind.test resolves to 10.0.0.1, a private address ${HINT}`);
  });

  test('one private address among public ones is enough to refuse', async () => {
    const resolve: HostResolver = async () => [{ address: PUBLIC_ADDRESS, family: 4 }, { address: '169.254.169.254', family: 4 }];
    const error = await refusal(guarded({ resolve }).fetchPage('http://mixed.test/x'));
    expect(error.message).toContain('mixed.test resolves to 169.254.169.254, a link-local address (the cloud metadata service)');
  });

  test('public when checked (feeds add), loopback when fetched: the fetch resolves again, checks, and refuses', async () => {
    let answers = 0;
    // The rebinding server: first a public address, then this machine. No test hook here: had the
    // guard let it through, the socket would really reach the loopback server.
    const resolve: HostResolver = async () => [{ address: answers++ === 0 ? PUBLIC_ADDRESS : '127.0.0.1', family: 4 }];
    const fetcher = guarded({ resolve });
    await expect(fetcher.checkUrl(`http://rebind.test:${port}/x`)).resolves.toBeUndefined();
    const error = await refusal(fetcher.fetchPage(`http://rebind.test:${port}/x`));
    expect(error.message).toContain('rebind.test resolves to 127.0.0.1, a loopback address');
    expect(answers).toBe(2);
    expect(server.requests).toHaveLength(0);
  });

  test('an IPv4-mapped IPv6 answer is classified as the IPv4 address it maps', async () => {
    const resolve: HostResolver = async () => [{ address: '::ffff:127.0.0.1', family: 6 }];
    const error = await refusal(guarded({ resolve }).fetchFeed({ url: `http://mapped.test:${port}/x` }));
    expect(error.message).toContain('mapped.test resolves to ::ffff:127.0.0.1 (127.0.0.1), a loopback address');
    expect(server.requests).toHaveLength(0);
  });
});

describe('every redirect hop is checked again', () => {
  const server = new FeedServer();
  let port: string;
  let connect: jest.SpyInstance;
  beforeAll(async () => {
    await server.start();
    port = new URL(server.base).port;
    server.route('/page', { headers: { 'content-type': 'text/html' }, body: '<p>public page</p>' });
    server.route('/secret', { body: 'secret' });
    server.route('/to-same-host', { status: 302, headers: { location: '/page' } });
    server.route('/to-loopback', () => ({ status: 302, headers: { location: `http://127.0.0.1:${port}/secret` } }));
    server.route('/to-localhost', () => ({ status: 301, headers: { location: `http://localhost:${port}/secret` } }));
    server.route('/to-decimal', () => ({ status: 307, headers: { location: `http://2130706433:${port}/secret` } }));
    server.route('/to-mapped', () => ({ status: 308, headers: { location: `http://[::ffff:127.0.0.1]:${port}/secret` } }));
    server.route('/to-metadata', { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' } });
    server.route('/to-private-name', () => ({ status: 302, headers: { location: `http://db.internal.test:${port}/secret` } }));
    server.route('/hop', () => ({ status: 302, headers: { location: `http://second.public.test:${port}/to-loopback` } }));
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
    connect = jest.spyOn(Socket.prototype, 'connect');
  });
  afterEach(() => jest.restoreAllMocks());

  test('control: a redirect within the allowed public host is followed', async () => {
    const page = await guarded(toLoopback).fetchPage(`http://public.test:${port}/to-same-host`);
    expect(page.finalUrl).toBe(`http://public.test:${port}/page`);
    expect(Buffer.from(page.body).toString()).toBe('<p>public page</p>');
  });

  test.each([
    ['/to-loopback', (port: string) => `refused http://127.0.0.1:${port}/secret (redirected from http://public.test:${port}/to-loopback): 127.0.0.1 is a loopback address ${HINT}`],
    ['/to-decimal', (port: string) => `refused http://127.0.0.1:${port}/secret (redirected from http://public.test:${port}/to-decimal): 127.0.0.1 is a loopback address ${HINT}`],
    ['/to-mapped', (port: string) => `refused http://[::ffff:7f00:1]:${port}/secret (redirected from http://public.test:${port}/to-mapped): ::ffff:7f00:1 (127.0.0.1) is a loopback address ${HINT}`],
    ['/to-metadata', () => `refused http://169.254.169.254/latest/meta-data/iam/security-credentials/ (redirected from http://public.test:${port}/to-metadata): 169.254.169.254 is a link-local address (the cloud metadata service) ${HINT}`],
  ])('from an allowed public host, %s is refused before its connection', async (route, message) => {
    const error = await refusal(guarded(toLoopback).fetchPage(`http://public.test:${port}${route}`));
    expect(error.message).toBe(message(port));
    expect(server.requests.map((r) => r.path)).toEqual([route]);
    expect(connect).toHaveBeenCalledTimes(1); // the first hop only
  });

  test('a redirect to a name that resolves to loopback is refused (localhost), in a feed fetch too', async () => {
    const error = await refusal(guarded(toLoopback).fetchFeed({ url: `http://public.test:${port}/to-localhost` }));
    expect(error.message).toMatch(/\(redirected from http:\/\/public\.test:\d+\/to-localhost\): localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(server.requests.map((r) => r.path)).toEqual(['/to-localhost']);
  });

  test('a redirect to a name the resolver maps to a private address is refused', async () => {
    const resolve: HostResolver = async (name) => (name === 'db.internal.test' ? [{ address: '192.168.1.1', family: 4 }] : publicResolver(name));
    const error = await refusal(guarded({ ...toLoopback, resolve }).fetchPage(`http://public.test:${port}/to-private-name`));
    expect(error.message).toContain('db.internal.test resolves to 192.168.1.1, a private address');
    expect(server.requests.map((r) => r.path)).toEqual(['/to-private-name']);
  });

  test('two public hops, then loopback: refused at the third', async () => {
    const error = await refusal(guarded(toLoopback).fetchPage(`http://public.test:${port}/hop`));
    expect(error.message).toContain(`(redirected from http://second.public.test:${port}/to-loopback): 127.0.0.1 is a loopback address`);
    expect(server.requests.map((r) => r.path)).toEqual(['/hop', '/to-loopback']);
  });

  test('with allowPrivateNetwork the same redirect is followed', async () => {
    const page = await allowed(toLoopback).fetchPage(`http://public.test:${port}/to-loopback`);
    expect(page.finalUrl).toBe(`http://127.0.0.1:${port}/secret`);
  });
});

describe('https goes through the same guard', () => {
  // A bare TCP server: it only records that a TLS client connected (no certificate needed).
  const connections: string[] = [];
  const tcp = createTcpServer((socket) => { connections.push(socket.remoteAddress ?? ''); socket.destroy(); });
  let port: number;
  beforeAll(async () => {
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    port = (tcp.address() as AddressInfo).port;
  });
  afterAll(async () => { await new Promise<void>((resolve) => tcp.close(() => resolve())); });
  beforeEach(() => { connections.length = 0; });

  test('a literal address and a name resolving to loopback are refused; an accepted name connects where the lookup said', async () => {
    expect((await refusal(guarded().fetchPage(`https://127.0.0.1:${port}/`))).message).toContain('127.0.0.1 is a loopback address');
    const loopbackName: FetcherNetwork = { resolve: async () => [{ address: '127.0.0.1', family: 4 }] };
    expect((await refusal(guarded(loopbackName).fetchPage(`https://tls.test:${port}/`))).message).toContain('tls.test resolves to 127.0.0.1, a loopback address');
    expect(connections).toHaveLength(0);

    const error = await guarded(toLoopback).fetchPage(`https://www.public.test:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedFetchError);
    expect(error).not.toBeInstanceOf(PrivateNetworkError);
    expect(connections).toHaveLength(1);
  });
});

describe('the opt-in and `feeds add`', () => {
  const fresh = useFreshRuntime('newswatch-ssrf-');
  const saved = process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK;
  beforeEach(() => { delete process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK; });
  afterAll(() => {
    if (saved === undefined) delete process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK;
    else process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK = saved;
  });

  test('the config takes the opt-in from NEWSWATCH_ALLOW_PRIVATE_NETWORK=1 only; an override wins', () => {
    expect(resolveFeedPollConfig({}, {}).allowPrivateNetwork).toBe(false);
    expect(resolveFeedPollConfig({}, { NEWSWATCH_ALLOW_PRIVATE_NETWORK: 'true' }).allowPrivateNetwork).toBe(false);
    expect(resolveFeedPollConfig({}, { NEWSWATCH_ALLOW_PRIVATE_NETWORK: '1' }).allowPrivateNetwork).toBe(true);
    expect(resolveFeedPollConfig({ allowPrivateNetwork: false }, { NEWSWATCH_ALLOW_PRIVATE_NETWORK: '1' }).allowPrivateNetwork).toBe(false);
    expect(DEFAULT_FEED_POLL_CONFIG.allowPrivateNetwork).toBe(false);
  });

  test('feeds add refuses the metadata service, private ranges and names resolving to loopback; nothing is stored', async () => {
    for (const [url, rule] of [
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address (the cloud metadata service)'],
      ['http://10.0.0.1/rss', '10.0.0.1 is a private address'],
      ['http://[fd00::1]/rss', 'fd00::1 is a unique-local address'],
      ['http://2130706433:8080/rss', '127.0.0.1 is a loopback address'],
      ['http://localhost:8080/rss', 'localhost resolves to'],
    ]) {
      const error = await refusal(addFeed(fresh.runtime, { url }));
      expect(error.message).toContain(rule);
      expect(error.message).toContain(HINT);
    }
    expect(await listFeeds(fresh.runtime)).toEqual([]);
  });

  test('feeds add takes a name that does not resolve now (the poll checks again), and private ones once opted in', async () => {
    await addFeed(fresh.runtime, { url: 'http://feeds.example.invalid/rss' });
    process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK = '1';
    await addFeed(fresh.runtime, { url: 'http://10.0.0.1/rss' });
    expect((await listFeeds(fresh.runtime)).map((f) => f.url).sort()).toEqual(['http://10.0.0.1/rss', 'http://feeds.example.invalid/rss']);
  });

  test('feeds add for the deployed stack ignores the opt-in: the poller Lambda never fetches from private networks', async () => {
    process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK = '1';
    const added: string[] = [];
    const deployed = { kind: 'aws' as const, feeds: { addFeed: async (feed: { url: string }) => { added.push(feed.url); return true; } } as unknown as FeedStore };
    const error = await refusal(addFeed(deployed, { url: 'http://192.168.1.1/rss' }));
    expect(error.message).toBe('refused http://192.168.1.1/rss: 192.168.1.1 is a private address (the deployed poller never fetches from local networks)');
    expect(added).toEqual([]);
  });

  test('feeds add takes the check it is given (a port-like seam), e.g. one that sees a rebinding answer', async () => {
    const check = (url: string) => checkFetchTarget(url, { allowPrivateNetwork: false, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const error = await refusal(addFeed(fresh.runtime, { url: 'https://news.example.com/rss' }, new Date(), check));
    expect(error.message).toContain('news.example.com resolves to 127.0.0.1, a loopback address');
  });

  describe('the poller', () => {
    const server = new FeedServer();
    let port: string;
    beforeAll(async () => {
      await server.start();
      port = new URL(server.base).port;
    });
    afterAll(() => server.stop());

    test('a stored feed on loopback fails with the rule recorded; a public feed\'s item linking to loopback keeps the feed\'s own text', async () => {
      server.route('/feed.xml', () => ({
        headers: { 'content-type': 'application/rss+xml' },
        body: rss([{ guid: 'urn:1', title: 'Harbour strike enters its second day', link: `http://127.0.0.1:${port}/article`, text: 'The feed text of the harbour strike story, long enough to be an article about the strike.' }]),
      }));
      server.route('/article', { headers: { 'content-type': 'text/html' }, body: '<html><body><article><p>Internal page text that must never be fetched.</p></article></body></html>' });
      // Stored before the guard existed (or by hand): the poll refuses it all the same.
      await fresh.runtime.feeds.addFeed(newFeed({ url: `http://127.0.0.1:${port}/feed.xml`, name: 'Loopback' }, new Date(), 3600));
      await fresh.runtime.feeds.addFeed(newFeed({ url: `http://public.test:${port}/feed.xml`, name: 'Public', fullText: true }, new Date(), 3600));

      const run = await pollFeeds(fresh.runtime, { fetcher: guarded(toLoopback) });
      const byName = Object.fromEntries(run.reports.map((r) => [new URL(r.url).hostname, r]));
      expect(byName['127.0.0.1']).toMatchObject({ status: 'error', error: `refused http://127.0.0.1:${port}/feed.xml: 127.0.0.1 is a loopback address ${HINT}` });
      expect(byName['public.test']).toMatchObject({ status: 'ok', newItems: 1 });
      expect(server.requests.map((r) => r.path)).toEqual(['/feed.xml']);
      expect(run.results).toHaveLength(1);
    });
  });
});

describe('newswatch ingest <url> through the real CLI', () => {
  const server = new FeedServer();
  let dir: string;
  beforeAll(async () => {
    await server.start();
    server.route('/x', { headers: { 'content-type': 'text/html; charset=utf-8' }, body: await readFile(PAGE) });
    dir = await mkdtemp(path.join(tmpdir(), 'newswatch-ssrf-cli-'));
  });
  afterAll(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  function newswatch(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    const { NEWSWATCH_ALLOW_PRIVATE_NETWORK: _ignored, ...inherited } = process.env;
    return new Promise((resolve) => {
      execFile('node', [CLI, ...args], { cwd: ROOT, env: { ...inherited, ...env } }, (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  test('refused with the rule named (exit 2); fetched with --allow-private-network or NEWSWATCH_ALLOW_PRIVATE_NETWORK=1', async () => {
    const url = `${server.base}/x`;
    const refused = await newswatch(['ingest', url, '--data-dir', path.join(dir, 'a')]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain(`refused ${url}: 127.0.0.1 is a loopback address ${HINT}`);
    expect(server.requests).toHaveLength(0);

    const flag = await newswatch(['--allow-private-network', 'ingest', url, '--json', '--data-dir', path.join(dir, 'b')]);
    expect(flag.code).toBe(0);
    expect(JSON.parse(flag.stdout.trim().split('\n')[0])).toMatchObject({ status: 'ingested', file: url });

    const afterCommand = await newswatch(['ingest', url, '--allow-private-network', '--json', '--data-dir', path.join(dir, 'c')]);
    expect(afterCommand.code).toBe(0);

    const env = await newswatch(['ingest', url, '--json', '--data-dir', path.join(dir, 'd')], { NEWSWATCH_ALLOW_PRIVATE_NETWORK: '1' });
    expect(env.code).toBe(0);
    expect(JSON.parse(env.stdout.trim().split('\n')[0])).toMatchObject({ status: 'ingested' });
    expect(server.requests).toHaveLength(3);
  });
});
