/**
 * Live output of `newswatch ingest` (issue 16): each document's line is printed as soon as it is
 * stored, not when the file ends; a progress bar only when stderr is a terminal; --quiet keeps
 * the summary only. Headlines from the UCI file (../shared/data), title-only JSON Lines items.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { IngestResult } from '../../lambdas/core/model';
import { CLI, ROOT, runNewswatch } from '../support/run-cli';

const UCI = path.join(ROOT, '..', 'shared', 'data', 'uci-headlines', 'news-aggregator-head.csv');
const LINES = 150;

/** The first rows of the UCI head as headline items: title, link, publisher, date; no text. */
function headlineItems(count: number): string {
  const rows = parse(readFileSync(UCI, 'utf8'), { columns: true }) as Record<string, string>[];
  return `${rows.slice(0, count).map((row) => JSON.stringify({
    title: row.TITLE, url: row.URL, source: row.PUBLISHER, publishedAt: new Date(Number(row.TIMESTAMP)).toISOString(),
  })).join('\n')}\n`;
}

describe('newswatch ingest: live output', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newswatch-live-'));
    file = path.join(dir, 'headlines.jsonl');
    await writeFile(file, headlineItems(LINES));
  });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('prints the first result while the file is still being ingested, then one line per document in input order', async () => {
    const child = spawn('node', [CLI, '--data-dir', path.join(dir, 'live'), 'ingest', file, '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // When the first line arrives: how many lines had arrived, and whether the process had ended.
    let atFirstLine: { lines: number; exited: boolean } | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (!atFirstLine && stdout.includes('\n')) atFirstLine = { lines: stdout.split('\n').length - 1, exited: child.exitCode !== null };
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect(code).toBe(0);
    expect(atFirstLine).toBeDefined();
    expect(atFirstLine!.exited).toBe(false);
    // Printed at the end, all lines would arrive at once; live, the first comes far ahead of the rest.
    expect(atFirstLine!.lines).toBeLessThan(LINES / 2);
    const results = stdout.trim().split('\n').map((line) => JSON.parse(line) as IngestResult);
    expect(results).toHaveLength(LINES);
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: LINES }, (_, i) => i));
    expect(results.every((r) => r.status === 'ingested' || r.status === 'duplicate')).toBe(true);
    // stderr is a pipe here, not a terminal: no progress bar.
    expect(stderr).not.toMatch(/documents \|/);
  }, 180_000);

  it('--quiet prints only the summary line; stderr, not a terminal, stays free of progress', async () => {
    const run = await runNewswatch(['--data-dir', path.join(dir, 'quiet'), 'ingest', file, '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${LINES} documents: \\d+ ingested, \\d+ duplicate, 0 rejected; \\d+ alerts?$`))]);
    expect(run.stderr).not.toMatch(/documents \||ETA/);
  }, 180_000);
});
