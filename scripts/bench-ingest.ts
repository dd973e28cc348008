/**
 * `npm run bench:ingest`: how fast `newswatch ingest` runs on the embedded store, against the
 * pipeline alone over the same texts, as whole processes in one run (a shared machine drifts:
 * read the ratios). Prints, for full text (news-cluster-dev as one JSON Lines file) and
 * headlines (the UCI head as title-only JSON Lines items):
 *   - articles/s of `ingest --track-all --quiet` on a fresh data dir,
 *   - the time of `tag --jsonl` and `extract` over the same texts, and ingest / tag as a ratio,
 *   - when the first result line of the headline ingest (6,000+ lines) was printed,
 *   - story quality (B-cubed F1 over every article, from the --json results) at the default
 *     document concurrency and at --concurrency 4, so a speed-up that costs quality shows here.
 * Each command runs `--rounds` times (default 3; headlines 1), A B C A B C…, medians reported.
 *
 *   npm run bench:ingest [-- --rounds 5 --headline-rounds 2 --data ../shared/data]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { LOCAL_DOCUMENT_CONCURRENCY } from '../lambdas/local/ingest';
import { readDataset, toJsonLine, type LabelledArticle } from './clustering-data';
import { bcubed } from './clustering-metrics';

const ROOT = path.join(__dirname, '..');

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

/** The --concurrency whose story quality is compared with one document at a time. */
const RACING_CONCURRENCY = 4;

const rounds = Number(flag('rounds', '3'));
const headlineRounds = Number(flag('headline-rounds', '1'));
const dataRoot = path.resolve(ROOT, flag('data', '../shared/data'));

interface Run {
  ms: number;
  firstLineMs?: number;
  stdout: string;
  code: number | null;
}

/** One whole process, timed from spawn to exit; the first stdout line's time noted. */
function run(cli: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    // NODE_PATH: the bundle lives outside the repository and keeps its packages external.
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let firstLineMs: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (firstLineMs === undefined && stdout.includes('\n')) firstLineMs = elapsed();
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && code !== 2) reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ ms: elapsed(), firstLineMs, stdout, code });
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Corpus {
  name: string;
  articles: LabelledArticle[];
  /** What `ingest` reads. */
  ingestFile: string;
  /** The same texts as `tag --jsonl` reads them. */
  tagFile: string;
}

function writeCorpus(dir: string, name: string, articles: LabelledArticle[], line: (a: LabelledArticle) => string, text: (a: LabelledArticle) => string): Corpus {
  const ingestFile = path.join(dir, `${name}.jsonl`);
  const tagFile = path.join(dir, `${name}-tag.jsonl`);
  writeFileSync(ingestFile, `${articles.map(line).join('\n')}\n`);
  writeFileSync(tagFile, `${articles.map((a, i) => JSON.stringify({ id: i, text: text(a) })).join('\n')}\n`);
  return { name, articles, ingestFile, tagFile };
}

/** B-cubed F1 of the stories an ingest printed (--json: one result per line, in input order). */
function storyF1(corpus: Corpus, stdout: string): number {
  const results = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { status?: string; storyId?: string });
  const stored = results.filter((r) => r.status !== undefined);
  if (stored.length !== corpus.articles.length) throw new Error(`${corpus.name}: ${stored.length} results for ${corpus.articles.length} articles`);
  return bcubed(corpus.articles.map((a, i) => ({ id: a.id, label: a.label, cluster: stored[i].storyId ?? `none-${i}` }))).f1;
}

