/**
 * `npx tsx scripts/bench-ingest-transport.ts [--pairs 300] [--rounds 6]`
 *
 * The embedded store's transport, alone: PutItem + GetItem pairs (a 2 KB item) through the
 * DynamoDB document client against one dynalite thread, reached over loopback HTTP (a keep-alive
 * agent, as before) and through the thread's message port (`requestHandler`, what the embedded
 * target uses), in alternating rounds of one run. Prints the median ms per request of each and
 * their ratio, with the load average (docs/performance.md).
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { createDocumentClient, ensureTable } from '../lambdas/adapters/dynamodb';
import { startDynaliteThread } from '../lambdas/targets/dynalite-thread';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  const pairs = flag('pairs', 300);
  const rounds = flag('rounds', 6);
  const engine = await startDynaliteThread({});
  const client = (requestHandler: DynamoDBClientConfig['requestHandler']) => new DynamoDBClient({
    endpoint: `http://127.0.0.1:${engine.port}`, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, requestHandler,
  });
  const clients = { http: client({ httpAgent: new Agent({ keepAlive: true, maxSockets: 16 }) }), port: client(engine.requestHandler) };
  const table = 'transport-bench';
  await ensureTable(clients.http, table);
  const docs = { http: createDocumentClient(clients.http), port: createDocumentClient(clients.port) };
  const times: Record<keyof typeof docs, number[]> = { http: [], port: [] };
  console.log(`bench:ingest transport: ${pairs} PutItem + GetItem pairs a round, ${rounds} rounds each, alternating; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  try {
    for (let round = 0; round < rounds; round++) {
      for (const way of ['http', 'port'] as const) {
        const started = process.hrtime.bigint();
        for (let i = 0; i < pairs; i++) {
          await docs[way].send(new PutCommand({ TableName: table, Item: { pk: `ITEM#${i}`, sk: way, text: 'x'.repeat(2000), n: i } }));
          await docs[way].send(new GetCommand({ TableName: table, Key: { pk: `ITEM#${i}`, sk: way }, ConsistentRead: true }));
        }
        times[way].push(Number(process.hrtime.bigint() - started) / 1e6 / (2 * pairs));
      }
    }
  } finally {
    clients.http.destroy();
    clients.port.destroy();
    await engine.close();
  }
  const http = median(times.http);
  const port = median(times.port);
  console.log(`  loopback HTTP  ${http.toFixed(3)} ms/request (rounds: ${times.http.map((t) => t.toFixed(2)).join(', ')})`);
  console.log(`  message port   ${port.toFixed(3)} ms/request (rounds: ${times.port.map((t) => t.toFixed(2)).join(', ')})`);
  console.log(`  port / HTTP    ${(port / http).toFixed(2)}x   (per round: ${times.port.map((t, i) => (t / times.http[i]).toFixed(2)).join(', ')})`);
  console.log(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
