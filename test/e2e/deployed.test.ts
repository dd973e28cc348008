/**
 * The deployed stack, stood in for by local engines: DynamoDB Local holds a table created from the
 * key schema and indexes of the table in the *synthesized template* (a drift between stack and
 * adapter fails here), s3rver is the drop bucket, and a cdk-outputs.json names them. The CLI runs
 * with --aws as a user would, through the standard AWS_ENDPOINT_URL_* variables; the ingest Lambda's
 * own handler (configured from its environment, as in AWS) takes the S3 events, and SNS is checked
 * at the exact PublishCommand input.
 */
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import type { SQSEvent } from 'aws-lambda';
import { Template } from 'aws-cdk-lib/assertions';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { NewswatchStack } from '../../lib/newswatch-stack';
import { startDynamoDbLocal, type RunningEngine } from '../support/dynamo-engines';
import { testApp } from '../support/cdk-template';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'newswatch.js');
const SEEDS = path.join(ROOT, 'examples', 'riyadh-talks', 'incoming');
const TABLE = 'Newswatch-StoreTable-deployed';
const BUCKET = 'newswatch-dropbucket-deployed';
const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:Newswatch-AlertsTopic';

interface S3EventRecord { eventName: string; s3: { bucket: { name: string }; object: { key: string; eTag?: string } } }

/** The table as the stack declares it, rendered as the CreateTable input DynamoDB Local takes. */
function tableFromTemplate(): CreateTableCommandInput {
  const template = Template.fromStack(new NewswatchStack(testApp(), 'Newswatch'));
  const tables = Object.values(template.findResources('AWS::DynamoDB::Table')) as { Properties: Record<string, unknown> }[];
  expect(tables).toHaveLength(1);
  const props = tables[0].Properties as Pick<CreateTableCommandInput, 'KeySchema' | 'AttributeDefinitions' | 'GlobalSecondaryIndexes'>;
  return {
    TableName: TABLE,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: props.KeySchema,
    AttributeDefinitions: props.AttributeDefinitions,
    GlobalSecondaryIndexes: props.GlobalSecondaryIndexes,
  };
}

