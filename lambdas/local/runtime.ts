import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { countCommands, createDocumentClient, DynamoStore, ensureTable } from '../adapters/dynamodb';

export const LOCAL_TABLE_NAME = 'newswatch';
export const DEFAULT_DATA_DIR = '.newswatch';

export interface EmbeddedRuntime {
  dataDir: string;
  endpoint: string;
  store: DynamoStore;
  client: DynamoDBClient;
  /** DynamoDB requests sent so far, by command name. */
  commandCounts: Record<string, number>;
  close(): Promise<void>;
}

interface DynaliteServer {
  listen(port: number, host: string, cb: (err?: Error) => void): void;
  address(): AddressInfo;
  close(cb: (err?: Error) => void): void;
}

/**
 * Starts the embedded engine: dynalite (the DynamoDB API in Node) on a free loopback port,
 * its data kept on disk under `dataDir` (or in memory), and the real DynamoDB adapter on it.
 */
export async function startEmbedded(options: { dataDir: string; inMemory?: boolean }): Promise<EmbeddedRuntime> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as (opts: object) => DynaliteServer;
  const server = dynalite({
    path: options.inMemory ? undefined : path.join(dataDir, 'dynamodb'),
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
  const store = new DynamoStore(createDocumentClient(client), LOCAL_TABLE_NAME);
  return {
    dataDir,
    endpoint,
    store,
    client,
    commandCounts: counter.counts,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
