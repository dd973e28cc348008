/**
 * `newswatch serve` opens the URL it prints in the browser (the system's opener: xdg-open here),
 * unless --no-open. The opener is a stand-in script on PATH that writes down what it was asked
 * to open, so no browser starts.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI, ROOT } from '../support/run-cli';

/** Runs serve until it prints its URL and `whileRunning` is done, then Ctrl-C. */
async function serveOnce(args: string[], env: NodeJS.ProcessEnv, whileRunning: () => Promise<unknown>): Promise<{ url: string; code: number | null }> {
  const child = spawn('node', [CLI, 'serve', '--port', '0', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk) => { out += chunk; });
  child.stderr.on('data', (chunk) => { out += chunk; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL:\n${out}`)), 30_000);
    child.stdout.on('data', () => {
      const found = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (found) { clearTimeout(timer); resolve(found); }
    });
  });
  await whileRunning();
  child.kill('SIGINT');
  return { url, code: await exited };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The opener's record, once it has one (the opener runs detached, a moment after the URL is printed). */
async function openedUrl(file: string): Promise<string> {
  for (let waited = 0; waited < 10_000; waited += 100) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.endsWith('\n')) return text.trim();
    await pause(100);
  }
  return '';
}

describe('newswatch serve and the browser', () => {
  let dir: string;
  let opened: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newswatch-web-open-'));
    opened = path.join(dir, 'opened.txt');
    const bin = path.join(dir, 'bin');
    await mkdir(bin);
    await writeFile(path.join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" >> "${opened}"\n`);
    await chmod(path.join(bin, 'xdg-open'), 0o755);
    env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('opens the printed URL by default', async () => {
    let url = '';
    const run = await serveOnce(['--data-dir', path.join(dir, 'data')], env, async () => { url = await openedUrl(opened); });
    expect(run.code).toBe(0);
    expect(url).toBe(run.url);
  }, 60_000);

  it('opens nothing with --no-open', async () => {
    await rm(opened, { force: true });
    const run = await serveOnce(['--no-open', '--data-dir', path.join(dir, 'data')], env, () => pause(1_000));
    expect(run.code).toBe(0);
    await expect(readFile(opened, 'utf8')).rejects.toThrow(/ENOENT/);
  }, 60_000);
});
