/**
 * Watches through the real ingest on the embedded store: `--on new-story` alerts once per new
 * tracked story, a retry after a failed publish included; a query's `NOT source:` keeps that
 * outlet's coverage out of the watch's alerts; `watch test` (previewWatch) lists what it tracks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addWatch, previewWatch } from '../../lambdas/app/watches';
import { RetryableError } from '../../lambdas/core/errors';
import { DEFAULT_INGEST_CONFIG, ingestObject } from '../../lambdas/core/ingest';
import type { Alert, Watch } from '../../lambdas/core/model';
import { useFreshRuntime } from '../support/fresh-runtime';

const SEEDS = path.join(__dirname, '..', '..', 'examples', 'riyadh-talks', 'incoming');
/** The seeds in their order, each with its outlet: one story, five sources. */
const DROPS = [
  ['outlet-a', '000_17b1c73d69787b68.txt'],
  ['outlet-b', '001_2a5c6933c16f0aef.txt'],
  ['news-journos', '002_63f95944f78b5ba7.txt'],
  ['caliber-az', '003_502df0261b767f7e.txt'],
  ['outlet-e', '004_d7bf98442fb826d6.txt'],
].map(([source, file], i) => ({
  raw: { key: `incoming/${source}/${file}`, body: readFileSync(path.join(SEEDS, source, file)), metadata: {} },
  now: new Date(Date.parse('2025-02-18T18:00:00.000Z') + i * 60_000).toISOString(),
}));

/** Records what it publishes; fails the first `failures` publishes as a throttled endpoint would. */
function recordingPublisher(failures = 0) {
  const published: Alert[] = [];
  let left = failures;
  return {
    published,
    publish: async (alert: Alert) => {
      if (left-- > 0) throw new RetryableError('SNS throttled the publish');
      published.push(alert);
    },
  };
}

