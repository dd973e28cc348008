/**
 * Crash-point harness (issue 13). Every store, alert-queue and publisher call of an ingest is
 * found by wrapping the ports in a Proxy (no hand-kept list). For each call k of an uninterrupted
 * run:
 *  (a) the process dies right after call k: call k is made (its effect stored), then a CrashError
 *      is thrown, and every later call of that process throws it too (nothing runs in a dead
 *      process, not even the best-effort writes on the way out of a failure);
 *  (b) call k throws a RetryableError instead of being made (the process goes on as it would);
 * then the ingest is run again as a new process (fresh store instances: no cache survives) until
 * it succeeds, the way SQS redelivers: at once first, at the same instant (a rerun well within the
 * dead run's delivery lease), and, each time a run fails with a RetryableError, after the queue's
 * visibility timeout (the clock moves 361 s on, past any lease). It must end as the uninterrupted
 * run ends: the same stories as a partition of the articles, each counted once, every article
 * ingested, the same alerts (ids) all sent, and every sent alert published.
 *
 * Each object is its own SQS message and the flush its own invocation, so a fault in step j
 * leaves the steps before j done and the reruns redeliver step j (then the later steps, which
 * were never processed). A case starts from the table the uninterrupted run had before step j
 * (read while it ran, and written back after each case). Once step j is done, the table is compared with the one the
 * uninterrupted run had after it: when every item is the same, the later steps, deterministic
 * functions of that table and the clock, can only do what they did there, and the case ends the
 * same; otherwise the later steps are run too and the end states compared. The pure steps
 * (tagging, profiling) are memoized: they are deterministic and make no port call.
 *
 * One in-memory dynalite, a table per step. It fails when a resumed run does not re-index a story
 * that already lists its article (crash after createStory, RetryableError at indexStory), and
 * when an alert whose lease a dead run holds is skipped instead of failing the article for the
 * retry (crash after recordAlert or publish, RetryableError at markAlertSent).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDocumentClient, DynamoAlertQueue, DynamoStore, tableDefinition } from '../../lambdas/adapters/dynamodb';
import { RetryableError } from '../../lambdas/core/errors';
import { DEFAULT_INGEST_CONFIG, flushDueAlerts, ingestObject, type IngestConfig } from '../../lambdas/core/ingest';
import type { Alert, RawObject } from '../../lambdas/core/model';
import type { AlertPublisher, AlertQueue } from '../../lambdas/ports/alerts';
import type { NewswatchStore } from '../../lambdas/ports/store';
import { startEmbedded, type EmbeddedRuntime } from '../../lambdas/targets/embedded';

// Tagging and profiling memoized: the same articles are replayed many times.
jest.mock('../../lambdas/core/tag', () => jest.requireActual('../support/memoized-pipeline').memoizedTag());
jest.mock('../../lambdas/core/cluster', () => jest.requireActual('../support/memoized-pipeline').memoizedCluster());

const ROOT = path.join(__dirname, '..', '..');
const SEEDS = path.join(ROOT, 'examples', 'riyadh-talks', 'incoming');
const UNRELATED = path.join(ROOT, 'test', 'fixtures', 'unrelated');

/** SQS hands a failed message back after its visibility timeout (6 × the 60 s function timeout), plus a second. */
const VISIBILITY_TIMEOUT_MS = 361_000;
const START = Date.parse('2025-02-18T18:00:00.000Z');

/** The process died: thrown by the call after which it died, and by every call after that. */
class CrashError extends Error {
  constructor(where: string) {
    super(`crashed ${where}`);
    this.name = 'CrashError';
  }
}

type Fault = { at: number; mode: 'crash' | 'retryable' };

/** Numbers every port call of one process; makes the fault happen at the chosen one. */
class CallLog {
  readonly calls: string[] = [];
  private dead = false;
  constructor(private readonly fault?: Fault) {}

