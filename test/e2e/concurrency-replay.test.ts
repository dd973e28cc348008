/**
 * Concurrency replay (issue 13). news-cluster-dev (../shared/data beside the clone; the test
 * fails, never skips, when it is missing) is ingested three times on one DynamoDB Local:
 *  - sequentially: one worker, the articles in publication order, on a table of its own;
 *  - by 8 workers racing on one fresh table, as 8 Lambdas would: each worker has its own
 *    DynamoDB client, DynamoStore and DynamoAlertQueue (no cache shared) and a recording
 *    publisher of its own, and pulls the next message from one shared queue (publication
 *    order). A message whose ingest fails with a RetryableError (a story-version race lost 5
 *    times, an alert another worker holds the lease of) goes back to the queue, as SQS hands it
 *    back; any other error fails the test.
 * Both runs use every story tracked (trackAll), each article as one JSON Lines object with its
 * publisher as source (as scripts/eval-clustering.ts replays it), and the real clock (the
 * workers share it, as Lambdas do: a delivery lease means the same thing to all of them).
 *
 * Required of the racing run, alerts delivered at once (first test): no alert id published
 * twice; per (story, source), and per article, at most one new-source alert, so every true new
 * source (scripts/clustering-metrics.ts trueNewSources) is alerted at most once; every recorded
 * alert published and sent; every article ingested, each story counting its articles once.
 * Then three runs, 8 workers with alerts held by storm control as the deployed stack holds them
 * and flushed once the cooldown is over (second test): B-cubed F1 on average within 0.01 of the
 * sequential run, the true new sources alerted (or starting a story: a split is the F1 bound's to
 * count) as the sequential run alerts them, on average at most 5% fewer (RACING_NEW_SOURCE_LOSS),
 * none twice in any run. Each run's splits and merges are printed.
 *
 * The pure steps (tagging, profiling) are memoized across the two runs: deterministic and free
 * of I/O, they change nothing but the time (2 cores run 8 workers' CPU one at a time anyway).
 * The whole data set (179 articles, 34 events) is replayed five times: 120-160 s on 2 cores.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, DynamoAlertQueue, DynamoStore, ensureTable } from '../../lambdas/adapters/dynamodb';
import { RetryableError } from '../../lambdas/core/errors';
import { DEFAULT_INGEST_CONFIG, flushDueAlerts, ingestObject, type IngestConfig } from '../../lambdas/core/ingest';
import { DEFAULT_ALERT_COOLDOWN_SECONDS } from '../../lambdas/core/alert';
import type { Alert, IngestResult } from '../../lambdas/core/model';
import { readDataset, toJsonLine, type LabelledArticle } from '../../scripts/clustering-data';
import { bcubed, trueNewSources } from '../../scripts/clustering-metrics';
import { makeClient, startDynamoDbLocal, type RunningEngine } from '../support/dynamo-engines';

// Tagging and profiling memoized: the same articles are replayed many times.
jest.mock('../../lambdas/core/tag', () => jest.requireActual('../support/memoized-pipeline').memoizedTag());
jest.mock('../../lambdas/core/cluster', () => jest.requireActual('../support/memoized-pipeline').memoizedCluster());

const DATASET = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'news-cluster-dev');
const WORKERS = 8;
/**
 * True new sources the racing run may reach fewer than the sequential one, as a share of them.
 * Measured (alerted or starting a story, against 119/121 sequentially): 116, 116, 115 and 113 in
 * runs on 2 cores; without publication order the alerts alone were 102-110. Online clustering
 * sees racing articles in another order: what remains is a story joined a moment too early.
 */
const RACING_NEW_SOURCE_LOSS = 0.05;
/**
 * Racing runs with alerts held, whose F1 and true new sources reached are bounded on average: one
 * run's stories depend on timing (which article of an event a worker sees first).
 */
const HELD_RUNS = 3;
/** Deliveries of one message before the test gives up on it (SQS's maxReceiveCount is 5; races here are resolved in a few). */
const MAX_DELIVERIES = 50;

interface Worker {
  client: DynamoDBClient;
  store: DynamoStore;
  alertQueue: DynamoAlertQueue;
  published: Alert[];
}

interface Replay {
  /** Dataset article id -> the result of its (last) delivery. */
  results: Map<string, IngestResult>;
  /** Every alert every worker's publisher was handed, in order. */
  published: Alert[];
  redeliveries: number;
  seconds: number;
}

