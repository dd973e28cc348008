/**
 * `npm run bench -- [--stories N]... [--articles DATASET]`
 *
 * For each store size (default 1,000, 10,000 and 100,000 stories), starts a fresh embedded store
 * on disk (dynalite on LevelDB in a temp folder + the DynamoDB adapter), fills it fast with
 * synthetic stories (scripts/bench-fill.ts: story, summary and index items written directly
 * through BatchWriteItem, the shapes the adapter writes), then ingests a fixed set of real
 * articles (news-cluster-dev, 179 articles, every story tracked) through the real pipeline and
 * prints articles/second and DynamoDB requests per article by operation (countCommands on the
 * client).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { countCommands } from '../lambdas/adapters/dynamodb';
import { DEFAULT_INGEST_CONFIG, ingestObject } from '../lambdas/core/ingest';
import { startEmbedded } from '../lambdas/targets/embedded';
import { populate, vocabulary, type Vocabulary } from './bench-fill';
import { readDataset, toJsonLine, type LabelledArticle } from './clustering-data';

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
