/**
 * `npm run bench:stories -- [--stories N]... [--runs R]`
 *
 * The story list the dashboard and `newswatch stories` serve, on an embedded store on disk
 * holding N stories (default 10,000; filled by scripts/bench-fill.ts, as `npm run bench` does):
 * the median time of searchStories (the use case the page and the API call, on the real adapter
 * and dynalite) for the first page, a word search, an actor search, and a page deep in the list
 * reached by cursor, over R runs each (default 15), with the DynamoDB requests each one sends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { searchStories, STORY_QUERY_CONFIG, type StoryQuery } from '../lambdas/app/stories';
import { headlineWords } from '../lambdas/core/search';
import { startEmbedded } from '../lambdas/targets/embedded';
import { populate, vocabulary } from './bench-fill';
import { readDataset } from './clustering-data';

const DEFAULT_SIZES = [10_000];
const DEFAULT_RUNS = 15;
const PAGE_SIZE = STORY_QUERY_CONFIG.defaultPageSize;
/** How deep the cursor page is: after this many pages. */
const DEEP_PAGES = 100;
const ARTICLES = '../shared/data/news-cluster-dev';

function parseArgs(argv: string[]): { sizes: number[]; runs: number } {
  const sizes: number[] = [];
  let runs = DEFAULT_RUNS;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--stories') sizes.push(Number(argv[++i]));
    else if (argv[i] === '--runs') runs = Number(argv[++i]);
    else throw new Error('usage: npm run bench:stories -- [--stories N]... [--runs R]');
  }
  if ([...sizes, runs].some((n) => !Number.isInteger(n) || n < 0)) throw new Error('--stories and --runs take whole numbers');
  return { sizes: sizes.length ? sizes : DEFAULT_SIZES, runs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function benchOne(size: number, runs: number): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newswatch-bench-stories-'));
  const runtime = await startEmbedded({ dataDir });
  try {
    const fillStart = Date.now();
    await populate(runtime, size, vocabulary(readDataset(ARTICLES).articles));
    const target = { store: runtime.store };
    const first = await searchStories(target, {}, { limit: PAGE_SIZE });
    // A word and an actor of a story a few pages down: present, neither everywhere nor nowhere.
    const probe = (await searchStories(target, {}, { limit: 1, cursor: await cursorAfter(target, {}, 3) })).stories[0];
    const word = headlineWords(probe.headline)[0];
    const actor = probe.topActors.find((a) => !a.id.startsWith('l:'))?.id ?? probe.topActors[0].id;
    const deepCursor = await cursorAfter(target, {}, DEEP_PAGES);
    console.log(`${size.toLocaleString('en')} stories (filled in ${((Date.now() - fillStart) / 1000).toFixed(0)} s); first page ${first.stories.length} rows; median of ${runs} runs:`);

    const cases: { name: string; query: StoryQuery; cursor?: string }[] = [
      { name: 'first page', query: {} },
      { name: `word search (q=${word})`, query: { q: word } },
      { name: `actor search (${actor})`, query: { actor } },
      { name: `cursor page (after ${DEEP_PAGES} pages)`, query: {}, cursor: deepCursor },
      { name: 'tracked, first page', query: { tracked: true } },
    ];
    for (const { name, query, cursor } of cases) {
      const times: number[] = [];
      let rows = 0;
      let requests = 0;
      await searchStories(target, query, { cursor, limit: PAGE_SIZE }); // warm
      for (let run = 0; run < runs; run++) {
        const before = runtime.commandCounts.QueryCommand ?? 0;
        const started = process.hrtime.bigint();
        const page = await searchStories(target, query, { cursor, limit: PAGE_SIZE });
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        rows = page.stories.length;
        requests = (runtime.commandCounts.QueryCommand ?? 0) - before;
      }
      console.log(`  ${name.padEnd(42)} ${median(times).toFixed(1).padStart(7)} ms  (${rows} rows, ${requests} Query)`);
    }
    if ((runtime.commandCounts.ScanCommand ?? 0) > 0) throw new Error('a Scan was sent');
  } finally {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The cursor after `pages` pages of the query. */
async function cursorAfter(target: Parameters<typeof searchStories>[0], query: StoryQuery, pages: number): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) {
    const page = await searchStories(target, query, { cursor, limit: PAGE_SIZE });
    if (!page.next) break;
    cursor = page.next;
  }
  return cursor;
}

async function main(): Promise<void> {
  const { sizes, runs } = parseArgs(process.argv.slice(2));
  for (const size of sizes) await benchOne(size, runs);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
