import { BatchGetCommand, BatchWriteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { RetryableError } from '../../core/errors';
import type { DynamoStoreConfig } from './config';
import { storeCall, toStoreError, writtenIf } from './errors';
import { TABLE_KEYS, type ItemKey } from './schema';

export type StoredItem = Record<string, unknown>;

export function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}

/** Runs `task` over the values with at most `concurrency` in flight; results keep input order. */
export async function mapWithConcurrency<T, R>(
  values: readonly T[],
  concurrency: number,
  task: (value: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(values.length);
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < values.length) {
      const index = nextIndex++;
      results[index] = await task(values[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, concurrency), values.length) }, worker));
  return results;
}

/** Exponential back-off with full jitter, so throttled writers do not retry in lock-step. */
function backoff(attempt: number, config: DynamoStoreConfig): Promise<void> {
  const ceiling = Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

function keyId(key: ItemKey): string {
  return `${key.pk}\u0000${key.sk}`;
}

/** Drops repeated keys: BatchGetItem and BatchWriteItem reject a request that names one item twice. */
export function uniqueKeys(keys: readonly ItemKey[]): ItemKey[] {
  const seen = new Map<string, ItemKey>();
  for (const key of keys) seen.set(keyId(key), key);
  return [...seen.values()];
}

/**
 * Reads the items at `keys` (any number): chunks of `batchGetSize`, unprocessed keys retried with
 * back-off. Returns the found items by "pk\0sk"; missing items are simply absent.
 */
export async function batchGetItems(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
  config: DynamoStoreConfig,
  consistentRead: boolean,
  projection?: { attributes: readonly string[] },
): Promise<Map<string, StoredItem>> {
  // The key attributes are always projected: found items are matched to their keys by them.
  const projected = projection && [...new Set([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...projection.attributes])];
  const projectionInput = projected ? {
    ProjectionExpression: projected.map((_, i) => `#p${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(projected.map((name, i) => [`#p${i}`, name])),
  } : {};
  const found = new Map<string, StoredItem>();
  const chunks = chunk(uniqueKeys(keys), config.batchGetSize);
  await mapWithConcurrency(chunks, config.concurrency, async (chunkKeys) => {
    let pending: ItemKey[] = chunkKeys;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= config.maxBatchAttempts) {
        throw new RetryableError(`BatchGetItem left ${pending.length} keys unprocessed after ${attempt} attempts`);
      }
      if (attempt > 0) await backoff(attempt, config);
      const output = await doc
        .send(new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: pending.map(({ pk, sk }) => ({ pk, sk })), ConsistentRead: consistentRead, ...projectionInput } },
        }))
        .catch((error: unknown) => { throw toStoreError(error, 'BatchGetItem'); });
      for (const item of output.Responses?.[tableName] ?? []) {
        found.set(keyId(item as unknown as ItemKey), item);
      }
      pending = (output.UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
    }
  });
  return found;
}

export function foundItem(found: Map<string, StoredItem>, key: ItemKey): StoredItem | undefined {
  return found.get(keyId(key));
}

/** Puts the items (any number, unconditionally): chunks of `batchWriteSize`, unprocessed ones retried. */
export async function batchPutItems(
  doc: DynamoDBDocumentClient,
  tableName: string,
  items: readonly (StoredItem & ItemKey)[],
  config: DynamoStoreConfig,
): Promise<void> {
  const byKey = new Map<string, StoredItem & ItemKey>();
  for (const item of items) byKey.set(keyId(item), item); // last one wins, as sequential puts would
  const chunks = chunk([...byKey.values()], config.batchWriteSize);
  await mapWithConcurrency(chunks, config.concurrency, async (chunkItems) => {
    type WriteRequest = { PutRequest?: { Item: StoredItem } };
    let pending: WriteRequest[] = chunkItems.map((item) => ({ PutRequest: { Item: item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= config.maxBatchAttempts) {
        throw new RetryableError(`BatchWriteItem left ${pending.length} items unprocessed after ${attempt} attempts`);
      }
      if (attempt > 0) await backoff(attempt, config);
      const output = await doc
        .send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as { PutRequest: { Item: StoredItem } }[] } }))
        .catch((error: unknown) => { throw toStoreError(error, 'BatchWriteItem'); });
      pending = (output.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
  });
}

