/** A fresh in-memory embedded store for every test of a suite, each in its own temporary folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbedded, type EmbeddedRuntime } from '../../lambdas/targets/embedded';

export interface FreshRuntime {
  /** The current test's store. */
  readonly runtime: EmbeddedRuntime;
  /** Its folder (alerts.jsonl and config.json live there). */
  readonly dataDir: string;
}

export function useFreshRuntime(prefix: string): FreshRuntime {
  const handle = {} as { runtime: EmbeddedRuntime; dataDir: string };
  beforeEach(async () => {
    handle.dataDir = await mkdtemp(path.join(tmpdir(), prefix));
    handle.runtime = await startEmbedded({ dataDir: handle.dataDir, inMemory: true });
  });
  afterEach(async () => {
    await handle.runtime.close();
    await rm(handle.dataDir, { recursive: true, force: true });
  });
  return handle;
}
