/**
 * `newswatch ingest` of headline items (issue 16): a small CSV and title-only JSON Lines give
 * one result per row or line, the headlines marked headlineOnly; rows of the real UCI file
 * (../shared/data/uci-headlines), converted here to JSON Lines and to CSV, ingest the same way
 * and their stories group the UCI story labels.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { IngestResult } from '../../lambdas/core/model';
import { runNewswatch } from '../support/run-cli';

const UCI = path.join(__dirname, '..', '..', '..', 'shared', 'data', 'uci-headlines', 'news-aggregator-head.csv');

/** RFC 4180 quoting: every field quoted, quotes doubled. */
function toCsv(rows: Record<string, string>[]): string {
  const columns = Object.keys(rows[0]);
  const line = (values: string[]) => values.map((v) => `"${v.replace(/"/g, '""')}"`).join(',');
  return [line(columns), ...rows.map((row) => line(columns.map((c) => row[c])))].join('\r\n');
}

function resultsOf(stdout: string): IngestResult[] {
  return stdout.trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as IngestResult);
}

describe('newswatch ingest: headline items', () => {
  let dir: string;
  const newswatch = (...args: string[]) => runNewswatch(args, { cwd: dir });
  beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'newswatch-headlines-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('a CSV and title-only JSON Lines: one result per row and line, headlines flagged, a row without title or text rejected by row', async () => {
    await writeFile(path.join(dir, 'aggregator.csv'), '\uFEFFHeadline;Link;Publisher;Date\r\n' +
      '"Fed official says weak data caused by weather; taper on track";https://www.latimes.com/fed;Los Angeles Times;2014-03-10 16:52:50\r\n' +
      ';https://www.example.org/empty;Example;2014-03-10 17:00:00\r\n' +
      'Plosser sees high bar for change in pace of Fed tapering;https://www.livemint.com/plosser;Livemint;2014-03-10 16:52:51\r\n');
    await writeFile(path.join(dir, 'feed.jsonl'), [
      { title: 'Apple unveils the iPhone 6 and a smartwatch', url: 'https://tech.example/iphone', source: 'Tech Example', publishedAt: '2014-09-09T17:00:00Z' },
      { title: 'Apple shows a larger iPhone 6 and the Apple Watch', url: 'https://wire.example/apple', source: 'Wire Example', publishedAt: '2014-09-09T17:05:00Z' },
    ].map((item) => JSON.stringify(item)).join('\n'));

    const run = await newswatch('ingest', 'aggregator.csv', 'feed.jsonl', '--json', '--track-all', '--data-dir', path.join(dir, 'data'));
    expect(run.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(run.code).toBe(2); // one row is bad input
    const results = resultsOf(run.stdout);
    expect(results.map((r) => [path.basename(r.file), r.index ?? 0, r.status])).toEqual([
      ['aggregator.csv', 0, 'ingested'], ['aggregator.csv', 1, 'rejected'], ['aggregator.csv', 2, 'ingested'],
      ['feed.jsonl', 0, 'ingested'], ['feed.jsonl', 1, 'ingested'],
    ]);
    expect(results[0]).toMatchObject({ headlineOnly: true, source: 'Los Angeles Times', title: 'Fed official says weak data caused by weather; taper on track' });
    expect(results[1].error).toMatch(/^row 2 \(line 3\): no article text and no title/);
    expect(results.filter((r) => r.status === 'ingested').every((r) => r.headlineOnly === true)).toBe(true);
    // Two headlines of one event, two sources: one story.
    expect(results[3].storyId).toBe(results[4].storyId);
  }, 120_000);

  it('rows of the UCI file, as title-only JSON Lines and as CSV: one result per row, exit 0, the stories following the labels', async () => {
    const rows = (parse(readFileSync(UCI), { columns: true, bom: true }) as Record<string, string>[]);
    // Two UCI stories of a few rows each: the first rows (Fed tapering) and the first rows of another story.
    const first = rows.filter((r) => r.STORY === rows[0].STORY).slice(0, 4);
    const other = rows.filter((r) => r.STORY !== rows[0].STORY).filter((r, _, all) => r.STORY === all[0].STORY).slice(0, 4);
    const sample = [...first, ...other];
    await writeFile(path.join(dir, 'uci.jsonl'), sample.map((r) => JSON.stringify({
      title: r.TITLE, url: r.URL, source: r.PUBLISHER, publishedAt: new Date(Number(r.TIMESTAMP)).toISOString(),
    })).join('\n'));
    await writeFile(path.join(dir, 'uci.csv'), toCsv(sample));

    for (const file of ['uci.jsonl', 'uci.csv']) {
      const run = await newswatch('ingest', file, '--json', '--data-dir', path.join(dir, `data-${file}`));
      expect(run.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
      expect({ file, code: run.code }).toEqual({ file, code: 0 });
      const results = resultsOf(run.stdout);
      expect(results).toHaveLength(sample.length);
      expect(results.every((r) => r.status === 'ingested' && r.headlineOnly === true)).toBe(true);
      expect(results.map((r) => r.source)).toEqual(sample.map((r) => r.PUBLISHER));
      // Headlines of different UCI stories never share a story here.
      const storiesOf = (part: IngestResult[]) => new Set(part.map((r) => r.storyId));
      const a = storiesOf(results.slice(0, first.length));
      const b = storiesOf(results.slice(first.length));
      expect([...a].filter((id) => b.has(id))).toEqual([]);
    }
  }, 180_000);
});
