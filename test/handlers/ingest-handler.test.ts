import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { AuthorizationErrorException, InvalidParameterException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import type { SQSEvent } from 'aws-lambda';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { S3ObjectSource } from '../../lambdas/adapters/s3';
import { SnsAlertPublisher } from '../../lambdas/adapters/sns';
import { DEFAULT_INGEST_CONFIG } from '../../lambdas/core/ingest';
import { createIngestHandler } from '../../lambdas/handlers/ingest';
import { startEmbedded, type EmbeddedRuntime } from '../../lambdas/targets/embedded';

// s3rver stores streamed uploads with chunk framing unless checksums are only sent when required.
process.env.AWS_REQUEST_CHECKSUM_CALCULATION = 'WHEN_REQUIRED';
process.env.AWS_RESPONSE_CHECKSUM_VALIDATION = 'WHEN_REQUIRED';

const BUCKET = 'newswatch-drop';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:newswatch-alerts';
const SEEDS = path.join(__dirname, '..', '..', 'examples', 'riyadh-talks', 'incoming');

interface S3EventRecord { eventName: string; s3: { bucket: { name: string }; object: { key: string; eTag?: string } } }

describe('ingest Lambda handler: S3 (s3rver) → SQS event → DynamoDB (dynalite) → SNS', () => {
  let s3rver: S3rver;
  let s3: S3Client;
  let runtime: EmbeddedRuntime;
  let dir: string;
  const snsMock = mockClient(SNSClient);
  const s3Events: S3EventRecord[] = [];
  let handler: ReturnType<typeof createIngestHandler>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newswatch-s3-'));
    s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    // s3rver emits S3 notification events; it is the stand-in for the bucket → SQS notification.
    (s3rver as unknown as NodeJS.EventEmitter).on('event', (event: { Records: S3EventRecord[] }) => s3Events.push(...event.Records));
    const { port } = await s3rver.run();
    s3 = new S3Client({
      endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    runtime = await startEmbedded({ dataDir: dir, inMemory: true });
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
    handler = handlerOver(runtime);
  });

  /** The handler as the Lambda builds it, over this store, s3rver and the SNS client (mocked at the wire). */
  function handlerOver(store: EmbeddedRuntime, overrides: Partial<Parameters<typeof createIngestHandler>[0]> = {}) {
    return createIngestHandler({
      store: store.store,
      publisher: new SnsAlertPublisher(new SNSClient({ region: 'us-east-1' }), TOPIC_ARN),
      objects: new S3ObjectSource(s3, 'quarantine/'),
      config: { ...DEFAULT_INGEST_CONFIG, trackAll: true },
      clock: () => new Date('2025-02-18T18:00:00Z'),
      log: () => undefined,
      ...overrides,
    });
  }

  afterAll(async () => {
    await runtime.close();
    s3.destroy();
    await s3rver.close();
    snsMock.restore();
    await rm(dir, { recursive: true, force: true });
  });

  /** Wraps the recorded S3 events into SQS messages the way the notification does; real S3 URL-encodes keys. */
  function drainAsSqsEvent(): SQSEvent {
    const records = s3Events.splice(0).filter((r) => r.eventName.startsWith('ObjectCreated') && r.s3.object.key.startsWith('incoming/'));
    return {
      Records: records.map((r, i) => ({
        messageId: `msg-${i}-${r.s3.object.key}`,
        body: JSON.stringify({ Records: [{ ...r, s3: { ...r.s3, object: { ...r.s3.object, key: encodeURIComponent(r.s3.object.key).replace(/%2F/g, '/').replace(/%20/g, '+') } } }] }),
      })) as SQSEvent['Records'],
    };
  }

  async function upload(key: string, body: Buffer | string, metadata?: Record<string, string>) {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, Metadata: metadata }));
  }

  it('ingests the five seeds dropped under incoming/<source>/ and publishes four new-source alerts', async () => {
    const sources = ['outlet a', 'outlet-b', 'news-journos', 'caliber-az', 'outlet-e'];
    const folders = ['outlet-a', 'outlet-b', 'news-journos', 'caliber-az', 'outlet-e'];
    for (let i = 0; i < 5; i++) {
      const [file] = (await require('node:fs/promises').readdir(path.join(SEEDS, folders[i]))) as string[];
      await upload(`incoming/${sources[i]}/${file}`, await readFile(path.join(SEEDS, folders[i], file)));
      // One message per drop, in order: the pipeline sees the sources arrive one by one.
      expect(await handler(drainAsSqsEvent())).toEqual({ batchItemFailures: [] });
    }
    const stories = await runtime.store.listStories();
    expect(stories).toHaveLength(1);
    expect(stories[0].sources).toHaveLength(5);
    expect(stories[0].sourceNames[stories[0].sources[0]]).toBe('outlet a');

    const publishes = snsMock.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(publishes).toHaveLength(4);
    for (const input of publishes) {
      expect(input.TopicArn).toBe(TOPIC_ARN);
      expect(input.Subject!.length).toBeLessThan(100);
      expect(input.Subject).toMatch(/^New source on: /);
      expect(input.MessageAttributes?.kind).toEqual({ DataType: 'String', StringValue: 'new-source' });
      expect(input.MessageAttributes?.storyId?.StringValue).toBe(stories[0].id);
    }
    expect(publishes[3].Message).toContain('outlet-e');
  });

  it('changes nothing when the same S3 event is delivered twice', async () => {
    const before = snsMock.commandCalls(PublishCommand).length;
    const file = path.join(SEEDS, 'caliber-az', '003_502df0261b767f7e.txt');
    await upload('incoming/caliber-az/again.txt', await readFile(file));
    const event = drainAsSqsEvent();
    await handler(event);
    await handler(event);
    expect(snsMock.commandCalls(PublishCommand).length).toBe(before);
    expect((await runtime.store.listStories())[0].articleCount).toBe(5);
  });

  it('quarantines a bad object with its error and still processes the message beside it', async () => {
    await upload('incoming/junk/empty.txt', '');
    await upload('incoming/other desk/derby.txt', await readFile(path.join(__dirname, '..', 'fixtures', 'unrelated', 'football-derby.txt')));
    const result = await handler(drainAsSqsEvent());
    expect(result.batchItemFailures).toEqual([]);
    const kept = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'quarantine/junk/empty.txt' }));
    expect(decodeURIComponent(kept.Metadata?.['newswatch-error'] ?? '')).toMatch(/empty/i);
    const original = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'incoming/junk/empty.txt' }));
    const log = await runtime.store.getObject('incoming/junk/empty.txt', original.VersionId ?? original.ETag?.replace(/"/g, ''));
    expect(log).toMatchObject({ status: 'rejected', quarantineKey: 'quarantine/junk/empty.txt' });
    expect(await runtime.store.listStories()).toHaveLength(2);
  });

  it('changes nothing twice when deliveries race: one drop delivered twice at once, another source at the same moment', async () => {
    // Its own store: the story under test starts empty.
    const raceDir = await mkdtemp(path.join(tmpdir(), 'newswatch-race-'));
    const raceStore = await startEmbedded({ dataDir: raceDir, inMemory: true });
    try {
      const race = handlerOver(raceStore);
      const seed = (folder: string, file: string) => readFile(path.join(SEEDS, folder, file));
      await upload('incoming/race-a/first.txt', await seed('outlet-a', '000_17b1c73d69787b68.txt'));
      expect(await race(drainAsSqsEvent())).toEqual({ batchItemFailures: [] });
      const before = snsMock.commandCalls(PublishCommand).length;

      await upload('incoming/race-b/second.txt', await seed('news-journos', '002_63f95944f78b5ba7.txt'));
      const twice = drainAsSqsEvent();
      await upload('incoming/race-c/third.txt', await seed('caliber-az', '003_502df0261b767f7e.txt'));
      const other = drainAsSqsEvent();
      const results = await Promise.all([race(twice), race(twice), race(other)]);

      // A lost race may hand its message back for a retry; the retries change nothing more.
      const retries = results.flatMap((r) => r.batchItemFailures);
      for (let i = 0; i < 3 && retries.length > 0; i++) {
        const again = await race({ Records: [...twice.Records, ...other.Records].filter((m) => retries.some((f) => f.itemIdentifier === m.messageId)) });
        retries.splice(0, retries.length, ...again.batchItemFailures);
      }
      expect(retries).toEqual([]);
      const [story] = await raceStore.store.listStories();
      expect(story).toMatchObject({ articleCount: 3, sources: expect.arrayContaining(['race-a', 'race-b', 'race-c']) });
      expect(story.sources).toHaveLength(3);
      const alerts = snsMock.commandCalls(PublishCommand).slice(before).map((c) => c.args[0].input.MessageAttributes?.source?.StringValue);
      expect(alerts.sort()).toEqual(['race-b', 'race-c']);
    } finally {
      await raceStore.close();
      await rm(raceDir, { recursive: true, force: true });
    }
  });

  it('returns the message for retry when a dependency fails transiently, and the retry publishes once', async () => {
    const file = path.join(SEEDS, 'outlet-b', '001_2a5c6933c16f0aef.txt');
    // Self-contained: the first drop makes (or joins) the story, the second is a new source on it.
    await upload('incoming/retry-first/copy.txt', await readFile(file));
    await handler(drainAsSqsEvent());
    snsMock.on(PublishCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }));
    await upload('incoming/retry-second/copy.txt', await readFile(file));
    const event = drainAsSqsEvent();
    const first = await handler(event);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0].messageId }]);
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-2' });
    const calls = snsMock.commandCalls(PublishCommand).length;
    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    // The retry publishes the alert recorded before the failure, exactly once.
    expect(snsMock.commandCalls(PublishCommand).length).toBe(calls + 1);
    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    expect(snsMock.commandCalls(PublishCommand).length).toBe(calls + 1);
  });

  describe('one failure policy: only bad input is rejected; anything else fails the SQS record', () => {
    let own: EmbeddedRuntime;
    let ownDir: string;
    beforeEach(async () => {
      ownDir = await mkdtemp(path.join(tmpdir(), 'newswatch-fail-'));
      own = await startEmbedded({ dataDir: ownDir, inMemory: true });
      snsMock.on(PublishCommand).resolves({ MessageId: 'm-ok' });
    });
    afterEach(async () => {
      snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
      await own.close();
      await rm(ownDir, { recursive: true, force: true });
    });

    const seed = (folder: string, file: string) => readFile(path.join(SEEDS, folder, file));

    /** The first seed is a story of one source; the next drop is a new source on it (one alert). */
    async function storyWithOneSource() {
      await upload('incoming/fail-a/first.txt', await seed('outlet-a', '000_17b1c73d69787b68.txt'));
      expect(await handlerOver(own)(drainAsSqsEvent())).toEqual({ batchItemFailures: [] });
      await upload('incoming/fail-b/second.txt', await seed('outlet-b', '001_2a5c6933c16f0aef.txt'));
      return drainAsSqsEvent();
    }

    async function nothingRejected(key: string) {
      const head = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      const log = await own.store.getObject(key, head.VersionId ?? head.ETag?.replace(/"/g, ''));
      expect(log?.status).not.toBe('rejected');
      expect(log?.results.filter((r) => r.status === 'rejected') ?? []).toEqual([]);
      await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key.replace(/^incoming\//, 'quarantine/') }))).rejects.toThrow();
      return log;
    }

    it('S3 AccessDenied on getObject: the record fails, nothing is quarantined or logged rejected', async () => {
      const deniedClient = new S3Client({ region: 'us-east-1' });
      const denied = mockClient(deniedClient);
      denied.on(GetObjectCommand).rejects(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'Access Denied' }));
      const logs: Record<string, unknown>[] = [];
      try {
        await upload('incoming/denied/one.txt', await seed('outlet-a', '000_17b1c73d69787b68.txt'));
        const event = drainAsSqsEvent();
        const result = await handlerOver(own, { objects: new S3ObjectSource(deniedClient, 'quarantine/'), log: (e) => logs.push(e) })(event);
        expect(result.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0].messageId }]);
        expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'ingest failed', retryable: false, error: expect.stringContaining('AccessDenied') }));
        expect(await nothingRejected('incoming/denied/one.txt')).toBeUndefined();
        expect(await own.store.listStories()).toEqual([]);
      } finally {
        denied.restore();
      }
    });

    it('SNS AuthorizationError on publish: the record fails, the article is failed (not rejected), and the retry publishes once', async () => {
      const event = await storyWithOneSource();
      snsMock.on(PublishCommand).rejects(new AuthorizationErrorException({ message: 'Not authorized to publish', $metadata: { httpStatusCode: 403 } }));
      const first = await handlerOver(own)(event);
      expect(first.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0].messageId }]);
      const log = await nothingRejected('incoming/fail-b/second.txt');
      expect(log).toMatchObject({ status: 'failed', error: expect.stringContaining('AuthorizationError') });
      const [story] = await own.store.listStories();
      const [alert] = await own.store.listAlerts(story.id);
      expect(alert).toMatchObject({ status: 'pending' });
      expect(alert.deliveryLeaseUntil).toBeUndefined(); // given back after the failed publish
      const article = await own.store.getArticle(story.articleIds[1]);
      expect(article).toMatchObject({ status: 'failed', error: expect.stringContaining('AuthorizationError') });

      snsMock.on(PublishCommand).resolves({ MessageId: 'm-ok' });
      const before = snsMock.commandCalls(PublishCommand).length;
      expect(await handlerOver(own)(event)).toEqual({ batchItemFailures: [] });
      expect(snsMock.commandCalls(PublishCommand).length).toBe(before + 1);
      expect((await own.store.listAlerts(story.id))[0].status).toBe('sent');
      const done = await own.store.getArticle(story.articleIds[1]);
      expect(done?.status).toBe('ingested');
      expect(done?.error).toBeUndefined();
      expect(await own.store.getObject('incoming/fail-b/second.txt', log!.version)).toMatchObject({ status: 'ingested' });
    });

    it('a bug (a plain Error) inside a store call: the record fails, nothing is rejected, the retry finishes the article', async () => {
      const event = await storyWithOneSource();
      let broken = true;
      const store = new Proxy(own.store, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop === 'claimCoverage' && broken) return async () => { broken = false; throw new Error('bug'); };
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const first = await handlerOver(own, { store })(event);
      expect(first.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0].messageId }]);
      expect(await nothingRejected('incoming/fail-b/second.txt')).toMatchObject({ status: 'failed', error: 'bug' });
      const [story] = await own.store.listStories();
      expect(await own.store.getArticle(story.articleIds[1])).toMatchObject({ status: 'failed', error: 'bug' });

      const before = snsMock.commandCalls(PublishCommand).length;
      expect(await handlerOver(own, { store })(event)).toEqual({ batchItemFailures: [] });
      expect(snsMock.commandCalls(PublishCommand).length).toBe(before + 1);
      expect(await own.store.getArticle(story.articleIds[1])).toMatchObject({ status: 'ingested' });
    });

    it('SNS refusing one message for good (InvalidParameter): that alert is failed, the article ingested, the message consumed', async () => {
      const event = await storyWithOneSource();
      snsMock.on(PublishCommand).rejects(new InvalidParameterException({ message: 'Invalid parameter: Message too long', $metadata: { httpStatusCode: 400 } }));
      const logs: Record<string, unknown>[] = [];
      expect(await handlerOver(own, { log: (e) => logs.push(e) })(event)).toEqual({ batchItemFailures: [] });
      expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'alert delivery failed' }));
      const [story] = await own.store.listStories();
      expect(await own.store.getArticle(story.articleIds[1])).toMatchObject({ status: 'ingested' });
      const [alert] = await own.store.listAlerts(story.id);
      expect(alert).toMatchObject({ status: 'failed', error: expect.stringContaining('InvalidParameter') });
      // A redelivery is a duplicate and publishes nothing more.
      const before = snsMock.commandCalls(PublishCommand).length;
      expect(await handlerOver(own)(event)).toEqual({ batchItemFailures: [] });
      expect(snsMock.commandCalls(PublishCommand).length).toBe(before);
    });
  });
});
