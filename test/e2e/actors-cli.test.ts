/**
 * The user's corrections to the actor registry, end to end on the embedded store: an alias and
 * a merge change how later articles are tagged, and stories follow the merged id; and
 * `newswatch tag --jsonl` through the real CLI (exact offsets on the seeds, bad lines reported).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IngestResult } from '../../lambdas/core/model';
import { addActorAlias, listActors, mergeActors, splitActor } from '../../lambdas/app/actors';
import { ingestFiles } from '../../lambdas/local/ingest';
import { listStories, showArticle, showStory } from '../../lambdas/app/stories';
import { startEmbedded, type EmbeddedRuntime } from '../../lambdas/targets/embedded';
import { tagLine } from '../../lambdas/app/tag-jsonl';

const ROOT = path.join(__dirname, '..', '..');
const SEEDS = path.join(ROOT, 'examples', 'riyadh-talks', 'incoming');
const CLI = path.join(ROOT, 'bin', 'newswatch.js');

const ids = (result: IngestResult) => (result.actors ?? []).map((a) => a.id);

describe('actors alias, merge and split on the embedded store', () => {
  let dataDir: string;
  let runtime: EmbeddedRuntime;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'newswatch-actors-'));
    runtime = await startEmbedded({ dataDir });
    for (const source of (await readdir(SEEDS)).sort()) {
      await ingestFiles(runtime, [path.join(SEEDS, source)], { source, trackAll: true });
    }
  });

  afterEach(async () => {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function ingestText(source: string, text: string): Promise<IngestResult> {
    const file = path.join(dataDir, 'incoming', source, 'article.txt');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    const [result] = (await ingestFiles(runtime, [file], { source })).results;
    expect(result.status).toBe('ingested');
    return result;
  }

  const KOWALCZYK = 'Finance Minister Anna Kowalczyk said in Gdansk that the budget would pass. Kowalczyk met port officials.';
  const NOWAK = [
    'Darek Nowak, head of the Baltic Shipping Corporation, said in Gdansk that the port would reopen on Monday after the strike.',
    'The dockworkers union had accepted the offer. The Baltic Shipping Corporation will pay the back wages, Darek Nowak added.',
  ].join('\n\n');

  it('alias: a later article naming the new form is tagged with the aliased actor', async () => {
    expect(ids(await ingestText('outlet-f', KOWALCZYK))).toContain('p:anna-kowalczyk');
    const later = 'Ania Kowalczyk told reporters in Warsaw that the budget vote was safe.';
    // Without the alias the nickname is an actor of its own.
    const control = await tagLine(JSON.stringify({ id: 1, text: later }), [], runtime.store) as { actors: { id: string }[] };
    expect(control.actors.map((a) => a.id)).toContain('p:ania-kowalczyk');

    const outcome = await addActorAlias(runtime.store, 'p:anna-kowalczyk', 'Ania Kowalczyk');
    expect(outcome.key).toBe('ania kowalczyk');
    expect(outcome.actor.userAliases).toEqual(['ania kowalczyk']);

    const result = await ingestText('outlet-g', later);
    expect(ids(result)).toContain('p:anna-kowalczyk');
    expect(ids(result)).not.toContain('p:ania-kowalczyk');
    expect((await listActors(runtime.store)).map((a) => a.id)).not.toContain('p:ania-kowalczyk');
  });

  it('merge: the story and article views show the surviving id, and later articles are tagged with it', async () => {
    const first = await ingestText('outlet-f', NOWAK);
    expect(ids(first)).toContain('p:darek-nowak');
    expect((await showStory(runtime, first.storyId!)).story.topActors.map((a) => a.id)).toContain('p:darek-nowak');
    const other = await ingestText('outlet-h', 'Dariusz Nowak, who runs the Baltic Shipping Corporation, said in Gdansk that wages would be paid.');
    expect(ids(other)).toContain('p:dariusz-nowak');

    const outcome = await mergeActors(runtime.store, 'p:darek-nowak', 'p:dariusz-nowak');
    expect(outcome.storiesUpdated).toBeGreaterThanOrEqual(1);
    expect(outcome.into.aliases).toEqual(expect.arrayContaining(['darek nowak', 'dariusz nowak']));

    // The stored story is rewritten (found through its actor index key) and every view shows one Nowak.
    const stored = (await runtime.store.getStory(first.storyId!))!;
    expect(stored.topActors.map((a) => a.id)).not.toContain('p:darek-nowak');
    expect(stored.topActors.filter((a) => a.id === 'p:dariusz-nowak')).toHaveLength(1);
    for (const story of await listStories(runtime)) expect(story.topActors.map((a) => a.id)).not.toContain('p:darek-nowak');
    const after = await showStory(runtime, first.storyId!);
    expect(after.story.topActors.find((a) => a.id === 'p:dariusz-nowak')?.name).toBe('Dariusz Nowak');
    expect((await showArticle(runtime, first.articleId!)).actors.map((a) => a.id)).toContain('p:dariusz-nowak');

    const later = await ingestText('outlet-g', 'Darek Nowak told reporters in Gdansk on Tuesday that the first ships had docked.');
    expect(ids(later)).toContain('p:dariusz-nowak');
    expect(ids(later)).not.toContain('p:darek-nowak');
    expect(runtime.commandCounts.ScanCommand ?? 0).toBe(0);

    // Merged ids are listed only on request; unknown or merged ids are clear errors.
    expect((await listActors(runtime.store)).map((a) => a.id)).not.toContain('p:darek-nowak');
    expect((await listActors(runtime.store, { all: true })).find((a) => a.id === 'p:darek-nowak')?.mergedInto).toBe('p:dariusz-nowak');
    await expect(mergeActors(runtime.store, 'p:nobody', 'p:dariusz-nowak')).rejects.toThrow('no actor with id p:nobody');
    await expect(addActorAlias(runtime.store, 'p:darek-nowak', 'D. Nowak')).rejects.toThrow('was merged into p:dariusz-nowak');
  });

  it('split: the moved aliases resolve to the new actor in later articles', async () => {
    await ingestText('outlet-f', KOWALCZYK);
    await addActorAlias(runtime.store, 'p:anna-kowalczyk', 'Ania Kowalczyk');
    const { actor, from } = await splitActor(runtime.store, 'p:anna-kowalczyk', ['Ania Kowalczyk'], 'Ania Kowalczyk');
    expect(actor).toMatchObject({ id: 'p:ania-kowalczyk', aliases: ['ania kowalczyk'], userAliases: ['ania kowalczyk'] });
    expect(from.aliases).not.toContain('ania kowalczyk');
    const later = await ingestText('outlet-g', 'Ania Kowalczyk told reporters in Warsaw that the budget vote was safe.');
    expect(ids(later)).toContain('p:ania-kowalczyk');
    await expect(splitActor(runtime.store, 'p:anna-kowalczyk', ['Nobody Here'])).rejects.toThrow('has no alias "Nobody Here"');
  });
});

function runCli(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('node', [CLI, ...args], { cwd: ROOT, maxBuffer: 20 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
    child.stdin!.end(input);
  });
}

describe('newswatch tag --jsonl', () => {
  let dataDir: string;
  beforeAll(async () => { dataDir = await mkdtemp(path.join(tmpdir(), 'newswatch-tag-')); });
  afterAll(async () => { await rm(dataDir, { recursive: true, force: true }); });

  it('tags every seed with exact offsets and reports bad lines without stopping', async () => {
    const seeds: { id: string; text: string }[] = [];
    for (const source of (await readdir(SEEDS)).sort()) {
      for (const file of await readdir(path.join(SEEDS, source))) seeds.push({ id: file, text: await readFile(path.join(SEEDS, source, file), 'utf8') });
    }
    const input = [
      ...seeds.slice(0, 2).map((s) => JSON.stringify(s)),
      'not json',
      JSON.stringify({ id: 'no-text' }),
      '',
      ...seeds.slice(2).map((s) => JSON.stringify(s)),
    ].join('\n');
    const { code, stdout } = await runCli(['tag', '--jsonl', '--data-dir', path.join(dataDir, 'absent')], input);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(seeds.length + 2);
    expect(lines[2]).toEqual({ error: expect.stringContaining('not JSON') });
    expect(lines[3]).toEqual({ id: 'no-text', error: '"text" must be a string' });

    const tagged = lines.filter((l) => !l.error);
    expect(tagged.map((l) => l.id)).toEqual(seeds.map((s) => s.id));
    for (const line of tagged) {
      const { text } = seeds.find((s) => s.id === line.id)!;
      expect(line.actors.length).toBeGreaterThan(5);
      for (const actor of line.actors) {
        expect(['person', 'organization', 'place']).toContain(actor.type);
        expect(actor.id).toMatch(/^[pol]:/);
        for (const m of actor.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
      }
      expect(line.actors.find((a: { id: string }) => a.id === 'p:marco-rubio')?.mentions.length).toBeGreaterThan(0);
      expect(line.topics.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['iptc:20000639', 'iptc:16000000']));
    }
    // The data dir was absent: it is not created by tagging.
    await expect(readdir(path.join(dataDir, 'absent'))).rejects.toThrow();
  });

  it('uses the --data-dir registry when it exists, so user aliases apply', async () => {
    const store = path.join(dataDir, 'store');
    const runtime = await startEmbedded({ dataDir: store });
    try {
      await ingestFiles(runtime, [path.join(SEEDS, 'outlet-a')], { source: 'outlet-a' });
      await addActorAlias(runtime.store, 'p:volodymyr-zelensky', 'Volodymyr Oleksandrovych Zelensky');
    } finally {
      await runtime.close();
    }
    const text = 'Volodymyr Oleksandrovych Zelensky spoke in Kyiv.';
    const { stdout } = await runCli(['tag', '--jsonl', '--data-dir', store], JSON.stringify({ id: 7, text }));
    const [line] = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(line.actors[0]).toEqual({
      id: 'p:volodymyr-zelensky', name: 'Volodymyr Zelenskyy', type: 'person',
      mentions: [{ start: 0, end: 33, text: 'Volodymyr Oleksandrovych Zelensky' }],
    });
  });

  it('says what is wrong, with a non-zero exit, for an unknown actor id', async () => {
    const { code, stderr } = await runCli(['actors', 'merge', 'p:nobody', 'p:marco-rubio', '--data-dir', path.join(dataDir, 'store')], '');
    expect(code).not.toBe(0);
    expect(stderr).toContain('no actor with id p:nobody');
  });
});