async function benchCorpus(cli: string, work: string, corpus: Corpus, times: number): Promise<void> {
  const ingest: Run[] = [];
  const tag: Run[] = [];
  const extract: Run[] = [];
  for (let round = 0; round < times; round++) {
    const dataDir = path.join(work, `${corpus.name}-data-${round}`);
    ingest.push(await run(cli, ['--data-dir', dataDir, 'ingest', corpus.ingestFile, '--track-all']));
    rmSync(dataDir, { recursive: true, force: true });
    // A data dir that does not exist: tag resolves through the built-in gazetteer and writes nothing.
    tag.push(await run(cli, ['--data-dir', path.join(work, 'none'), 'tag', '--jsonl', corpus.tagFile]));
    extract.push(await run(cli, ['extract', corpus.ingestFile]));
  }
  const n = corpus.articles.length;
  const ingestMs = median(ingest.map((r) => r.ms));
  const tagMs = median(tag.map((r) => r.ms));
  const extractMs = median(extract.map((r) => r.ms));
  const ratio = median(ingest.map((r, i) => r.ms / tag[i].ms));
  console.log(`\n${corpus.name}: ${n} articles, ${times} round(s), whole processes, medians`);
  console.log(`  ingest (embedded store, --track-all)  ${(ingestMs / 1000).toFixed(2)} s  ${(n / (ingestMs / 1000)).toFixed(0)} articles/s`);
  console.log(`  tag --jsonl                           ${(tagMs / 1000).toFixed(2)} s  ${(n / (tagMs / 1000)).toFixed(0)} articles/s`);
  console.log(`  extract                               ${(extractMs / 1000).toFixed(2)} s`);
  console.log(`  ingest / tag ${ratio.toFixed(2)}x   ingest / extract ${median(ingest.map((r, i) => r.ms / extract[i].ms)).toFixed(2)}x   (per round: ${ingest.map((r, i) => (r.ms / tag[i].ms).toFixed(2)).join(', ')})`);
  console.log(`  first result line after ${median(ingest.map((r) => r.firstLineMs ?? NaN)).toFixed(0)} ms (of ${ingestMs.toFixed(0)} ms)`);
}

async function quality(cli: string, work: string, corpus: Corpus): Promise<void> {
  const at = async (concurrency: number) => {
    const dataDir = path.join(work, `${corpus.name}-quality-${concurrency}`);
    const result = await run(cli, ['--data-dir', dataDir, 'ingest', corpus.ingestFile, '--track-all', '--json', '--concurrency', String(concurrency)]);
    rmSync(dataDir, { recursive: true, force: true });
    return { f1: storyF1(corpus, result.stdout), ms: result.ms };
  };
  const serial = await at(LOCAL_DOCUMENT_CONCURRENCY);
  const racing = await at(RACING_CONCURRENCY);
  console.log(`  stories (--json): B-cubed F1 ${serial.f1.toFixed(4)} at the default --concurrency ${LOCAL_DOCUMENT_CONCURRENCY} (${(serial.ms / 1000).toFixed(2)} s), ${racing.f1.toFixed(4)} at ${RACING_CONCURRENCY} (${(racing.ms / 1000).toFixed(2)} s)`);
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'newswatch-bench-ingest-'));
  try {
    // The CLI as `npm install` bundles it (scripts/build-cli.mjs), built fresh for this run.
    const cli = path.join(work, 'newswatch-cli.js');
    await build({ entryPoints: [path.join(ROOT, 'bin', 'newswatch-cli.ts')], bundle: true, platform: 'node', target: 'node20', packages: 'external', outfile: cli, logLevel: 'warning' });

    const full = readDataset(path.join(dataRoot, 'news-cluster-dev')).articles;
    const uci = readDataset(path.join(dataRoot, 'uci-headlines', 'news-aggregator-head.csv')).articles;
    const fullText = writeCorpus(work, 'news-cluster-dev', full, toJsonLine, (a) => a.text);
    // Headline items as aggregators export them: a title, a link, a source, a date; no text.
    const headlines = writeCorpus(work, 'uci-headlines', uci,
      (a) => JSON.stringify({ title: a.text, url: a.url, source: a.source, publishedAt: a.publishedAt }), (a) => a.text);

    console.log(`bench:ingest on ${process.platform}/${process.arch}, node ${process.version}, ${require('node:os').cpus().length} cores; load average ${require('node:os').loadavg().map((l: number) => l.toFixed(1)).join(' ')}`);
    await benchCorpus(cli, work, fullText, rounds);
    await quality(cli, work, fullText);
    await benchCorpus(cli, work, headlines, headlineRounds);
    console.log(`\nload average at the end ${require('node:os').loadavg().map((l: number) => l.toFixed(1)).join(' ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
