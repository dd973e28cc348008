/**
 * Digests on the newswatch table (keys: pk / sk; gsi1 = gsi1pk / gsi1sk):
 *   digest   DIGEST#<period>#<periodStart> / WATCH#<watchId>   the Digest, status pending|sent|failed,
 *                                                             deliveryLeaseUntil while leased
 * and the period's alerts, read from the alert listing (gsi1 ALERTS, sort key `<createdAt>#…`)
 * between the period's start and end: a key condition, so only that period's alerts are read.
 *
 * Exactly once as for alerts: put if absent under the watch and period (with a lease), then
 * publish, then mark sent; a rerun finds it sent, or claims it (pending, lease absent or
 * expired) and publishes it. No Scan, no transaction: each decision is one conditional write.
 */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Digest, DigestPeriod, DigestWindow } from '../../core/alert/digest';
import { StoreIntegrityError } from '../../core/errors';
import type { Alert } from '../../core/model';
import type { DigestStore, StoredDigest } from '../../ports/digests';
import { putItemIf, queryAllPages, type StoredItem } from './batch';
import { isConditionalCheckFailed, storeCall, writtenIf } from './errors';
import { LIST_PARTITIONS, TABLE_KEYS, type ItemKey } from './schema';

const { partitionKey, sortKey, listIndex } = TABLE_KEYS;
const KEY_ATTRIBUTES = new Set<string>([partitionKey, sortKey, listIndex.partitionKey, listIndex.sortKey]);

export const digestKey = {
  period: (period: DigestPeriod, periodStart: string): string => `DIGEST#${period}#${periodStart}`,
  digest: (period: DigestPeriod, periodStart: string, watchId: string): ItemKey => ({
    pk: digestKey.period(period, periodStart), sk: `WATCH#${watchId}`,
  }),
};

const keyOf = (digest: Pick<Digest, 'period' | 'periodStart' | 'watchId'>) => digestKey.digest(digest.period, digest.periodStart, digest.watchId);

export class DynamoDigestStore implements DigestStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async recordDigest(digest: Digest, deliveryLeaseUntil?: string): Promise<boolean> {
    const item = { ...digest, ...(deliveryLeaseUntil ? { deliveryLeaseUntil } : {}), ...keyOf(digest) };
    return putItemIf(this.doc, this.tableName, item);
  }

  async getDigest(period: DigestPeriod, periodStart: string, watchId: string): Promise<StoredDigest | undefined> {
    const output = await storeCall('GetItem', () => this.doc.send(new GetCommand({
      TableName: this.tableName, Key: digestKey.digest(period, periodStart, watchId), ConsistentRead: true,
    })));
    return output.Item && withoutKeys<StoredDigest>(output.Item);
  }

  async claimDigestDelivery(digest: Digest, now: string, leaseUntil: string): Promise<boolean> {
    return writtenIf(() => storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: keyOf(digest),
      UpdateExpression: 'SET #lease = :leaseUntil',
      ConditionExpression: 'attribute_exists(#pk) AND #status = :pending AND (attribute_not_exists(#lease) OR #lease < :now)',
      ExpressionAttributeNames: { '#pk': partitionKey, '#status': 'status', '#lease': 'deliveryLeaseUntil' },
      ExpressionAttributeValues: { ':pending': 'pending', ':now': now, ':leaseUntil': leaseUntil },
    }))));
  }

  async releaseDigestDelivery(digest: Digest): Promise<void> {
    await storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: keyOf(digest),
      UpdateExpression: 'REMOVE #lease',
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: { '#pk': partitionKey, '#lease': 'deliveryLeaseUntil' },
    })));
  }

  async markDigestSent(digest: Digest, sentAt: string): Promise<void> {
    await this.mark(digest, 'markDigestSent', {
      UpdateExpression: 'SET #status = :sent, #sentAt = :sentAt REMOVE #lease',
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: { '#pk': partitionKey, '#status': 'status', '#sentAt': 'sentAt', '#lease': 'deliveryLeaseUntil' },
      ExpressionAttributeValues: { ':sent': 'sent', ':sentAt': sentAt },
    });
  }

  async markDigestFailed(digest: Digest, error: string, failedAt: string): Promise<void> {
    await this.mark(digest, 'markDigestFailed', {
      UpdateExpression: 'SET #status = :failed, #error = :error, #failedAt = :failedAt REMOVE #lease',
      // Sent stays sent (a racing run's publish went through).
      ConditionExpression: 'attribute_exists(#pk) AND #status <> :sent',
      ExpressionAttributeNames: { '#pk': partitionKey, '#status': 'status', '#error': 'error', '#failedAt': 'failedAt', '#lease': 'deliveryLeaseUntil' },
      ExpressionAttributeValues: { ':failed': 'failed', ':sent': 'sent', ':error': error, ':failedAt': failedAt },
    }, (stored) => stored?.status === 'sent');
  }

  async listDigests(period: DigestPeriod, periodStart: string): Promise<StoredDigest[]> {
    const items = await queryAllPages(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': partitionKey },
      ExpressionAttributeValues: { ':pk': digestKey.period(period, periodStart) },
      ConsistentRead: true,
    });
    return items.map((item) => withoutKeys<StoredDigest>(item));
  }

  /**
   * The alerts created in the window, oldest first: the alert listing's sort key starts with the
   * creation time, so `BETWEEN start AND end` reads exactly them (`<end>#…` sorts after `end`:
   * an alert created at the very end belongs to the next period). Eventually consistent, as
   * every gsi1 read; a run just after the period's end may miss an alert recorded in its last
   * moment (the schedule runs a few minutes late for that: lib/constructs/digest-scheduler.ts).
   */
  async listAlertsCreatedIn(window: Pick<DigestWindow, 'start' | 'end'>, limit?: number): Promise<Alert[]> {
    const items = await queryAllPages(this.doc, {
      TableName: this.tableName,
      IndexName: listIndex.name,
      KeyConditionExpression: '#lpk = :lpk AND #lsk BETWEEN :start AND :end',
      ExpressionAttributeNames: { '#lpk': listIndex.partitionKey, '#lsk': listIndex.sortKey },
      ExpressionAttributeValues: { ':lpk': LIST_PARTITIONS.alerts, ':start': window.start, ':end': window.end },
    }, limit);
    return items.map((item) => withoutKeys<Alert>(item));
  }

  private async mark(
    digest: Digest,
    operation: string,
    update: { UpdateExpression: string; ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> },
    acceptable: (stored: StoredDigest | undefined) => boolean = () => false,
  ): Promise<void> {
    try {
      await storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: keyOf(digest), ...update })));
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      if (acceptable(await this.getDigest(digest.period, digest.periodStart, digest.watchId))) return;
      throw new StoreIntegrityError(`${operation}: digest ${digest.id} (watch ${digest.watchId}, ${digest.period} from ${digest.periodStart}) was never recorded`, { cause: error });
    }
  }
}

function withoutKeys<T>(item: StoredItem): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name))) as T;
}
