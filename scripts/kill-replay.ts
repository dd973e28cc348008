/**
 * `npm run replay:kill -- <dataset> [--kills N] [--seed S] [--keep]`
 *
 * kill -9 replay (issue 13): the labelled data set (scripts/clustering-data.ts; e.g.
 * ../shared/data/news-cluster-dev) is written as one JSON Lines file, in publication order, each
 * line with its publisher as source. Then:
 *  1. reference: `node bin/newswatch.js ingest <file> --track-all --quiet --data-dir D` once,
 *     uninterrupted, on a fresh data dir;
 *  2. N trials, each on a fresh data dir: the same command is started and SIGKILLed at a moment
 *     drawn (seeded, scripts/seeded-random.ts) uniformly over the reference run's duration, then
 *     the same command is run again to its end. The killed process leaves its data-dir lock
 *     behind; the rerun takes it over (its pid is dead).
 * Each end state is read through the CLI, as a user would: `stories --json --limit 1000` (each
 * story's article ids; `story <id> --json` when a story lists fewer ids than it counts) and the
 * local alert log `<D>/alerts.jsonl`. A trial matches when its stories are the reference's (the
 * same ids, the same partition of the article ids, each article counted once), its rerun exits
 * as the reference did, and alerts.jsonl holds the same set of alert ids.
 *
 * Repeats in alerts.jsonl: the log is appended before the alert is marked sent (record, publish,
 * mark: docs/architecture.md §4), so a kill between the append and the mark leaves it pending.
 * The log can tell an alert it holds (by id), and with `--quiet` it is the run's only sink: the
 * rerun marks that alert without appending it again. So a trial with any repeated line, or a
 * line that is not a whole JSON object, is a mismatch. (A sink that cannot tell, the terminal or
 * Slack, may take the one alert a kill interrupted twice.) Prints one line per trial and a
 * verdict; exits 1 on any mismatch.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readDataset, toJsonLine } from './clustering-data';
import { seededRandom } from './seeded-random';

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'newswatch.js');

interface Options {
  dataset: string;
  kills: number;
  seed: number;
  keep: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { dataset: '', kills: 20, seed: 13, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--kills') options.kills = Number(argv[++i]);
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg === '--keep') options.keep = true;
    else if (!arg.startsWith('--')) options.dataset = arg;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!options.dataset) throw new Error('usage: npm run replay:kill -- <dataset folder> [--kills N] [--seed S] [--keep]');
  if (!Number.isInteger(options.kills) || options.kills < 1) throw new Error('--kills must be a whole number >= 1');
  return options;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; with `killAfterMs`, SIGKILLs it then (if it is still running). */
function cli(args: string[], killAfterMs?: number): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - started, stdout, stderr });
    });
  });
}

function ingestArgs(file: string, dataDir: string): string[] {
  return ['ingest', file, '--track-all', '--quiet', '--data-dir', dataDir];
}

interface EndState {
  /** Story id -> its article ids, sorted. */
  stories: Map<string, string[]>;
  /** Stories whose count differs from the ids they list, or that list an id twice. */
  miscounted: string[];
  /** Alert ids ("<story>/<alert>") in alerts.jsonl, with how many lines name each. */
  alerts: Map<string, number>;
  /** Lines of alerts.jsonl that are not a whole JSON alert. */
  tornLines: number;
}

async function endState(dataDir: string): Promise<EndState> {
  const listed = await cli(['stories', '--json', '--limit', '1000', '--data-dir', dataDir]);
  if (listed.code !== 0) throw new Error(`stories --json exited ${listed.code}: ${listed.stderr.trim()}`);
  const stories = new Map<string, string[]>();
  const miscounted: string[] = [];
  for (const line of listed.stdout.split('\n').filter((l) => l.trim())) {
    const summary = JSON.parse(line) as { storyId: string; articleIds: string[]; articleCount: number };
    let ids = summary.articleIds;
    if (ids.length < summary.articleCount) {
      // A story past its id-list limit: the story command lists its articles.
      const shown = await cli(['story', summary.storyId, '--json', '--data-dir', dataDir]);
      if (shown.code !== 0) throw new Error(`story ${summary.storyId} --json exited ${shown.code}: ${shown.stderr.trim()}`);
      const detail = JSON.parse(shown.stdout) as { articleIds?: string[]; articles?: { id: string }[] };
      ids = detail.articles?.map((a) => a.id) ?? detail.articleIds ?? ids;
    }
    if (ids.length !== summary.articleCount || new Set(ids).size !== ids.length) miscounted.push(`${summary.storyId} (${summary.articleCount} counted, ${ids.length} listed)`);
    stories.set(summary.storyId, [...new Set(ids)].sort());
  }
  const alerts = new Map<string, number>();
  let tornLines = 0;
  const log = await readFile(path.join(dataDir, 'alerts.jsonl'), 'utf8').catch(() => '');
  for (const line of log.split('\n').filter((l) => l.trim())) {
    try {
      const alert = JSON.parse(line) as { id?: string; storyId?: string };
      if (!alert.id || !alert.storyId) throw new Error('not an alert');
      const key = `${alert.storyId}/${alert.id}`;
      alerts.set(key, (alerts.get(key) ?? 0) + 1);
    } catch {
      tornLines++;
    }
  }
  return { stories, miscounted, alerts, tornLines };
}

