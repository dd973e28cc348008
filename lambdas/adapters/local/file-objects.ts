import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../../core/errors';
import type { RawObject } from '../../core/model';

/** Files dropped locally: read as they are; a rejected file simply stays where it is. */
export async function readLocalObject(filePath: string): Promise<RawObject> {
  const body = await readFile(filePath);
  return { key: filePath, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), metadata: {} };
}

/**
 * Expands directories into the files below them, in file-name order (then path): drops are
 * usually named by time, and a run must be reproducible.
 */
export async function listInputFiles(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new ConfigurationError(`no file or folder "${input}"`, { cause: error });
      throw error;
    });
    if (!info.isDirectory()) {
      files.push(input);
      continue;
    }
    const entries = await readdir(input, { recursive: true, withFileTypes: true });
    const found = entries
      .filter((e) => e.isFile() && isInputFile(e.name))
      .map((e) => path.join(e.parentPath, e.name));
    files.push(...found.sort((a, b) => path.basename(a).localeCompare(path.basename(b)) || a.localeCompare(b)));
  }
  return files;
}

/** Dot files and a folder's own documentation (README, NOTE, GOLD, LICENSE) are not articles. */
function isInputFile(name: string): boolean {
  return !name.startsWith('.') && !/^(readme|note|gold|license)(\.|$)/i.test(name);
}
