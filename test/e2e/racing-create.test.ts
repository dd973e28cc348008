/**
 * A racing create waits for the stories it nearly joined (ingestDocument stillSettling), with
 * publication order as the reference. news-cluster-dev's event 71 (../shared/data): its fourth
 * article (chinadaily, 2016-02-07) falls short of joining the event's story at one article
 * (nytimes, 2013) and joins it at three. The race is made deterministic: the fourth article's
 * ingest is stopped at its first look at the stories announced under its keys (it has decided
 * to start a story and announced it), and two other workers add the second and third articles
 * to the story right then, as racing Lambdas would.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createDocumentClient, DynamoAlertQueue, DynamoStore, ensureTable } from '../../lambdas/adapters/dynamodb';
import { DEFAULT_INGEST_CONFIG, ingestObject, type IngestConfig } from '../../lambdas/core/ingest';
import type { IngestResult } from '../../lambdas/core/model';
import type { NewswatchStore } from '../../lambdas/ports/store';
import { readDataset, toJsonLine, type LabelledArticle } from '../../scripts/clustering-data';
import { makeClient, startDynalite, type RunningEngine } from '../support/dynamo-engines';

const DATASET = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'news-cluster-dev');

let engine: RunningEngine;
let tables = 0;

beforeAll(async () => {
  engine = await startDynalite();
});
afterAll(async () => {
  await engine.stop();
});

/** Event 71's first four articles in publication order: the story's first, two that join it, and the one racing them. */
function eventArticles(): { first: LabelledArticle; joiners: LabelledArticle[]; racer: LabelledArticle } {
  if (!existsSync(DATASET)) throw new Error(`needs the labelled data set at ${DATASET} (../shared/data beside the clone): it is missing`);
  const [first, second, third, racer] = readDataset(DATASET).articles.filter((a) => a.label === '71');
  expect(racer.source).toBe('chinadaily.com.cn');
  return { first, joiners: [second, third], racer };
}

/** A table of its own; each call to `worker` is another writer (its own client and store, as another Lambda). */
async function freshTable() {
  const table = `racing-create-${++tables}`;
  const setup = makeClient(engine.endpoint);
  await ensureTable(setup, table);
  setup.destroy();
  const clients: ReturnType<typeof makeClient>[] = [];
  const worker = () => {
    const client = makeClient(engine.endpoint);
    clients.push(client);
    const doc = createDocumentClient(client);
    return { store: new DynamoStore(doc, table), alertQueue: new DynamoAlertQueue(doc, table), publisher: { publish: async () => {} } };
  };
  return { worker, close: () => clients.forEach((c) => c.destroy()) };
}

async function ingest(article: LabelledArticle, deps: { store: NewswatchStore }, config: IngestConfig): Promise<IngestResult> {
  const raw = { key: `racing/${article.id}.jsonl`, body: Buffer.from(`${toJsonLine(article)}\n`), metadata: {} };
  const [result] = await ingestObject(raw, { cliSource: article.source, now: new Date().toISOString(), config }, deps as never);
  expect(result.status).toBe('ingested');
  return result;
}

/**
 * Ingests the racer while, at its first look at the announced stories, other workers ingest
 * `joiners`: the racer's story id, and the story the first article started, as it ends.
 */
async function race(joiners: LabelledArticle[], config: IngestConfig) {
  const { first, racer } = eventArticles();
  const { worker, close } = await freshTable();
  try {
    const started = await ingest(first, worker(), config);
    const racerDeps = worker();
    let raced = false;
    const store = new Proxy(racerDeps.store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (name !== 'findAnnouncedStories' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          if (!raced) {
            raced = true;
            for (const joiner of joiners) expect((await ingest(joiner, worker(), config)).storyId).toBe(started.storyId);
          }
          return value.apply(target, args);
        };
      },
    });
    const result = await ingest(racer, { ...racerDeps, store }, config);
    expect(raced).toBe(true);
    const [story] = await worker().store.getStories([started.storyId!]);
    return { racerStory: result.storyId, story };
  } finally {
    close();
  }
}

const config: IngestConfig = { ...DEFAULT_INGEST_CONFIG, trackAll: true };

describe('a racing create waits for the stories it nearly joined', () => {
  it('joins the story once the articles published before it are in it', async () => {
    const { joiners } = eventArticles();
    const { racerStory, story } = await race(joiners, config);
    expect(racerStory).toBe(story.id);
    expect(story.articleCount).toBe(4);
  });

  it('without the wait (nearJoinProbability above any probability) the same race starts a second story', async () => {
    const { joiners } = eventArticles();
    const { racerStory, story } = await race(joiners, { ...config, nearJoinProbability: 1.01 });
    expect(story.articleCount).toBe(3);
    expect(racerStory).not.toBe(story.id);
  });

  it('does not join a story that grew meanwhile with articles published after it: in publication order it would not have found them', async () => {
    const { joiners, racer } = eventArticles();
    // The same two articles, published a day after the racer.
    const later = joiners.map((a) => ({ ...a, publishedAt: new Date(Date.parse(racer.publishedAt) + 86_400_000).toISOString() }));
    const { racerStory, story } = await race(later, config);
    expect(story.articleCount).toBe(3);
    expect(story.lastSeen > racer.publishedAt).toBe(true);
    expect(racerStory).not.toBe(story.id);
  });
});
