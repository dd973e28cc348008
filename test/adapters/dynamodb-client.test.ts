/**
 * The document client every store uses (adapters/dynamodb/client.ts): without the SDK's logger
 * middleware, which copied every input and output through the sensitive-field filter for a
 * logger that writes nothing (docs/performance.md). The engine suites cover the requests themselves.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../lambdas/adapters/dynamodb';

const named = (stack: { identify(): string[] }, name: string) => stack.identify().filter((entry) => entry.startsWith(`${name} `));

describe('createDocumentClient', () => {
  it("drops the SDK's logger middleware and keeps the rest of the stack", () => {
    const client = new DynamoDBClient({ region: 'us-east-1' });
    const before = client.middlewareStack.identify();
    expect(named(client.middlewareStack, 'loggerMiddleware')).toHaveLength(1);

    createDocumentClient(client);

    expect(named(client.middlewareStack, 'loggerMiddleware')).toHaveLength(0);
    expect(client.middlewareStack.identify()).toEqual(before.filter((entry) => !entry.startsWith('loggerMiddleware ')));
  });
});
