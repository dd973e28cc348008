/** Runs the real `newswatch` command (bin/newswatch.js) as a user would; never throws. */
import { execFile } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'bin', 'newswatch.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runNewswatch(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile('node', [CLI, ...args], { cwd: options.cwd ?? ROOT, env: options.env, maxBuffer: 20 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
