/**
 * Local inputs, one result each: a missing path, an unreadable file, a dotfile or a symbolic
 * link in a folder has its own line and the run goes on; paths are resolved before the source is
 * read from them; a file over the size limit is refused from its stat, before it is read.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listInputs, readLocalObject } from '../../lambdas/adapters/local/file-objects';
import { RejectedInputError } from '../../lambdas/core/errors';
import { defaultNormalizeConfig } from '../../lambdas/core/normalize';
import { formatSkipped, ingestFiles, type SkippedInput } from '../../lambdas/local/ingest';
import { useFreshRuntime } from '../support/fresh-runtime';

const SEEDS = path.join(__dirname, '..', '..', 'examples', 'riyadh-talks', 'incoming');
const SEED_A = path.join(SEEDS, 'outlet-a', '000_17b1c73d69787b68.txt');
const SEED_B = path.join(SEEDS, 'outlet-b', '001_2a5c6933c16f0aef.txt');

let dir: string;
beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'newswatch-inputs-')); });
afterEach(async () => {
  jest.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});
const realOpen = fsPromises.open;

/** A folder with articles, a dotfile, a hidden folder, symbolic links, a README and a named pipe. */
async function messyFolder(): Promise<string> {
  const drop = path.join(dir, 'drop');
  await mkdir(path.join(drop, 'nested'), { recursive: true });
  await mkdir(path.join(drop, '.git', 'objects'), { recursive: true });
  await writeFile(path.join(drop, 'b.txt'), await readFile(SEED_B));
  await writeFile(path.join(drop, 'nested', 'a.txt'), await readFile(SEED_A));
  await writeFile(path.join(drop, '.DS_Store'), 'junk');
  await writeFile(path.join(drop, '.git', 'objects', 'ab12'), 'object');
  await writeFile(path.join(drop, 'README.md'), '# what this folder is');
  await symlink(SEED_A, path.join(drop, 'link.txt'));
  await symlink('/', path.join(drop, 'root'));
  execFileSync('mkfifo', [path.join(drop, 'pipe')]);
  return drop;
}

describe('listInputs', () => {
  it('gives every input an entry: files resolved, a missing path rejected, folder oddities skipped with the reason', async () => {
    const drop = await messyFolder();
    const entries = await listInputs([drop, path.join(dir, 'missing.txt'), SEED_A]);
    expect(entries).toEqual([
      { kind: 'file', path: path.join(drop, 'nested', 'a.txt') },
      { kind: 'file', path: path.join(drop, 'b.txt') },
      { kind: 'skipped', path: path.join(drop, '.DS_Store'), reason: 'a hidden file (its name starts with a dot): not an article' },
      { kind: 'skipped', path: path.join(drop, '.git'), reason: 'a hidden folder (its name starts with a dot): not read' },
      { kind: 'skipped', path: path.join(drop, 'link.txt'), reason: expect.stringMatching(/^a symbolic link: not followed inside a folder/) },
      { kind: 'skipped', path: path.join(drop, 'pipe'), reason: 'not a regular file (a pipe, socket or device)' },
      { kind: 'skipped', path: path.join(drop, 'root'), reason: expect.stringMatching(/^a symbolic link/) },
      { kind: 'rejected', path: path.join(dir, 'missing.txt'), error: `no such file or folder: ${path.join(dir, 'missing.txt')}` },
      { kind: 'file', path: SEED_A },
    ]);
  });

  it('resolves a path before anything reads it: a/../b is b; a link named on the command line is followed', async () => {
    const relative = `${path.relative(process.cwd(), SEEDS)}/outlet-a/../outlet-b/001_2a5c6933c16f0aef.txt`;
    expect(await listInputs([relative])).toEqual([{ kind: 'file', path: SEED_B }]);
    await symlink(SEED_A, path.join(dir, 'named-link.txt'));
    expect(await listInputs([path.join(dir, 'named-link.txt')])).toEqual([{ kind: 'file', path: path.join(dir, 'named-link.txt') }]);
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    expect(await listInputs([path.join(dir, 'fifo')])).toEqual([
      { kind: 'rejected', path: path.join(dir, 'fifo'), error: `not a file or folder (a named pipe): ${path.join(dir, 'fifo')}` },
    ]);
  });
});

