/**
 * The alert listing use case (lambdas/app/alerts.ts) on the embedded store: each alert's
 * delivery derived from what the store holds, the filters, and held alerts flushed and told.
 */
import path from 'node:path';
import { createDocumentClient, DynamoAlertQueue } from '../../lambdas/adapters/dynamodb';
import { listInputFiles, readLocalObject } from '../../lambdas/adapters/local/file-objects';
import {
  alertDelivery, deliverPendingAlerts, describeHeldAlerts, flushHeldAlerts, listAlerts, type AlertView,
} from '../../lambdas/app/alerts';
import { foldAlerts } from '../../lambdas/core/alert';
import { DEFAULT_INGEST_CONFIG, ingestObject } from '../../lambdas/core/ingest';
import type { Alert, SourceRef } from '../../lambdas/core/model';
import type { AlertPublisher } from '../../lambdas/ports/alerts';
import { useFreshRuntime } from '../support/fresh-runtime';

const SEEDS = path.join(__dirname, '..', '..', 'examples', 'riyadh-talks', 'incoming');
const NOW = '2025-02-18T12:00:00.000Z';
const at = (hhmm: string) => `2025-02-18T${hhmm}:00.000Z`;
const source = (id: string): SourceRef => ({ id, name: id.toUpperCase(), origin: 'key-prefix' });

function alert(storyId: string, id: string, createdAt: string, extra: Partial<Alert> = {}): Alert {
  return {
    id, kind: 'new-source', storyId, headline: `Story ${storyId}`, source: source(`src-${id}`), articleId: `art-${id}`,
    articleTitle: `Article ${id}`, sourceCount: 2, sourceNames: ['A', 'B'], firstSeen: createdAt, watchIds: ['all'],
    actorIds: [], topicIds: [], topActors: [], topTopics: [], reason: 'new source', createdAt, status: 'pending', ...extra,
  };
}

const deliveries = (views: AlertView[]) => views.map((v) => [v.id, v.delivery, ...(v.foldedInto ? [v.foldedInto] : [])]);