  async around<T>(name: string, call: () => Promise<T>): Promise<T> {
    if (this.dead) throw new CrashError(`before ${name}: the process is dead`);
    this.calls.push(name);
    const k = this.calls.length;
    if (this.fault?.at === k && this.fault.mode === 'retryable') throw new RetryableError(`injected at call ${k} (${name})`);
    const result = await call();
    if (this.fault?.at === k && this.fault.mode === 'crash') {
      this.dead = true;
      throw new CrashError(`after call ${k} (${name})`);
    }
    return result;
  }
}

/** Every method of the port goes through the log: found by wrapping, whatever the port has. */
function wrapped<T extends object>(port: T, portName: string, log: CallLog): T {
  return new Proxy(port, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      // Bound to the real instance: the adapter's calls to itself are part of this one call.
      return (...args: unknown[]) => log.around(`${portName}.${String(prop)}`, async () => method.apply(target, args));
    },
  });
}

interface Scenario {
  objects: RawObject[];
  config: IngestConfig;
  /** Documents of an object ingested as groups of this many (ingestObject `groupSize`). */
  groupSize?: number;
  /** The sink can tell an alert it took (as alerts.jsonl can): no crash may make it take one twice. */
  sinkTells?: boolean;
}

/** An object (one SQS message), or the flush of held alerts (one flusher invocation). */
type Step = { kind: 'object'; raw: RawObject } | { kind: 'flush' };

function stepsOf(scenario: Scenario): Step[] {
  const steps: Step[] = scenario.objects.map((raw) => ({ kind: 'object', raw }));
  if ((scenario.config.alertCooldownSeconds ?? 0) > 0) steps.push({ kind: 'flush' });
  return steps;
}

/** When the uninterrupted run takes step i: a second per object, the flush once the cooldown is over. */
function clockOf(scenario: Scenario, step: number): number {
  const flushAt = scenario.objects.length * 1000 + (scenario.config.alertCooldownSeconds ?? 0) * 1000;
  return START + (step < scenario.objects.length ? step * 1000 : flushAt);
}

/** One table: what every process of a case shares. */
interface World {
  endpoint: string;
  doc: DynamoDBDocumentClient;
  table: string;
  published: Alert[];
}

/**
 * One process taking steps [from, to) in order at the uninterrupted run's times plus `delayMs`:
 * fresh store instances over the world's table, ports wrapped. `beforeStep` sees the table before
 * each step. Returns every port call made, with its step.
 */
async function runSteps(
  world: World, scenario: Scenario, from: number, to: number, delayMs: number,
  options: { fault?: Fault; beforeStep?: (step: number) => Promise<void> } = {},
): Promise<{ name: string; step: number }[]> {
  const log = new CallLog(options.fault);
  const store = wrapped<NewswatchStore>(new DynamoStore(world.doc, world.table), 'store', log);
  const alertQueue = wrapped<AlertQueue>(new DynamoAlertQueue(world.doc, world.table), 'alertQueue', log);
  const sink: AlertPublisher = { publish: async (alert) => { world.published.push(alert); } };
  if (scenario.sinkTells) sink.hasTaken = async (alert) => world.published.some((taken) => taken.storyId === alert.storyId && taken.id === alert.id);
  const publisher = wrapped<AlertPublisher>(sink, 'publisher', log);
  const deps = { store, alertQueue, publisher };
  const steps = stepsOf(scenario);
  const calls: { name: string; step: number }[] = [];
  for (let step = from; step < to; step++) {
    await options.beforeStep?.(step);
    const current = steps[step];
    const now = new Date(clockOf(scenario, step) + delayMs).toISOString();
    const before = log.calls.length;
    try {
      if (current.kind === 'object') await ingestObject(current.raw, { now, config: scenario.config, groupSize: scenario.groupSize }, deps);
      else await flushDueAlerts(now, deps);
    } finally {
      for (const name of log.calls.slice(before)) calls.push({ name, step });
    }
  }
  return calls;
}

/** Items as the wire carries them: copied between tables without (un)marshalling. */
type Item = Record<string, AttributeValue>;

