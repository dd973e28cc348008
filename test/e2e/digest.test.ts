/**
 * Digests are sent once per watch and period, and never skipped: recorded (with a delivery
 * lease), published, marked sent, as alerts are. Shown three ways:
 *  - the CLI a user runs: the seeds ingested with a daily watch, `alerts digest --period day
 *    --send` twice: the first sends one digest, the second nothing;
 *  - the use case on the embedded store (dynalite), run twice;
 *  - a crash-point harness in the style of crash-points.test.ts: every call of a digest run to
 *    its ports (store, digest store, publisher) is found through a Proxy; for each call k the run
 *    (a) dies right after it, or (b) has it throw a RetryableError; then it is run again, at once
 *    and, while another run's lease stands, after that lease. It must end with the digest
 *    recorded sent and published exactly once, except when the process died between the
 *    publish and the mark (published twice: at least once, never lost, as for alerts).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runDigests, type DigestDeps } from '../../lambdas/app/digest';
import type { Digest } from '../../lambdas/core/alert/digest';
import { RetryableError } from '../../lambdas/core/errors';
import type { Alert, Watch } from '../../lambdas/core/model';
import type { DigestPublisher, DigestStore } from '../../lambdas/ports/digests';
import { useFreshRuntime } from '../support/fresh-runtime';
import { ROOT, runNewswatch } from '../support/run-cli';

const SEEDS = path.join(ROOT, 'examples', 'riyadh-talks', 'incoming');
const LEASE_SECONDS = 120;
const RUN_AT = '2025-02-19T00:05:00.000Z';

function alertOf(id: string, storyId: string, sourceId: string, createdAt: string, watchIds = ['rubio']): Alert {
  return {
    id, kind: 'new-source', storyId, headline: `Story ${storyId}`, source: { id: sourceId, name: sourceId.toUpperCase(), origin: 'cli' },
    articleId: `art-${id}`, articleTitle: `${sourceId} on ${storyId}`, sourceCount: 2, sourceNames: ['REUTERS', sourceId.toUpperCase()],
    firstSeen: '2025-02-18T08:00:00.000Z', watchIds, actorIds: [], topicIds: [], topActors: [], topTopics: [], reason: 'r',
    createdAt, status: 'sent', digestOnly: true,
  };
}

const WATCHES: Watch[] = [
  { id: 'rubio', name: 'rubio', actors: ['Marco Rubio'], topics: [], keywords: [], digest: 'daily', createdAt: '2025-02-01T00:00:00.000Z' },
  { id: 'kyiv', name: 'kyiv', actors: [], topics: [], keywords: ['Kyiv'], createdAt: '2025-02-01T00:00:00.000Z' },
];
const ALERTS = [
  alertOf('a1', 's1', 'ap', '2025-02-18T09:00:00.000Z'),
  alertOf('a2', 's1', 'bbc', '2025-02-18T10:00:00.000Z'),
  alertOf('a3', 's2', 'dw', '2025-02-18T23:59:59.999Z'),
  alertOf('next-day', 's2', 'rt', '2025-02-19T00:00:00.000Z'),
  alertOf('kyiv', 's3', 'ap', '2025-02-18T11:00:00.000Z', ['kyiv']),
];

class RecordingPublisher implements DigestPublisher {
  readonly published: Digest[] = [];
  async publishDigest(digest: Digest): Promise<void> {
    this.published.push(digest);
  }
}

describe('alerts digest: the CLI, on the seeds', () => {
  let dataDir: string;
  beforeAll(async () => { dataDir = await mkdtemp(path.join(tmpdir(), 'nw-digest-cli-')); });
  afterAll(async () => { await rm(dataDir, { recursive: true, force: true }); });
  const nw = (...args: string[]) => runNewswatch(['--data-dir', dataDir, ...args]);

  it('a daily watch gets no single alert; a daily digest run twice for the same period sends once', async () => {
    expect((await nw('watch', 'add', 'rubio', '--actor', 'Marco Rubio', '--digest', 'daily')).stdout).toContain('sent as a daily digest');
    const ingest = await nw('ingest', SEEDS);
    expect(ingest.code).toBe(0);
    const listed = await nw('alerts', '--json');
    const alerts = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as Alert & { delivery: string });
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.digestOnly === true && a.status === 'sent')).toBe(true);
    expect((await nw('alerts')).stdout).toMatch(/^✉ digest /m);
    // Nothing was published on its own: no alerts.jsonl line.
    await expect(readFile(path.join(dataDir, 'alerts.jsonl'), 'utf8').catch(() => '')).resolves.toBe('');

    // Run as it would be just after midnight UTC: the day the alerts were recorded has ended.
    const day = alerts[0].createdAt.slice(0, 10);
    const at = new Date(Date.parse(`${day}T00:05:00.000Z`) + 86_400_000).toISOString();
    const preview = await nw('alerts', 'digest', '--period', 'day', '--at', at);
    expect(preview.stdout).toContain(`Daily digest, rubio: 1 story you track gained ${alerts.length} new sources   [not sent: --send sends it]`);
    const first = await nw('alerts', 'digest', '--period', 'day', '--at', at, '--send');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(': 1 digest sent');
    const second = await nw('alerts', 'digest', '--period', 'day', '--at', at, '--send');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('= already sent  watch rubio');
    expect(second.stdout).toContain(': 0 digests sent');
    const sent = (await readFile(path.join(dataDir, 'digests.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Digest);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ watchId: 'rubio', period: 'daily', periodStart: `${day}T00:00:00.000Z`, newSourceCount: alerts.length });
  }, 120_000);
});

describe('runDigests on the embedded store', () => {
  const fresh = useFreshRuntime('nw-digest-');

  async function seed(): Promise<void> {
    for (const watch of WATCHES) await fresh.runtime.store.putWatch(watch);
    for (const alert of ALERTS) await fresh.runtime.store.recordAlert(alert);
  }

  it('sends the digest of the last complete day once; a second run for that day sends nothing', async () => {
    await seed();
    const publisher = new RecordingPublisher();
    const deps = { store: fresh.runtime.store, digests: fresh.runtime.digests, publisher };
    const options = { period: 'daily' as const, now: RUN_AT, send: true, watches: 'digest' as const, deliveryLeaseSeconds: 0 };
    const first = await runDigests(deps, options);
    expect(first.window).toEqual({ period: 'daily', start: '2025-02-18T00:00:00.000Z', end: '2025-02-19T00:00:00.000Z' });
    expect(first.digests.map((d) => [d.digest.watchId, d.outcome])).toEqual([['rubio', 'sent']]);
    expect(publisher.published.map((d) => d.stories.map((s) => [s.storyId, s.newSourceCount]))).toEqual([[['s1', 2], ['s2', 1]]]);
    const second = await runDigests(deps, { ...options, now: '2025-02-19T07:00:00.000Z' });
    expect(second.digests.map((d) => [d.digest.watchId, d.outcome])).toEqual([['rubio', 'already-sent']]);
    expect(publisher.published).toHaveLength(1);
    expect((await fresh.runtime.digests.getDigest('daily', first.window.start, 'rubio'))?.status).toBe('sent');
  });

  it('with every watch (what the Lambda sends), adds the as-it-happens watch for digest subscribers only', async () => {
    await seed();
    const publisher = new RecordingPublisher();
    const report = await runDigests(
      { store: fresh.runtime.store, digests: fresh.runtime.digests, publisher },
      { period: 'daily', now: RUN_AT, send: true, watches: 'all', deliveryLeaseSeconds: 0 },
    );
    expect(report.digests.map((d) => [d.digest.watchId, d.digest.audiences])).toEqual([['kyiv', ['daily']], ['rubio', ['daily', 'as-it-happens']]]);
  });

  it('a preview writes nothing', async () => {
    await seed();
    const report = await runDigests({ store: fresh.runtime.store, digests: fresh.runtime.digests }, { period: 'daily', now: RUN_AT, send: false, watches: 'digest', deliveryLeaseSeconds: 0 });
    expect(report.digests.map((d) => [d.outcome, d.recorded])).toEqual([['preview', false]]);
    expect(await fresh.runtime.digests.listDigests('daily', report.window.start)).toEqual([]);
  });
});

/** The process died: thrown by the call after which it died, and by every later call of it. */
class CrashError extends Error {
  constructor(where: string) {
    super(`crashed ${where}`);
    this.name = 'CrashError';
  }
}