describe('watch alerts through the ingest (embedded store)', () => {
  const fresh = useFreshRuntime('newswatch-watch-alerts-');
  const config = { ...DEFAULT_INGEST_CONFIG, deliveryLeaseSeconds: 0 };

  async function ingest(index: number, publisher: ReturnType<typeof recordingPublisher>) {
    const { raw, now } = DROPS[index];
    return ingestObject(raw, { now, config }, { store: fresh.runtime.store, publisher });
  }

  it('--on new-story alerts the new tracked story once, through a failed publish and its retry, and not its new sources', async () => {
    await addWatch(fresh.runtime.store, { name: 'rubio stories', query: 'actor:"Marco Rubio" Ukraine', on: 'new-story' });
    const publisher = recordingPublisher(1);
    await expect(ingest(0, publisher)).rejects.toThrow(RetryableError);
    expect(publisher.published).toEqual([]);

    await ingest(0, publisher); // the redelivery
    for (let i = 1; i < DROPS.length; i++) await ingest(i, publisher);
    await ingest(0, publisher); // a late duplicate delivery of the first drop

    expect(publisher.published.map((a) => a.kind)).toEqual(['new-story']);
    const [alert] = publisher.published;
    expect(alert.watchIds).toEqual(['rubio-stories']);
    expect(alert.reason).toMatch(/^outlet-a started a new story you track \(watch "rubio stories" matched its query \(actor Marco Rubio, "Ukraine"\)\)$/);
    const stored = await fresh.runtime.store.listAlerts(alert.storyId);
    expect(stored.map((a) => [a.id, a.kind, a.status])).toEqual([[alert.id, 'new-story', 'sent']]);
  });

  it('two workers racing on the first article publish its new-story alert once', async () => {
    await addWatch(fresh.runtime.store, { name: 'rubio stories', query: 'actor:"Marco Rubio" Ukraine', on: 'new-story' });
    const publisher = recordingPublisher();
    // As deployed: a worker that finds the alert being delivered by another is told to retry.
    const leased = { ...config, deliveryLeaseSeconds: 120 };
    const run = () => ingestObject(DROPS[0].raw, { now: DROPS[0].now, config: leased }, { store: fresh.runtime.store, publisher });
    const outcomes = await Promise.allSettled([run(), run()]);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toBeInstanceOf(RetryableError);
        await run(); // its redelivery
      }
    }
    expect(publisher.published.map((a) => a.kind)).toEqual(['new-story']);
  });

  it('--on both alerts the new story and each new source; a second watch on new-source alone gets the sources only', async () => {
    await addWatch(fresh.runtime.store, { name: 'both', keywords: ['Lavrov'], on: 'both' });
    await addWatch(fresh.runtime.store, { name: 'sources', keywords: ['Lavrov'] });
    const publisher = recordingPublisher();
    for (let i = 0; i < DROPS.length; i++) await ingest(i, publisher);
    expect(publisher.published.map((a) => [a.kind, a.source.id, a.watchIds])).toEqual([
      ['new-story', 'outlet-a', ['both']],
      ['new-source', 'outlet-b', ['both', 'sources']],
      ['new-source', 'news-journos', ['both', 'sources']],
      ['new-source', 'caliber-az', ['both', 'sources']],
      ['new-source', 'outlet-e', ['both', 'sources']],
    ]);
    expect(new Set(publisher.published.map((a) => a.id)).size).toBe(5);
  });

  it('with storm control a new-story alert goes out at once; the new sources are held', async () => {
    await addWatch(fresh.runtime.store, { name: 'both', keywords: ['Lavrov'], on: 'both' });
    const publisher = recordingPublisher();
    const held = { ...config, alertCooldownSeconds: 600 };
    const deps = { store: fresh.runtime.store, publisher, alertQueue: fresh.runtime.alertQueue };
    const [first] = await ingestObject(DROPS[0].raw, { now: DROPS[0].now, config: held }, deps);
    const [second] = await ingestObject(DROPS[1].raw, { now: DROPS[1].now, config: held }, deps);
    expect(first.alerts?.map((a) => a.kind)).toEqual(['new-story']);
    expect(publisher.published.map((a) => a.kind)).toEqual(['new-story']);
    expect(second.held?.map((h) => h.source)).toEqual(['outlet-b']);
  });

  it('a query with NOT source: sends no alert for that outlet, and the story stays tracked for the others', async () => {
    await addWatch(fresh.runtime.store, { name: 'no journos', query: 'Rubio NOT source:news-journos' });
    const publisher = recordingPublisher();
    for (let i = 0; i < DROPS.length; i++) await ingest(i, publisher);
    const alerted = publisher.published.map((a) => a.source.id);
    expect(alerted).not.toContain('news-journos');
    expect(alerted).toEqual(['outlet-b', 'caliber-az', 'outlet-e']);
  });

  it('previewWatch lists the stored stories an unsaved watch would track, and why', async () => {
    const publisher = recordingPublisher();
    for (let i = 0; i < DROPS.length; i++) await ingest(i, publisher);
    const unsaved = (fields: Partial<Watch>): Watch => ({ id: 'x', name: 'x', actors: [], topics: [], keywords: [], createdAt: '', ...fields });

    const byQuery = await previewWatch(fresh.runtime, unsaved({ query: 'actor:"Marco Rubio" AND (Riyadh OR Moscow)' }));
    expect(byQuery.stories).toHaveLength(1);
    expect(byQuery.stories[0].reason).toMatch(/^watch "x" matched its query \(actor Marco Rubio, "(Riyadh|Moscow)"\) in ".+" \(.+\)$/);
    expect(byQuery.articlesRead).toBeGreaterThan(0);

    const byActor = await previewWatch(fresh.runtime, unsaved({ actors: ['Marco Rubio'] }));
    expect(byActor.stories.map((s) => s.reason)).toEqual(['watch "x" matched actor Marco Rubio']);
    expect(byActor.articlesRead).toBe(0);

    const none = await previewWatch(fresh.runtime, unsaved({ query: 'actor:"Marco Rubio" AND Bitcoin' }));
    expect(none.stories).toEqual([]);
    expect(byQuery.examined).toBe(1);
  });
});