describe('alerts as a user sees them', () => {
  const fresh = useFreshRuntime('newswatch-alerts-');

  /** Queries sent while `run` ran. */
  async function queriesDuring<T>(run: () => Promise<T>): Promise<{ value: T; queries: number; scans: number }> {
    const before = { ...fresh.runtime.commandCounts };
    const value = await run();
    const counts = fresh.runtime.commandCounts;
    return {
      value,
      queries: (counts.QueryCommand ?? 0) - (before.QueryCommand ?? 0),
      scans: (counts.ScanCommand ?? 0) - (before.ScanCommand ?? 0),
    };
  }

  /** Every delivery state, written as the pipeline and the flusher leave them. */
  async function recordEveryState(): Promise<{ f3: Alert; f4: Alert; f5: Alert }> {
    const { store } = fresh.runtime;
    // s1: immediate deliveries. Sent; being delivered (live lease); lease run out; publish failed (lease given back).
    await store.recordAlert(alert('s1', 'sent-1', at('10:00')), at('10:02'));
    await store.markAlertSent('s1', 'sent-1', at('10:00'));
    await store.recordAlert(alert('s1', 'lease-live', at('11:59')), at('12:01'));
    await store.recordAlert(alert('s1', 'lease-gone', at('11:00')), at('11:02'));
    await store.recordAlert(alert('s1', 'no-lease', at('10:30')), at('10:32'));
    await store.releaseAlertDelivery('s1', 'no-lease');
    // s2: held by storm control, cooldown not over.
    await store.recordAlert(alert('s2', 'held-1', at('11:50'), { heldUntil: at('12:10') }));
    await store.recordAlert(alert('s2', 'held-2', at('11:55'), { heldUntil: at('12:10') }));
    // s3: a sent fold whose members are not marked yet (the flush stopped between the two).
    const m = [alert('s3', 'm-1', at('10:00'), { heldUntil: at('10:05') }), alert('s3', 'm-2', at('10:01'), { heldUntil: at('10:05') })];
    for (const a of m) await store.recordAlert(a);
    const f3 = foldAlerts(m, at('10:05'));
    await store.recordAlert(f3);
    await store.markAlertSent('s3', f3.id, at('10:05'));
    // s4: a fold recorded whose publish failed: the next flush re-sends it.
    const n1 = alert('s4', 'n-1', at('09:00'), { heldUntil: at('09:05') });
    await store.recordAlert(n1);
    const f4 = foldAlerts([n1], at('09:05'));
    await store.recordAlert(f4);
    // s5: a sent fold stamped before its member (another machine's clock): outside a `since` window.
    const k1 = alert('s5', 'k-1', at('11:40'), { heldUntil: at('11:45') });
    await store.recordAlert(k1);
    const f5 = foldAlerts([k1], at('09:30'));
    await store.recordAlert(f5);
    await store.markAlertSent('s5', f5.id, at('11:45'));
    return { f3, f4, f5 };
  }

  it('tells sent, held, failed and pending apart, newest first, with one Query and one per story a held alert needs', async () => {
    const { f3, f4, f5 } = await recordEveryState();
    const { store } = fresh.runtime;

    const all = await queriesDuring(() => listAlerts(store, {}, NOW));
    expect(deliveries(all.value)).toEqual([
      ['lease-live', 'pending'],
      ['held-2', 'held'],
      ['held-1', 'held'],
      ['k-1', 'sent', f5.id],
      ['lease-gone', 'failed'],
      ['no-lease', 'failed'],
      [f3.id, 'sent'],
      ['m-2', 'sent', f3.id],
      ['m-1', 'sent', f3.id], // same instant as sent-1: story s3 before s1, as the listing sorts
      ['sent-1', 'sent'],
      [f5.id, 'sent'],
      [f4.id, 'failed'],
      ['n-1', 'held', f4.id],
    ]);
    // The listing, and story s2's alerts (no fold read names its held ones).
    expect(all).toMatchObject({ queries: 2, scans: 0 });
    expect(all.value[0]).toMatchObject({ storyId: 's1', deliveryLeaseUntil: at('12:01'), status: 'pending' });

    // The fold of k-1 is older than `since`: its story's alerts are read to find it.
    const recent = await queriesDuring(() => listAlerts(store, { since: at('11:00') }, NOW));
    expect(deliveries(recent.value)).toEqual([['lease-live', 'pending'], ['held-2', 'held'], ['held-1', 'held'], ['k-1', 'sent', f5.id], ['lease-gone', 'failed']]);
    expect(recent).toMatchObject({ queries: 3, scans: 0 });

    const pending = await listAlerts(store, { pending: true }, NOW);
    expect(deliveries(pending)).toEqual([
      ['lease-live', 'pending'], ['held-2', 'held'], ['held-1', 'held'], ['lease-gone', 'failed'], ['no-lease', 'failed'], [f4.id, 'failed'], ['n-1', 'held', f4.id],
    ]);
    expect(deliveries(await listAlerts(store, { pending: true, limit: 2 }, NOW))).toEqual([['lease-live', 'pending'], ['held-2', 'held']]);
    expect((await listAlerts(store, { limit: 3 }, NOW)).map((v) => v.id)).toEqual(['lease-live', 'held-2', 'held-1']);
    // A lease that ran out by then reads failed.
    expect((await listAlerts(store, { limit: 1 }, '2025-02-18T12:01:00.000Z'))[0].delivery).toBe('failed');

    // One story: its own partition, one Query, the same order and reading.
    const story = await queriesDuring(() => listAlerts(store, { storyId: 's3' }, NOW));
    expect(deliveries(story.value)).toEqual([[f3.id, 'sent'], ['m-2', 'sent', f3.id], ['m-1', 'sent', f3.id]]);
    expect(story).toMatchObject({ queries: 1, scans: 0 });
    expect((await listAlerts(store, { storyId: 's1', since: at('11:00') }, NOW)).map((v) => v.id)).toEqual(['lease-live', 'lease-gone']);
    expect(deliveries(await listAlerts(store, { storyId: 's1', pending: true }, NOW))).toEqual([['lease-live', 'pending'], ['lease-gone', 'failed'], ['no-lease', 'failed']]);
    expect(await listAlerts(store, { storyId: 'nothing' }, NOW)).toEqual([]);
    expect(await listAlerts(store, { limit: 0 }, NOW)).toEqual([]);
  });

  it('reads a member of a pending fold as held, and a fold never as delivered by another', () => {
    const member = alert('s', 'm', at('10:00'), { heldUntil: at('10:05') });
    const fold = foldAlerts([member], at('10:05'));
    expect(alertDelivery(member, NOW, fold)).toBe('held');
    expect(alertDelivery(member, NOW, { ...fold, status: 'sent' })).toBe('sent');
    expect(alertDelivery(alert('s', 'other', at('10:00'), { heldUntil: at('10:05') }), NOW, { ...fold, status: 'sent' })).toBe('held');
    expect(alertDelivery(fold, NOW)).toBe('failed');
    expect(alertDelivery({ ...fold, deliveryLeaseUntil: at('12:05') }, NOW)).toBe('pending');
  });

  it('tells what is held, flushes only what is due, and the one-shot delivery waits for the rest', async () => {
    const { store } = fresh.runtime;
    const alertQueue = new DynamoAlertQueue(createDocumentClient(fresh.runtime.client), 'newswatch'); // the embedded table
    const sent: Alert[] = [];
    const publisher: AlertPublisher = { publish: async (a) => { sent.push(a); } };
    const deps = { store, publisher, alertQueue };
    const config = { ...DEFAULT_INGEST_CONFIG, trackAll: true, alertCooldownSeconds: 600 };
    const ingest = async (dir: string, now: string) => {
      for (const file of await listInputFiles([path.join(SEEDS, dir)])) await ingestObject(await readLocalObject(file), { now, config }, deps);
    };
    const t0 = '2025-02-18T18:00:00.000Z';
    for (const dir of ['outlet-a', 'outlet-b', 'news-journos']) await ingest(dir, t0);

    expect(await describeHeldAlerts(alertQueue, t0)).toEqual({ holds: 1, due: 0, until: '2025-02-18T18:10:00.000Z' });
    expect((await listAlerts(store, { pending: true }, t0)).map((v) => [v.source.id, v.delivery])).toEqual([['news-journos', 'held'], ['outlet-b', 'held']]);
    expect(await flushHeldAlerts(deps, t0)).toEqual([]);
    expect(sent).toEqual([]);

    const due = '2025-02-18T18:10:00.000Z';
    expect(await describeHeldAlerts(alertQueue, due)).toEqual({ holds: 1, due: 1, until: due });
    const [folded, ...others] = await flushHeldAlerts(deps, due);
    expect(others).toEqual([]);
    expect(folded.memberAlertIds).toHaveLength(2);
    expect(sent.map((a) => a.id)).toEqual([folded.id]);
    expect(await describeHeldAlerts(alertQueue, due)).toEqual({ holds: 0, due: 0 });
    const views = await listAlerts(store, {}, due);
    expect(views.map((v) => v.delivery)).toEqual(['sent', 'sent', 'sent']);
    expect(views.filter((v) => v.foldedInto === folded.id).map((v) => v.id).sort()).toEqual([...folded.memberAlertIds!].sort());
    expect(await listAlerts(store, { pending: true }, due)).toEqual([]);

    // A fourth source, held; the one-shot delivery waits out its cooldown on a fake clock.
    await ingest('caliber-az', '2025-02-18T18:20:00.000Z');
    let clock = Date.parse('2025-02-18T18:20:00.000Z');
    const waits: number[] = [];
    const delivered = await deliverPendingAlerts(deps, {
      clock: () => new Date(clock),
      sleep: async (ms) => { waits.push(ms); clock += ms; },
    });
    expect(waits).toEqual([600_000]);
    expect(delivered.map((a) => a.newSources!.map((e) => e.source.id))).toEqual([['caliber-az']]);
    expect(await describeHeldAlerts(alertQueue, new Date(clock).toISOString())).toEqual({ holds: 0, due: 0 });
    expect(fresh.runtime.commandCounts.ScanCommand ?? 0).toBe(0);
  });
});