/**
 * The harness's own requests (tables made, copied, read and dropped) go to dynalite as plain
 * JSON, past the SDK: they are not under test, and copying a table per case through the SDK's
 * serializers would cost more than the ingest they surround.
 */
async function dynamo<T>(endpoint: string, operation: string, input: object): Promise<T> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
      'x-amz-date': '20250218T180000Z',
      authorization: 'AWS4-HMAC-SHA256 Credential=local/20250218/local/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
    },
    body: JSON.stringify(input),
  });
  const output = await response.json() as T & { __type?: string; message?: string };
  if (!response.ok) throw new Error(`${operation}: ${output.__type} ${output.message ?? ''}`);
  return output;
}

/** The few attribute types the checks read, as plain values. */
function plain(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.L !== undefined) return value.L.map(plain);
  if (value.SS !== undefined) return value.SS;
  if (value.M !== undefined) return unmarshall(value.M);
  if (value.BOOL !== undefined) return value.BOOL;
  return undefined;
}

function unmarshall(item: Item): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, plain(value)]));
}

async function scanAll(world: World, projection?: string[]): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  const names = projection ? Object.fromEntries(projection.map((n, i) => [`#p${i}`, n])) : undefined;
  do {
    const page = await dynamo<{ Items?: Item[]; LastEvaluatedKey?: Item }>(world.endpoint, 'Scan', {
      TableName: world.table, ExclusiveStartKey: start, ConsistentRead: true,
      ...(names ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } : {}),
    });
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

async function writeAll(world: World, requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    while (pending.length > 0) {
      const out = await dynamo<{ UnprocessedItems?: Record<string, WriteRequest[]> }>(world.endpoint, 'BatchWriteItem', { RequestItems: { [world.table]: pending } });
      pending = out.UnprocessedItems?.[world.table] ?? [];
    }
  }
}

function keyOf(item: Item): string {
  return `${item.pk.S}\u0000${item.sk.S}`;
}

/** Puts the table back as `wanted` (items, and their image) from what it holds now: only what differs is written. */
async function restore(world: World, now: Map<string, string>, wanted: { items: Item[]; image: Map<string, string> }): Promise<void> {
  const requests: WriteRequest[] = [];
  for (const key of now.keys()) {
    if (!wanted.image.has(key)) {
      const [pk, sk] = key.split('\u0000');
      requests.push({ DeleteRequest: { Key: { pk: { S: pk }, sk: { S: sk } } } });
    }
  }
  for (const item of wanted.items) if (now.get(keyOf(item)) !== wanted.image.get(keyOf(item))) requests.push({ PutRequest: { Item: item } });
  await writeAll(world, requests);
}

/** An item with its attributes in a fixed order: two runs that stored the same thing read the same. */
function itemImage(item: Item): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries.map(([k, v]) => [k, k === 'SS' ? [...(v as string[])].sort() : canonical(v)]));
    }
    return value;
  };
  return JSON.stringify(canonical(item));
}

/** The whole table as item key -> item image. */
function tableImage(items: Item[]): Map<string, string> {
  return new Map(items.map((item) => [keyOf(item), itemImage(item)]));
}

function sameTable(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, image] of a) if (b.get(key) !== image) return false;
  return true;
}

interface EndState {
  /** Each story's article ids, sorted; the stories sorted: a partition of the articles. */
  partition: string[][];
  /** Each story counts its articles once: articleCount = ids listed, and its sources. */
  counted: string[];
  /** Every recorded alert as "<storyId>/<alertId>:<status>", sorted. */
  alerts: string[];
  /** Article id -> its status, and "copy of <id>" when it is a near-duplicate. */
  articles: Record<string, string>;
  /** Holds of storm control left open. */
  holds: number;
}

