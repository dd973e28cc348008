import {
  CreateTableCommand, DescribeTableCommand, type DynamoDBClient, type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { RetryableError } from '../../core/errors';
import { TABLE_READY_TIMEOUT_MS } from './config';
import { toStoreError } from './errors';
import { tableDefinition } from './schema';
import { createDocumentClient } from './client';
import { DynamoStore } from './store';

/**
 * Creates the newswatch table if it is missing and waits until it and its index are ACTIVE, then
 * brings items of an older layout to the current one (stories listed by summaries: one empty
 * Query when there is nothing to move). Used by the local runtime and the tests; in AWS the CDK
 * stack owns the table.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  timeoutMs: number = TABLE_READY_TIMEOUT_MS,
): Promise<void> {
  const table = await describeTable(client, tableName);
  if (isActive(table)) {
    await new DynamoStore(createDocumentClient(client), tableName).migrateStoryListing();
    return;
  }
  if (!table) {
    try {
      await client.send(new CreateTableCommand(tableDefinition(tableName)));
    } catch (error) {
      // Another process created it between our describe and create: just wait for it.
      if ((error as { name?: string }).name !== 'ResourceInUseException') throw toStoreError(error, 'CreateTable');
    }
  }
  await waitUntilActive(client, tableName, timeoutMs);
}

async function describeTable(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return Table;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw toStoreError(error, 'DescribeTable');
  }
}

function isActive(table: TableDescription | undefined): boolean {
  if (table?.TableStatus !== 'ACTIVE') return false;
  return (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
}

/** Polls quickly at first (local engines are ready in milliseconds), then backs off to 1 s. */
async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delayMs = 10; ; delayMs = Math.min(delayMs * 2, 1000)) {
    if (isActive(await describeTable(client, tableName))) return;
    if (Date.now() + delayMs > deadline) {
      throw new RetryableError(`DynamoDB table ${tableName} did not become ACTIVE within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
