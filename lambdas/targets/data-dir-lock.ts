import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../core/errors';

/** Another live process holds the data dir. */
export class DataDirInUseError extends ConfigurationError {
  constructor(readonly dataDir: string, readonly holder: LockHolder, options?: { cause?: unknown }) {
    const what = holder.command ? ` (newswatch ${holder.command}, since ${holder.since})` : '';
    super(`${dataDir} is in use by process ${holder.pid}${what}: wait for it to finish, or pass --wait-lock to wait`, options);
  }
}

export interface LockHolder {
  pid: number;
  command?: string;
  since?: string;
}

export interface DataDirLock {
  release(): Promise<void>;
}

export const LOCK_FILE = 'newswatch.lock';
/** How often a waiting process looks at the lock again. */
const LOCK_POLL_MS = 200;

/**
 * One process at a time on a data dir: the embedded engine's LevelDB files admit one writer,
 * and a second one would die on a raw "LOCK: Resource temporarily unavailable". The lock file
 * names its holder; a lock left by a process that no longer runs is taken over.
 */
export async function lockDataDir(dataDir: string, options: { wait?: boolean; command?: string } = {}): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, command: options.command, since: new Date().toISOString() };
  for (let told = false; ;) {
    const holder = await tryCreate(file, me);
    if (!holder) return { release: () => releaseLock(file) };
    if (!isAlive(holder.pid)) {
      await unlink(file).catch(() => undefined);
      continue;
    }
    if (!options.wait) throw new DataDirInUseError(dataDir, holder);
    if (!told) {
      console.error(`newswatch: waiting for process ${holder.pid}${holder.command ? ` (newswatch ${holder.command})` : ''} to release ${dataDir}…`);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

/**
 * Creates the lock file whole (written aside, then hard-linked into place, which fails if it
 * exists), so a reader never sees a half-written one; returns the current holder when it exists.
 */
async function tryCreate(file: string, me: LockHolder): Promise<LockHolder | undefined> {
  const aside = `${file}.${process.pid}`;
  await writeFile(aside, JSON.stringify(me));
  try {
    await link(aside, file);
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(aside).catch(() => undefined);
  }
  try {
    const holder = JSON.parse(await readFile(file, 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) ? holder : { pid: 0 };
  } catch {
    return { pid: 0 }; // removed meanwhile, or not ours to read: try again
  }
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function releaseLock(file: string): Promise<void> {
  try {
    const holder = JSON.parse(await readFile(file, 'utf8')) as LockHolder;
    if (holder.pid === process.pid) await unlink(file);
  } catch {
    // Already gone.
  }
}
