/** `newswatch watch add|update|test` with --query and --on, run as a user runs them (bin/newswatch.js). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runNewswatch } from '../support/run-cli';

const SEEDS = path.join(__dirname, '..', '..', 'examples', 'riyadh-talks', 'incoming');

describe('newswatch watch --query / --on / test', () => {
  let dir: string;
  let dataDir: string;
  const newswatch = (...args: string[]) => runNewswatch([...args, '--data-dir', dataDir]);
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newswatch-watch-cli-'));
    dataDir = path.join(dir, 'data');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stores a query with its actor resolved, and lists it', async () => {
    const added = await newswatch('watch', 'add', 'x', '--query', 'actor:"Marco Rubio" AND NOT source:tass.com', '--json');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: 'x', query: 'actor:"Marco Rubio" AND NOT source:tass.com' });
    const listed = await newswatch('watch', 'list');
    expect(listed.stdout).toContain('tracks stories that match actor:"Marco Rubio" AND NOT source:tass.com');
  });

  it('refuses a malformed query with its column and a caret, stores nothing, exits as other usage errors', async () => {
    const refused = await newswatch('watch', 'add', 'y', '--query', 'actor:"Marco Rubio" AND (Ukraine OR');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe([
      'newswatch: query error at column 36: expected a term after OR',
      '  actor:"Marco Rubio" AND (Ukraine OR',
      '                                     ^',
      '',
    ].join('\n'));
    expect((await newswatch('watch', 'list', '--json')).stdout).not.toContain('"id":"y"');
  });

  it('refuses an unknown topic in a query with its column and a suggestion', async () => {
    const refused = await newswatch('watch', 'add', 'z', '--query', 'Ukraine topic:elections');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('in the query at column 9: unknown topic "elections": did you mean election (iptc:20000574)?');
  });

  it('--on takes new-source, new-story or both; update changes it and the query, keeping the rest', async () => {
    expect((await newswatch('watch', 'add', 'w', '--keyword', 'Riyadh', '--on', 'sometimes')).stderr).toMatch(/--on <kind>' argument 'sometimes' is invalid/);
    expect((await newswatch('watch', 'add', 'w', '--keyword', 'Riyadh', '--on', 'both')).stdout).toContain('mention "Riyadh"; alerts on new stories and new sources');
    const updated = await newswatch('watch', 'update', 'w', '--query', 'Lavrov -Kellogg', '--on', 'new-story', '--json');
    expect(JSON.parse(updated.stdout)).toMatchObject({ keywords: ['Riyadh'], query: 'Lavrov AND NOT Kellogg', on: 'new-story' });
    const cleared = await newswatch('watch', 'update', 'w', '--query', '', '--json');
    expect(JSON.parse(cleared.stdout).query).toBeUndefined();
  });

  it('watch test lists the stored stories the watch would track, and why', async () => {
    expect((await newswatch('ingest', SEEDS, '--quiet')).code).toBe(0);
    const tested = await newswatch('watch', 'test', 'x');
    expect(tested.code).toBe(0);
    const lines = tested.stdout.trim().split('\n');
    // NOT source: needs an article's source: the first one read decides.
    expect(lines[1]).toBe('    watch "x" matched its query (actor Marco Rubio) in "Following a meeting between U.S. Secretary of State Marco Rubio and top Russian officials" (outlet-a)');
    expect(lines[2]).toBe('1 of the 1 most recently updated stories (5 articles read)');
    const json = await newswatch('watch', 'test', 'x', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ sources: expect.arrayContaining(['caliber-az']), reason: expect.stringMatching(/^watch "x" matched its query \(actor Marco Rubio\) in /) });
    expect((await newswatch('watch', 'test', 'nope')).stderr).toMatch(/^newswatch: no watch named "nope"/);
  });
});
