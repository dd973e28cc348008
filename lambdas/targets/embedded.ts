import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { countCommands, createDocumentClient, DynamoAlertQueue, DynamoStore, ensureTable } from '../adapters/dynamodb';
import { DynamoDigestStore } from '../adapters/dynamodb/digest-store';
import { DynamoFeedStore } from '../adapters/dynamodb/feed-store';
import type { Target } from '../app/target';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { startDynaliteThread } from './dynalite-thread';

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
  const engine = await startDynaliteThread({ path: inMemory ? undefined : path.join(dataDir, 'dynamodb') });
  const endpoint = `http://127.0.0.1:${engine.port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
    // The SDK's requests go to the engine's thread as messages, not through a loopback socket
    // (dynalite-thread.ts): the same requests, serialized and answered by the same code.
    requestHandler: engine.requestHandler,
    // dynalite checks that a request carries a SigV4 Authorization header, never its signature:
    // hashing and HMACs per request were a tenth of a local ingest's time (docs/performance.md).
    signer: { sign: async (request) => localSignature(request) },
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
    digests: new DynamoDigestStore(doc, LOCAL_TABLE_NAME),
    client,
    commandCounts: counter.counts,
    close: async () => {
      client.destroy();
      await engine.close();
      await lock?.release();
    },
  };
}

/** The shape of a SigV4 header, as dynalite checks it; the signature itself is never verified locally. */
function localSignature<R extends { headers: Record<string, string> }>(request: R): R {
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  request.headers['x-amz-date'] = date;
  request.headers.authorization = `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/local/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=local`;
  return request;
}