function workerOn(endpoint: string, table: string): Worker {
  const client = makeClient(endpoint);
  const doc = createDocumentClient(client);
  return { client, store: new DynamoStore(doc, table), alertQueue: new DynamoAlertQueue(doc, table), published: [] };
}

/** `workers` workers pulling from one queue (publication order); a RetryableError puts the message back at the end. */
async function replay(articles: LabelledArticle[], endpoint: string, table: string, workers: number, alertCooldownSeconds = 0): Promise<Replay> {
  const setup = makeClient(endpoint);
  await ensureTable(setup, table);
  setup.destroy();
  const config: IngestConfig = { ...DEFAULT_INGEST_CONFIG, trackAll: true, alertCooldownSeconds };
  const queue = articles.map((article, index) => ({ article, index, deliveries: 0 }));
  const results = new Map<string, IngestResult>();
  let redeliveries = 0;
  const started = Date.now();
  const pool = Array.from({ length: workers }, () => workerOn(endpoint, table));
  try {
    await Promise.all(pool.map(async (worker) => {
      const deps = {
        store: worker.store,
        alertQueue: worker.alertQueue,
        publisher: { publish: async (alert: Alert) => { worker.published.push(alert); } },
      };
      for (let message = queue.shift(); message; message = queue.shift()) {
        const { article, index } = message;
        message.deliveries++;
        const raw = { key: `replay/${index}.jsonl`, body: Buffer.from(`${toJsonLine(article)}\n`), metadata: {} };
        try {
          const [result] = await ingestObject(raw, { cliSource: article.source, now: new Date().toISOString(), config }, deps);
          results.set(article.id, result);
        } catch (error) {
          if (!(error instanceof RetryableError)) throw error;
          if (message.deliveries >= MAX_DELIVERIES) throw new Error(`${article.id}: still failing after ${MAX_DELIVERIES} deliveries: ${error.message}`);
          redeliveries++;
          // Handed back a moment later (SQS: after the visibility timeout), behind the messages waiting.
          await new Promise((resolve) => setTimeout(resolve, 20));
          queue.push(message);
        }
      }
    }));
    // Storm control: the flusher runs once the cooldown is over (the replay is shorter than it).
    if (alertCooldownSeconds > 0) {
      const [flusher] = pool;
      const later = new Date(Date.now() + (alertCooldownSeconds + 1) * 1000).toISOString();
      const deps = { store: flusher.store, alertQueue: flusher.alertQueue, publisher: { publish: async (alert: Alert) => { flusher.published.push(alert); } } };
      while ((await flushDueAlerts(later, deps)).delivered.length > 0);
    }
  } finally {
    for (const worker of pool) worker.client.destroy();
  }
  return { results, published: pool.flatMap((w) => w.published), redeliveries, seconds: (Date.now() - started) / 1000 };
}

/** Each (story, source) a published alert announces, with its article: a folded alert announces several. */
function announced(published: Alert[]): { storyId: string; sourceId: string; articleId: string }[] {
  return published.filter((a) => a.kind === 'new-source').flatMap((a) => (a.newSources
    ? a.newSources.map((n) => ({ storyId: a.storyId, sourceId: n.source.id, articleId: n.articleId }))
    : [{ storyId: a.storyId, sourceId: a.source.id, articleId: a.articleId }]));
}

interface Scored {
  f1: number;
  stories: number;
  /** Dataset ids of the articles a published new-source alert names. */
  alerted: Set<string>;
  truth: Set<string>;
  /** Dataset ids of the articles that started a story (a story is named by its first article's id). */
  starters: Set<string>;
}

function score(articles: LabelledArticle[], run: Replay): Scored {
  const byArticleId = new Map<string, string>();
  for (const [id, result] of run.results) if (result.articleId) byArticleId.set(result.articleId, id);
  const scored = articles.filter((a) => run.results.get(a.id)?.storyId);
  const b3 = bcubed(scored.map((a) => ({ id: a.id, label: a.label, cluster: run.results.get(a.id)!.storyId! })));
  const alerted = new Set(announced(run.published).map((a) => byArticleId.get(a.articleId) ?? `?${a.articleId}`));
  const starters = new Set(scored.filter((a) => run.results.get(a.id)!.storyId === run.results.get(a.id)!.articleId).map((a) => a.id));
  return { f1: b3.f1, stories: new Set(scored.map((a) => run.results.get(a.id)!.storyId)).size, alerted, truth: trueNewSources(scored), starters };
}

/** Keys seen more than once. */
function repeated(keys: string[]): string[] {
  const seen = new Map<string, number>();
  for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
}

