/**
 * The artifact that deploys is the artifact tested: each Lambda bundle of `cdk.out` (what `cdk
 * deploy` uploads: minified esbuild output and its source map) is loaded in a fresh Node process,
 * with the handler and the environment its function declares in the synthesized template, and run
 * once on the event it gets in AWS, against local stand-ins: dynalite (the table created from the
 * template), s3rver (the drop bucket), and a small HTTP server answering SNS Publish and Secrets
 * Manager GetSecretValue. Every AWS call a bundle makes is recorded and checked against its role's
 * policies in the same template: a call the role does not allow would be AccessDenied in AWS.
 *
 * `.ci/run` synthesizes before the tests; run alone, this test synthesizes when cdk.out is missing
 * or older than the sources (about 15 s).
 */
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ScheduledEvent, SNSEvent, SQSEvent } from 'aws-lambda';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import S3rver from 's3rver';
import { createDocumentClient, DynamoStore } from '../../lambdas/adapters/dynamodb';
import { DynamoFeedStore } from '../../lambdas/adapters/dynamodb/feed-store';
import { newFeed } from '../../lambdas/core/feeds/new-feed';
import { NewswatchStack } from '../../lib/newswatch-stack';
import { logicalId, testApp } from '../support/cdk-template';
import { startDynalite, type RunningEngine } from '../support/dynamo-engines';
import { FakeSlackWebhook } from '../support/slack-server';
import {
  AwsStub, deniedCalls, EXTRACTOR_MODULE, TAGGER_MODULE, deployedFunction, dynamoCall, invoke, readTemplate, recordingProxy, resolveEnvironment, s3Call,
  staleness, summarize, synthesize, SYNTH_ARGS, type AwsCall, type DeployedFunction, type Invocation, type LocalServer,
} from './bundle-harness';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const TABLE = 'Newswatch-StoreTable-bundles';
const BUCKET = 'newswatch-dropbucket-bundles';
const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:Newswatch-AlertsTopic`;
const SLACK_SECRET = 'newswatch/slack';
const SEEDS = path.join(__dirname, '..', '..', 'examples', 'riyadh-talks', 'incoming');

interface S3EventRecord { eventName: string; s3: { bucket: { name: string; arn?: string }; object: { key: string; size?: number; eTag?: string } } }

async function seed(folder: string): Promise<Buffer> {
  const [file] = await readdir(path.join(SEEDS, folder));
  return readFile(path.join(SEEDS, folder, file));
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('the Lambda bundles of cdk.out, run as Lambda runs them', () => {
  // The stack as lib/ declares it now: which logical ids to look for in cdk.out.
  const stack = new NewswatchStack(testApp(), 'Newswatch', { slackWebhookSecret: SLACK_SECRET });
  const ids = {
    ingest: logicalId(stack.ingestFunction.function),
    flusher: logicalId(stack.alertFlusher.function),
    poller: logicalId(stack.feedPoller.function),
    slack: logicalId(stack.slackNotifier!.function),
    digests: logicalId(stack.digestScheduler.function),
    table: logicalId(stack.storeTable.table),
    topic: logicalId(stack.alertsTopic.topic),
    bucket: logicalId(stack.dropBucket.bucket),
  };

  let fns: Record<'ingest' | 'flusher' | 'poller' | 'slack' | 'digests', DeployedFunction>;
  let dynalite: RunningEngine;
  let dynamoProxy: LocalServer;
  let s3rver: S3rver;
  let s3Proxy: LocalServer;
  let s3: S3Client;
  let dynamo: DynamoDBClient;
  let stub: AwsStub;
  let slack: FakeSlackWebhook;
  let feedServer: Server;
  let feedBase: string;
  const feedRequests: string[] = [];
  let dir: string;
  const calls: AwsCall[] = [];
  const s3Events: S3EventRecord[] = [];

  beforeAll(async () => {
    const expected = { resources: [ids.table, ids.topic, ids.bucket], functions: [ids.ingest, ids.flusher, ids.poller, ids.slack, ids.digests] };
    const why = staleness(expected);
    if (why) {
      const seconds = await synthesize();
      console.log(`${why}: ran npx ${SYNTH_ARGS.join(' ')} (${seconds.toFixed(1)} s)`);
      const still = staleness(expected, false);
      if (still) throw new Error(`after npx ${SYNTH_ARGS.join(' ')}: ${still}`);
    }
    const template = readTemplate();
    fns = {
      ingest: deployedFunction(template, ids.ingest),
      flusher: deployedFunction(template, ids.flusher),
      poller: deployedFunction(template, ids.poller),
      slack: deployedFunction(template, ids.slack),
      digests: deployedFunction(template, ids.digests),
    };

    dir = await mkdtemp(path.join(tmpdir(), 'newswatch-bundles-'));
    dynalite = await startDynalite();
    dynamoProxy = await recordingProxy(dynalite.endpoint, (req, body) => calls.push(dynamoCall({ [TABLE]: ids.table })(req, body)));
    dynamo = new DynamoDBClient({ endpoint: dynalite.endpoint, region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    // The table exactly as the synthesized template declares it (keys, attributes, indexes).
    const tables = Object.values(template.Resources).filter((r) => r.Type === 'AWS::DynamoDB::Table');
    expect(tables).toHaveLength(1);
    const { KeySchema, AttributeDefinitions, GlobalSecondaryIndexes } = tables[0].Properties as CreateTableCommandInput;
    await dynamo.send(new CreateTableCommand({ TableName: TABLE, BillingMode: 'PAY_PER_REQUEST', KeySchema, AttributeDefinitions, GlobalSecondaryIndexes }));

    s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(dir, 's3'), configureBuckets: [{ name: BUCKET, configs: [] }] });
    (s3rver as unknown as NodeJS.EventEmitter).on('event', (event: { Records: S3EventRecord[] }) => s3Events.push(...event.Records));
    const { port } = await s3rver.run();
    const s3Endpoint = `http://127.0.0.1:${port}`;
    s3Proxy = await recordingProxy(s3Endpoint, (req) => calls.push(s3Call({ [BUCKET]: ids.bucket })(req)));
    s3 = new S3Client({ endpoint: s3Endpoint, forcePathStyle: true, region: REGION, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });

    slack = new FakeSlackWebhook();
    await slack.start();
    stub = new AwsStub({ [TOPIC_ARN]: ids.topic }, { [SLACK_SECRET]: JSON.stringify({ webhookUrl: slack.url }) });
    await stub.start();

    // A feed on loopback (every address here is one): the poller in AWS must never fetch it.
    const item = (await seed('outlet-e')).toString('utf8');
    feedServer = createServer((req, res) => {
      feedRequests.push(req.url ?? '');
      if (req.url === '/wire.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local Wire</title><link>${feedBase}/</link><description>bundle test</description>
<item><title>Rubio and Lavrov agree on next steps in Riyadh</title><link>${feedBase}/riyadh-1</link><guid isPermaLink="false">local-wire-riyadh-1</guid>
<pubDate>${new Date().toUTCString()}</pubDate><description>${xml(item)}</description></item>
</channel></rss>`);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedBase = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;

    // What an operator set up with the CLI: a watch on Marco Rubio, and the feed.
    const doc = createDocumentClient(dynamo);
    await new DynamoStore(doc, TABLE).putWatch({ id: 'rubio', name: 'rubio', actors: ['Marco Rubio'], topics: [], keywords: [], createdAt: new Date().toISOString() });
    await new DynamoFeedStore(doc, TABLE).addFeed(newFeed({ url: `${feedBase}/wire.xml`, name: 'Local Wire' }, new Date(Date.now() - 60_000), 3600));
  }, 180_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (feedServer ? feedServer.close(() => resolve()) : resolve()));
    await stub?.close();
    await slack?.stop();
    await s3Proxy?.close();
    s3?.destroy();
    await s3rver?.close();
    await dynamoProxy?.close();
    dynamo?.destroy();
    await dynalite?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The function's environment from the template, its references bound to the local stand-ins. */
  function environment(fn: DeployedFunction, overrides: Record<string, string> = {}): Record<string, string> {
    return {
      ...resolveEnvironment(fn, { [ids.table]: TABLE, [ids.topic]: TOPIC_ARN, [ids.bucket]: BUCKET }),
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
      AWS_LAMBDA_FUNCTION_NAME: fn.logicalId,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_DYNAMODB: dynamoProxy.endpoint,
      AWS_ENDPOINT_URL_S3: s3Proxy.endpoint,
      AWS_ENDPOINT_URL_SNS: stub.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: stub.endpoint,
      // s3rver stores streamed uploads with chunk framing unless checksums are only sent when required.
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      ...overrides,
    };
  }

  /** One invocation; fails with the bundle's own error and logs, and on any call its role does not allow. */
  async function run(fn: DeployedFunction, event: unknown, overrides: Record<string, string> = {}): Promise<Invocation & { calls: AwsCall[] }> {
    const from = { calls: calls.length, stub: stub.calls.length };
    const invocation = await invoke(fn, event, environment(fn, overrides));
    const made = [...calls.slice(from.calls), ...stub.calls.slice(from.stub)];
    if (!invocation.ok) {
      throw new Error(`${fn.logicalId} failed (${invocation.phase}): ${invocation.error?.stack || invocation.error?.message}\nlogs: ${JSON.stringify(invocation.logs).slice(0, 3000)}\nstderr: ${invocation.stderr.slice(-3000)}`);
    }
    expect({ fn: fn.logicalId, denied: summarize(deniedCalls(fn, made)) }).toEqual({ fn: fn.logicalId, denied: [] });
    expect(made.filter((c) => c.action === 'dynamodb:Scan')).toEqual([]);
    return { ...invocation, calls: made };
  }

  async function upload(key: string, body: Buffer | string): Promise<void> {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes, ContentLength: bytes.length }));
  }

  /** The S3 notifications so far as the SQS batch the ingest queue delivers (keys URL-encoded, as S3 sends them). */
  function drainAsSqsEvent(): SQSEvent {
    const records = s3Events.splice(0).filter((r) => r.eventName.startsWith('ObjectCreated') && r.s3.object.key.startsWith('incoming/'));
    return {
      Records: records.map((r, i) => ({
        messageId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}-${r.s3.object.key}`,
        receiptHandle: `receipt-${i}`,
        body: JSON.stringify({ Records: [{ ...r, awsRegion: REGION, s3: { ...r.s3, object: { ...r.s3.object, key: encodeURIComponent(r.s3.object.key).replace(/%2F/g, '/').replace(/%20/g, '+') } } }] }),
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'AIDAS3', ApproximateFirstReceiveTimestamp: String(Date.now()) },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:Newswatch-IngestQueue`,
        awsRegion: REGION,
      })),
    };
  }

  function scheduledEvent(rule: string): ScheduledEvent {
    return {
      version: '0', id: `event-${Date.now()}`, 'detail-type': 'Scheduled Event', source: 'aws.events', account: ACCOUNT,
      time: new Date().toISOString(), region: REGION, resources: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/${rule}`], detail: {},
    };
  }

  it('are what cdk deploy uploads: one per function, Node.js 24, minified, with a source map and no sources inside', () => {
    for (const fn of Object.values(fns)) {
      expect(fn.runtime).toBe('nodejs24.x');
      // Stack traces are mapped by the handler on the first one (source-mapped-stacks.ts), not by Node at load.
      expect(fn.environment.NODE_OPTIONS).toBeUndefined();
      const code = fs.readFileSync(path.join(fn.assetDir, fn.file), 'utf8');
      // Minified: whitespace is a few % of the code (about 22% unminified), identifiers renamed (the map keeps their names).
      expect((code.match(/[ \t]/g) ?? []).length / code.length).toBeLessThan(0.08);
      expect(code.trimEnd().split('\n').pop()).toBe(`//# sourceMappingURL=${fn.file}.map`);
      const map = JSON.parse(fs.readFileSync(path.join(fn.assetDir, `${fn.file}.map`), 'utf8')) as { sources: string[]; names: string[]; sourcesContent?: unknown };
      expect(map.names.length).toBeGreaterThan(1000);
      expect(map.sources.some((s) => s.includes('lambdas/handlers/'))).toBe(true);
      expect(map.sourcesContent).toBeUndefined();
      // Beside the code, only JSON the code requires (the tagger's data; the SDK's package.json for its
      // version), the HTML extractor it requires on first use (htmlLibraries.js, with its map), and
      // franc-min's trigram profiles (data.js, which requires them as franc-profiles.json).
      const others = fs.readdirSync(fn.assetDir).filter((f) => f !== fn.file && f !== `${fn.file}.map`);
      const profiles = others.includes('data.js') ? fs.readFileSync(path.join(fn.assetDir, 'data.js'), 'utf8') : '';
      for (const file of others) {
        if (file === 'htmlLibraries.js.map') continue;
        expect(file).toMatch(/\.json$|^htmlLibraries\.js$|^data\.js$/);
        if (file === 'franc-profiles.json') expect(profiles).toContain('require("./franc-profiles.json")');
        else if (file === 'data.js') expect(code).toContain('require("./data.js")');
        else expect(code).toContain(`require("./${file.replace(/\.js$/, '')}")`);
      }
    }
    expect(new Set(Object.values(fns).map((fn) => fn.assetDir)).size).toBe(5);
  });

  it('read franc-min\'s trigram profiles as JSON beside the code, the same profiles, through one external ./data.js', async () => {
    const { data } = (await import('franc-min/data.js')) as { data: Record<string, Record<string, string>> };
    for (const fn of [fns.ingest, fns.poller]) {
      const code = fs.readFileSync(path.join(fn.assetDir, fn.file), 'utf8');
      // Not in the code: the profiles' first Latin entries are nowhere in index.js.
      expect(code).not.toContain(data.Latin.spa.slice(0, 40));
      const loaded = require(path.join(fn.assetDir, 'data.js')) as { data: unknown };
      expect(loaded.data).toEqual(data);
    }
    // The external is any import written `./data.js`: the only modules of any bundle that write one are
    // franc-min's index and the alias detectLanguage.ts reads the profiles through.
    for (const fn of Object.values(fns)) {
      const map = JSON.parse(fs.readFileSync(path.join(fn.assetDir, `${fn.file}.map`), 'utf8')) as { sources: string[] };
      expect(map.sources.filter((s) => /\/data\.js$/.test(s))).toEqual([]);
      const importers = map.sources.map((s) => path.resolve(fn.assetDir, s))
        .filter((file) => fs.existsSync(file) && /['"]\.\/data\.js['"]/.test(fs.readFileSync(file, 'utf8')))
        .map((file) => path.relative(path.join(__dirname, '..', '..'), file));
      const code = fs.readFileSync(path.join(fn.assetDir, fn.file), 'utf8');
      expect(importers.sort()).toEqual(code.includes('require("./data.js")') ? ['lib/bundling/franc-profiles.js', 'node_modules/franc-min/index.js'] : []);
    }
  });

  it('map a failure\'s stack trace to the TypeScript sources, lines and function names (the handler maps them: no --enable-source-maps)', async () => {
    // Deployed without its table: the first invocation's requiredEnv('TABLE_NAME') throws.
    const { TABLE_NAME: _table, ...withoutTable } = environment(fns.ingest);
    const failed = await invoke(fns.ingest, { Records: [] }, withoutTable);
    expect(failed.ok).toBe(false);
    expect(failed.error?.message).toMatch(/TABLE_NAME is not set/);
    const lineOf = (file: string, text: string) => fs.readFileSync(path.join(__dirname, '..', '..', 'lambdas', 'handlers', file), 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;
    const frames = failed.error!.stack.split('\n').filter((line) => line.trimStart().startsWith('at ')).map((line) => line.trim());
    expect(frames[0]).toMatch(new RegExp(`^at requiredEnv \\(.*lambdas/handlers/environment\\.ts:${lineOf('environment.ts', 'throw new')}:\\d+\\)$`));
    expect(frames[1]).toMatch(new RegExp(`^at depsFromEnvironment \\(.*lambdas/handlers/ingest\\.ts:${lineOf('ingest.ts', "requiredEnv('TABLE_NAME')")}:\\d+\\)$`));
    // Every frame of the bundle is mapped: none is left at a position in the minified index.js.
    expect(frames.filter((frame) => /index\.js:\d+/.test(frame))).toEqual([]);
  });

  it('hold only what their handler imports: the alert flusher, the Slack notifier and the digests carry no tagger and no HTML extractor', () => {
    // The source map lists every module esbuild put in the bundle (metafile inputs, minus the ones that left no code).
    // Every map of the asset: index.js and the HTML extractor beside it (htmlLibraries.js), when it has one.
    const modulesOf = (fn: DeployedFunction) => fs.readdirSync(fn.assetDir).filter((f) => f.endsWith('.js.map'))
      .flatMap((f) => (JSON.parse(fs.readFileSync(path.join(fn.assetDir, f), 'utf8')) as { sources: string[] }).sources);
    const tagger = (m: string) => TAGGER_MODULE.test(m);
    const extractor = (m: string) => EXTRACTOR_MODULE.test(m);
    // The markers are real: the ingest bundle, which tags and reads pages, has both.
    expect(modulesOf(fns.ingest).filter(tagger).length).toBeGreaterThan(5);
    expect(modulesOf(fns.ingest).filter(extractor).length).toBeGreaterThan(5);
    for (const fn of [fns.flusher, fns.slack, fns.digests]) {
      expect({ fn: fn.logicalId, tagger: modulesOf(fn).filter(tagger), extractor: modulesOf(fn).filter(extractor) })
        .toEqual({ fn: fn.logicalId, tagger: [], extractor: [] });
      // And no tagger data beside it.
      expect(fs.readdirSync(fn.assetDir).filter((f) => /^(?:weights|name-lists|iptc)-/.test(f))).toEqual([]);
    }
    expect(fs.readdirSync(fns.ingest.assetDir).filter((f) => /^(?:weights|name-lists|iptc)-/.test(f))).toHaveLength(3);
  });

  it('ingest: the deployed configuration ingests a drop from S3, quarantines a bad one and holds the alert', async () => {
    await upload('incoming/outlet-a/000.txt', await seed('outlet-a'));
    await upload('incoming/junk/empty.txt', '');
    const first = await run(fns.ingest, drainAsSqsEvent());
    expect(first.result).toEqual({ batchItemFailures: [] });
    expect(first.logs.filter((l) => l.message === 'ingested object').map((l) => l.key).sort()).toEqual(['incoming/junk/empty.txt', 'incoming/outlet-a/000.txt']);
    const kept = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'quarantine/junk/empty.txt' }));
    expect(decodeURIComponent(kept.Metadata?.['newswatch-error'] ?? '')).toMatch(/empty/i);
    expect(summarize(first.calls).filter((c) => c.startsWith('s3:'))).toEqual([
      `s3:GetObject ${ids.bucket}.Arn/incoming/junk/empty.txt`,
      `s3:GetObject ${ids.bucket}.Arn/incoming/outlet-a/000.txt`,
      `s3:PutObject ${ids.bucket}.Arn/quarantine/junk/empty.txt`,
    ]);

    // A second outlet on the same story: a new source on a story the watch tracks. The deployed
    // cooldown (600 s) would hold it ten minutes: `-c alertCooldownSeconds=1` holds it one second.
    await upload('incoming/outlet-b/001.txt', await seed('outlet-b'));
    const second = await run(fns.ingest, drainAsSqsEvent(), { ALERT_COOLDOWN_SECONDS: '1' });
    expect(second.result).toEqual({ batchItemFailures: [] });
    expect(second.calls.some((c) => c.action === 'dynamodb:UpdateItem')).toBe(true);
    expect(stub.publishes).toEqual([]);
  });

  it('alert flusher: on its schedule event, publishes the held alert, folded, once its cooldown has ended', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const flushed = await run(fns.flusher, scheduledEvent('Newswatch-AlertFlusherSchedule'));
    expect(flushed.result).toMatchObject({ delivered: 1, kept: 0 });
    expect(flushed.calls.some((c) => c.action === 'dynamodb:Query' && c.resource === `${ids.table}.Arn/index/gsi1`)).toBe(true);
    expect(flushed.calls.some((c) => c.action === 'dynamodb:DeleteItem')).toBe(true);
    expect(stub.publishes).toHaveLength(1);
    const [publish] = stub.publishes;
    expect(publish.TopicArn).toBe(TOPIC_ARN);
    expect(publish.Subject).toMatch(/^New source/);
    expect(publish.MessageStructure).toBe('json');
    expect(publish.MessageAttributes).toMatchObject({
      kind: { DataType: 'String', StringValue: 'new-source' },
      watchIds: { DataType: 'String.Array', StringValue: JSON.stringify(['rubio']) },
      storyId: { DataType: 'String', StringValue: expect.any(String) },
      source: { DataType: 'String', StringValue: 'outlet-b' },
    });
    const message = JSON.parse(publish.Message) as { default: string; email: string; lambda: string };
    expect(message.email).toContain('outlet-b');
    expect(JSON.parse(message.lambda)).toMatchObject({ version: 1, alert: { storyId: publish.MessageAttributes.storyId.StringValue } });

    // Nothing is due any more: the next minute publishes nothing.
    expect((await run(fns.flusher, scheduledEvent('Newswatch-AlertFlusherSchedule'))).result).toMatchObject({ delivered: 0, kept: 0 });
    expect(stub.publishes).toHaveLength(1);
  });

  it('ingest with alertCooldownSeconds=0: publishes the new-source alert itself', async () => {
    await upload('incoming/news-journos/002.txt', await seed('news-journos'));
    const run0 = await run(fns.ingest, drainAsSqsEvent(), { ALERT_COOLDOWN_SECONDS: '0' });
    expect(run0.result).toEqual({ batchItemFailures: [] });
    expect(stub.publishes).toHaveLength(2);
    expect(stub.publishes[1].MessageAttributes).toMatchObject({
      source: { StringValue: 'news-journos' },
      watchIds: { DataType: 'String.Array', StringValue: JSON.stringify(['rubio']) },
      storyId: { StringValue: stub.publishes[0].MessageAttributes.storyId.StringValue },
    });
  });

  it('feed poller: on its schedule event, polls the due feed, and its SSRF guard refuses a loopback address whatever the environment says', async () => {
    // The poller Lambda never fetches from private networks: not even with the opt-in set.
    expect(fns.poller.environment.NEWSWATCH_ALLOW_PRIVATE_NETWORK).toBeUndefined();
    const polled = await run(fns.poller, scheduledEvent('Newswatch-FeedPollerSchedule'), { NEWSWATCH_ALLOW_PRIVATE_NETWORK: '1' });
    expect(polled.result).toEqual({ polled: 1, newItems: 0 });
    expect(polled.logs.find((l) => l.message === 'polled feed')).toMatchObject({ status: 'error', error: expect.stringMatching(/loopback/) });
    expect(feedRequests).toEqual([]);
    expect(polled.calls.filter((c) => c.action.startsWith('s3:'))).toEqual([]);
    // The due feed found on gsi1 (a Query by name), its failure recorded on it.
    expect(polled.calls.some((c) => c.action === 'dynamodb:Query' && c.resource === `${ids.table}.Arn/index/gsi1`)).toBe(true);
    const [feed] = await new DynamoFeedStore(createDocumentClient(dynamo), TABLE).listFeeds();
    expect(feed).toMatchObject({ errorCount: 1, lastError: expect.stringMatching(/loopback/) });

    // Polled again at once: the feed is not due.
    const again = await run(fns.poller, scheduledEvent('Newswatch-FeedPollerSchedule'));
    expect(again.result).toEqual({ polled: 0, newItems: 0 });
  });

  it('Slack notifier: on the SNS event of a published alert, reads its secret and posts the alert', async () => {
    const [publish] = stub.publishes;
    const message = JSON.parse(publish.Message) as { lambda: string };
    const event: SNSEvent = {
      Records: [{
        EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: `${TOPIC_ARN}:subscription`,
        Sns: {
          Type: 'Notification', MessageId: 'sns-1', TopicArn: TOPIC_ARN, Subject: publish.Subject ?? '', Message: message.lambda,
          Timestamp: new Date().toISOString(), SignatureVersion: '1', Signature: '', SigningCertUrl: '', UnsubscribeUrl: '',
          MessageAttributes: Object.fromEntries(Object.entries(publish.MessageAttributes).map(([name, a]) => [name, { Type: a.DataType, Value: a.StringValue ?? '' }])),
        },
      }],
    };
    const posted = await run(fns.slack, event);
    expect(posted.result).toBeNull();
    expect(summarize(posted.calls)).toEqual([`secretsmanager:GetSecretValue arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${SLACK_SECRET}-AbCdEf`]);
    expect(slack.requests).toHaveLength(1);
    expect(slack.requests[0].json).toMatchObject({ blocks: expect.any(Array) });
    expect(slack.requests[0].body).toContain('outlet-b');
  });

  it('digests: on the daily schedule\'s event, publishes the day\'s digest of the watch once; a second run sends nothing', async () => {
    // The alerts above were recorded today: run as the schedule does just after midnight (UTC).
    const tomorrow = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1, 0, 10)).toISOString();
    const before = stub.publishes.length;
    const sent = await run(fns.digests, { period: 'daily', at: tomorrow });
    expect(sent.result).toEqual({ sent: 1, alreadySent: 0, failed: 0 });
    expect(sent.calls.some((c) => c.action === 'dynamodb:Query' && c.resource === `${ids.table}.Arn/index/gsi1`)).toBe(true);
    expect(stub.publishes).toHaveLength(before + 1);
    const digest = stub.publishes[before];
    expect(digest.Subject).toMatch(/^Daily digest, rubio: 1 story you track gained 2 new sources$/);
    expect(digest.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'digest' },
      delivery: { DataType: 'String.Array', StringValue: '["daily"]' },
      period: { DataType: 'String', StringValue: 'daily' },
      watchIds: { DataType: 'String.Array', StringValue: '["rubio"]' },
    });
    expect(JSON.parse(digest.Message).email).toContain('outlet-b');
    const again = await run(fns.digests, { period: 'daily', at: tomorrow });
    expect(again.result).toEqual({ sent: 0, alreadySent: 1, failed: 0 });
    expect(stub.publishes).toHaveLength(before + 1);
  });

  it('ingest: reads an HTML page (linkedom and Readability, loaded on first use) and a headline CSV in the bundle', async () => {
    const paragraph = 'The harbour festival opened on Saturday with a parade of tall ships along the river, organisers said. ';
    await upload('incoming/harbour-news/festival.html', `<!DOCTYPE html><html><head><title>Harbour festival opens</title><style>p{color:red}</style></head>` +
      `<body><nav><a href="/">Home</a></nav><article><h1>Harbour festival opens</h1><p>${paragraph.repeat(6)}</p><p>${paragraph.repeat(4)}</p></article></body></html>`);
    await upload('incoming/aggregator/headlines.csv', 'Headline;Link;Publisher;Date\r\n' +
      '"Tall ships sail into the harbour; festival opens";https://harbour.example/ships;Harbour Times;2024-06-01 09:00\r\n' +
      'Harbour festival draws record crowds;https://coast.example/crowds;Coast Daily;2024-06-01 10:00\r\n');
    const drop = await run(fns.ingest, drainAsSqsEvent());
    expect(drop.result).toEqual({ batchItemFailures: [] });
    const byKey = Object.fromEntries(drop.logs.filter((l) => l.message === 'ingested object').map((l) => [l.key, (l.results as { status: string }[]).map((r) => r.status)]));
    expect(byKey).toEqual({ 'incoming/harbour-news/festival.html': ['ingested'], 'incoming/aggregator/headlines.csv': ['ingested', 'ingested'] });
  });
});
