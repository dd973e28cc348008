import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { IngestResult } from '../../lambdas/core/model';
import { ingestFiles } from '../../lambdas/local/ingest';
import { listStories } from '../../lambdas/app/stories';
import { addWatch } from '../../lambdas/app/watches';
import { startEmbedded, type EmbeddedRuntime } from '../../lambdas/targets/embedded';

const ROOT = path.join(__dirname, '..', '..');
const SEEDS = path.join(ROOT, 'examples', 'riyadh-talks', 'incoming');
const UNRELATED = path.join(ROOT, 'test', 'fixtures', 'unrelated');
const SEED_FILES = [
  ['outlet-a', '000_17b1c73d69787b68.txt'],
  ['outlet-b', '001_2a5c6933c16f0aef.txt'],
  ['news-journos', '002_63f95944f78b5ba7.txt'],
  ['caliber-az', '003_502df0261b767f7e.txt'],
  ['outlet-e', '004_d7bf98442fb826d6.txt'],
].map(([source, file]) => ({ source, file: path.join(SEEDS, source, file) }));

const newSourceAlerts = (results: IngestResult[]) => results.flatMap((r) => r.alerts ?? []).filter((a) => a.kind === 'new-source');

async function withRuntime<T>(dataDir: string, fn: (rt: EmbeddedRuntime) => Promise<T>): Promise<T> {
  const runtime = await startEmbedded({ dataDir });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

describe('the seeds through the whole pipeline on the embedded store', () => {
  let dataDir: string;
  beforeEach(async () => { dataDir = await mkdtemp(path.join(tmpdir(), 'newswatch-e2e-')); });
  afterEach(async () => { await rm(dataDir, { recursive: true, force: true }); });

  async function ingestSeedsOnePerSource(runtime: EmbeddedRuntime, trackAll: boolean): Promise<IngestResult[]> {
    const results: IngestResult[] = [];
    for (const seed of SEED_FILES) results.push(...((await ingestFiles(runtime, [seed.file], { source: seed.source, trackAll })).results));
    return results;
  }

  it('gives one story, five sources and exactly four new-source alerts with --track-all, and no Scan', async () => {
    await withRuntime(dataDir, async (runtime) => {
      const results = await ingestSeedsOnePerSource(runtime, true);
      expect(results.map((r) => r.status)).toEqual(['ingested', 'ingested', 'ingested', 'ingested', 'ingested']);
      expect(new Set(results.map((r) => r.storyId)).size).toBe(1);
      const alerts = newSourceAlerts(results);
      expect(alerts).toHaveLength(4);
      expect(alerts.map((a) => a.source)).toEqual(['outlet-b', 'news-journos', 'caliber-az', 'outlet-e']);
      const stories = await listStories(runtime);
      expect(stories).toHaveLength(1);
      expect(stories[0].sources).toHaveLength(5);
      expect(stories[0].articleCount).toBe(5);
      expect(runtime.commandCounts.ScanCommand ?? 0).toBe(0);
      expect(Object.keys(runtime.commandCounts).length).toBeGreaterThan(3);
    });
  });

  it('labels 000 dropped under a sixth source a copy of 001, joins the story and alerts once saying so', async () => {
    await withRuntime(dataDir, async (runtime) => {
      const seeds = await ingestSeedsOnePerSource(runtime, true);
      const [sixth] = (await ingestFiles(runtime, [SEED_FILES[0].file], { source: 'sixth-outlet', trackAll: true })).results;
      expect(sixth).toMatchObject({ status: 'ingested', storyId: seeds[0].storyId, copyOf: seeds[1].articleId });
      const alerts = newSourceAlerts([sixth]);
      expect(alerts).toHaveLength(1);
      expect(alerts[0].reason).toContain(`copy of article ${seeds[1].articleId}`);
    });
  });

  it('treats every re-ingest under the same source as a duplicate with no alert, in the same and in a new runtime', async () => {
    await withRuntime(dataDir, async (runtime) => {
      await ingestSeedsOnePerSource(runtime, true);
      const again = (await ingestFiles(runtime, [SEED_FILES[2].file], { source: SEED_FILES[2].source, trackAll: true })).results;
      expect(again.map((r) => r.status)).toEqual(['duplicate']);
      expect(newSourceAlerts(again)).toHaveLength(0);
    });
    await withRuntime(dataDir, async (runtime) => {
      const all = await ingestSeedsOnePerSource(runtime, true);
      expect(all.map((r) => r.status)).toEqual(Array(5).fill('duplicate'));
      expect(newSourceAlerts(all)).toHaveLength(0);
      expect(await listStories(runtime)).toHaveLength(1);
    });
  });

  it('lists stories filtered by actor, source, watch and tracking', async () => {
    await withRuntime(dataDir, async (runtime) => {
      await addWatch(runtime.store, { name: 'rubio', actors: ['Marco Rubio'] });
      const seeds = await ingestSeedsOnePerSource(runtime, false);
      const others = (await ingestFiles(runtime, [UNRELATED], { source: 'other-desk' })).results;
      const ids = (stories: { id: string }[]) => stories.map((s) => s.id).sort();
      expect(await listStories(runtime)).toHaveLength(1 + others.length);
      expect(ids(await listStories(runtime, 100, { actors: ['Marco Rubio'] }))).toEqual([seeds[0].storyId]);
      expect(ids(await listStories(runtime, 100, { actors: ['marco rubio', 'Sergey Lavrov'] }))).toEqual([seeds[0].storyId]);
      expect(ids(await listStories(runtime, 100, { actors: ['p:marco-rubio'] }))).toEqual([seeds[0].storyId]);
      expect(ids(await listStories(runtime, 100, { source: 'Caliber AZ' }))).toEqual([seeds[0].storyId]);
      expect(ids(await listStories(runtime, 100, { source: 'other-desk' }))).toEqual(ids(others.map((o) => ({ id: o.storyId! }))));
      expect(ids(await listStories(runtime, 100, { watches: ['Rubio'] }))).toEqual([seeds[0].storyId]);
      expect(ids(await listStories(runtime, 100, { tracked: true }))).toEqual([seeds[0].storyId]);
      expect(await listStories(runtime, 100, { actors: ['Marco Rubio'], source: 'other-desk' })).toEqual([]);
    });
  });

  it('keeps unrelated articles out of the story', async () => {
    await withRuntime(dataDir, async (runtime) => {
      const seeds = await ingestSeedsOnePerSource(runtime, true);
      const others = (await ingestFiles(runtime, [UNRELATED], { source: 'other-desk', trackAll: true })).results;
      expect(others.map((r) => r.status)).toEqual(['ingested', 'ingested']);
      for (const other of others) expect(other.storyId).not.toBe(seeds[0].storyId);
      expect(newSourceAlerts(others)).toHaveLength(0);
      expect(await listStories(runtime)).toHaveLength(3);
    });
  });

  it('alerts the same way through a watch on the actor Marco Rubio instead of --track-all', async () => {
    await withRuntime(dataDir, async (runtime) => {
      await addWatch(runtime.store, { name: 'rubio', actors: ['Marco Rubio'] });
      const results = await ingestSeedsOnePerSource(runtime, false);
      const alerts = newSourceAlerts(results);
      expect(alerts).toHaveLength(4);
      for (const a of alerts) expect(a.reason).toMatch(/rubio/i);
      const unrelated = (await ingestFiles(runtime, [UNRELATED], { source: 'other-desk' })).results;
      expect(newSourceAlerts(unrelated)).toHaveLength(0);
    });
  });

  it('alerts nobody when nothing is tracked', async () => {
    await withRuntime(dataDir, async (runtime) => {
      const results = await ingestSeedsOnePerSource(runtime, false);
      expect(new Set(results.map((r) => r.storyId)).size).toBe(1);
      expect(newSourceAlerts(results)).toHaveLength(0);
    });
  });

  it('rejects an empty file, a binary file and malformed JSON with readable errors and ingests the rest', async () => {
    const drop = path.join(dataDir, 'drop', 'incoming', 'mixed');
    await require('node:fs/promises').mkdir(drop, { recursive: true });
    await writeFile(path.join(drop, 'a-empty.txt'), '');
    await writeFile(path.join(drop, 'b-binary.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3, 0, 0, 255, 254]));
    await writeFile(path.join(drop, 'c-broken.json'), '{"title": "Half an article", "text": ');
    await writeFile(path.join(drop, 'd-good.txt'), await require('node:fs/promises').readFile(SEED_FILES[3].file));
    await withRuntime(dataDir, async (runtime) => {
      const results = (await ingestFiles(runtime, [drop], { trackAll: true })).results;
      const byFile = Object.fromEntries(results.map((r) => [path.basename(r.file), r]));
      for (const bad of ['a-empty.txt', 'b-binary.bin', 'c-broken.json']) {
        expect(byFile[bad].status).toBe('rejected');
        expect(byFile[bad].error).toMatch(/\w{4,}/);
      }
      expect(byFile['c-broken.json'].error).toMatch(/json/i);
      expect(byFile['d-good.txt'].status).toBe('ingested');
      expect(byFile['d-good.txt'].source).toBe('mixed');
    });
  });
});

describe('the newswatch command', () => {
  const cli = path.join(ROOT, 'bin', 'newswatch.js');
  const run = promisify(execFile);

  it('runs the prebuilt bundle while its sources are unchanged, and the sources as soon as one changes', async () => {
    await run('node', [path.join(ROOT, 'scripts', 'build-cli.mjs')]);
    const env = { ...process.env, NEWSWATCH_DEBUG: '1' };
    const bundled = await run('node', [cli, '--help'], { env });
    expect(bundled.stderr).toContain('running the bundle dist/newswatch-cli.js');
    const source = path.join(ROOT, 'lambdas', 'core', 'errors.ts');
    const { atime, mtime } = await stat(source);
    try {
      await utimes(source, atime, new Date(Date.now() + 60_000)); // as if edited after the build
      const fromSource = await run('node', [cli, '--help'], { env });
      expect(fromSource.stderr).toContain('running the sources through tsx');
      expect(fromSource.stdout).toBe(bundled.stdout);
      expect(bundled.stdout).toContain('ingest [options] <input...>');
    } finally {
      await utimes(source, atime, mtime);
    }
  });

  it('with --wait-held waits out storm control and says in its closing line how many alerts it held and sent for them; without, reports them held', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'newswatch-cli-'));
    try {
      const waited = await run('node', [cli, 'ingest', SEEDS, '--track-all', '--cooldown', '1', '--wait-held', '--data-dir', dataDir]);
      expect(waited.stdout.trim().split('\n').at(-1)).toBe("5 documents: 5 ingested, 0 duplicate, 0 rejected; 0 alerts, 4 held for the story's cooldown and sent as 1 alert");
      const other = path.join(dataDir, 'other');
      const started = Date.now();
      const held = await run('node', [cli, 'ingest', SEEDS, '--track-all', '--cooldown', '3600', '--data-dir', other]);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(held.stdout.trim().split('\n').at(-1)).toMatch(/^⏸ alerts of 1 story held by storm control until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
      const pending = await run('node', [cli, 'alerts', '--pending', '--json', '--data-dir', other]);
      expect(pending.stdout.trim().split('\n').map((l) => JSON.parse(l).delivery)).toEqual(['held', 'held', 'held', 'held']);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('prints one JSON object per article and finds duplicates from a new process on the same --data-dir', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'newswatch-cli-'));
    try {
      const first = await run('node', [cli, 'ingest', SEED_FILES[1].file, '--source', 'outlet-b', '--track-all', '--json', '--data-dir', dataDir]);
      const [line] = first.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(line).toMatchObject({ status: 'ingested', source: 'outlet-b', title: 'Rubio makes progress with Russia after Trump promised to bring end to war in Ukraine' });
      expect(line.actors).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Marco Rubio', type: 'person' })]));
      const second = await run('node', [cli, 'ingest', SEED_FILES[1].file, '--source', 'outlet-b', '--track-all', '--json', '--data-dir', dataDir]);
      expect(JSON.parse(second.stdout.trim())).toMatchObject({ status: 'duplicate', articleId: line.articleId, alerts: [] });
      const stories = await run('node', [cli, 'stories', '--json', '--data-dir', dataDir]);
      expect(JSON.parse(stories.stdout.trim())).toMatchObject({ storyId: line.storyId, articleCount: 1, sources: ['outlet-b'], tracked: true });
      const article = await run('node', [cli, 'article', line.articleId, '--json', '--data-dir', dataDir]);
      const stored = JSON.parse(article.stdout);
      expect(stored).toMatchObject({ title: line.title, storyId: line.storyId, source: expect.objectContaining({ name: 'outlet-b' }) });
      expect(stored.text).toContain('Sergey Lavrov');
      expect(stored.text).not.toMatch(/Exit mobile version|Connect with us/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
