import { constants } from 'node:fs';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { RejectedInputError } from '../../core/errors';
import type { RawObject } from '../../core/model';
import { defaultNormalizeConfig } from '../../core/normalize/config';

/**
 * Files dropped locally: read as they are; a rejected file simply stays where it is.
 *
 * The size is checked on the open file's stat before a byte is read (the normalize step's
 * maxObjectBytes), and the read stops one byte past the limit should the file grow meanwhile:
 * a 500 MB file costs no memory. A path that cannot be read (missing, permission denied, not a
 * regular file: a folder, a pipe, a device) is a RejectedInputError naming it, so the caller
 * reports that input and goes on with the others.
 */
export async function readLocalObject(filePath: string, maxBytes = defaultNormalizeConfig.maxObjectBytes): Promise<RawObject> {
  let handle: FileHandle;
  try {
    // Non-blocking, so a named pipe does not hang the run: fstat below refuses it.
    handle = await open(filePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw inputError(error, filePath);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new RejectedInputError(`not a regular file (${kindOf(info)}): ${filePath}`);
    if (info.size > maxBytes) throw tooLarge(info.size, maxBytes);
    const body = await readAtMost(handle, maxBytes + 1, info.size);
    if (body.length > maxBytes) throw tooLarge(body.length, maxBytes, ' (it grew while being read)');
    return { key: filePath, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), metadata: {} };
  } catch (error) {
    throw error instanceof RejectedInputError ? error : inputError(error, filePath);
  } finally {
    await handle.close();
  }
}

/** What one input given on the command line (or a file found in a folder given) turned out to be. */
export type InputEntry =
  /** A regular file to read; `path` is resolved (absolute, no "." or ".."). */
  | { kind: 'file'; path: string }
  /** Cannot be read: missing, permission denied, not a file or folder. The run reports it and goes on. */
  | { kind: 'rejected'; path: string; error: string }
  /** Found in a folder and left alone on purpose (a hidden file or folder, a symbolic link, a pipe). */
  | { kind: 'skipped'; path: string; reason: string };

/**
 * The inputs, each resolved (path.resolve, before anything reads a source from the path, so
 * "incoming/a/../b/x.txt" is incoming/b/x.txt), folders expanded into the files below them in
 * file-name order (then path): drops are usually named by time, and a run must be reproducible.
 *
 * Every input has an entry, never an exception: a missing path or an unreadable folder is
 * `rejected`; in a folder, hidden files and folders (a name starting with a dot: .DS_Store,
 * .git), symbolic links (not followed inside a folder: one may point anywhere, or loop; name
 * the link itself to ingest what it points to) and pipes, sockets or devices are `skipped`
 * with the reason; a folder's own documentation (README, NOTE, GOLD, LICENSE) is passed over
 * silently, as documented. Files come first, then what was skipped or rejected inside folders.
 */
export async function listInputs(inputs: string[]): Promise<InputEntry[]> {
  const entries: InputEntry[] = [];
  for (const input of inputs) {
    const resolved = path.resolve(input);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(resolved); // follows a link named on the command line: the user chose it
    } catch (error) {
      entries.push({ kind: 'rejected', path: resolved, error: describeInputError(error, input) });
      continue;
    }
    if (info.isDirectory()) entries.push(...(await listFolder(resolved)));
    else if (info.isFile()) entries.push({ kind: 'file', path: resolved });
    else entries.push({ kind: 'rejected', path: resolved, error: `not a file or folder (${kindOf(info)}): ${input}` });
  }
  return entries;
}

/** The readable files of `inputs` only (resolved paths), for callers that need no per-input report (tests, scripts). */
export async function listInputFiles(inputs: string[]): Promise<string[]> {
  return (await listInputs(inputs)).filter((entry) => entry.kind === 'file').map((entry) => entry.path);
}

async function listFolder(folder: string): Promise<InputEntry[]> {
  const files: string[] = [];
  const others: InputEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    let dirents;
    try {
      dirents = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      others.push({ kind: 'rejected', path: dir, error: describeInputError(error, dir) });
      return;
    }
    for (const dirent of dirents.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, dirent.name);
      if (dirent.name.startsWith('.')) {
        others.push({
          kind: 'skipped', path: full,
          reason: dirent.isDirectory() ? 'a hidden folder (its name starts with a dot): not read' : 'a hidden file (its name starts with a dot): not an article',
        });
      } else if (dirent.isSymbolicLink()) {
        others.push({ kind: 'skipped', path: full, reason: 'a symbolic link: not followed inside a folder (give the link itself to ingest what it points to)' });
      } else if (dirent.isDirectory()) {
        await walk(full);
      } else if (!dirent.isFile()) {
        others.push({ kind: 'skipped', path: full, reason: 'not a regular file (a pipe, socket or device)' });
      } else if (!isFolderDocumentation(dirent.name)) {
        files.push(full);
      }
    }
  };
  await walk(folder);
  return [...files.sort(byFileName).map((file): InputEntry => ({ kind: 'file', path: file })), ...others];
}

function byFileName(a: string, b: string): number {
  return path.basename(a).localeCompare(path.basename(b)) || a.localeCompare(b);
}

/** A folder's own documentation (README, NOTE, GOLD, LICENSE) is not an article. */
function isFolderDocumentation(name: string): boolean {
  return /^(readme|note|gold|license)(\.|$)/i.test(name);
}

/** Errors that say something about the path given (reported for that input); others are raised. */
const INPUT_ERROR_CODES = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'ELOOP', 'ENAMETOOLONG', 'EISDIR', 'ENXIO', 'EINVAL']);

/** A clear line for an input that cannot be read, or undefined when the error is not about it. */
function describeInputError(error: unknown, input: string): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (!INPUT_ERROR_CODES.has(code)) throw error;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `no such file or folder: ${input}`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied: cannot read ${input}`;
    case 'ELOOP':
      return `a loop of symbolic links: ${input}`;
    case 'ENAMETOOLONG':
      return `the path is too long: ${input.slice(0, 200)}…`;
    default:
      return `cannot read ${input}: ${(error as Error).message}`;
  }
}

function inputError(error: unknown, input: string): RejectedInputError {
  return new RejectedInputError(describeInputError(error, input), { cause: error });
}

function tooLarge(size: number, maxBytes: number, note = ''): RejectedInputError {
  return new RejectedInputError(`too large: the file has ${size} bytes, the limit is ${maxBytes}${note}`);
}

function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** At most `limit` bytes of the file: the first read sized by its stat, then 64 KiB at a time. */
async function readAtMost(handle: FileHandle, limit: number, sizeHint: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  let want = Math.min(limit, Math.max(sizeHint + 1, 1));
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(want, limit - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
    total += bytesRead;
    want = 64 * 1024;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}
