/**
 * DynamoAlertQueue: storm-control holds on the same table as the store.
 *
 *   hold   STORY#<id> / HOLD   storyId, dueAt, version; gsi1 ALERTS_DUE / <dueAt>#<storyId>
 *
 * One item per story with held alerts. Joining a hold is one UpdateItem (`if_not_exists` keeps
 * the earliest due time, `ADD version 1` tells a flusher that an alert joined); releasing it is
 * one conditional DeleteItem on the version the flusher read. The flusher finds due holds with
 * one Query on the ALERTS_DUE partition of gsi1, sorted by due time: never a Scan (so does
 * listHolds, which reads every open hold, due or not, to tell what is held).
 */
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StoreIntegrityError } from '../../core/errors';
import type { AlertHold, AlertQueue } from '../../ports/alerts';
import { storeCall, writtenIf } from './errors';
import { queryListPartition } from './batch';
import { itemKey, LIST_PARTITIONS, TABLE_KEYS } from './schema';

const { listIndex } = TABLE_KEYS;

export class DynamoAlertQueue implements AlertQueue {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async holdAlerts(storyId: string, dueAt: string): Promise<AlertHold> {
    const output = await storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: itemKey.alertHold(storyId),
      UpdateExpression: 'SET #storyId = :storyId, #dueAt = if_not_exists(#dueAt, :dueAt), #lpk = :lpk, #lsk = if_not_exists(#lsk, :lsk) ADD #version :one',
      ExpressionAttributeNames: {
        '#storyId': 'storyId', '#dueAt': 'dueAt', '#version': 'version', '#lpk': listIndex.partitionKey, '#lsk': listIndex.sortKey,
      },
      ExpressionAttributeValues: {
        ':storyId': storyId, ':dueAt': dueAt, ':one': 1, ':lpk': LIST_PARTITIONS.alertsDue, ':lsk': dueSortKey(dueAt, storyId),
      },
      ReturnValues: 'ALL_NEW',
    })));
    return toHold(output.Attributes);
  }

  async listDueHolds(now: string, limit = 100): Promise<AlertHold[]> {
    const output = await storeCall('Query', () => this.doc.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: listIndex.name,
      KeyConditionExpression: '#lpk = :lpk AND #lsk <= :until',
      ExpressionAttributeNames: { '#lpk': listIndex.partitionKey, '#lsk': listIndex.sortKey },
      // `#` sorts below every story id character, `\uffff` above: every hold due at or before now.
      ExpressionAttributeValues: { ':lpk': LIST_PARTITIONS.alertsDue, ':until': `${now}#\uffff` },
      ScanIndexForward: true,
      Limit: limit,
    })));
    return (output.Items ?? []).map(toHold);
  }

  async nextHold(): Promise<AlertHold | undefined> {
    const [item] = await queryListPartition(this.doc, this.tableName, LIST_PARTITIONS.alertsDue, true, 1);
    return item ? toHold(item) : undefined;
  }

  async listHolds(limit?: number): Promise<AlertHold[]> {
    if (limit !== undefined && limit <= 0) return [];
    return (await queryListPartition(this.doc, this.tableName, LIST_PARTITIONS.alertsDue, true, limit)).map(toHold);
  }

  async getHold(storyId: string): Promise<AlertHold | undefined> {
    const output = await storeCall('GetItem', () => this.doc.send(new GetCommand({
      TableName: this.tableName, Key: itemKey.alertHold(storyId), ConsistentRead: true,
    })));
    return output.Item ? toHold(output.Item) : undefined;
  }

  async releaseHold(hold: AlertHold): Promise<boolean> {
    return writtenIf(() => storeCall('DeleteItem', () => this.doc.send(new DeleteCommand({
      TableName: this.tableName,
      Key: itemKey.alertHold(hold.storyId),
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':version': hold.version },
    }))));
  }
}

function dueSortKey(dueAt: string, storyId: string): string {
  return `${dueAt}#${storyId}`;
}

function toHold(item: Record<string, unknown> | undefined): AlertHold {
  if (!item || typeof item.storyId !== 'string' || typeof item.dueAt !== 'string') {
    throw new StoreIntegrityError(`alert hold item is malformed: ${JSON.stringify(item)}`);
  }
  return { storyId: item.storyId, dueAt: item.dueAt, version: Number(item.version ?? 0) };
}
