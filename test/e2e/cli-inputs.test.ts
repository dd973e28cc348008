/**
 * `newswatch ingest good.txt missing.txt` as people run it: the good file is ingested, the
 * missing one has its own result line, exit 2; a folder's dotfiles and links get a "skipped" note.
 */
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runNewswatch } from '../support/run-cli';

const ROOT = path.join(__dirname, '..', '..');
const SEED = path.join(ROOT, 'examples', 'riyadh-talks', 'incoming', 'outlet-a', '000_17b1c73d69787b68.txt');

const newswatch = (cwd: string, ...args: string[]) => runNewswatch(args, { cwd });

describe('newswatch ingest with inputs that cannot all be read', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'newswatch-cli-inputs-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('ingests good.txt, prints a line for missing.txt and exits 2', async () => {
    await copyFile(SEED, path.join(dir, 'good.txt'));
    const run = await newswatch(dir, 'ingest', 'good.txt', 'missing.txt', '--source', 'outlet-a', '--data-dir', path.join(dir, 'data'));
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^✓ ingested  good\.txt\n {4}outlet-a · "/m);
    expect(run.stdout).toContain('✗ rejected  missing.txt\n    no such file or folder: missing.txt\n');
    expect(run.stdout).toContain('2 documents: 1 ingested, 0 duplicate, 1 rejected');
    expect(run.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
  }, 60_000);

  it('notes the dotfiles and symbolic links of a folder as skipped, and exits 0', async () => {
    const drop = path.join(dir, 'drop');
    await mkdir(drop);
    await copyFile(SEED, path.join(drop, 'a.txt'));
    await writeFile(path.join(drop, '.DS_Store'), 'junk');
    await symlink(SEED, path.join(drop, 'link.txt'));
    const run = await newswatch(dir, 'ingest', 'drop', '--source', 'outlet-a', '--data-dir', path.join(dir, 'data2'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ ingested  drop/a.txt');
    expect(run.stdout).toContain('- skipped   drop/.DS_Store\n    a hidden file (its name starts with a dot): not an article\n');
    expect(run.stdout).toContain('- skipped   drop/link.txt\n    a symbolic link: not followed inside a folder (give the link itself to ingest what it points to)\n');
    expect(run.stdout).toContain('1 document: 1 ingested, 0 duplicate, 0 rejected');
  }, 60_000);
});