jest.setTimeout(300_000);

describe('concurrency replay: 8 workers racing on one DynamoDB Local table', () => {
  let engine: RunningEngine | undefined;
  /** Both runs and their scores, once the first test has made them. */
  let outcome: { sequential: Scored; racing: Scored } | undefined;

  beforeAll(async () => {
    engine = await startDynamoDbLocal();
  });
  afterAll(async () => {
    await engine?.stop();
  });

  it('news-cluster-dev: nothing doubled, nothing lost (no alert published twice, one new-source alert per story and source, every article ingested and counted once)', async () => {
    if (!existsSync(DATASET)) {
      throw new Error(`concurrency replay needs the labelled data set at ${DATASET} (../shared/data beside the clone): it is missing`);
    }
    const { articles } = readDataset(DATASET);
    expect(articles.length).toBeGreaterThan(100);

    const sequential = await replay(articles, engine!.endpoint, 'sequential', 1);
    const racing = await replay(articles, engine!.endpoint, 'racing', WORKERS);
    const seq = score(articles, sequential);
    const par = score(articles, racing);
    console.log([
      `concurrency replay of ${articles.length} articles:`,
      `  sequential: ${sequential.seconds.toFixed(1)} s, ${seq.stories} stories, B-cubed F1 ${seq.f1.toFixed(4)}, ${sequential.published.length} alerts published, ${correct(seq)}/${seq.truth.size} true new sources alerted, ${seq.alerted.size} new-source alerts`,
      `  ${WORKERS} workers: ${racing.seconds.toFixed(1)} s, ${par.stories} stories, B-cubed F1 ${par.f1.toFixed(4)}, ${racing.published.length} alerts published, ${correct(par)}/${par.truth.size} true new sources alerted, ${par.alerted.size} new-source alerts, ${racing.redeliveries} redeliveries`,
    ].join('\n'));

    // Every article through: a result for each, and in the table ingested, each story counting its articles once.
    expect(racing.results.size).toBe(articles.length);
    expect([...racing.results.values()].filter((r) => r.status !== 'ingested' && r.status !== 'duplicate')).toEqual([]);
    const items = await scanTable(engine!.endpoint, 'racing');
    const stored = items.filter((i) => i.sk === 'ARTICLE');
    expect(stored.filter((a) => a.status !== 'ingested').map((a) => `${a.id}: ${a.status}`)).toEqual([]);
    const stories = items.filter((i) => i.sk === 'STORY') as { id: string; articleIds: string[]; articleCount: number }[];
    expect(stories.filter((s) => s.articleCount !== s.articleIds.length || new Set(s.articleIds).size !== s.articleIds.length).map((s) => s.id)).toEqual([]);
    expect(stories.reduce((n, s) => n + s.articleIds.length, 0)).toBe(stored.length);
    const recorded = items.filter((i) => String(i.sk).startsWith('ALERT#'));
    expect(recorded.filter((a) => a.status !== 'sent').map((a) => `${a.storyId}/${a.id}: ${a.status}`)).toEqual([]);

    // Nothing doubled: no alert id published twice; per (story, source), and per article, one new-source alert at most.
    expect(repeated(racing.published.map((a) => `${a.storyId}/${a.id}`))).toEqual([]);
    expect(repeated(racing.published.filter((a) => a.kind === 'new-source').map((a) => `${a.storyId}/${a.source.id}`))).toEqual([]);
    expect(repeated(racing.published.filter((a) => a.kind === 'new-source').map((a) => a.articleId))).toEqual([]);
    // Nothing lost: every recorded alert published (once, by the above).
    expect(new Set(racing.published.map((a) => `${a.storyId}/${a.id}`))).toEqual(new Set(recorded.map((a) => `${a.storyId}/${a.id}`)));
    // The sequential run is held to the same (a control for the checks above).
    expect(repeated(sequential.published.map((a) => `${a.storyId}/${a.id}`))).toEqual([]);
    outcome = { sequential: seq, racing: par };
  });

  /**
   * Racing workers write a story's articles out of publication order: a later article may create
   * the story, or take a source's ledger entry first, and alerts delivered at once name what was
   * written first (the run above: 102-107 true new sources against 116). Held by storm control,
   * as the deployed stack holds them (DEFAULT_ALERT_COOLDOWN_SECONDS), a story's alerts are
   * announced in publication order when the hold ends (announceInPublicationOrder). The stories
   * themselves may still differ a little: online clustering depends on the order it sees.
   */
  it('news-cluster-dev, alerts held as deployed, three runs: B-cubed F1 on average within 0.01 of the sequential run, true new sources alerted as it alerts them, none twice', async () => {
    expect(outcome).toBeDefined();
    const { articles } = readDataset(DATASET);
    const { sequential } = outcome!;
    const runs: Scored[] = [];
    for (let run = 1; run <= HELD_RUNS; run++) {
      const table = `racing-held-${run}`;
      const held = await replay(articles, engine!.endpoint, table, WORKERS, DEFAULT_ALERT_COOLDOWN_SECONDS);
      const par = score(articles, held);
      console.log(`  ${WORKERS} workers, alerts held (run ${run}): ${held.seconds.toFixed(1)} s, ${par.stories} stories, B-cubed F1 ${par.f1.toFixed(4)}, ${held.published.length} alerts published, ${correct(par)}/${par.truth.size} true new sources alerted, ${reached(par)} alerted or starting a story (sequential ${reached(sequential)}), ${par.alerted.size} announced, ${held.redeliveries} redeliveries\n${describeSplitsAndMerges(articles, held)}`);

      // Every run: nothing announced twice, every alert sent.
      const announcedHere = announced(held.published);
      expect(repeated(announcedHere.map((a) => `${a.storyId}/${a.sourceId}`))).toEqual([]);
      expect(repeated(announcedHere.map((a) => a.articleId))).toEqual([]);
      const items = await scanTable(engine!.endpoint, table);
      expect(items.filter((i) => String(i.sk).startsWith('ALERT#') && i.status !== 'sent').map((a) => `${a.storyId}/${a.id}`)).toEqual([]);
      runs.push(par);
    }
    // On average within 0.01 below (racing may also do better: online clustering depends on the
    // order; 0.975-0.980 seen). One run's stories depend on timing: in CI, 2 of the last 5 runs fell
    // to 0.945, while 34 runs on this machine (quiet or loaded) gave 0.955-0.980.
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(sequential.f1 - mean(runs.map((r) => r.f1))).toBeLessThanOrEqual(0.01);
    expect(reached(sequential) - mean(runs.map(reached))).toBeLessThanOrEqual(Math.ceil(RACING_NEW_SOURCE_LOSS * sequential.truth.size));
  });
});

