/**
 * Every drop is logged once processed, within one DynamoDB item whatever its size: real files
 * through ingestObject on the embedded store (dynalite refuses a put over 400 KB, as DynamoDB does).
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { itemKey } from '../../lambdas/adapters/dynamodb/schema';
import { readLocalObject } from '../../lambdas/adapters/local/file-objects';
import { DEFAULT_INGEST_CONFIG, ingestObject } from '../../lambdas/core/ingest';
import { OBJECT_LOG_LIMITS } from '../../lambdas/core/ingest/config';
import type { IngestResult } from '../../lambdas/core/model';
import { useFreshRuntime } from '../support/fresh-runtime';

/** DynamoDB's own count of an item's size (dynalite's). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { itemSize } = require('dynalite/db') as { itemSize: (item: Record<string, unknown>) => number };

const NOW = '2025-02-18T10:00:00.000Z';
const TOPICS = ['harbour', 'council', 'budget', 'bridge', 'river', 'school', 'market', 'festival', 'railway', 'museum'];

/** A small article of its own (distinct text, so a distinct article id). */
function articleLine(i: number, title = `Item ${i}: the ${TOPICS[i % TOPICS.length]} report`): string {
  return JSON.stringify({ title, text: `Note ${i}: the ${TOPICS[i % TOPICS.length]} and the ${TOPICS[(i * 7) % TOPICS.length]}, case ${i * 31}.`, source: 'Wire Desk' });
}

/** A line the normalizer rejects by itself (no article text and no title): cheap, so a drop can hold thousands. */
function rejectedLine(i: number): string {
  return JSON.stringify({ url: `https://example.org/no-title-${i}` });
}

describe('the object log on the embedded store', () => {
  const fresh = useFreshRuntime('newswatch-object-log-');
  const publisher = { publish: async () => undefined };

  async function ingestDrop(name: string, lines: string[]): Promise<{ key: string; results: IngestResult[] }> {
    const file = path.join(fresh.dataDir, name);
    await writeFile(file, `${lines.join('\n')}\n`);
    const raw = await readLocalObject(file);
    const results = await ingestObject(raw, { now: NOW, config: DEFAULT_INGEST_CONFIG }, { store: fresh.runtime.store, publisher });
    return { key: raw.key, results };
  }

  /** The item as DynamoDB holds it, and its size by DynamoDB's count. */
  async function storedItemSize(key: string): Promise<number> {
    const { Item } = await fresh.runtime.client.send(new GetItemCommand({ TableName: 'newswatch', Key: { pk: { S: itemKey.object(key).pk }, sk: { S: itemKey.object(key).sk } } }));
    expect(Item).toBeDefined();
    return itemSize(Item!);
  }

  it('records a drop ingested whole, and one with a duplicate and a rejected line, with what names each article', async () => {
    const whole = await ingestDrop('whole.jsonl', [articleLine(1), articleLine(2)]);
    expect(await fresh.runtime.store.getObject(whole.key)).toMatchObject({
      status: 'ingested', counts: { ingested: 2, duplicate: 0, rejected: 0 }, resultCount: 2, processedAt: NOW,
    });

    const long = `A very long headline ${'about the harbour '.repeat(20)}`;
    const mixed = await ingestDrop('mixed.jsonl', [articleLine(3, long), articleLine(3, long), rejectedLine(0), articleLine(4)]);
    expect(mixed.results.map((r) => r.status)).toEqual(['ingested', 'duplicate', 'rejected', 'ingested']);
    const record = await fresh.runtime.store.getObject(mixed.key);
    expect(record).toMatchObject({ key: mixed.key, status: 'partial', counts: { ingested: 2, duplicate: 1, rejected: 1 }, resultCount: 4 });
    // Rejected first, then in document order; each with its source and (shortened) title.
    expect(record!.results.map((r) => [r.index, r.status])).toEqual([[2, 'rejected'], [0, 'ingested'], [1, 'duplicate'], [3, 'ingested']]);
    expect(record!.results[0].error).toMatch(/^line 3: no article text/);
    const [, first, again, last] = record!.results;
    expect(first).toEqual({ index: 0, status: 'ingested', articleId: mixed.results[0].articleId, storyId: mixed.results[0].storyId, source: 'Wire Desk', title: expect.stringMatching(/^A very long headline about the harbour/) });
    expect(first.title!.length).toBe(OBJECT_LOG_LIMITS.titleChars);
    expect(again).toMatchObject({ status: 'duplicate', articleId: first.articleId, source: 'Wire Desk' });
    expect(last).toMatchObject({ status: 'ingested', source: 'Wire Desk', title: 'Item 4: the river report' });
  });

  it('records a 6,366-line JSON Lines drop in one item under 400 KB, with every outcome counted', async () => {
    const lines = Array.from({ length: 6_366 }, (_, i) => (i % 200 === 0 ? articleLine(i) : rejectedLine(i)));
    const started = Date.now();
    const { key, results } = await ingestDrop('large.jsonl', lines);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(results).toHaveLength(6_366);

    const record = await fresh.runtime.store.getObject(key);
    expect(record).toMatchObject({ status: 'partial', counts: { ingested: 32, duplicate: 0, rejected: 6_334 }, resultCount: 6_366 });
    expect(record!.results).toHaveLength(OBJECT_LOG_LIMITS.results);
    expect(record!.results.every((r) => r.status === 'rejected')).toBe(true);
    expect(await storedItemSize(key)).toBeLessThan(400 * 1024);
  });
});