/** What differs from the reference; empty when the trial matches. */
function differences(reference: EndState, trial: EndState, allowedRepeats: number): string[] {
  const out: string[] = [];
  const partition = (s: EndState) => new Map([...s.stories].map(([id, ids]) => [id, ids.join(',')]));
  const want = partition(reference);
  const got = partition(trial);
  const missing = [...want.keys()].filter((id) => !got.has(id));
  const extra = [...got.keys()].filter((id) => !want.has(id));
  const changed = [...want.keys()].filter((id) => got.has(id) && got.get(id) !== want.get(id));
  if (missing.length) out.push(`${missing.length} stories missing (${missing.slice(0, 3).join(', ')})`);
  if (extra.length) out.push(`${extra.length} extra stories (${extra.slice(0, 3).join(', ')})`);
  if (changed.length) out.push(`${changed.length} stories with other articles (${changed.slice(0, 3).join(', ')})`);
  if (trial.miscounted.length) out.push(`miscounted: ${trial.miscounted.slice(0, 3).join('; ')}`);
  const lost = [...reference.alerts.keys()].filter((id) => !trial.alerts.has(id));
  const unexpected = [...trial.alerts.keys()].filter((id) => !reference.alerts.has(id));
  if (lost.length) out.push(`${lost.length} alerts lost (${lost.slice(0, 3).join(', ')})`);
  if (unexpected.length) out.push(`${unexpected.length} unexpected alerts (${unexpected.slice(0, 3).join(', ')})`);
  const repeats = repeatsIn(trial);
  if (repeats > allowedRepeats) out.push(`${repeats} repeated alert lines (at most ${allowedRepeats} allowed)`);
  if (trial.tornLines) out.push(`${trial.tornLines} torn lines in alerts.jsonl`);
  return out;
}

function repeatsIn(state: EndState): number {
  return [...state.alerts.values()].reduce((n, count) => n + count - 1, 0);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const dataset = readDataset(options.dataset);
  const work = await mkdtemp(path.join(tmpdir(), 'newswatch-kill-replay-'));
  const file = path.join(work, `${dataset.name}.jsonl`);
  await writeFile(file, dataset.articles.map((a) => `${toJsonLine(a)}\n`).join(''));
  const random = seededRandom(options.seed);
  let mismatches = 0;
  try {
    const referenceDir = path.join(work, 'reference');
    const reference = await cli(ingestArgs(file, referenceDir));
    if (reference.signal || (reference.code !== 0 && reference.code !== 2)) {
      throw new Error(`the reference run failed (exit ${reference.code ?? reference.signal}): ${reference.stderr.trim().slice(-2000)}`);
    }
    const expected = await endState(referenceDir);
    const storedArticles = [...expected.stories.values()].reduce((n, ids) => n + ids.length, 0);
    console.log(`reference: ${dataset.articles.length} articles in ${file}, ${(reference.ms / 1000).toFixed(1)} s, exit ${reference.code}: ` +
      `${expected.stories.size} stories of ${storedArticles} articles, ${expected.alerts.size} alerts (${repeatsIn(expected)} repeated lines) — ${reference.stdout.trim().split('\n').pop()}`);
    if (repeatsIn(expected) > 0 || expected.tornLines > 0 || expected.miscounted.length > 0) {
      mismatches++;
      console.log(`  ✗ the reference itself: ${differences(expected, expected, 0).join('; ') || `${repeatsIn(expected)} repeated alert lines`}`);
    }

    let repeatedTotal = 0;
    let killedMidRun = 0;
    let failedTrials = 0;
    for (let trial = 1; trial <= options.kills; trial++) {
      const dataDir = path.join(work, `trial-${trial}`);
      const killAt = Math.round(random() * reference.ms);
      const killed = await cli(ingestArgs(file, dataDir), killAt);
      const wasKilled = killed.signal === 'SIGKILL';
      if (wasKilled) killedMidRun++;
      const lockLeft = await readFile(path.join(dataDir, 'newswatch.lock'), 'utf8').then(() => true, () => false);
      const rerun = await cli(ingestArgs(file, dataDir));
      const state = await endState(dataDir);
      const diff = differences(expected, state, 0);
      if (rerun.code !== reference.code) diff.push(`the rerun exited ${rerun.code ?? rerun.signal} (reference ${reference.code}): ${rerun.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      const repeats = repeatsIn(state);
      repeatedTotal += repeats;
      if (diff.length) {
        mismatches++;
        failedTrials++;
      }
      console.log(`${diff.length ? '✗' : '✓'} kill ${String(trial).padStart(2)}: SIGKILL at ${(killAt / 1000).toFixed(1)} s` +
        `${wasKilled ? '' : ` (it had ended, exit ${killed.code})`}${lockLeft ? ', stale lock taken over' : ''}; rerun ${(rerun.ms / 1000).toFixed(1)} s, exit ${rerun.code}: ` +
        `${state.stories.size} stories, ${state.alerts.size} alerts${repeats ? `, ${repeats} repeated line${repeats > 1 ? 's' : ''}` : ''}` +
        `${diff.length ? `\n    ${diff.join('\n    ')}` : ''}`);
      if (!options.keep) await rm(dataDir, { recursive: true, force: true });
    }
    const verdict = mismatches === 0 ? 'PASS' : 'FAIL';
    console.log(`kill -9 replay ${verdict}: ${options.kills - failedTrials}/${options.kills} kills end as the uninterrupted run ` +
      `(${killedMidRun} killed mid-run, seed ${options.seed}; reference ${expected.stories.size} stories, ${expected.alerts.size} alerts; ` +
      `${repeatedTotal} alert lines repeated in alerts.jsonl)`);
  } finally {
    if (!options.keep) await rm(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
  if (mismatches > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
