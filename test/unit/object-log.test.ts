/**
 * The object-log record of a drop: every outcome counted, the per-document results kept within
 * OBJECT_LOG_LIMITS so that the item fits in DynamoDB (400 KB) whatever the size of the drop.
 */
import { OBJECT_LOG_LIMITS } from '../../lambdas/core/ingest/config';
import { objectRecord } from '../../lambdas/core/ingest/ingestObject';
import type { IngestResult } from '../../lambdas/core/model';
import type { ObjectRecord } from '../../lambdas/ports/store';
import { itemKey } from '../../lambdas/adapters/dynamodb/schema';

/** DynamoDB's own count of an item's size (dynalite's, which refuses a put over 400 KB). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { itemSize } = require('dynalite/db') as { itemSize: (item: Record<string, unknown>) => number };
const DYNAMODB_ITEM_LIMIT = 400 * 1024;

/** The attribute values the document client writes (strings, numbers, maps and lists are all a record holds). */
function attributeValue(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (Array.isArray(value)) return { L: value.map(attributeValue) };
  return { M: attributes(value as Record<string, unknown>) };
}

function attributes(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined).map(([k, v]) => [k, attributeValue(v)]));
}

function storedSize(record: ObjectRecord): number {
  return itemSize(attributes({ ...record, ...itemKey.object(record.key, record.version) }));
}

const KEY = `incoming/${'wire-desk/'.repeat(20)}drop.jsonl`;
const LINES = 6_366;

/** Worst cases the caps must absorb: 3-byte characters, astral (surrogate-pair) ones, long names. */
const CJK_TITLE = '新闻'.repeat(400);
const ASTRAL_TITLE = '𝔸'.repeat(300);

function result(index: number, status: IngestResult['status']): IngestResult {
  if (status === 'rejected') return { file: KEY, index, status, error: `line ${index + 1}: ${'no article text; '.repeat(80)}` };
  return {
    file: KEY, index, status, articleId: `a${index.toString(16).padStart(15, '0')}`, storyId: `s${index.toString(16).padStart(15, '0')}`,
    source: `Source ${'ñ'.repeat(300)}`, title: index % 2 === 0 ? CJK_TITLE : ASTRAL_TITLE,
    actors: [{ id: 'p:marco-rubio', name: 'Marco Rubio', type: 'person' }],
    alerts: [{ kind: 'new-source', storyId: 's', source: 'TASS', articleId: 'a', reason: 'why '.repeat(50) }],
  };
}

describe('the object-log record of a drop', () => {
  it(`counts all ${LINES} outcomes of a large drop and keeps a bounded summary that fits in one DynamoDB item`, () => {
    const statuses: IngestResult['status'][] = ['ingested', 'ingested', 'duplicate', 'ingested', 'rejected'];
    const results = Array.from({ length: LINES }, (_, i) => result(i, statuses[i % statuses.length]));
    const record = objectRecord({ key: KEY, version: 'v1' }, results, '2025-02-18T10:00:00.000Z');

    const rejected = results.filter((r) => r.status === 'rejected').length;
    const duplicate = results.filter((r) => r.status === 'duplicate').length;
    expect(record).toMatchObject({ key: KEY, version: 'v1', status: 'partial', resultCount: LINES, processedAt: '2025-02-18T10:00:00.000Z' });
    expect(record.counts).toEqual({ ingested: LINES - rejected - duplicate, duplicate, rejected });
    expect(record.results.length).toBeGreaterThan(0);
    expect(record.results.length).toBeLessThanOrEqual(OBJECT_LOG_LIMITS.results);
    // Rejected ones first: with more of them than the summary holds, every kept result is one.
    expect(rejected).toBeGreaterThan(OBJECT_LOG_LIMITS.results);
    expect(record.results.every((r) => r.status === 'rejected')).toBe(true);
    expect(record.results.slice(0, 3).map((r) => r.index)).toEqual([4, 9, 14]);
    expect(Math.max(...record.results.map((r) => r.error!.length))).toBeLessThanOrEqual(OBJECT_LOG_LIMITS.errorChars);
    expect(storedSize(record)).toBeLessThan(DYNAMODB_ITEM_LIMIT);
  });

  it('keeps the few rejected results first, then the others in document order, with short titles and sources', () => {
    const results = Array.from({ length: LINES }, (_, i) => result(i, i === 6_000 || i === 17 ? 'rejected' : i % 3 === 0 ? 'duplicate' : 'ingested'));
    const record = objectRecord({ key: KEY }, results, 'now');

    expect(record.counts).toEqual({ ingested: 4_243, duplicate: 2_121, rejected: 2 }); // 6,000 is a multiple of 3
    expect(record.status).toBe('partial');
    expect(record.version).toBeUndefined();
    expect(record.results.map((r) => r.index).slice(0, 5)).toEqual([17, 6_000, 0, 1, 2]);
    const kept = record.results.slice(2);
    expect(kept.map((r) => r.index)).toEqual([...kept.map((r) => r.index!)].sort((a, b) => a - b));
    // Only what names the outcome: no file (the record's key), actors or alerts.
    expect(Object.keys(kept[0]).sort()).toEqual(['articleId', 'index', 'source', 'status', 'storyId', 'title']);
    for (const r of kept) {
      expect(r.title!.length).toBeLessThanOrEqual(OBJECT_LOG_LIMITS.titleChars);
      expect(r.title!.endsWith('\u2026')).toBe(true);
      expect(r.title).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/); // never half a surrogate pair
      expect(r.source!.length).toBeLessThanOrEqual(OBJECT_LOG_LIMITS.sourceChars);
    }
    // However long the titles, the bytes cap holds the item under DynamoDB's limit.
    expect(storedSize(record)).toBeLessThan(DYNAMODB_ITEM_LIMIT);
  });

  it('tells a drop ingested whole, one rejected whole, and one that gave no documents', () => {
    const ok = objectRecord({ key: 'k' }, [{ file: 'k', index: 0, status: 'ingested', articleId: 'a1', source: 'TASS', title: 'Talks' }], 't');
    expect(ok).toEqual({
      key: 'k', status: 'ingested', counts: { ingested: 1, duplicate: 0, rejected: 0 }, resultCount: 1,
      results: [{ index: 0, status: 'ingested', articleId: 'a1', source: 'TASS', title: 'Talks' }], processedAt: 't',
    });
    const bad = objectRecord({ key: 'k', version: 'v' }, [{ file: 'k', status: 'rejected', error: 'empty file' }], 't', { error: 'empty file', quarantineKey: 'quarantine/k' });
    expect(bad).toEqual({
      key: 'k', version: 'v', status: 'rejected', counts: { ingested: 0, duplicate: 0, rejected: 1 }, resultCount: 1,
      results: [{ status: 'rejected', error: 'empty file' }], error: 'empty file', quarantineKey: 'quarantine/k', processedAt: 't',
    });
    expect(objectRecord({ key: 'k' }, [], 't')).toMatchObject({ status: 'ingested', resultCount: 0, results: [] });
  });
});