type Fault = { kind: 'crash-after' | 'retryable-at'; call: number } | undefined;

/** The run's ports, each call counted and named; `fault` decides what happens at call k. */
function instrumented(deps: DigestDeps & { publisher: DigestPublisher }, fault: Fault, calls: string[]): DigestDeps {
  let dead = false;
  const wrap = <T extends object>(port: T, name: string): T => new Proxy(port, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const where = `${name}.${String(property)}`;
        if (dead) throw new CrashError(`before ${where}`);
        const k = calls.push(where) - 1;
        if (fault?.kind === 'retryable-at' && fault.call === k) throw new RetryableError(`injected at ${where}`);
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (fault?.kind === 'crash-after' && fault.call === k) {
          dead = true;
          throw new CrashError(`after ${where}`);
        }
        return result;
      };
    },
  });
  return { store: wrap(deps.store, 'store'), digests: wrap(deps.digests as DigestStore, 'digests'), publisher: wrap(deps.publisher, 'publisher') };
}

describe('a digest run cut short anywhere is finished by the next run, and sent once', () => {
  const fresh = useFreshRuntime('nw-digest-crash-');

  async function run(publisher: RecordingPublisher, fault: Fault, now: string, calls: string[] = []) {
    const deps = instrumented({ store: fresh.runtime.store, digests: fresh.runtime.digests, publisher }, fault, calls);
    return runDigests(deps, { period: 'daily', now, send: true, watches: 'digest', deliveryLeaseSeconds: LEASE_SECONDS });
  }

  /** Runs again as a scheduler retries: at once, then, while a lease stands, after it. */
  async function rerunUntilDone(publisher: RecordingPublisher): Promise<number> {
    let now = Date.parse(RUN_AT);
    for (let attempt = 1; attempt <= 4; attempt++) {
      try {
        await run(publisher, undefined, new Date(now).toISOString());
        return attempt;
      } catch (error) {
        if (!(error instanceof RetryableError)) throw error;
        now += (LEASE_SECONDS + 1) * 1000;
      }
    }
    throw new Error('not done after 4 reruns');
  }

  it('finds the calls of an uninterrupted run', async () => {
    for (const watch of WATCHES) await fresh.runtime.store.putWatch(watch);
    for (const alert of ALERTS) await fresh.runtime.store.recordAlert(alert);
    const calls: string[] = [];
    await run(new RecordingPublisher(), undefined, RUN_AT, calls);
    expect(calls).toEqual(['store.listWatches', 'digests.listAlertsCreatedIn', 'digests.recordDigest', 'publisher.publishDigest', 'digests.markDigestSent']);
  });

  const CALLS = ['store.listWatches', 'digests.listAlertsCreatedIn', 'digests.recordDigest', 'publisher.publishDigest', 'digests.markDigestSent'];
  const cases = CALLS.flatMap((where, call) => [
    { kind: 'crash-after' as const, call, where },
    { kind: 'retryable-at' as const, call, where },
  ]);

  it.each(cases)('$kind $where', async ({ kind, call, where }) => {
    for (const watch of WATCHES) await fresh.runtime.store.putWatch(watch);
    for (const alert of ALERTS) await fresh.runtime.store.recordAlert(alert);
    const publisher = new RecordingPublisher();
    await expect(run(publisher, { kind, call }, RUN_AT)).rejects.toThrow(kind === 'crash-after' ? CrashError : RetryableError);
    const attempts = await rerunUntilDone(publisher);
    const stored = await fresh.runtime.digests.getDigest('daily', '2025-02-18T00:00:00.000Z', 'rubio');
    expect(stored).toMatchObject({ status: 'sent', newSourceCount: 3 });
    expect(stored?.deliveryLeaseUntil).toBeUndefined();
    // Published but not marked sent (died after the publish, or the mark failed): published again
    // by the rerun, never lost; otherwise exactly once.
    const publishedUnmarked = (kind === 'crash-after' && where === 'publisher.publishDigest') || (kind === 'retryable-at' && where === 'digests.markDigestSent');
    expect(publisher.published).toHaveLength(publishedUnmarked ? 2 : 1);
    expect(new Set(publisher.published.map((d) => d.id)).size).toBe(1);
    // A run that stopped holding the lease is finished by the first rerun after the lease has ended.
    const leftLease = publishedUnmarked || (kind === 'crash-after' && where === 'digests.recordDigest');
    expect(attempts).toBe(leftLease ? 2 : 1);
    // And once sent, any later run sends nothing.
    const later = await run(publisher, undefined, '2025-02-19T09:00:00.000Z');
    expect(later.digests.map((d) => d.outcome)).toEqual(['already-sent']);
    expect(publisher.published).toHaveLength(publishedUnmarked ? 2 : 1);
  });
});