describe('the CLI and the ingest Lambda on a deployed-like stack (DynamoDB Local + s3rver, --aws)', () => {
  let dynamo: RunningEngine;
  let s3rver: S3rver;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const s3Events: S3EventRecord[] = [];
  const sns = mockClient(SNSClient);
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newswatch-deployed-'));
    dynamo = await startDynamoDbLocal();
    s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(dir, 's3'), configureBuckets: [{ name: BUCKET, configs: [] }] });
    (s3rver as unknown as NodeJS.EventEmitter).on('event', (event: { Records: S3EventRecord[] }) => s3Events.push(...event.Records));
    const { port } = await s3rver.run();
    env = {
      ...process.env,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      // s3rver stores streamed uploads with chunk framing unless checksums are only sent when required.
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      NEWSWATCH_TARGET: undefined,
    };
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    await client.send(new CreateTableCommand(tableFromTemplate()));
    client.destroy();
    await writeFile(path.join(dir, 'cdk-outputs.json'), JSON.stringify({
      Newswatch: { BucketName: BUCKET, TableName: TABLE, TopicArn: TOPIC_ARN, QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q' },
    }));
    // The ingest Lambda's environment, as the stack sets it; its clients find the engines the same way.
    Object.assign(process.env, env, { TABLE_NAME: TABLE, TOPIC_ARN, TRACK_ALL: 'false', ALERT_COOLDOWN_SECONDS: '0', QUARANTINE_PREFIX: 'quarantine/' });
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  }, 60_000);

  afterAll(async () => {
    process.env = savedEnv;
    sns.restore();
    await s3rver?.close();
    await dynamo?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** `newswatch …` in the folder holding cdk-outputs.json, as an operator runs it. */
  function newswatch(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile('node', [CLI, ...args], { cwd: dir, env }, (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  function jsonLines(stdout: string): Record<string, unknown>[] {
    return stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** The S3 notifications so far, as the SQS messages the ingest queue delivers (keys URL-encoded as S3 does). */
  function drainAsSqsEvent(): SQSEvent {
    const records = s3Events.splice(0).filter((r) => r.eventName.startsWith('ObjectCreated') && r.s3.object.key.startsWith('incoming/'));
    return {
      Records: records.map((r, i) => ({
        messageId: `msg-${i}-${r.s3.object.key}`,
        body: JSON.stringify({ Records: [{ ...r, s3: { ...r.s3, object: { ...r.s3.object, key: encodeURIComponent(r.s3.object.key).replace(/%2F/g, '/') } } }] }),
      })) as SQSEvent['Records'],
    };
  }

  async function runIngestLambda(): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { handler } = require('../../lambdas/handlers/ingest') as typeof import('../../lambdas/handlers/ingest');
    const response = await handler(drainAsSqsEvent());
    expect(response.batchItemFailures).toEqual([]);
  }

  it('sets a watch and a feed, uploads a drop, and shows the story and its alert (PublishCommand carries the watch id)', async () => {
    const added = await newswatch('watch', 'add', 'rubio', '--actor', 'Marco Rubio', '--aws');
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain('watch added: rubio');
    const watches = jsonLines((await newswatch('watch', 'list', '--aws', '--json')).stdout);
    expect(watches).toEqual([expect.objectContaining({ id: 'rubio', actors: ['Marco Rubio'] })]);
    expect((await newswatch('watch', 'add', 'rubio', '--actor', 'Marco Rubio', '--aws')).stderr).toMatch(/watch update/);

    expect((await newswatch('feeds', 'add', 'https://news.example.org/world/rss.xml', '--aws')).code).toBe(0);
    const feeds = jsonLines((await newswatch('feeds', 'list', '--aws', '--json')).stdout);
    expect(feeds).toEqual([expect.objectContaining({ url: 'https://news.example.org/world/rss.xml' })]);

    const first = await newswatch('ingest', path.join(SEEDS, 'outlet-a', '000_17b1c73d69787b68.txt'), '--source', 'outlet-a', '--aws', '--json');
    if (first.code !== 0) throw new Error(first.stderr);
    expect(first.code).toBe(0);
    expect(jsonLines(first.stdout)).toEqual([expect.objectContaining({ key: 'incoming/outlet-a/000_17b1c73d69787b68.txt', source: 'outlet-a' })]);
    const s3 = new S3Client({ region: 'eu-west-1', forcePathStyle: true });
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'incoming/outlet-a/000_17b1c73d69787b68.txt' }));
    s3.destroy();
    expect(head.Metadata).toEqual({ source: 'outlet-a' });
    await runIngestLambda();

    // A second outlet, followed with --wait while the Lambda takes the event.
    const waiting = newswatch('ingest', path.join(SEEDS, 'caliber-az'), '--aws', '--wait', '--timeout', '30');
    for (let i = 0; i < 100 && s3Events.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await runIngestLambda();
    const followed = await waiting;
    expect(followed.code).toBe(0);
    expect(followed.stdout).toMatch(/↑ uploaded .*incoming\/caliber-az\//);
    expect(followed.stdout).toMatch(/✓ ingested /);

    const stories = jsonLines((await newswatch('stories', '--aws', '--json')).stdout);
    expect(stories).toHaveLength(1);
    expect(stories[0]).toMatchObject({ tracked: true, articleCount: 2 });
    const story = JSON.parse((await newswatch('story', String(stories[0].storyId), '--aws', '--json')).stdout) as { trackedBy: string[]; alerts: unknown[] };
    expect(story.trackedBy).toEqual(['rubio']);
    const alerts = jsonLines((await newswatch('alerts', '--aws', '--json')).stdout);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'new-source', storyId: stories[0].storyId, watchIds: ['rubio'], delivery: 'sent' })]);
    expect((await newswatch('actors', 'list', '--aws', '--json')).stdout).toContain('"p:marco-rubio"');
    const articleId = (story as unknown as { articleIds: string[] }).articleIds[0];
    expect(JSON.parse((await newswatch('article', articleId, '--aws', '--json')).stdout)).toMatchObject({ id: articleId, storyId: stories[0].storyId });

    // The tagger through the stack's registry: a user's alias set there is what `tag` resolves.
    expect((await newswatch('actors', 'alias', 'p:marco-rubio', 'Marek Rubinski', '--aws')).code).toBe(0);
    await writeFile(path.join(dir, 'lines.jsonl'), '{"id":1,"text":"Marek Rubinski met Sergey Lavrov in Riyadh on Tuesday."}\n');
    const [tagged] = jsonLines((await newswatch('tag', '--jsonl', 'lines.jsonl', '--aws')).stdout) as { actors: { id: string; mentions: { text: string }[] }[] }[];
    expect(tagged.actors.find((a) => a.id === 'p:marco-rubio')?.mentions.map((m) => m.text)).toEqual(['Marek Rubinski']);

    const published = sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      TopicArn: TOPIC_ARN,
      MessageAttributes: expect.objectContaining({ watchIds: { DataType: 'String.Array', StringValue: '["rubio"]' } }),
    });
  }, 120_000);

  it('says what is missing instead of an SDK message', async () => {
    const noOutputs = await newswatch('stories', '--aws', '--outputs', 'elsewhere.json');
    expect(noOutputs.code).toBe(1);
    expect(noOutputs.stderr.trim()).toBe('newswatch: no elsewhere.json here: deploy with `npx cdk deploy --outputs-file cdk-outputs.json` (or pass --outputs FILE)');
    const noCredentials = await new Promise<string>((resolve) => {
      const bare = { ...env, AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: 'newswatch-absent-profile', AWS_CONFIG_FILE: path.join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none') };
      execFile('node', [CLI, 'stories', '--aws'], { cwd: dir, env: bare }, (_error, _stdout, stderr) => resolve(stderr));
    });
    expect(noCredentials).toMatch(/^newswatch: no AWS credentials.*AWS_PROFILE/);
  }, 60_000);
});