/** Follows the pages of one Query until `limit` items (or all of them). Errors map to store errors. */
export async function queryAllPages(
  doc: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>,
  limit?: number,
): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const remaining = limit === undefined ? undefined : limit - items.length;
    if (remaining !== undefined && remaining <= 0) break;
    const output = await storeCall('Query', () => doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey, Limit: remaining })));
    items.push(...(output.Items ?? []));
    startKey = output.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * Items of one fixed list partition of gsi1 (actors by name, stories by lastSeen, holds by due
 * time, alerts by creation time), in sort-key order, up to `limit`; with `from`, only the items
 * whose sort key is >= `from` (a key condition: nothing else is read).
 */
export function queryListPartition(
  doc: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  ascending: boolean,
  limit?: number,
  from?: string,
): Promise<StoredItem[]> {
  const { listIndex } = TABLE_KEYS;
  const bounded = from !== undefined;
  return queryAllPages(doc, {
    TableName: tableName,
    IndexName: listIndex.name,
    KeyConditionExpression: bounded ? '#lpk = :lpk AND #lsk >= :from' : '#lpk = :lpk',
    ExpressionAttributeNames: { '#lpk': listIndex.partitionKey, ...(bounded ? { '#lsk': listIndex.sortKey } : {}) },
    ExpressionAttributeValues: { ':lpk': partition, ...(bounded ? { ':from': from } : {}) },
    ScanIndexForward: ascending,
  }, limit);
}

/**
 * A conditional PutItem (by default: only if no item has the key; `#pk` names the partition
 * key): true when written, false when the condition did not hold.
 */
export async function putItemIf(
  doc: DynamoDBDocumentClient,
  tableName: string,
  item: StoredItem & ItemKey,
  condition = 'attribute_not_exists(#pk)',
  names: Record<string, string> = {},
  values: Record<string, unknown> = {},
): Promise<boolean> {
  return writtenIf(() => storeCall('PutItem', () => doc.send(new PutCommand({
    TableName: tableName,
    Item: item,
    ConditionExpression: condition,
    ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, ...names },
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  }))));
}

/** Items remembered per memo: a few articles' keys; past it, the memo starts again. */
const RECENT_ITEMS_LIMIT = 10_000;

/**
 * Items this instance read or wrote lately, so that the next step of the same article need not
 * read them again (within `readReuseMs`): the index heads the candidate lookup read, the
 * registry items the name lookup read. A missing item is remembered as missing.
 */
export class RecentItems {
  private readonly seen = new Map<string, { item?: StoredItem; at: number }>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly config: DynamoStoreConfig,
  ) {}

  /** The items at `keys` by keyId; with `reuse`, the fresh ones remembered are not read again. */
  async read(keys: readonly ItemKey[], options: { consistent: boolean; reuse: boolean }): Promise<Map<string, StoredItem>> {
    const now = Date.now();
    const found = new Map<string, StoredItem>();
    const missing: ItemKey[] = [];
    for (const key of uniqueKeys(keys)) {
      const seen = options.reuse ? this.seen.get(keyId(key)) : undefined;
      if (seen && now - seen.at <= this.config.readReuseMs) {
        if (seen.item) found.set(keyId(key), seen.item);
      } else missing.push(key);
    }
    if (missing.length === 0) return found;
    const read = await batchGetItems(this.doc, this.tableName, missing, this.config, options.consistent);
    this.remember(missing.map((key) => ({ key, item: foundItem(read, key) })), now);
    for (const [id, item] of read) found.set(id, item);
    return found;
  }

  /** Remembers items this instance has just written. */
  wrote(items: readonly (StoredItem & ItemKey)[]): void {
    this.remember(items.map((item) => ({ key: item, item })), Date.now());
  }

  /** Forgets the items at `keys` (this instance wrote them), or every item. */
  forget(keys?: readonly ItemKey[]): void {
    if (!keys) this.seen.clear();
    else for (const key of keys) this.seen.delete(keyId(key));
  }

  private remember(entries: { key: ItemKey; item?: StoredItem }[], at: number): void {
    if (this.seen.size > RECENT_ITEMS_LIMIT) this.seen.clear();
    for (const { key, item } of entries) this.seen.set(keyId(key), { item, at });
  }
}
