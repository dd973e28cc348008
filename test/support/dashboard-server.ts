/**
 * `newswatch serve` run as a user runs it (bin/newswatch.js in a child process), on a port the
 * system picks: for the dashboard's API and browser tests and the README's screenshots.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, ROOT } from './run-cli';

export interface ServedDashboard {
  url: string;
  /** Ctrl-C, as a user stops it; resolves once the process exited (and let go of the data dir). */
  stop(): Promise<number | null>;
  output(): string;
}

export function startDashboard(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ServedDashboard> {
  const child: ChildProcess = spawn('node', [CLI, 'serve', '--port', '0', '--no-open', ...args], { cwd: ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk) => { out += chunk; });
  child.stderr!.on('data', (chunk) => { out += chunk; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`newswatch serve printed no URL:\n${out}`)); }, options.timeoutMs ?? 30_000);
    const look = () => {
      const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout!.off('data', look);
      resolve({
        url,
        output: () => out,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGINT');
          return exited;
        },
      });
    };
    child.stdout!.on('data', look);
    exited.then((code) => { clearTimeout(timer); reject(new Error(`newswatch serve exited (${code}) before printing its URL:\n${out}`)); }, reject);
  });
}

/** The seeds as they are dropped: one folder per source (examples/riyadh-talks/incoming). */
export const SEEDS = `${ROOT}/examples/riyadh-talks/incoming`;
