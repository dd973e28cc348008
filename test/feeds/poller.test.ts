import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pollFeeds } from '../../lambdas/local/poll';
import { addFeed, listFeeds } from '../../lambdas/app/feeds';
import { showArticle } from '../../lambdas/app/stories';
import { startEmbedded } from '../../lambdas/targets/embedded';
import { FeedServer, rss, type Reply } from './feed-server';
import { useFreshRuntime } from '../support/fresh-runtime';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
// The feeds and pages are served from 127.0.0.1, which the SSRF guard refuses unless the user
// opts in: these tests opt in the way a user does (test/adapters/ssrf.test.ts tests the guard).
const optIn = process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK;
beforeAll(() => { process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK = '1'; });
afterAll(() => {
  if (optIn === undefined) delete process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK;
  else process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK = optIn;
});

const item = (n: number) => ({ guid: `urn:item:${n}`, title: `Story number ${n} on the harbour strike`, link: `https://example.test/news/${n}` });

describe('feed poller over real HTTP (127.0.0.1) and the embedded store', () => {
  const server = new FeedServer();
  const fresh = useFreshRuntime('newswatch-feeds-');

  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => { server.requests.length = 0; });

  test('a second poll sends the validators; a 304 ingests nothing; two new items ingest exactly those two', async () => {
    let items = [item(1), item(2), item(3)];
    server.route('/cond.xml', (headers): Reply => {
      const etag = `"v${items.length}"`;
      if (headers['if-none-match'] === etag) return { status: 304, headers: { etag } };
      return { headers: { 'content-type': 'application/rss+xml', etag, 'last-modified': 'Sun, 01 Mar 2026 11:00:00 GMT' }, body: rss(items) };
    });
    await addFeed(fresh.runtime, { url: `${server.base}/cond.xml`, name: 'Harbour News' }, T0);

    const first = await pollFeeds(fresh.runtime, { clock: () => T0 });
    expect(first.reports).toMatchObject([{ status: 'ok', newItems: 3 }]);
    expect(first.results.map((r) => r.status)).toEqual(['ingested', 'ingested', 'ingested']);
    expect(first.results.map((r) => r.file)).toEqual(expect.arrayContaining([expect.stringMatching(/^incoming\/harbour-news\/g-[0-9a-f]{32}\.json$/)]));
    expect(first.results.every((r) => r.source === 'Harbour News')).toBe(true);
    expect(server.requestsTo('/cond.xml')[0].headers['if-none-match']).toBeUndefined();

    const second = await pollFeeds(fresh.runtime, { clock: () => at(3600), force: true });
    const sent = server.requestsTo('/cond.xml')[1].headers;
    expect(sent['if-none-match']).toBe('"v3"');
    expect(sent['if-modified-since']).toBe('Sun, 01 Mar 2026 11:00:00 GMT');
    expect(second.reports).toMatchObject([{ status: 'not-modified', httpStatus: 304, newItems: 0 }]);
    expect(second.results).toHaveLength(0);

    items = [item(5), item(4), ...items];
    const third = await pollFeeds(fresh.runtime, { clock: () => at(7200), force: true });
    expect(third.reports).toMatchObject([{ status: 'ok', newItems: 2 }]);
    expect(third.results.map((r) => r.title)).toEqual([item(4).title, item(5).title]);
    const [feed] = await listFeeds(fresh.runtime);
    expect(feed).toMatchObject({ itemCount: 5, lastStatus: 'ok', etag: '"v5"', errorCount: 0 });
  });

  test('a feed listing more new items than a poll takes: the newest first, the rest at the next polls, none twice', async () => {
    const items = [item(5), item(4), item(3), item(2), item(1)];
    server.route('/archive.xml', (headers): Reply => {
      if (headers['if-none-match'] === '"all"') return { status: 304, headers: { etag: '"all"' } };
      return { headers: { 'content-type': 'application/rss+xml', etag: '"all"' }, body: rss(items) };
    });
    await addFeed(fresh.runtime, { url: `${server.base}/archive.xml`, name: 'Harbour Archive' }, T0);
    const config = { maxItemsPerPoll: 2 };

    const first = await pollFeeds(fresh.runtime, { clock: () => T0, config });
    expect(first.reports).toMatchObject([{ status: 'ok', newItems: 2, deferredItems: 3 }]);
    expect(first.results.map((r) => r.title)).toEqual([item(4).title, item(5).title]);
    const [afterFirst] = await listFeeds(fresh.runtime);
    expect(afterFirst.etag).toBeUndefined(); // else a 304 would hide the items left over
    expect(afterFirst.nextPollAt).toBe(at(5 * 60).toISOString());

    const second = await pollFeeds(fresh.runtime, { clock: () => at(5 * 60), config });
    expect(server.requestsTo('/archive.xml')[1].headers['if-none-match']).toBeUndefined();
    expect(second.reports).toMatchObject([{ status: 'ok', newItems: 2, deferredItems: 1 }]);
    expect(second.results.map((r) => r.title)).toEqual([item(2).title, item(3).title]);

    const third = await pollFeeds(fresh.runtime, { clock: () => at(10 * 60), config });
    expect(third.reports[0]).toMatchObject({ status: 'ok', newItems: 1 });
    expect(third.reports[0].deferredItems).toBeUndefined();
    expect(third.results.map((r) => r.title)).toEqual([item(1).title]);
    const [done] = await listFeeds(fresh.runtime);
    expect(done).toMatchObject({ itemCount: 5, etag: '"all"' });

    const fourth = await pollFeeds(fresh.runtime, { clock: () => at(20 * 60), config, force: true });
    expect(fourth.reports).toMatchObject([{ status: 'not-modified', newItems: 0 }]);
  });

  test('--full-text: the main text of the linked page replaces the summary of the feed; a page that fails keeps the summary', async () => {
    const paragraphs = [
      'Dock workers in the harbour walked out at dawn after talks on pay broke down late on Sunday night.',
      'The union said the strike would last until the port authority returned to the table with a written offer.',
      'Shipping agents warned that container traffic could back up within two days if the walkout held.',
    ];
    const page = `<!doctype html><html><head><title>Harbour strike</title></head><body>
      <nav><a href="/">Home</a> <a href="/news">News</a> Subscribe now</nav>
      <article><h1>Harbour strike begins</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>
      <footer>Copyright Example News. All rights reserved.</footer></body></html>`;
    server.route('/news/1', { headers: { 'content-type': 'text/html; charset=utf-8' }, body: page });
    server.route('/full.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rss([
        { guid: 'urn:full:1', title: 'Harbour strike begins', link: `${server.base}/news/1`, text: 'Dock workers walk out.' },
        { guid: 'urn:full:2', title: 'Harbour strike talks', link: `${server.base}/news/missing`, text: 'Talks on the harbour strike resume on Monday, the union and the port authority said in a joint statement.' },
      ]),
    });
    await addFeed(fresh.runtime, { url: `${server.base}/full.xml`, name: 'Harbour Full', fullText: true }, T0);

    const polled = await pollFeeds(fresh.runtime, { clock: () => T0 });
    expect(polled.reports).toMatchObject([{ status: 'ok', newItems: 2 }]);
    expect(server.requestsTo('/news/1')).toHaveLength(1);
    const byTitle = (title: string) => showArticle(fresh.runtime, polled.results.find((r) => r.title === title)!.articleId!);
    const [fromPage, fromSummary] = await Promise.all([byTitle('Harbour strike begins'), byTitle('Harbour strike talks')]);
    for (const p of paragraphs) expect(fromPage.text).toContain(p);
    expect(fromPage.text).not.toMatch(/Subscribe now|All rights reserved/);
    expect(fromSummary.text).toContain('Talks on the harbour strike resume on Monday');
  });

  test('only due feeds are polled, unless --force', async () => {
    server.route('/due.xml', { body: rss([item(1)]) });
    await addFeed(fresh.runtime, { url: `${server.base}/due.xml` }, T0);
    await pollFeeds(fresh.runtime, { clock: () => T0 });
    const again = await pollFeeds(fresh.runtime, { clock: () => at(60) });
    expect(again.reports).toHaveLength(0);
    expect(server.requestsTo('/due.xml')).toHaveLength(1);
    const forced = await pollFeeds(fresh.runtime, { clock: () => at(60), force: true });
    expect(forced.reports).toHaveLength(1);
    expect(server.requestsTo('/due.xml')).toHaveLength(2);
  });

  test('429 with Retry-After: 120 delays the next poll by at least 120 s, even with --force', async () => {
    server.route('/busy.xml', { status: 429, headers: { 'retry-after': '120' }, body: 'slow down' });
    await addFeed(fresh.runtime, { url: `${server.base}/busy.xml` }, T0);
    const run = await pollFeeds(fresh.runtime, { clock: () => T0 });
    expect(run.reports).toMatchObject([{ status: 'error', httpStatus: 429 }]);
    const [feed] = await listFeeds(fresh.runtime);
    expect(Date.parse(feed.nextPollAt) - T0.getTime()).toBeGreaterThanOrEqual(120_000);
    expect(feed.retryAfterUntil).toBe(at(120).toISOString());
    expect(feed).toMatchObject({ lastStatus: 'error', lastHttpStatus: 429, errorCount: 1, lastError: 'HTTP 429' });

    await pollFeeds(fresh.runtime, { clock: () => at(119), force: true });
    expect(server.requestsTo('/busy.xml')).toHaveLength(1);
    server.route('/busy.xml', { body: rss([item(1)]) });
    const later = await pollFeeds(fresh.runtime, { clock: () => at(120), force: true });
    expect(later.reports).toMatchObject([{ status: 'ok', newItems: 1 }]);
  });

  test('a 301 updates the stored URL; the next poll goes straight to the new one', async () => {
    server.route('/old.xml', { status: 301, headers: { location: '/new.xml' } });
    server.route('/new.xml', { body: rss([item(1)]) });
    const added = await addFeed(fresh.runtime, { url: `${server.base}/old.xml` }, T0);
    const run = await pollFeeds(fresh.runtime, { clock: () => T0 });
    expect(run.reports).toMatchObject([{ status: 'ok', newItems: 1, movedTo: `${server.base}/new.xml` }]);
    const [feed] = await listFeeds(fresh.runtime);
    expect(feed).toMatchObject({ id: added.id, url: `${server.base}/new.xml`, addedUrl: `${server.base}/old.xml` });
    await pollFeeds(fresh.runtime, { clock: () => at(3600), force: true });
    expect(server.requestsTo('/old.xml')).toHaveLength(1);
    expect(server.requestsTo('/new.xml')).toHaveLength(2);
  });

  test('a 302 is followed but not remembered', async () => {
    server.route('/temp.xml', { status: 302, headers: { location: '/elsewhere.xml' } });
    server.route('/elsewhere.xml', { body: rss([item(1)]) });
    await addFeed(fresh.runtime, { url: `${server.base}/temp.xml` }, T0);
    await pollFeeds(fresh.runtime, { clock: () => T0 });
    const [feed] = await listFeeds(fresh.runtime);
    expect(feed.url).toBe(`${server.base}/temp.xml`);
  });

  test('a broken or unreachable feed records its error and the run goes on with the others', async () => {
    server.route('/broken.xml', { body: '<rss version="2.0"><channel><title>x</title><item><title>a & b</title>' });
    server.route('/good.xml', { body: rss([item(1)]) });
    server.route('/huge.xml', { body: rss(Array.from({ length: 50 }, (_, n) => item(n))) });
    await addFeed(fresh.runtime, { url: `${server.base}/broken.xml` }, T0);
    const closed = new FeedServer();
    await closed.start();
    await closed.stop();
    const unreachable = `${closed.base}/unreachable.xml`;
    await addFeed(fresh.runtime, { url: unreachable }, T0);
    await addFeed(fresh.runtime, { url: `${server.base}/good.xml` }, T0);
    await addFeed(fresh.runtime, { url: `${server.base}/huge.xml` }, T0);
    const run = await pollFeeds(fresh.runtime, { clock: () => T0, config: { maxFeedBytes: 4096 } });
    const byUrl = Object.fromEntries(run.reports.map((r) => [r.url.replace(server.base, ''), r]));
    expect(byUrl['/good.xml']).toMatchObject({ status: 'ok', newItems: 1 });
    expect(byUrl['/broken.xml']).toMatchObject({ status: 'error', error: expect.stringMatching(/not a readable RSS\/Atom feed/) });
    expect(byUrl['/huge.xml']).toMatchObject({ status: 'error', error: expect.stringMatching(/too large/) });
    expect(byUrl[unreachable]).toMatchObject({ status: 'error', error: expect.stringMatching(/ECONNREFUSED/) });
    const feeds = await listFeeds(fresh.runtime);
    const broken = feeds.find((f) => f.url.endsWith('/broken.xml'))!;
    expect(broken).toMatchObject({ lastStatus: 'error', errorCount: 1 });
    // Exponential back-off: 5 min after the first failure.
    expect(Date.parse(broken.nextPollAt) - T0.getTime()).toBe(300_000);
  });
});

