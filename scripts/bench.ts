/**
 * `npm run bench -- [--stories N]... [--articles DATASET]`
 *
 * For each store size (default 1,000, 10,000 and 100,000 stories), starts a fresh embedded store
 * on disk (dynalite on LevelDB in a temp folder + the DynamoDB adapter), fills it fast with synthetic stories written
 * directly through BatchWriteItem (story items and their index items, the shapes the adapter
 * writes), then ingests a fixed set of real articles (news-cluster-dev, 179 articles, every
 * story tracked) through the real pipeline and prints articles/second and DynamoDB requests per
 * article by operation (countCommands on the client).
 *
 * Synthetic stories are realistic in what costs: a profile of 100 terms, 4-8 actors, 4 stored
 * sketches, and ~18 index keys (their heads written once, as the adapter keeps them) drawn from Zipf-distributed vocabularies that overlap the real
 * articles' keys (common actors and terms are shared by thousands of stories, as in a real archive).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { countCommands, createDocumentClient } from '../lambdas/adapters/dynamodb';
import { DYNAMO_STORE_DEFAULTS } from '../lambdas/adapters/dynamodb/config';
import { contentTerms } from '../lambdas/core/cluster/terms';
import { DEFAULT_INGEST_CONFIG, ingestObject } from '../lambdas/core/ingest';
import type { Story } from '../lambdas/core/model';
import { startEmbedded } from '../lambdas/targets/embedded';
import { readDataset, toJsonLine, type LabelledArticle } from './clustering-data';
import { seededRandom } from './seeded-random';

const DEFAULT_SIZES = [1_000, 10_000, 100_000];
const DEFAULT_ARTICLES = '../shared/data/news-cluster-dev';

function parseArgs(argv: string[]): { sizes: number[]; articles: string } {
  const sizes: number[] = [];
  let articles = DEFAULT_ARTICLES;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--stories') sizes.push(Number(argv[++i]));
    else if (argv[i] === '--articles') articles = argv[++i];
    else throw new Error('usage: npm run bench -- [--stories N]... [--articles DATASET]');
  }
  if (sizes.some((n) => !Number.isInteger(n) || n < 0)) throw new Error('--stories takes a whole number');
  return { sizes: sizes.length ? sizes : DEFAULT_SIZES, articles };
}


/** Index of a Zipf-like draw over `n` items: item k is drawn about 1/(k+1) as often as item 0. */
function zipf(rand: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n + 1)) - 1));
}

interface Vocabulary {
  terms: string[];
  actors: string[];
}

/** Terms and actor ids of the real articles first (so real lookups hit crowded keys), then synthetic ones. */
function vocabulary(articles: LabelledArticle[]): Vocabulary {
  const termCounts = new Map<string, number>();
  for (const a of articles) for (const t of contentTerms(`${a.title ?? ''} ${a.text}`, 2)) termCounts.set(t, (termCounts.get(t) ?? 0) + 1);
  const real = [...termCounts].sort((x, y) => y[1] - x[1]).map(([t]) => t);
  const terms = [...real, ...Array.from({ length: 50_000 }, (_, i) => `w${i.toString(36)}`)];
  const actors = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? `l:place-${i}` : i % 3 === 1 ? `p:person-${i}` : `o:org-${i}`));
  return { terms, actors };
}

function syntheticStory(i: number, vocab: Vocabulary, rand: () => number): { story: Story; keys: string[] } {
  const id = `synthetic-${i.toString(36)}`;
  const terms: Record<string, number> = {};
  while (Object.keys(terms).length < 100) terms[vocab.terms[zipf(rand, vocab.terms.length)]] = Math.round(rand() * 1e4) / 1e5;
  const actorCount = 4 + Math.floor(rand() * 5);
  const actors: Record<string, number> = {};
  while (Object.keys(actors).length < actorCount) actors[vocab.actors[zipf(rand, vocab.actors.length)]] = 1 + Math.floor(rand() * 3);
  const signatures: Record<string, number[]> = {};
  for (let s = 0; s < 4; s++) {
    signatures[`${id}-a${s}`] = Array.from({ length: 128 }, () => Math.floor(rand() * 2 ** 32)).sort((a, b) => a - b);
  }
  // Spread over two years before the replayed articles; the gap model sees them as old news.
  const lastSeen = new Date(Date.UTC(2016, 0, 1) + Math.floor(rand() * 730) * 86_400_000).toISOString();
  const sources = ['reuters-com', 'apnews-com', 'bbc-co-uk', 'cnn-com'].slice(0, 1 + Math.floor(rand() * 4));
  const story: Story = {
    id,
    headline: Object.keys(terms).slice(0, 8).join(' '),
    firstSeen: lastSeen,
    lastSeen,
    articleCount: Object.keys(signatures).length,
    sources,
    sourceNames: Object.fromEntries(sources.map((s) => [s, s])),
    articleIds: Object.keys(signatures),
    topActors: Object.keys(actors).map((a) => ({ id: a, name: a, type: a.startsWith('l:') ? 'place' : a.startsWith('p:') ? 'person' : 'organization', count: actors[a] })),
    topTopics: [{ id: 'iptc:11000000', label: 'politics', score: 1 }],
    tracked: true,
    trackedBy: ['all'],
    profile: { terms, actors, topics: { 'iptc:11000000': 1 } },
    signatures,
  };
  const keys = [
    ...Object.keys(actors).slice(0, 4).map((a) => `actor:${a}`),
    ...Object.keys(terms).slice(0, 6).map((t) => `term:${t}`),
    ...signatures[`${id}-a0`].slice(0, 8).map((h) => `sig:${h.toString(16).padStart(8, '0')}`),
  ];
  return { story, keys };
}

