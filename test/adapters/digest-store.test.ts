/**
 * DynamoDigestStore on both engines (dynalite, DynamoDB Local): a digest is recorded once per
 * watch and period, its delivery leased to one run at a time, marked sent or failed; the period's
 * alerts are read by a key range on the alert listing (creation time), never a Scan.
 */
import { createDocumentClient, DynamoStore, ensureTable } from '../../lambdas/adapters/dynamodb';
import { DynamoDigestStore } from '../../lambdas/adapters/dynamodb/digest-store';
import { composeDigest, type Digest } from '../../lambdas/core/alert/digest';
import { StoreIntegrityError } from '../../lambdas/core/errors';
import type { Alert } from '../../lambdas/core/model';
import { ENGINES, useEngine } from '../support/dynamo-engines';

const DAY = { period: 'daily' as const, start: '2026-11-26T00:00:00.000Z', end: '2026-11-27T00:00:00.000Z' };

function alertAt(id: string, createdAt: string): Alert {
  return {
    id, kind: 'new-source', storyId: `story-${id}`, headline: 'Talks', source: { id: 'ap', name: 'AP', origin: 'cli' }, articleId: `a-${id}`,
    articleTitle: 'AP on the talks', sourceCount: 2, sourceNames: ['Reuters', 'AP'], firstSeen: createdAt, watchIds: ['rubio'],
    actorIds: [], topicIds: [], topActors: [], topTopics: [], reason: 'r', createdAt, status: 'sent',
  };
}

describe.each(ENGINES)('DynamoDigestStore on %s', (_engineName, startEngine) => {
  const db = useEngine(startEngine);
  let tableCount = 0;

  async function fresh(): Promise<{ digests: DynamoDigestStore; store: DynamoStore }> {
    const tableName = `newswatch-digests-${++tableCount}`;
    await ensureTable(db.client, tableName);
    const doc = createDocumentClient(db.client);
    return { digests: new DynamoDigestStore(doc, tableName), store: new DynamoStore(doc, tableName) };
  }

  const digestOf = (alerts: Alert[]): Digest => composeDigest({ watch: { id: 'rubio', name: 'rubio', digest: 'daily' }, window: DAY, alerts, now: DAY.end })!;

  it('reads exactly the alerts created in the period: from its start, up to (not at) its end, with one Query', async () => {
    const { digests, store } = await fresh();
    for (const alert of [
      alertAt('before', '2026-11-25T23:59:59.999Z'), alertAt('first', DAY.start), alertAt('mid', '2026-11-26T12:00:00.000Z'),
      alertAt('last', '2026-11-26T23:59:59.999Z'), alertAt('next', DAY.end),
    ]) await store.recordAlert(alert);
    const before = db.counter.counts.QueryCommand ?? 0;
    // gsi1 is eventually consistent on DynamoDB Local too: a moment's wait is enough here.
    let found: Alert[] = [];
    for (let tries = 0; tries < 20 && found.length < 3; tries++) found = await digests.listAlertsCreatedIn(DAY);
    expect(found.map((a) => a.id)).toEqual(['first', 'mid', 'last']);
    expect((db.counter.counts.QueryCommand ?? 0) - before).toBeGreaterThanOrEqual(1);
    expect(db.counter.counts.ScanCommand ?? 0).toBe(0);
  });

  it('records a digest once per watch and period, leased to its recorder; another run claims it only once the lease has ended', async () => {
    const { digests } = await fresh();
    const digest = digestOf([alertAt('a', '2026-11-26T09:00:00.000Z')]);
    expect(await digests.recordDigest(digest, '2026-11-27T00:02:00.000Z')).toBe(true);
    expect(await digests.recordDigest({ ...digest, storyCount: 99 }, '2026-11-27T00:09:00.000Z')).toBe(false);
    expect(await digests.getDigest('daily', DAY.start, 'rubio')).toEqual({ ...digest, deliveryLeaseUntil: '2026-11-27T00:02:00.000Z' });
    expect(await digests.claimDigestDelivery(digest, '2026-11-27T00:01:00.000Z', '2026-11-27T00:03:00.000Z')).toBe(false);
    expect(await digests.claimDigestDelivery(digest, '2026-11-27T00:02:30.000Z', '2026-11-27T00:04:30.000Z')).toBe(true);
    await digests.releaseDigestDelivery(digest);
    expect(await digests.claimDigestDelivery(digest, '2026-11-27T00:02:31.000Z', '2026-11-27T00:04:31.000Z')).toBe(true);
    await digests.markDigestSent(digest, '2026-11-27T00:02:40.000Z');
    expect(await digests.getDigest('daily', DAY.start, 'rubio')).toEqual({ ...digest, status: 'sent', sentAt: '2026-11-27T00:02:40.000Z' });
    // Sent: nobody claims it again, and a late failure does not undo it.
    expect(await digests.claimDigestDelivery(digest, '2026-11-28T00:00:00.000Z', '2026-11-28T00:02:00.000Z')).toBe(false);
    await digests.markDigestFailed(digest, 'refused', '2026-11-27T00:03:00.000Z');
    expect((await digests.getDigest('daily', DAY.start, 'rubio'))?.status).toBe('sent');
    expect((await digests.listDigests('daily', DAY.start)).map((d) => d.watchId)).toEqual(['rubio']);
  });

  it('marks a refused digest failed (not claimable), and refuses to mark one never recorded', async () => {
    const { digests } = await fresh();
    const digest = digestOf([alertAt('a', '2026-11-26T09:00:00.000Z')]);
    await expect(digests.markDigestSent(digest, DAY.end)).rejects.toBeInstanceOf(StoreIntegrityError);
    await digests.recordDigest(digest);
    await digests.markDigestFailed(digest, 'Slack said 404', DAY.end);
    expect(await digests.getDigest('daily', DAY.start, 'rubio')).toMatchObject({ status: 'failed', error: 'Slack said 404', failedAt: DAY.end });
    expect(await digests.claimDigestDelivery(digest, DAY.end, DAY.end)).toBe(false);
  });
});