describe('readLocalObject', () => {
  it('refuses a file over the size limit from its stat, without reading it: a 500 MB file costs no memory', async () => {
    const huge = path.join(dir, 'huge.txt');
    await writeFile(huge, '');
    await truncate(huge, 500 * 1024 * 1024); // sparse: no disk, no bytes to read
    const before = process.memoryUsage();
    const started = Date.now();
    const error = await readLocalObject(huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RejectedInputError);
    expect((error as Error).message).toBe(`too large: the file has ${500 * 1024 * 1024} bytes, the limit is ${defaultNormalizeConfig.maxObjectBytes}`);
    expect(Date.now() - started).toBeLessThan(1000);
    const after = process.memoryUsage();
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(16 * 1024 * 1024);
    expect(after.rss - before.rss).toBeLessThan(64 * 1024 * 1024);
  });

  it('reads at most one byte past the limit, whatever the stat said', async () => {
    const file = path.join(dir, 'twenty.txt');
    await writeFile(file, 'x'.repeat(20));
    await expect(readLocalObject(file, 19)).rejects.toThrow('too large: the file has 20 bytes, the limit is 19');
    expect(Buffer.from((await readLocalObject(file, 20)).body).toString()).toBe('x'.repeat(20));
    // A file that grows after its stat: the read stops at limit + 1 and refuses it.
    const spy = jest.spyOn(fsPromises, 'open').mockImplementation(async (...args: Parameters<typeof realOpen>) => {
      const opened = await realOpen(...args);
      const realStat = opened.stat.bind(opened);
      opened.stat = (async () => ({ ...(await realStat()), isFile: () => true, size: 5 })) as typeof opened.stat;
      return opened;
    });
    try {
      await expect(readLocalObject(file, 10)).rejects.toThrow('too large: the file has 11 bytes, the limit is 10 (it grew while being read)');
    } finally {
      spy.mockRestore();
    }
  });

  it('turns a path that cannot be read into a RejectedInputError naming it', async () => {
    await expect(readLocalObject(path.join(dir, 'gone.txt'))).rejects.toThrow(new RejectedInputError(`no such file or folder: ${path.join(dir, 'gone.txt')}`));
    await expect(readLocalObject(dir)).rejects.toThrow(`not a regular file (a folder): ${dir}`);
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    await expect(readLocalObject(path.join(dir, 'fifo'))).rejects.toThrow(`not a regular file (a named pipe): ${path.join(dir, 'fifo')}`); // and does not hang
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const spy = jest.spyOn(fsPromises, 'open').mockRejectedValueOnce(denied);
    try {
      await expect(readLocalObject(path.join(dir, 'secret.txt'))).rejects.toThrow(`permission denied: cannot read ${path.join(dir, 'secret.txt')}`);
    } finally {
      spy.mockRestore();
    }
    // Not about the input (out of file descriptors): raised as it is, the run stops.
    const emfile = Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' });
    jest.spyOn(fsPromises, 'open').mockRejectedValueOnce(emfile);
    await expect(readLocalObject(SEED_A)).rejects.toBe(emfile);
  });
});

describe('ingestFiles with messy inputs', () => {
  const fresh = useFreshRuntime('newswatch-inputs-store-');

  it('ingests the good files, rejects the missing one, notes what a folder holds that is not read', async () => {
    const drop = await messyFolder();
    const huge = path.join(drop, 'huge.txt');
    await writeFile(huge, '');
    await truncate(huge, 500 * 1024 * 1024);
    const unreadable = path.join(drop, 'unreadable.txt');
    await writeFile(unreadable, 'secret');
    const spy = jest.spyOn(fsPromises, 'open').mockImplementation(async (...args: Parameters<typeof realOpen>) => {
      if (args[0] === unreadable) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return realOpen(...args);
    });
    const skipped: SkippedInput[] = [];
    try {
      const { results } = await ingestFiles(fresh.runtime, [path.join(dir, 'missing.txt'), drop], { onSkipped: (s) => skipped.push(s) });
      expect(results.map((r) => [path.relative(dir, r.file), r.status, r.error])).toEqual([
        ['missing.txt', 'rejected', `no such file or folder: ${path.join(dir, 'missing.txt')}`],
        ['drop/nested/a.txt', 'ingested', undefined],
        ['drop/b.txt', 'ingested', undefined],
        ['drop/huge.txt', 'rejected', `too large: the file has ${500 * 1024 * 1024} bytes, the limit is ${defaultNormalizeConfig.maxObjectBytes}`],
        ['drop/unreadable.txt', 'rejected', `permission denied: cannot read ${unreadable}`],
      ]);
    } finally {
      spy.mockRestore();
    }
    expect(skipped.map((s) => path.relative(dir, s.file))).toEqual(['drop/.DS_Store', 'drop/.git', 'drop/link.txt', 'drop/pipe', 'drop/root']);
    expect(formatSkipped({ file: path.join(process.cwd(), 'drop', '.DS_Store'), reason: 'a hidden file' })).toBe(`- skipped   ${path.join('drop', '.DS_Store')}\n    a hidden file`);
  });

  it('takes the source from the resolved path: incoming/a/../b/x.txt is source b, once', async () => {
    const incoming = path.join(dir, 'incoming');
    await mkdir(path.join(incoming, 'a'), { recursive: true });
    await mkdir(path.join(incoming, 'b'), { recursive: true });
    await writeFile(path.join(incoming, 'b', 'x.txt'), await readFile(SEED_A));
    const dotted = path.relative(process.cwd(), path.join(incoming, 'a')) + '/../b/x.txt';
    const { results } = await ingestFiles(fresh.runtime, [dotted, path.join(incoming, 'b', 'x.txt')], { trackAll: true });
    expect(results.map((r) => [r.file, r.status, r.source])).toEqual([
      [path.join(incoming, 'b', 'x.txt'), 'ingested', 'b'],
      [path.join(incoming, 'b', 'x.txt'), 'duplicate', 'b'],
    ]);
    const article = (await fresh.runtime.store.getArticle(results[0].articleId!))!;
    expect(article.source).toMatchObject({ id: 'b', origin: 'key-prefix' });
  });
});