describe('dedup across processes', () => {
  test('the same guid re-published is not ingested twice across two store sessions on one data dir', async () => {
    const server = new FeedServer();
    await server.start();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'newswatch-feeds-'));
    try {
      server.route('/feed.xml', { body: rss([item(1), item(2)]) });
      let runtime = await startEmbedded({ dataDir });
      await addFeed(runtime, { url: `${server.base}/feed.xml` }, T0);
      const first = await pollFeeds(runtime, { clock: () => T0 });
      expect(first.results.filter((r) => r.status === 'ingested')).toHaveLength(2);
      await runtime.close();

      // Re-published: same guid, new title and text (a different article to the pipeline), no validators.
      server.route('/feed.xml', { body: rss([{ ...item(1), title: 'Story number 1, updated with a new headline' }, item(2)]) });
      runtime = await startEmbedded({ dataDir });
      try {
        const second = await pollFeeds(runtime, { clock: () => at(3600), force: true });
        expect(second.reports).toMatchObject([{ status: 'ok', newItems: 0 }]);
        expect(second.results).toHaveLength(0);
        // Two processes racing on one marker: exactly one claim wins.
        const store = runtime.feeds;
        const claims = await Promise.all([1, 2, 3].map(() => store.claimItem('f', 'g-x', 'incoming/x/g-x.json', T0.toISOString())));
        expect(claims.filter(Boolean)).toHaveLength(1);
      } finally {
        await runtime.close();
      }
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
