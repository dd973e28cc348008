/**
 * The command line as people meet it: help per command, version, did-you-mean, flags that do not
 * belong to a command, exit codes, and one process at a time on a --data-dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCK_FILE } from '../../lambdas/targets/data-dir-lock';
import { runNewswatch } from '../support/run-cli';

const ROOT = path.join(__dirname, '..', '..');
const SEED = path.join(ROOT, 'examples', 'riyadh-talks', 'incoming', 'outlet-a', '000_17b1c73d69787b68.txt');

const newswatch = (...args: string[]) => runNewswatch(args);

describe('newswatch command line', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'newswatch-cli-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('prints its version and each command\'s own help with examples', async () => {
    const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await newswatch('--version')).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = await newswatch('watch', 'add', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: newswatch watch add \[options\] <name>/);
    expect(help.stdout).toContain('--actor <name>');
    expect(help.stdout).toContain('$ newswatch watch add rubio --actor "Marco Rubio"');
    expect(help.stdout).not.toContain('--track-all');
    expect((await newswatch('--help')).stdout).toMatch(/Exit codes: 0 ok, 1 error .*, 2 partial/);
  });

  it('suggests the command or flag meant, and refuses flags that do not belong to the command', async () => {
    const typo = await newswatch('ingets', 'x.txt');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain("unknown command 'ingets'");
    expect(typo.stderr).toContain('Did you mean ingest?');
    const foreign = await newswatch('stories', '--once', '--data-dir', dir);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain("unknown option '--once'");
    const flagTypo = await newswatch('stories', '--trackd', '--data-dir', dir);
    expect(flagTypo.stderr).toContain('Did you mean --tracked?');
  });

  it('exits 2 when some input is rejected and 1 on an error, with one line and no stack', async () => {
    const empty = path.join(dir, 'empty.txt');
    await writeFile(empty, '');
    const partial = await newswatch('ingest', SEED, empty, '--data-dir', path.join(dir, 'partial'), '--quiet');
    expect(partial.code).toBe(2);
    expect(partial.stdout).toContain('2 documents: 1 ingested, 0 duplicate, 1 rejected');
    const missing = await newswatch('story', 'nope', '--data-dir', path.join(dir, 'partial'));
    expect(missing).toMatchObject({ code: 1, stderr: 'newswatch: no story with id nope (see `newswatch stories`)\n' });
  }, 30_000);

  describe('a --data-dir in use', () => {
    let holder: ChildProcess;
    beforeAll(() => { holder = spawn('sleep', ['60']); });
    afterAll(() => { holder.kill(); });

    it('is refused in one line naming the holder; a lock left by a dead process is taken over', async () => {
      const dataDir = path.join(dir, 'locked');
      const first = await newswatch('watch', 'list', '--data-dir', dataDir);
      expect(first.code).toBe(0);
      await writeFile(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: holder.pid, command: 'poll', since: '2026-11-27T10:00:00.000Z' }));
      const second = await newswatch('ingest', SEED, '--data-dir', dataDir);
      expect(second.code).toBe(1);
      expect(second.stderr.trim().split('\n')).toEqual([
        `newswatch: ${dataDir} is in use by process ${holder.pid} (newswatch poll, since 2026-11-27T10:00:00.000Z): wait for it to finish, or pass --wait-lock to wait`,
      ]);

      const dead = spawn('true');
      await new Promise((resolve) => dead.once('exit', resolve));
      await writeFile(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: dead.pid, command: 'ingest' }));
      expect((await newswatch('watch', 'list', '--data-dir', dataDir)).code).toBe(0);
      await expect(access(path.join(dataDir, LOCK_FILE))).rejects.toThrow();
    }, 30_000);

    it('--wait-lock waits for the holder to let go', async () => {
      const dataDir = path.join(dir, 'waiting');
      expect((await newswatch('watch', 'list', '--data-dir', dataDir)).code).toBe(0);
      await writeFile(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: holder.pid, command: 'poll' }));
      const waiting = newswatch('watch', 'list', '--data-dir', dataDir, '--wait-lock');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await rm(path.join(dataDir, LOCK_FILE));
      const done = await waiting;
      expect(done.code).toBe(0);
      expect(done.stderr).toContain(`waiting for process ${holder.pid} (newswatch poll)`);
    }, 30_000);
  });
});
