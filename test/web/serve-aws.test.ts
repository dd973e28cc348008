/**
 * `newswatch serve --aws`: the dashboard over a deployed stack's table, found through
 * cdk-outputs.json and the SDK's endpoint variables (dynalite standing in for DynamoDB). The
 * stack has no data-dir lock: the CLI reads what the dashboard wrote while it still runs.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureTable } from '../../lambdas/adapters/dynamodb';
import { startDashboard, type ServedDashboard } from '../support/dashboard-server';
import { startDynalite, type RunningEngine } from '../support/dynamo-engines';
import { runNewswatch } from '../support/run-cli';

const TABLE = 'Newswatch-StoreTable-web';

describe('newswatch serve --aws', () => {
  let dir: string;
  let engine: RunningEngine;
  let server: ServedDashboard;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newswatch-web-aws-'));
    engine = await startDynalite();
    env = { ...process.env, AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', NEWSWATCH_TARGET: undefined };
    const client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    await ensureTable(client, TABLE);
    client.destroy();
    await writeFile(path.join(dir, 'cdk-outputs.json'), JSON.stringify({
      Newswatch: { BucketName: 'newswatch-drop', TableName: TABLE, TopicArn: 'arn:aws:sns:eu-west-1:123456789012:Newswatch-AlertsTopic', QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q' },
    }));
    server = await startDashboard(['--aws', '--outputs', path.join(dir, 'cdk-outputs.json')], { env });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await engine?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the stack\'s table: its name in the top bar, a watch added in the API listed by `watch list --aws` at once', async () => {
    const page = await (await fetch(server.url)).text();
    expect(page).toContain(TABLE);
    expect(page).toContain('No stories yet');
    const { token } = await (await fetch(new URL('/api/csrf', server.url))).json() as { token: string };
    const added = await fetch(new URL('/api/watches', server.url), {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token }, body: JSON.stringify({ name: 'ukraine', keywords: ['Kyiv'] }),
    });
    expect(added.status).toBe(201);
    const list = await runNewswatch(['watch', 'list', '--aws', '--json', '--outputs', path.join(dir, 'cdk-outputs.json')], { env });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout.trim())).toMatchObject({ id: 'ukraine', keywords: ['Kyiv'] });
  });
});