/** Writes the stories as the adapter would (story item + index items), 25 per BatchWriteItem, several in flight. */
async function populate(runtime: Awaited<ReturnType<typeof startEmbedded>>, count: number, vocab: Vocabulary): Promise<void> {
  const doc = createDocumentClient(runtime.client);
  const rand = seededRandom(count); // the same stores every run
  const items: Record<string, unknown>[] = [];
  const flush = async (all: boolean) => {
    const batches: Record<string, unknown>[][] = [];
    while (items.length >= 25 || (all && items.length > 0)) batches.push(items.splice(0, 25));
    await Promise.all(batches.map(async (batch) => {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { newswatch: pending } }));
        pending = (out.UnprocessedItems?.newswatch ?? []) as typeof pending;
      }
    }));
  };
  // Index heads are built in memory (newest indexHeadSize per key) and written once at the end.
  const heads = new Map<string, { id: string; lastSeen: string }[]>();
  for (let i = 0; i < count; i++) {
    const { story, keys } = syntheticStory(i, vocab, rand);
    items.push({ ...story, pk: `STORY#${story.id}`, sk: 'STORY', gsi1pk: 'STORIES', gsi1sk: `${story.lastSeen}#${story.id}`, version: 1 });
    for (const key of new Set(keys)) {
      const head = heads.get(key) ?? [];
      head.push({ id: story.id, lastSeen: story.lastSeen });
      if (head.length > 4 * DYNAMO_STORE_DEFAULTS.indexHeadSize) trimHead(head);
      heads.set(key, head);
    }
    if (items.length >= 25 * 16) await flush(false);
  }
  for (const [key, head] of heads) {
    trimHead(head);
    items.push({ pk: `INDEX#${key}`, sk: 'HEAD', key, stories: Object.fromEntries(head.map(({ id, lastSeen }) => [id, lastSeen])) });
    if (items.length >= 25 * 16) await flush(false);
  }
  await flush(true);
}

function trimHead(head: { id: string; lastSeen: string }[]): void {
  head.sort((a, b) => (a.lastSeen === b.lastSeen ? (a.id < b.id ? -1 : 1) : a.lastSeen < b.lastSeen ? 1 : -1));
  head.length = Math.min(head.length, DYNAMO_STORE_DEFAULTS.indexHeadSize);
}

async function benchOne(size: number, articles: LabelledArticle[], vocab: Vocabulary) {
  // On disk (LevelDB under a fresh temp folder), as a store that already holds an archive is: an
  // in-memory engine in this process would make the bench measure its own garbage collector.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newswatch-bench-'));
  const runtime = await startEmbedded({ dataDir });
  try {
    const fillStart = Date.now();
    await populate(runtime, size, vocab);
    const fillSeconds = (Date.now() - fillStart) / 1000;
    const counter = countCommands(runtime.client);
    const config = { ...DEFAULT_INGEST_CONFIG, trackAll: true };
    const publisher = { publish: async () => undefined };
    const started = process.hrtime.bigint();
    for (const [i, article] of articles.entries()) {
      const raw = { key: `bench/${i}.jsonl`, body: Buffer.from(`${toJsonLine(article)}\n`), metadata: {} };
      await ingestObject(raw, { cliSource: article.source, now: article.publishedAt, config }, { store: runtime.store, publisher });
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const perArticle = Object.fromEntries(Object.entries(counter.counts).sort().map(([k, v]) => [k.replace(/Command$/, ''), v / articles.length]));
    const total = Object.values(perArticle).reduce((s, v) => s + v, 0);
    return { size, fillSeconds, articlesPerSecond: articles.length / seconds, requestsPerArticle: total, perArticle };
  } finally {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { sizes, articles: location } = parseArgs(process.argv.slice(2));
  const articles = readDataset(location).articles;
  const vocab = vocabulary(articles);
  // Warm-up (module loading, JIT) so the first size is not penalised.
  await benchOne(0, articles.slice(0, 20), vocab);
  const rows = [];
  for (const size of sizes) {
    const row = await benchOne(size, articles, vocab);
    rows.push(row);
    const ops = Object.entries(row.perArticle).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
    console.log(`${size.toLocaleString('en')} stories (filled in ${row.fillSeconds.toFixed(0)} s): ${row.articlesPerSecond.toFixed(1)} articles/s, ${row.requestsPerArticle.toFixed(2)} requests/article (${ops})`);
  }
  if (rows.length > 1) {
    const first = rows[0];
    const last = rows[rows.length - 1];
    console.log(`speed at ${last.size.toLocaleString('en')} / at ${first.size.toLocaleString('en')}: ${(last.articlesPerSecond / first.articlesPerSecond).toFixed(2)}x; requests/article ${first.requestsPerArticle.toFixed(2)} -> ${last.requestsPerArticle.toFixed(2)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