/** The outcome, read in one Scan of the attributes it needs (tests may Scan; the code under test never does). */
async function endState(world: World): Promise<EndState> {
  const items = (await scanAll(world, ['sk', 'id', 'storyId', 'status', 'articleIds', 'articleCount', 'sources', 'copyOf'])).map((i) => unmarshall(i));
  const stories = items.filter((i) => i.sk === 'STORY') as { id: string; articleIds: string[]; articleCount: number; sources: string[] }[];
  const partition = stories.map((s) => [...s.articleIds].sort()).sort((a, b) => a[0].localeCompare(b[0]));
  const counted = stories.map((s) => `${s.id}: ${s.articleCount} articles, ${s.articleIds.length} listed, ${s.sources.length} sources`).sort();
  const alerts = items.filter((i) => String(i.sk).startsWith('ALERT#')).map((a) => `${a.storyId}/${a.id}:${a.status}`).sort();
  const articles = Object.fromEntries(items.filter((i) => i.sk === 'ARTICLE').map((a) => [a.id as string, `${a.status}${a.copyOf ? `, copy of ${a.copyOf}` : ''}`]));
  return { partition, counted, alerts, articles, holds: items.filter((i) => i.sk === 'HOLD').length };
}

let tables = 0;
// Usually ~50 s for the file; room for a busy machine.
jest.setTimeout(180_000);

