import { DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { classifyAwsError } from '../../lambdas/adapters/aws-errors';
import { createDocumentClient, ensureTable } from '../../lambdas/adapters/dynamodb';
import { startDynaliteThread, type DynaliteThread } from '../../lambdas/targets/dynalite-thread';

// The embedded target's transport: the SDK's own requests handed to dynalite's HTTP handler on
// its thread as messages (no socket), answered as over HTTP, errors included.
describe('dynalite on its thread, reached by messages', () => {
  let engine: DynaliteThread;
  let client: DynamoDBClient;

  beforeAll(async () => {
    engine = await startDynaliteThread({});
    client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${engine.port}`, region: 'local', credentials: { accessKeyId: 'l', secretAccessKey: 'l' }, maxAttempts: 1, requestHandler: engine.requestHandler });
    await ensureTable(client, 'messages');
  });
  afterAll(async () => {
    client.destroy();
    await engine.close();
  });

  it('writes and reads items through the SDK as over HTTP', async () => {
    const doc = createDocumentClient(client);
    await doc.send(new PutCommand({ TableName: 'messages', Item: { pk: 'A#1', sk: 'A', text: 'Zürich — “quoted”', tags: new Set(['x', 'y']) } }));
    const { Item } = await doc.send(new GetCommand({ TableName: 'messages', Key: { pk: 'A#1', sk: 'A' }, ConsistentRead: true }));
    expect(Item).toEqual({ pk: 'A#1', sk: 'A', text: 'Zürich — “quoted”', tags: new Set(['x', 'y']) });
  });

  it("gives dynalite's error responses back as the SDK's errors", async () => {
    const doc = createDocumentClient(client);
    await expect(doc.send(new GetCommand({ TableName: 'no-such-table', Key: { pk: 'A', sk: 'A' } }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('fails requests after the engine closed, as a dropped connection would (retryable)', async () => {
    const other = await startDynaliteThread({});
    const late = new DynamoDBClient({ endpoint: `http://127.0.0.1:${other.port}`, region: 'local', credentials: { accessKeyId: 'l', secretAccessKey: 'l' }, maxAttempts: 1, requestHandler: other.requestHandler });
    await other.close();
    const error = await createDocumentClient(late).send(new GetCommand({ TableName: 'messages', Key: { pk: 'A', sk: 'A' } })).catch((e: unknown) => e);
    expect(classifyAwsError(error)).toBe('retryable');
  });
});
