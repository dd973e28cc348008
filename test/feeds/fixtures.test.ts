import { readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFeedParser } from '../../lambdas/adapters/feeds';
import { createDocumentClient } from '../../lambdas/adapters/dynamodb';
import { DynamoFeedStore } from '../../lambdas/adapters/dynamodb/feed-store';
import { HttpFeedFetcher } from '../../lambdas/adapters/feeds';
import { DEFAULT_FEED_POLL_CONFIG, newFeed, pollDueFeeds, type FeedArticle } from '../../lambdas/core/feeds';
import { LOCAL_TABLE_NAME, startEmbedded, type EmbeddedRuntime } from '../../lambdas/targets/embedded';
import { FeedServer } from './feed-server';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'feeds');
const NOW = new Date('2026-03-01T12:00:00.000Z');

/** Every fixture served over HTTP (no charset in Content-Type, as a static server would) and polled in one run. */
describe('fixture feeds polled over HTTP', () => {
  const server = new FeedServer();
  let runtime: EmbeddedRuntime;
  const written = new Map<string, FeedArticle[]>();
  let reports: Awaited<ReturnType<typeof pollDueFeeds>>;
  let store: DynamoFeedStore;

  beforeAll(async () => {
    await server.start();
    runtime = await startEmbedded({ dataDir: path.join(tmpdir(), 'newswatch-feed-fixtures'), inMemory: true });
    store = new DynamoFeedStore(createDocumentClient(runtime.client), LOCAL_TABLE_NAME);
    for (const folder of ['rss-parser', 'miniflux', 'feedparser-illformed']) {
      for (const file of await readdir(path.join(FIXTURES, folder))) {
        if (file === 'LICENSE') continue;
        const body = await readFile(path.join(FIXTURES, folder, file));
        server.route(`/${folder}/${file}`, { headers: { 'content-type': 'application/xml' }, body });
        await store.addFeed(newFeed({ url: `${server.base}/${folder}/${file}`, name: file }, NOW, 3600));
      }
    }
    // Served from 127.0.0.1: past the SSRF guard only by opting in (test/adapters/ssrf.test.ts tests the guard).
    const config = { ...DEFAULT_FEED_POLL_CONFIG, allowPrivateNetwork: true };
    reports = await pollDueFeeds({ now: NOW, config }, {
      store, fetcher: new HttpFeedFetcher(config), parse: createFeedParser(config.maxFeedBytes),
      sink: { putArticle: async (a) => { written.set(a.article.source, [...(written.get(a.article.source) ?? []), a]); } },
    });
  });
  afterAll(async () => {
    await runtime.close();
    await server.stop();
  });

  const articles = (file: string) => (written.get(file) ?? []).map((a) => a.article);
  const report = (file: string) => reports.find((r) => r.url.endsWith(`/${file}`))!;

  test('KOI8-R (declared): Cyrillic titles, links and text', () => {
    // Written oldest first (by pubDate), whatever the order in the file.
    expect(articles('koi8r.xml').map((a) => [a.title, a.url])).toEqual([
      ['Первая новость', 'http://example.com/post1'],
      ['Вторая новость', 'http://example.com/post2'],
    ]);
    expect(articles('koi8r.xml')[0].text).toContain('Привет мир! Ёжик, чай, Москва, Санкт-Петербург.');
  });

  test('windows-1251 (declared): 50 quotes with Cyrillic text', () => {
    const list = articles('encoding_WINDOWS-1251.xml');
    expect(list).toHaveLength(50);
    expect(list.map((a) => a.title)).toContain('Цитата #17703');
    expect(list.every((a) => /^http:\/\/ibash\.org\.ru\/quote\.php\?id=\d+$/.test(a.url ?? ''))).toBe(true);
    expect(list.some((a) => /[а-яА-Я]{4,}/.test(a.text))).toBe(true);
  });

  test('ISO-8859-1 with no declaration at all: read as Latin, French accents intact', () => {
    const list = articles('no_encoding_ISO-8859-1.xml');
    // Ten <item>s, one of them empty (no title, link or text): skipped.
    expect(list).toHaveLength(9);
    expect(list.map((a) => a.title)).toContain('Perturbateurs endocriniens : quels effets sur le cerveau ?');
    expect(list.map((a) => a.text).join(' ')).toContain('études');
    expect(list.map((a) => a.text).join(' ')).not.toMatch(/\uFFFD|Ã©/);
  });

  test('channel-only feeds and misdeclared UTF-8 parse; relative Atom links resolve against the feed', async () => {
    expect(report('iso-8859-1.xml')).toMatchObject({ status: 'ok', newItems: 0 });
    expect(report('windows-1252-incorrect-prolog.xml')).toMatchObject({ status: 'ok' });
    const feeds = await store.listFeeds();
    expect(feeds.find((f) => f.url.endsWith('/iso-8859-1.xml'))?.title).toBe('Café');
    expect(feeds.find((f) => f.url.endsWith('/windows-1252-incorrect-prolog.xml'))?.title).toBe('Euro €');
    expect(articles('gulp-atom.atom')[0].url).toMatch(/^https:\/\/github\.com\/gulpjs\/gulp\/releases\/tag\/v/);
    expect(articles('heraldsun.rss').map((a) => a.title)).toEqual(['The Second Item', 'The First Item']);
  });

  test('ill-formed feeds give a recorded error, not a crash', async () => {
    for (const file of ['aaa_illformed.xml', 'rss_item_link_corrupted_ampersands.xml']) {
      expect({ file, ...report(file) }).toMatchObject({ file, status: 'error', error: expect.stringMatching(/not a readable RSS\/Atom feed/) });
      const feed = (await store.listFeeds()).find((f) => f.url.endsWith(`/${file}`))!;
      expect(feed).toMatchObject({ lastStatus: 'error', errorCount: 1, lastError: expect.any(String) });
    }
  });

  test('undeclared KOI8-R: a recorded decoding error, never mojibake', () => {
    expect(report('chardet-koi8r.xml')).toMatchObject({ status: 'error', error: expect.stringMatching(/cannot decode the feed/) });
    expect(articles('chardet-koi8r.xml')).toHaveLength(0);
  });
});

describe('parser', () => {
  test('feeds parsed at the same time never get each other\'s items (rss-parser shares one xml2js parser per instance)', async () => {
    const parse = createFeedParser(1 << 20);
    const a = Buffer.from('<rss version="2.0"><channel><title>A</title><item><title>from A</title></item></channel></rss>');
    const b = Buffer.from('<rss version="2.0"><channel><title>B</title>' + '<item><title>from B</title></item>'.repeat(200) + '</channel></rss>');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => parse(i % 2 ? a : b, undefined)));
    results.forEach((feed, i) => {
      expect(feed.title).toBe(i % 2 ? 'A' : 'B');
      expect(new Set(feed.items.map((x) => x.title))).toEqual(new Set([i % 2 ? 'from A' : 'from B']));
    });
  });
});
