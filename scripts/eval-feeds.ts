/**
 * Feed evaluation: `npm run eval:feeds -- ../shared/data/feeds`
 *
 * Serves every file of <dir>/{rss-parser,miniflux,feedparser-illformed} over HTTP on 127.0.0.1
 * (Content-Type application/xml with no charset, as a static server would), adds each as a feed
 * to an in-memory embedded store and polls them all in ONE poller run (the real HttpFeedFetcher,
 * parser, dedup and DynamoDB feed store; new items are captured instead of ingested). Then:
 *  - a well-formed feed must poll "ok": one article per usable item, every article title equal to
 *    an item title read independently of rss-parser (regex over the decoded XML), every item that
 *    has a <link> giving an absolute http(s) URL, no mojibake (U+FFFD, "Ã©", "Ð¿", "â€"), and the
 *    known text of the encoding samples (windows-1251, KOI8-R, ISO-8859-1 ...);
 *  - an ill-formed one (feedparser-illformed) and a file that is not a feed must give a recorded
 *    feed error; nothing may crash the run.
 * Prints one line per file and a summary; exits 1 if any expectation fails.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createDocumentClient } from '../lambdas/adapters/dynamodb';
import { DynamoFeedStore } from '../lambdas/adapters/dynamodb/feed-store';
import { createFeedParser, HttpFeedFetcher } from '../lambdas/adapters/feeds';
import { decodeFeedBytes, DEFAULT_FEED_POLL_CONFIG, newFeed, pollDueFeeds, type JsonFeedArticle } from '../lambdas/core/feeds';
import { LOCAL_TABLE_NAME, startEmbedded } from '../lambdas/targets/embedded';

const FOLDERS = ['rss-parser', 'miniflux', 'feedparser-illformed'];
/** Files in the well-formed folders that are not feeds at all (HTML pages, a <note> document). */
const NOT_FEEDS = new Set([
  'rss-parser/unrecognized.rss', 'miniflux/iso88591.xml', 'miniflux/iso88591_utf8_mismatch.xml',
  'miniflux/iso-8859-1.html', 'miniflux/iso-8859-1-meta-after-1024.html', 'miniflux/utf8.html', 'miniflux/utf8-meta-after-1024.html',
]);
/**
 * rss-parser's tests for missing fields: no feed title and one entry with no title, link or text
 * (only an empty <author>, or only an <id>). Nothing to ingest: the poller records "not a usable
 * feed"; what is checked is that it does not crash and writes no article.
 */
const EMPTY_FEEDS = new Set(['rss-parser/incomplete-fields.atom', 'rss-parser/missing-fields.atom']);
/** In feedparser's ill-formed folder, but feedparser itself expects it to parse ("not bozo", title "found"). */
const WELL_FORMED_IN_ILLFORMED = new Set(['feedparser-illformed/always_strip_doctype.xml']);
/** Known text of the encoding samples: a title (feed or item) or text each must contain. */
const EXPECTED_TEXT: Record<string, string[]> = {
  'miniflux/koi8r.xml': ['Первая новость', 'Привет мир! Ёжик, чай, Москва'],
  'miniflux/encoding_WINDOWS-1251.xml': ['Цитата #17703'],
  'miniflux/encoding_ISO-8859-1.xml': ['Von KI erstelltes Porträt für 432.500', 'Wochenrückblick: Wilder Westen'],
  'miniflux/no_encoding_ISO-8859-1.xml': ['Perturbateurs endocriniens : quels effets sur le cerveau ?', 'études'],
  'miniflux/iso-8859-1.xml': ['Café'],
  'miniflux/windows-1252.xml': ['Euro €'],
  'miniflux/windows-1252-incorrect-prolog.xml': ['Euro €'],
  'miniflux/utf8.xml': ['Café'],
  'miniflux/utf8-incorrect-prolog.xml': ['Café'],
  'miniflux/invalid-prolog.xml': ['Café'],
  'miniflux/rdf_UTF8.xml': ['Vorsichtsmaßnahmen'],
  'rss-parser/encoding.rss': ['Mãe de utente é a nova presidente da Raríssimas'],
  'rss-parser/uolNoticias.rss': ['simulações de 2º turno'],
  'feedparser-illformed/always_strip_doctype.xml': ['found'],
};
const MOJIBAKE = /\uFFFD|Ã[\u0080-\u00BF]|Ð[\u0080-\u00BF]|â€/;

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const full = path.join(dir, name);
    if ((await stat(full)).isDirectory()) out.push(...await walk(full));
    else if (name !== 'LICENSE' && !name.endsWith('.md')) out.push(full);
  }
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Item titles and whether each item has a link, read with regexes: independent of rss-parser. */
function rawItems(xml: string): { titles: Set<string>; withLink: number } {
  const blocks = xml.match(/<(item|entry)[\s>][\s\S]*?<\/\1>/g) ?? [];
  const titles = new Set<string>();
  // Titles are compared as the poller renders them: HTML tags dropped, references decoded.
  let withLink = 0;
  for (const block of blocks) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/.exec(block)?.[1];
    if (title !== undefined) titles.add(fold(decodeEntities(decodeEntities(title)).replace(/<[^>]*>/g, '')));
    if (/<link[\s>]/.test(block)) withLink += 1;
  }
  return { titles, withLink };
}