describe('crash points: a crash or a retryable error at any port call, then reruns, end as an uninterrupted run', () => {
  let runtime: EmbeddedRuntime;
  let doc: DynamoDBDocumentClient;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'newswatch-crash-'));
    runtime = await startEmbedded({ dataDir, inMemory: true });
    doc = createDocumentClient(runtime.client);
  });
  afterAll(async () => {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function freshWorld(items: Item[] = []): Promise<World> {
    const world = { endpoint: runtime.endpoint, doc, table: `crash-${++tables}`, published: [] };
    // The table the store's own ensureTable makes (schema.ts), polled without its back-off.
    await dynamo(world.endpoint, 'CreateTable', tableDefinition(world.table));
    while ((await dynamo<{ Table?: { TableStatus?: string } }>(world.endpoint, 'DescribeTable', { TableName: world.table })).Table?.TableStatus !== 'ACTIVE') {
      await new Promise((resolve) => setImmediate(resolve));
    }
    await restore(world, new Map(), { items, image: tableImage(items) });
    return world;
  }

  /**
   * Step `step` again, as SQS redelivers it, until it succeeds: at once (the same instant), then
   * after a visibility timeout each time a run fails with a RetryableError. Returns the delay it
   * succeeded at.
   */
  async function redeliverUntilDone(world: World, scenario: Scenario, step: number): Promise<number> {
    for (let attempt = 0, delayMs = 0; attempt < 4; attempt++, delayMs += VISIBILITY_TIMEOUT_MS) {
      try {
        await runSteps(world, scenario, step, step + 1, delayMs);
        return delayMs;
      } catch (error) {
        if (!(error instanceof RetryableError)) throw error;
      }
    }
    throw new Error(`step ${step} did not finish after 4 deliveries`);
  }

  async function checkEveryCrashPoint(scenario: Scenario, expectShape: (state: EndState) => void): Promise<string[]> {
    const steps = stepsOf(scenario).length;
    const baselineWorld = await freshWorld();
    const tables: Item[][] = []; // tables[j]: the table before step j; tables[steps]: at the end
    const calls = await runSteps(baselineWorld, scenario, 0, steps, 0, { beforeStep: async (step) => { tables[step] = await scanAll(baselineWorld); } });
    tables[steps] = await scanAll(baselineWorld);
    const images = tables.map(tableImage);
    const snapshots = tables.map((items, j) => ({ items, image: images[j] }));
    const expected = await endState(baselineWorld);
    expectShape(expected);
    expect(Object.values(expected.articles).every((s) => s.startsWith('ingested'))).toBe(true);
    expect(expected.alerts.length).toBeGreaterThan(0);
    expect(expected.alerts.every((a) => a.endsWith(':sent'))).toBe(true);
    expect(expected.holds).toBe(0);
    const ports = new Set(calls.map((c) => c.name.split('.')[0]));
    expect(ports).toEqual(new Set(['store', 'publisher', ...(scenario.config.alertCooldownSeconds ? ['alertQueue'] : [])]));

    const failures: string[] = [];
    // One table per step, put back as the uninterrupted run had it before the step after each case.
    const worlds: World[] = [];
    for (let k = 1; k <= calls.length; k++) {
      const { name, step } = calls[k - 1];
      const inStep = k - calls.findIndex((c) => c.step === step); // k counted within its step
      worlds[step] ??= await freshWorld(tables[step]);
      const world = worlds[step];
      for (const mode of ['crash', 'retryable'] as const) {
        const label = `${mode} at call ${k} (${name}, step ${step})`;
        world.published = [];
        let after: Item[] | undefined;
        try {
          let done = false;
          try {
            await runSteps(world, scenario, step, step + 1, 0, { fault: { at: inStep, mode } });
            done = true; // absorbed in-process (a story write retried): nothing to redeliver
          } catch (error) {
            if (!(error instanceof (mode === 'crash' ? CrashError : RetryableError))) throw error;
          }
          const delayMs = done ? 0 : await redeliverUntilDone(world, scenario, step);
          // Either every item is what the uninterrupted run had after this step, or (a later
          // redelivery stamps later times; or something is wrong) the later steps run too and
          // the end states must agree.
          after = await scanAll(world);
          if (!sameTable(tableImage(after), images[step + 1])) {
            after = undefined; // the table changes from here on: read it again to put it back
            await runSteps(world, scenario, step + 1, steps, delayMs);
            expect(await endState(world)).toEqual(expected);
            after = await scanAll(world);
          }
          // Every sent alert went out: itself or in a published fold that names it, in this case
          // or before it started (a repeat is allowed: a publish, then a crash before the mark).
          const published = new Set([...world.published, ...sentIn(tables[step])]
            .flatMap((a) => [a.id, ...(a.memberAlertIds ?? [])].map((id) => `${a.storyId}/${id}`)));
          expect(sentIn(after).map((a) => `${a.storyId}/${a.id}`).filter((a) => !published.has(a))).toEqual([]);
          if (scenario.sinkTells) {
            const taken = world.published.map((a) => `${a.storyId}/${a.id}`);
            expect(taken.filter((id, i) => taken.indexOf(id) !== i)).toEqual([]);
          }
        } catch (error) {
          failures.push(`${label}: ${(error as Error).message.split('\n').slice(0, 14).join('\n')}`);
        }
        await restore(world, tableImage(after ?? await scanAll(world)), snapshots[step]);
      }
    }
    for (const world of worlds) if (world) await dynamo(world.endpoint, 'DeleteTable', { TableName: world.table });
    expect(failures).toEqual([]);
    return calls.map((call) => call.name);
  }

  async function seedObjects(): Promise<RawObject[]> {
    const folders = ['outlet-a', 'outlet-b', 'news-journos', 'caliber-az', 'outlet-e'];
    const files = ['000_17b1c73d69787b68.txt', '001_2a5c6933c16f0aef.txt', '002_63f95944f78b5ba7.txt', '003_502df0261b767f7e.txt', '004_d7bf98442fb826d6.txt'];
    return Promise.all(folders.map(async (folder, i) => rawObject(`incoming/${folder}/${files[i]}`, await readFile(path.join(SEEDS, folder, files[i])))));
  }

  it('on the seeds (examples/riyadh-talks, trackAll): 1 story of 5 articles, 4 new-source alerts', async () => {
    const calls = await checkEveryCrashPoint(
      { objects: await seedObjects(), config: { ...DEFAULT_INGEST_CONFIG, trackAll: true } },
      (state) => {
        expect(state.partition.map((s) => s.length)).toEqual([5]);
        expect(state.alerts).toHaveLength(4);
      },
    );
    expect(calls.length).toBeGreaterThan(50);
  });

  it('on two stories and a copy: a seed, an unrelated article, a copy of the seed under another source', async () => {
    const [first] = await seedObjects();
    const copy = rawObject('incoming/copycat/rewrite.txt', Buffer.from(`${Buffer.from(first.body).toString('utf8')}\n\n(c) Copycat Wire`));
    const other = rawObject('incoming/sports-desk/derby.txt', await readFile(path.join(UNRELATED, 'football-derby.txt')));
    await checkEveryCrashPoint(
      { objects: [first, other, copy], config: { ...DEFAULT_INGEST_CONFIG, trackAll: true } },
      (state) => {
        expect(state.partition.map((s) => s.length).sort()).toEqual([1, 2]);
        expect(state.alerts).toHaveLength(1); // copycat: a copy is still a new source
        expect(Object.values(state.articles).filter((a) => a.includes('copy of'))).toHaveLength(1);
      },
    );
  });

  it.each([
    ['a sink that cannot tell an alert it took: each alert marked sent before the next is published', false],
    ['a sink that can (alerts.jsonl): a group\'s alerts marked sent together, none ever taken twice', true],
  ])('grouped (a local ingest alone on its data dir): the seeds as one JSON Lines object in groups of 1, 3 and 1 (groupSize 3), every write of a group cut; %s', async (_name, sinkTells) => {
    const lines = (await seedObjects()).map((raw) => {
      const body = Buffer.from(raw.body).toString('utf8');
      return JSON.stringify({ title: body.split('\n')[0].slice(0, 120), text: body, source: raw.key.split('/')[1] });
    });
    const calls = await checkEveryCrashPoint(
      {
        objects: [rawObject('incoming/seeds.jsonl', Buffer.from(`${lines.join('\n')}\n`))],
        config: { ...DEFAULT_INGEST_CONFIG, trackAll: true, racingWriters: false },
        groupSize: 3,
        sinkTells,
      },
      (state) => {
        expect(state.partition.map((s) => s.length)).toEqual([5]);
        expect(state.alerts).toHaveLength(4);
      },
    );
    // The group's way: its heads read once, each story written once, each head once; its claims,
    // new ledger entries, alert records and ingested marks each written in one batch.
    const count = (name: string) => calls.filter((call) => call === `store.${name}`).length;
    expect(count('getIndexHeads')).toBe(3);
    expect(count('indexStories')).toBe(3);
    expect(count('putArticles')).toBe(6); // claimed, then marked ingested
    expect(count('markArticleIngested')).toBe(0);
    expect(count('claimArticle')).toBe(0);
    expect(count('getCoverage')).toBe(3);
    expect(count('putNewCoverage')).toBe(3);
    expect(count('claimCoverage')).toBe(0);
    expect(count('putAlerts')).toBe(sinkTells ? 5 : 3); // records; with a sink that can tell, the marks of the two groups with alerts
    expect(count('markAlertSent')).toBe(sinkTells ? 0 : 4);
    expect(count('recordAlert')).toBe(0);
    expect(count('createStory') + count('addArticlesToStory')).toBe(3);
  });

  it.each([
    ['a sink that cannot tell an alert it took', false],
    ['a sink that can (alerts.jsonl): none ever taken twice', true],
  ])('with storm control: alerts held, then flushed as one; held alerts are released and sent whatever stops; %s', async (_name, sinkTells) => {
    await checkEveryCrashPoint(
      { objects: (await seedObjects()).slice(0, 3), config: { ...DEFAULT_INGEST_CONFIG, trackAll: true, alertCooldownSeconds: 600 }, sinkTells },
      (state) => {
        expect(state.partition.map((s) => s.length)).toEqual([3]);
        expect(state.alerts).toHaveLength(3); // two held per-source alerts and their fold
      },
    );
  });
});

/** Alerts already sent in the table a case started from: the uninterrupted run published them. */
function sentIn(table: Item[]): Alert[] {
  return table.filter((i) => i.sk?.S?.startsWith('ALERT#') && i.status?.S === 'sent').map((i) => unmarshall(i) as unknown as Alert);
}

function rawObject(key: string, body: Buffer): RawObject {
  return { key, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), metadata: {} };
}