/**
 * Where a run's stories differ from the events: each event split over several stories (its
 * articles per story, in publication order: which one started each), each story holding several
 * events. What to read first when the F1 bound fails.
 */
function describeSplitsAndMerges(articles: LabelledArticle[], run: Replay): string {
  const storyOf = (a: LabelledArticle) => run.results.get(a.id)?.storyId ?? '?';
  const lines: string[] = [];
  const byLabel = new Map<string, LabelledArticle[]>();
  for (const article of articles) byLabel.set(article.label, [...(byLabel.get(article.label) ?? []), article]);
  for (const [label, members] of byLabel) {
    const stories = [...new Set(members.map(storyOf))];
    if (stories.length > 1) lines.push(`    event ${label} split: ${stories.map((id) => members.map((a, i) => (storyOf(a) === id ? i : -1)).filter((i) => i >= 0).join(',')).join(' | ')} (article positions in the event, per story)`);
  }
  const byStory = new Map<string, Set<string>>();
  for (const article of articles) byStory.set(storyOf(article), (byStory.get(storyOf(article)) ?? new Set()).add(article.label));
  for (const [story, labels] of byStory) if (labels.size > 1) lines.push(`    story ${story} merges events ${[...labels].join(', ')}`);
  return lines.length > 0 ? lines.join('\n') : '    every event one story, every story one event';
}

/** True new sources a published new-source alert names. */
function correct(s: Scored): number {
  return [...s.alerted].filter((id) => s.truth.has(id)).length;
}

/**
 * True new sources announced as a new source, or starting a story of their own: a story the
 * racing run splits off (the F1 bound above counts it) starts with a true new source that is no
 * new source of its story, and must not count twice. What is left is what the ledger and the
 * order of announcement decide: written first instead of published first loses it.
 */
function reached(s: Scored): number {
  return [...s.truth].filter((id) => s.alerted.has(id) || s.starters.has(id)).length;
}

/** Every item of the table, plain (tests may Scan; the code under test never does). */
async function scanTable(endpoint: string, table: string): Promise<Record<string, unknown>[]> {
  const client = makeClient(endpoint);
  const doc = createDocumentClient(client);
  const items: Record<string, unknown>[] = [];
  try {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    client.destroy();
  }
  return items;
}
