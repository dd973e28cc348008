/**
 * Delivery failures belong to the alert (issue 13): an endpoint refusing an alert for good marks
 * that alert failed, never the article; transient failures are retried; a local run goes on with
 * the next input and says at the end which alerts failed; a rerun does not deliver them again.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listAlerts } from '../../lambdas/app/alerts';
import { AlertDeliveryError, RetryableError } from '../../lambdas/core/errors';
import type { Alert, Story } from '../../lambdas/core/model';
import { createAlertFlusherHandler } from '../../lambdas/handlers/alert-flusher';
import { alertOwnsItsFailure, ingestFiles } from '../../lambdas/local/ingest';
import { useFreshRuntime } from '../support/fresh-runtime';
import { FakeSlackWebhook } from '../support/slack-server';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'newswatch.js');
const SEEDS = path.join(ROOT, 'examples', 'riyadh-talks', 'incoming');
const T0 = Date.parse('2025-02-18T18:00:00.000Z');

async function alertLines(dataDir: string): Promise<Alert[]> {
  const text = await readFile(path.join(dataDir, 'alerts.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Alert);
}

const refused = { status: 400, body: 'invalid_payload' };

describe('delivery failures belong to the alert (local run, Slack webhook)', () => {
  const fresh = useFreshRuntime('newswatch-delivery-');
  const slack = new FakeSlackWebhook();
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());
  beforeEach(() => { slack.requests.length = 0; slack.script(); });

  it('a webhook refusing every alert (400): every article ingested, the run goes on, the alerts are failed and reported, and a rerun sends nothing again', async () => {
    slack.script(...Array(10).fill(refused));
    const outcome = await ingestFiles(fresh.runtime, [SEEDS], { trackAll: true, slackWebhook: slack.url, clock: () => new Date(T0) });
    expect(outcome.results.map((r) => r.status)).toEqual(Array(5).fill('ingested'));
    expect(outcome.results.flatMap((r) => r.alerts ?? [])).toEqual([]);
    expect(outcome.failedAlerts.map((a) => a.source)).toEqual(['outlet-b', 'news-journos', 'caliber-az', 'outlet-e']);
    expect(outcome.failedAlerts.every((a) => /HTTP 400 invalid_payload/.test(a.error))).toBe(true);
    expect(slack.requests).toHaveLength(4); // a 400 is not retried
    const views = await listAlerts(fresh.runtime.store, {}, new Date(T0).toISOString());
    expect(views.map((v) => [v.status, v.delivery])).toEqual(Array(4).fill(['failed', 'failed']));
    expect(views.every((v) => /HTTP 400/.test(v.error ?? ''))).toBe(true);
    // The other sinks had it: alerts.jsonl keeps one line per alert.
    expect(await alertLines(fresh.dataDir)).toHaveLength(4);

    const again = await ingestFiles(fresh.runtime, [SEEDS], { trackAll: true, slackWebhook: slack.url, clock: () => new Date(T0 + 60_000) });
    expect(again.results.map((r) => r.status)).toEqual(Array(5).fill('duplicate'));
    expect(again.failedAlerts).toEqual([]);
    expect(slack.requests).toHaveLength(4);
    expect(await alertLines(fresh.dataDir)).toHaveLength(4);
  });

  it('a transient failure (503, then 200) is retried by the poster: the alert is sent', async () => {
    slack.script({ status: 503 });
    const files = [path.join(SEEDS, 'outlet-a'), path.join(SEEDS, 'outlet-b')];
    const outcome = await ingestFiles(fresh.runtime, files, { trackAll: true, slackWebhook: slack.url, clock: () => new Date(T0) });
    expect(outcome.failedAlerts).toEqual([]);
    expect(outcome.results.flatMap((r) => r.alerts ?? []).map((a) => a.source)).toEqual(['outlet-b']);
    expect(slack.requests).toHaveLength(2);
    const [view] = await listAlerts(fresh.runtime.store, {}, new Date(T0).toISOString());
    expect(view).toMatchObject({ status: 'sent', delivery: 'sent' });
  });

  it('with storm control: a refused fold is failed with its members, the hold released, and the run says so', async () => {
    slack.script(refused);
    let now = T0;
    const outcome = await ingestFiles(fresh.runtime, [SEEDS], {
      trackAll: true, slackWebhook: slack.url, cooldownSeconds: 600, waitHeld: true,
      clock: () => new Date(now), sleep: async (ms) => { now += ms; }, onResult: () => { now += 1000; },
    });
    expect(outcome.results.map((r) => r.status)).toEqual(Array(5).fill('ingested'));
    expect(outcome.failedAlerts).toHaveLength(1);
    expect(outcome.held.holds).toBe(0);
    const views = await listAlerts(fresh.runtime.store, {}, new Date(now).toISOString());
    expect(views.map((v) => v.delivery)).toEqual(Array(5).fill('failed')); // the fold and its 4 members
    expect(await fresh.runtime.alertQueue.nextHold()).toBeUndefined();
  });

  it('the flusher Lambda: a refused fold is failed and logged, the hold released; any other error fails the run after the other holds', async () => {
    let now = T0;
    await ingestFiles(fresh.runtime, [path.join(SEEDS, 'outlet-a'), path.join(SEEDS, 'outlet-b')], {
      trackAll: true, cooldownSeconds: 600, clock: () => new Date(now), onResult: () => { now += 1000; },
    });
    const logs: Record<string, unknown>[] = [];
    const deps = { store: fresh.runtime.store, alertQueue: fresh.runtime.alertQueue, clock: () => new Date(T0 + 3_600_000), log: (e: Record<string, unknown>) => logs.push(e) };
    const broken = createAlertFlusherHandler({ ...deps, publisher: { publish: async () => { throw new Error('bug'); } } });
    await expect(broken()).rejects.toThrow('bug');
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'flush failed', retryable: false }));
    expect(await fresh.runtime.alertQueue.nextHold()).toBeDefined(); // kept for the next run

    const refusing = createAlertFlusherHandler({ ...deps, publisher: { publish: async () => { throw new AlertDeliveryError('SNS refused alert: InvalidParameter'); } } });
    expect(await refusing()).toEqual({ delivered: 0, failed: 1, kept: 0 });
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'alert delivery failed' }));
    expect(await fresh.runtime.alertQueue.nextHold()).toBeUndefined();
    const views = await listAlerts(fresh.runtime.store, {}, new Date(T0 + 3_600_000).toISOString());
    expect(views.map((v) => v.delivery)).toEqual(['failed', 'failed']); // the fold and its member
  });

  it('a sink still failing after its own retries fails the alert, not the run', async () => {
    const story = { id: 's' } as Story;
    const alert = { id: 'a' } as Alert;
    const down = alertOwnsItsFailure({ publish: async () => { throw new RetryableError('Slack webhook still failing after 5 attempts: ECONNREFUSED'); } });
    await expect(down.publish(alert, story)).rejects.toBeInstanceOf(AlertDeliveryError);
    const refusing = alertOwnsItsFailure({ publish: async () => { throw new AlertDeliveryError('HTTP 404'); } });
    await expect(refusing.publish(alert, story)).rejects.toThrow('HTTP 404');
  });
});

describe('newswatch ingest with a refusing webhook', () => {
  let dir: string;
  const slack = new FakeSlackWebhook();
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newswatch-delivery-cli-'));
    await slack.start();
  });
  afterAll(async () => {
    await slack.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('ingests every file, names each failed alert at the end, and exits 2', async () => {
    slack.script(...Array(10).fill(refused));
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('node', [CLI, 'ingest', SEEDS, '--track-all', '--quiet', '--slack-webhook', slack.url, '--data-dir', dir], { cwd: ROOT }, (error, out, err) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout: out, stderr: err });
      });
    });
    expect(stdout).toMatch(/5 documents: 5 ingested, 0 duplicate, 0 rejected/);
    const failed = stderr.split('\n').filter((line) => line.startsWith('✗ alert'));
    expect(failed).toHaveLength(4);
    expect(failed[0]).toMatch(/^✗ alert \S+ failed \(story \S+, outlet-b\): Slack webhook refused the message: HTTP 400 invalid_payload$/);
    expect(code).toBe(2);
  });
});
