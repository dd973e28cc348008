import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { countCommands, createDocumentClient, DynamoAlertQueue, DynamoStore, ensureTable } from '../adapters/dynamodb';
import { DynamoFeedStore } from '../adapters/dynamodb/feed-store';
import type { Target } from '../app/target';
import { lockDataDir, type DataDirLock } from './data-dir-lock';

export const LOCAL_TABLE_NAME = 'newswatch';
export const DEFAULT_DATA_DIR = '.newswatch';

export interface EmbeddedRuntime extends Target {
  readonly kind: 'embedded';
  dataDir: string;
  endpoint: string;
  store: DynamoStore;
  feeds: DynamoFeedStore;
  client: DynamoDBClient;
  /** DynamoDB requests sent so far, by command name. */
  commandCounts: Record<string, number>;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  inMemory?: boolean;
  /** When another process holds the data dir: wait for it (true) instead of failing at once. */
  waitLock?: boolean;
  /** Named in the lock, so a second process can say who holds it ("ingest"). */
  command?: string;
}

interface DynaliteServer {
  listen(port: number, host: string, cb: (err?: Error) => void): void;
  address(): AddressInfo;
  close(cb: (err?: Error) => void): void;
}

/**
 * Starts the embedded engine: dynalite (the DynamoDB API in Node) on a free loopback port,
 * its data kept on disk under `dataDir` (or in memory), and the real DynamoDB adapter on it.
 * A store on disk is locked to this process (its LevelDB files admit one writer).
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedRuntime> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const lock: DataDirLock | undefined = options.inMemory ? undefined : await lockDataDir(dataDir, { wait: options.waitLock, command: options.command });
  try {
    return await startEngine(dataDir, options.inMemory ?? false, lock);
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

async function startEngine(dataDir: string, inMemory: boolean, lock: DataDirLock | undefined): Promise<EmbeddedRuntime> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as (opts: object) => DynaliteServer;
  const server = dynalite({
    path: inMemory ? undefined : path.join(dataDir, 'dynamodb'),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => server.listen(0, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
  const counter = countCommands(client);
  await ensureTable(client, LOCAL_TABLE_NAME);
  const doc = createDocumentClient(client);
  return {
    kind: 'embedded',
    description: inMemory ? 'an in-memory store' : path.relative(process.cwd(), dataDir) || '.',
    dataDir,
    endpoint,
    store: new DynamoStore(doc, LOCAL_TABLE_NAME),
    feeds: new DynamoFeedStore(doc, LOCAL_TABLE_NAME),
    alertQueue: new DynamoAlertQueue(doc, LOCAL_TABLE_NAME),
    client,
    commandCounts: counter.counts,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await lock?.release();
    },
  };
}