async function main(): Promise<number> {
  const root = path.resolve(process.argv[2] ?? '../shared/data/feeds');
  const files = (await Promise.all(FOLDERS.map((f) => walk(path.join(root, f))))).flat();
  const bodies = new Map<string, Buffer>();
  for (const file of files) bodies.set('/' + path.relative(root, file).split(path.sep).join('/'), await readFile(file));

  const server = createServer((req, res) => {
    const body = bodies.get(decodeURIComponent(req.url ?? ''));
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/xml' });
    res.end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const runtime = await startEmbedded({ dataDir: '.newswatch/eval-feeds', inMemory: true });
  const store = new DynamoFeedStore(createDocumentClient(runtime.client), LOCAL_TABLE_NAME);
  const now = new Date();
  const byFeed = new Map<string, JsonFeedArticle[]>();
  const started = process.hrtime.bigint();
  let reports;
  try {
    for (const rel of bodies.keys()) await store.addFeed(newFeed({ url: base + rel, name: rel }, now, 3600));
    // The feeds are served from 127.0.0.1: the SSRF guard lets them through only on this opt-in.
    const config = { ...DEFAULT_FEED_POLL_CONFIG, allowPrivateNetwork: true };
    reports = await pollDueFeeds({ now, config }, {
      store, fetcher: new HttpFeedFetcher(config), parse: createFeedParser(config.maxFeedBytes),
      sink: { putArticle: async (a) => { byFeed.set(a.article.feedId, [...(byFeed.get(a.article.feedId) ?? []), a.article]); } },
    });
  } finally {
    server.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const feeds = new Map((await store.listFeeds()).map((f) => [f.id, f]));
  await runtime.close();

  const tally = { wellFormed: 0, wellFormedOk: 0, illFormed: 0, illFormedError: 0, notFeed: 0, notFeedError: 0, empty: 0, emptyOk: 0, articles: 0 };
  let failures = 0;
  for (const report of reports.sort((a, b) => a.url.localeCompare(b.url))) {
    const rel = report.url.slice(base.length + 1);
    const feed = feeds.get(report.feedId)!;
    const articles = byFeed.get(report.feedId) ?? [];
    tally.articles += articles.length;
    const kind = EMPTY_FEEDS.has(rel) ? 'empty' : NOT_FEEDS.has(rel) ? 'not-feed' : rel.startsWith('feedparser-illformed/') && !WELL_FORMED_IN_ILLFORMED.has(rel) ? 'ill-formed' : 'well-formed';
    const problems: string[] = [];
    if (kind === 'well-formed') {
      tally.wellFormed += 1;
      if (report.status !== 'ok') problems.push(`expected ok, got ${report.status}: ${report.error}`);
      else {
        const xml = decodeFeedBytes(bodies.get('/' + rel)!, 'application/xml', DEFAULT_FEED_POLL_CONFIG.maxFeedBytes);
        const raw = rawItems(xml);
        const unknownTitles = articles.filter((a) => a.title && !raw.titles.has(fold(a.title)));
        if (unknownTitles.length) problems.push(`${unknownTitles.length} title(s) not in the XML, e.g. "${unknownTitles[0].title.slice(0, 60)}"`);
        const linked = articles.filter((a) => a.url && /^https?:\/\/[^/]+/.test(a.url)).length;
        if (linked < Math.min(raw.withLink, articles.length)) problems.push(`${linked} absolute links for ${raw.withLink} items with <link>`);
        const texts = [feed.title ?? '', ...articles.flatMap((a) => [a.title, a.text])].join('\n');
        if (MOJIBAKE.test(texts)) problems.push(`mojibake: "${MOJIBAKE.exec(texts)![0]}" in ${JSON.stringify(texts.slice(Math.max(0, MOJIBAKE.exec(texts)!.index - 20), MOJIBAKE.exec(texts)!.index + 20))}`);
      }
    } else if (kind === 'empty') {
      tally.empty += 1;
      if (articles.length > 0 || !feed.lastStatus) problems.push(`expected no article, got ${articles.length}`);
    } else if (kind === 'ill-formed') {
      tally.illFormed += 1;
      if (report.status !== 'error' || feed.lastStatus !== 'error' || !feed.lastError) {
        problems.push(`expected a recorded error, got ${report.status}`);
      }
    } else {
      tally.notFeed += 1;
      if (report.status !== 'error' || !feed.lastError) problems.push(`expected a recorded error, got ${report.status}`);
    }
    for (const text of EXPECTED_TEXT[rel] ?? []) {
      const all = [feed.title ?? '', ...articles.flatMap((a) => [a.title, a.text])].join('\n');
      if (!all.includes(text)) problems.push(`missing expected text "${text}"`);
    }
    const passed = problems.length === 0;
    if (passed && kind === 'well-formed') tally.wellFormedOk += 1;
    if (passed && kind === 'ill-formed') tally.illFormedError += 1;
    if (passed && kind === 'not-feed') tally.notFeedError += 1;
    if (passed && kind === 'empty') tally.emptyOk += 1;
    if (!passed) failures += 1;
    const what = report.status === 'ok' ? `ok    ${String(articles.length).padStart(4)} articles  "${(articles[articles.length - 1]?.title ?? feed.title ?? '').slice(0, 50)}"` : `error ${report.error}`;
    console.log(`${passed ? 'PASS' : 'FAIL'}  ${kind.padEnd(11)} ${rel.padEnd(58)} ${what}${passed ? '' : `\n      ${problems.join('\n      ')}`}`);
  }
  console.log(`\n${files.length} files in one poller run, ${seconds.toFixed(2)} s, ${tally.articles} articles`);
  console.log(`well-formed feeds polled into articles, checks passed: ${tally.wellFormedOk}/${tally.wellFormed}`);
  console.log(`ill-formed feeds with a recorded error:               ${tally.illFormedError}/${tally.illFormed}`);
  console.log(`non-feed files with a recorded error:                 ${tally.notFeedError}/${tally.notFeed}`);
  console.log(`feeds with nothing to ingest, no article written:     ${tally.emptyOk}/${tally.empty}`);
  console.log(`crashes: 0 (the run completed)`);
  return failures === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (error) => { console.error(error); process.exitCode = 2; });
