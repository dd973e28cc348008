import { PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDocumentClient, DynamoAlertQueue } from '../../lambdas/adapters/dynamodb';
import { SnsAlertPublisher, subscribeEmail } from '../../lambdas/adapters/sns';
import { renderAlert } from '../../lambdas/core/alert';
import { flushDueAlerts } from '../../lambdas/core/ingest';
import type { Alert, DigestFrequency } from '../../lambdas/core/model';
import { ingestFiles } from '../../lambdas/local/ingest';
import { subscribeByEmail } from '../../lambdas/app/subscribe';
import { openAwsTarget } from '../../lambdas/targets/aws';
import { LOCAL_TABLE_NAME } from '../../lambdas/targets/embedded';
import type { AlertPublisher } from '../../lambdas/ports/alerts';
import { FakeSlackWebhook } from '../support/slack-server';
import { useFreshRuntime } from '../support/fresh-runtime';

const SEEDS = path.join(__dirname, '..', '..', 'examples', 'riyadh-talks', 'incoming');
const T0 = Date.parse('2025-02-18T18:00:00.000Z');

async function alertLines(dataDir: string): Promise<Alert[]> {
  const text = await readFile(path.join(dataDir, 'alerts.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Alert);
}

describe('storm control on the seeds (embedded store)', () => {
  const fresh = useFreshRuntime('newswatch-storm-');

  /** A clock the one-shot run's waits advance: no real time passes. */
  function fakeTime() {
    let now = T0;
    const waits: number[] = [];
    return {
      clock: () => new Date(now),
      sleep: async (ms: number) => { waits.push(ms); now += ms; },
      tick: (ms: number) => { now += ms; },
      waits,
    };
  }

  it('with a cooldown of 0 gives 4 alerts, one per new source, at once', async () => {
    const time = fakeTime();
    const results = (await ingestFiles(fresh.runtime, [SEEDS], { trackAll: true, cooldownSeconds: 0, ...time })).results;
    expect(results.flatMap((r) => r.alerts ?? [])).toHaveLength(4);
    expect(await alertLines(fresh.dataDir)).toHaveLength(4);
    expect(time.waits).toEqual([]);
  });

  it('with a cooldown longer than the run gives 1 alert listing the 4 new sources, delivered when the cooldown ends', async () => {
    const time = fakeTime();
    const delivered: Alert[] = [];
    const results = (await ingestFiles(fresh.runtime, [SEEDS], {
      waitHeld: true,
      trackAll: true, cooldownSeconds: 3600, ...time, onDelivered: (a) => delivered.push(a),
      // Each file takes a second of the fake clock: the sources arrive one by one.
      onResult: () => time.tick(1000),
    })).results;
    expect(results.flatMap((r) => r.alerts ?? [])).toHaveLength(0);
    expect(results.flatMap((r) => r.held ?? []).map((h) => h.heldUntil)).toEqual(Array(4).fill('2025-02-18T19:00:01.000Z'));

    const lines = await alertLines(fresh.dataDir);
    expect(lines).toHaveLength(1);
    const [folded] = lines;
    expect(folded.newSources!.map((e) => e.source.id)).toEqual(['outlet-b', 'news-journos', 'caliber-az', 'outlet-e']);
    expect(folded.sourceCount).toBe(5);
    // The first new source came at 18:00:01; the run waited out the rest of its hour, no longer.
    expect(time.waits).toEqual([3600_000 - 4000]);
    expect(delivered.map((a) => a.id)).toEqual([folded.id]);
    expect(renderAlert(folded).subject).toMatch(/^4 new sources on: /);

    const stored = await fresh.runtime.store.listAlerts(folded.storyId);
    expect(stored.filter((a) => a.status !== 'sent')).toEqual([]);
    expect(stored.find((a) => a.id === folded.id)!.sentAt).toBe('2025-02-18T19:00:01.000Z');
    expect(fresh.runtime.commandCounts.ScanCommand ?? 0).toBe(0);
  });

  it('posts the folded alert to a Slack webhook too', async () => {
    const slack = new FakeSlackWebhook();
    await slack.start();
    try {
      await ingestFiles(fresh.runtime, [SEEDS], { trackAll: true, cooldownSeconds: 60, slackWebhook: slack.url, waitHeld: true, ...fakeTime() });
      expect(slack.requests).toHaveLength(1);
      expect((slack.requests[0].json as { text: string }).text).toMatch(/^4 new sources on: /);
    } finally {
      await slack.stop();
    }
  });

  it('loses no source and sends none twice when the publish fails, and a source joins, mid-flush', async () => {
    const time = fakeTime();
    // Hold 3 sources, deliver nothing yet (a fixed clock far before the due time, no flush loop).
    const queue = new DynamoAlertQueue(createDocumentClient(fresh.runtime.client), LOCAL_TABLE_NAME);
    const files = ['outlet-a', 'outlet-b', 'news-journos', 'caliber-az'].map((d) => path.join(SEEDS, d));
    const sinkLines: Alert[] = [];
    let failNext = true;
    const publisher: AlertPublisher = {
      publish: async (alert) => {
        if (failNext) { failNext = false; throw new Error('SNS is down'); }
        sinkLines.push(alert);
      },
    };
    const { ingestObject } = await import('../../lambdas/core/ingest');
    const { readLocalObject, listInputFiles } = await import('../../lambdas/adapters/local/file-objects');
    const deps = { store: fresh.runtime.store, publisher, alertQueue: queue };
    const { DEFAULT_INGEST_CONFIG } = await import('../../lambdas/core/ingest');
    const config = { ...DEFAULT_INGEST_CONFIG, trackAll: true, alertCooldownSeconds: 600 };
    const ingest = async (dir: string) => {
      for (const file of await listInputFiles([dir])) await ingestObject(await readLocalObject(file), { now: time.clock().toISOString(), config }, deps);
    };
    for (const dir of files.slice(0, 3)) await ingest(dir);

    time.tick(600_000);
    await expect(flushDueAlerts(time.clock().toISOString(), deps)).rejects.toThrow('SNS is down');
    // The folded alert was recorded before the failed publish; a fourth source arrives now.
    await ingest(files[3]);
    const retry = await flushDueAlerts(time.clock().toISOString(), deps);
    // The retry re-sends the recorded fold (2 sources) and folds the newcomer on its own.
    expect(sinkLines.map((a) => a.newSources!.map((e) => e.source.id))).toEqual([['outlet-b', 'news-journos'], ['caliber-az']]);
    expect(retry.kept).toEqual([]);
    expect(await queue.nextHold()).toBeUndefined();
    const again = await flushDueAlerts(time.clock().toISOString(), deps);
    expect(again.delivered).toEqual([]);
    expect(sinkLines).toHaveLength(2);
  });

  it('keeps a hold an alert joined while it was being flushed (version check), and releases it after', async () => {
    const queue = new DynamoAlertQueue(createDocumentClient(fresh.runtime.client), LOCAL_TABLE_NAME);
    const first = await queue.holdAlerts('s1', '2025-02-18T18:10:00.000Z');
    const joined = await queue.holdAlerts('s1', '2025-02-18T18:20:00.000Z');
    expect(joined).toEqual({ storyId: 's1', dueAt: '2025-02-18T18:10:00.000Z', version: 2 });
    await queue.holdAlerts('s2', '2025-02-18T18:05:00.000Z');
    expect((await queue.listDueHolds('2025-02-18T18:10:00.000Z')).map((h) => h.storyId)).toEqual(['s2', 's1']);
    expect((await queue.listDueHolds('2025-02-18T18:09:59.999Z')).map((h) => h.storyId)).toEqual(['s2']);
    expect(await queue.releaseHold(first)).toBe(false);
    expect(await queue.releaseHold(joined)).toBe(true);
    expect((await queue.nextHold())?.storyId).toBe('s2');
    expect(fresh.runtime.commandCounts.ScanCommand ?? 0).toBe(0);
  });
});

describe('SNS: the folded alert and subscriptions, on the exact command input', () => {
  const sns = mockClient(SNSClient);
  afterAll(() => sns.restore());
  beforeEach(() => sns.reset());

  it('publishes text for email and the alert as JSON for Lambda, with filter attributes', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const folded: Alert = {
      id: 'f1', kind: 'new-source', storyId: 'story-1', headline: 'Talks in Riyadh',
      source: { id: 'ap', name: 'AP', origin: 'key-prefix' }, articleId: 'a2', articleTitle: 'AP on the talks', url: 'https://ap.example/a2',
      sourceCount: 3, sourceNames: ['Reuters', 'AP', 'BBC'], firstSeen: '2025-02-18T10:00:00Z',
      watchIds: ['rubio'], actorIds: ['p:marco-rubio'], topicIds: ['iptc:11000000'], topActors: ['Marco Rubio'], topTopics: ['politics'],
      reason: '2 new sources on a story you track (watch "rubio" matched actor Marco Rubio); held during the story\'s cooldown and sent as one alert',
      createdAt: '2025-02-18T10:15:00Z', status: 'pending', memberAlertIds: ['m1', 'm2'],
      newSources: [
        { source: { id: 'ap', name: 'AP', origin: 'key-prefix' }, articleId: 'a2', articleTitle: 'AP on the talks', url: 'https://ap.example/a2', at: '2025-02-18T10:05:00Z', reason: 'r' },
        { source: { id: 'bbc', name: 'BBC', origin: 'key-prefix' }, articleId: 'a3', articleTitle: 'BBC on the talks', at: '2025-02-18T10:07:00Z', reason: 'r' },
      ],
    };
    await new SnsAlertPublisher(new SNSClient({ region: 'eu-west-1' }), 'arn:aws:sns:eu-west-1:1:alerts').publish(folded, { id: 'story-1' } as never);
    const text = renderAlert(folded).text;
    expect(sns.commandCalls(PublishCommand).map((c) => c.args[0].input)).toEqual([{
      TopicArn: 'arn:aws:sns:eu-west-1:1:alerts',
      Subject: '2 new sources on: Talks in Riyadh',
      MessageStructure: 'json',
      Message: JSON.stringify({ default: text, email: text, lambda: JSON.stringify({ version: 1, alert: folded }) }),
      MessageAttributes: {
        kind: { DataType: 'String', StringValue: 'new-source' },
        delivery: { DataType: 'String', StringValue: 'as-it-happens' },
        storyId: { DataType: 'String', StringValue: 'story-1' },
        source: { DataType: 'String', StringValue: 'ap' },
        watchIds: { DataType: 'String.Array', StringValue: '["rubio"]' },
        actorIds: { DataType: 'String.Array', StringValue: '["p:marco-rubio"]' },
        topicIds: { DataType: 'String.Array', StringValue: '["iptc:11000000"]' },
        newSourceIds: { DataType: 'String.Array', StringValue: '["ap","bbc"]' },
      },
    }]);
    expect(text).toContain('2 new sources since 2025-02-18T10:05:00Z:\n- AP: AP on the talks\n  https://ap.example/a2\n- BBC: BBC on the talks');
  });

  it('`subscribe --email … --watch …` subscribes with a filter policy on watchIds', async () => {
    sns.on(SubscribeCommand).resolves({ SubscriptionArn: 'pending confirmation' });
    const client = new SNSClient({ region: 'eu-west-1' });
    const target = {
      subscribeEmail: (email: string, watchIds: string[], delivery?: DigestFrequency) => subscribeEmail(client, { topicArn: 'arn:t', email, watchIds, delivery }),
    };
    await subscribeByEmail(target, { email: 'ana@example.org', watches: ['Rubio', 'Ukraine war'] });
    await subscribeByEmail(target, { email: 'ops@example.org' });
    await subscribeByEmail(target, { email: 'weekly@example.org', delivery: 'weekly' });
    // Every subscription filters on `delivery`: single alerts (and digests of digest watches), or one digest per period.
    expect(sns.commandCalls(SubscribeCommand).map((c) => c.args[0].input)).toEqual([
      { TopicArn: 'arn:t', Protocol: 'email', Endpoint: 'ana@example.org', ReturnSubscriptionArn: true,
        Attributes: { FilterPolicyScope: 'MessageAttributes', FilterPolicy: '{"delivery":["as-it-happens"],"watchIds":["rubio","ukraine-war"]}' } },
      { TopicArn: 'arn:t', Protocol: 'email', Endpoint: 'ops@example.org', ReturnSubscriptionArn: true,
        Attributes: { FilterPolicyScope: 'MessageAttributes', FilterPolicy: '{"delivery":["as-it-happens"]}' } },
      { TopicArn: 'arn:t', Protocol: 'email', Endpoint: 'weekly@example.org', ReturnSubscriptionArn: true,
        Attributes: { FilterPolicyScope: 'MessageAttributes', FilterPolicy: '{"delivery":["weekly"]}' } },
    ]);
    await expect(subscribeByEmail(target, { email: 'not-an-address' })).rejects.toThrow(/not an email/);
  });

  it('`subscribe` finds the topic in the outputs file `cdk deploy --outputs-file` wrote, and says what to do without one', async () => {
    sns.on(SubscribeCommand).resolves({ SubscriptionArn: 'pending confirmation' });
    const dir = await mkdtemp(path.join(tmpdir(), 'newswatch-outputs-'));
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
    try {
      const outputsFile = path.join(dir, 'cdk-outputs.json');
      await writeFile(outputsFile, JSON.stringify({ Newswatch: { BucketName: 'b', TableName: 't', TopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts' } }));
      const target = await openAwsTarget({ outputsFile });
      await subscribeByEmail(target, { email: 'ana@example.org' });
      await target.close();
      expect(sns.commandCalls(SubscribeCommand).at(-1)!.args[0].input.TopicArn).toBe('arn:aws:sns:eu-west-1:123456789012:alerts');
      await expect(openAwsTarget({ outputsFile: path.join(dir, 'absent.json') })).rejects.toThrow(/cdk deploy --outputs-file cdk-outputs.json/);
      await writeFile(outputsFile, 'not json');
      await expect(openAwsTarget({ outputsFile })).rejects.toThrow(/is not the JSON cdk deploy writes/);
    } finally {
      process.env = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
