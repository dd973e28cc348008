/**
 * The feed poller's state on the newswatch table (keys: pk / sk; gsi1 = gsi1pk / gsi1sk):
 *   feed           FEED#<id> / FEED            the Feed; gsi1 FEEDS / <nextPollAt>#<id>
 *   seen item      FEED#<id> / ITEM#<dedupKey> state pending|done, the article key, when
 *
 * "Which feeds are due" is one Query on gsi1 (FEEDS, sort key up to now): no Scan. An item is
 * new for exactly one caller in any process: its marker is put with attribute_not_exists.
 * Removing a feed keeps its seen-item markers, so adding it again does not re-ingest old items.
 */
import {
  DeleteCommand, GetCommand, PutCommand, UpdateCommand,
  type DynamoDBDocumentClient, type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { StoreIntegrityError } from '../../core/errors';
import type { Feed } from '../../core/feeds/types';
import type { FeedItemMarker, FeedStore } from '../../ports/feeds';
import { batchGetItems, foundItem, putItemIf, queryAllPages, type StoredItem } from './batch';
import { DYNAMO_STORE_DEFAULTS, type DynamoStoreConfig } from './config';
import { storeCall } from './errors';
import { LIST_PARTITIONS, TABLE_KEYS, type ItemKey } from './schema';

const { partitionKey, sortKey, listIndex } = TABLE_KEYS;
const KEY_ATTRIBUTES = [partitionKey, sortKey, listIndex.partitionKey, listIndex.sortKey];

export const feedKey = {
  feed: (feedId: string): ItemKey => ({ pk: `FEED#${feedId}`, sk: 'FEED' }),
  item: (feedId: string, dedupKey: string): ItemKey => ({ pk: `FEED#${feedId}`, sk: `ITEM#${dedupKey}` }),
};

export class DynamoFeedStore implements FeedStore {
  private readonly config: DynamoStoreConfig;

  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string, config: Partial<DynamoStoreConfig> = {}) {
    this.config = { ...DYNAMO_STORE_DEFAULTS, ...config };
  }

  async addFeed(feed: Feed): Promise<boolean> {
    return putItemIf(this.doc, this.tableName, feedItem(feed));
  }

  async putFeed(feed: Feed): Promise<void> {
    await storeCall('PutItem', () => this.doc.send(new PutCommand({ TableName: this.tableName, Item: feedItem(feed) })));
  }

  async getFeed(id: string): Promise<Feed | undefined> {
    const output = await storeCall('GetItem', () => this.doc.send(new GetCommand({
      TableName: this.tableName, Key: feedKey.feed(id), ConsistentRead: true,
    })));
    return output.Item && toFeed(output.Item);
  }

  async listFeeds(): Promise<Feed[]> {
    return (await this.queryFeeds({
      KeyConditionExpression: '#lpk = :lpk',
      ExpressionAttributeNames: { '#lpk': listIndex.partitionKey },
      ExpressionAttributeValues: { ':lpk': LIST_PARTITIONS.feeds },
    })).map(toFeed);
  }

  async listDueFeeds(now: string, limit?: number): Promise<Feed[]> {
    // `<nextPollAt>#<id>` < `<now>$`: every feed due at or before now ('$' sorts right after '#').
    return (await this.queryFeeds({
      KeyConditionExpression: '#lpk = :lpk AND #lsk < :bound',
      ExpressionAttributeNames: { '#lpk': listIndex.partitionKey, '#lsk': listIndex.sortKey },
      ExpressionAttributeValues: { ':lpk': LIST_PARTITIONS.feeds, ':bound': `${now}$` },
    }, limit)).map(toFeed);
  }

  async deleteFeed(id: string): Promise<boolean> {
    const output = await storeCall('DeleteItem', () => this.doc.send(new DeleteCommand({
      TableName: this.tableName, Key: feedKey.feed(id), ReturnValues: 'ALL_OLD',
    })));
    return output.Attributes !== undefined;
  }

  async getItemMarkers(feedId: string, dedupKeys: string[]): Promise<Map<string, FeedItemMarker>> {
    const keys = dedupKeys.map((k) => feedKey.item(feedId, k));
    const found = await batchGetItems(this.doc, this.tableName, keys, this.config, true);
    const markers = new Map<string, FeedItemMarker>();
    for (const dedupKey of dedupKeys) {
      const item = foundItem(found, feedKey.item(feedId, dedupKey));
      if (item) markers.set(dedupKey, { state: item.state === 'done' ? 'done' : 'pending', key: String(item.articleKey ?? '') });
    }
    return markers;
  }

  async claimItem(feedId: string, dedupKey: string, articleKey: string, at: string): Promise<boolean> {
    return putItemIf(this.doc, this.tableName, { ...feedKey.item(feedId, dedupKey), feedId, dedupKey, articleKey, state: 'pending', claimedAt: at });
  }

  async markItemDone(feedId: string, dedupKey: string, articleKey: string, at: string): Promise<void> {
    await storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: feedKey.item(feedId, dedupKey),
      UpdateExpression: 'SET #state = :done, articleKey = :key, doneAt = :at, feedId = :feed, dedupKey = :dedup',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':done': 'done', ':key': articleKey, ':at': at, ':feed': feedId, ':dedup': dedupKey },
    })));
  }

  private queryFeeds(input: Omit<QueryCommandInput, 'TableName' | 'IndexName'>, limit?: number): Promise<StoredItem[]> {
    return queryAllPages(this.doc, { ...input, TableName: this.tableName, IndexName: listIndex.name }, limit);
  }

}

function feedItem(feed: Feed): StoredItem & ItemKey {
  return {
    ...feed,
    ...feedKey.feed(feed.id),
    [listIndex.partitionKey]: LIST_PARTITIONS.feeds,
    [listIndex.sortKey]: `${feed.nextPollAt}#${feed.id}`,
  };
}

function toFeed(item: StoredItem): Feed {
  if (typeof item.id !== 'string' || typeof item.url !== 'string') {
    throw new StoreIntegrityError(`Stored feed ${String(item.pk)} has no string id or url`);
  }
  const copy: StoredItem = { ...item };
  for (const name of KEY_ATTRIBUTES) delete copy[name];
  return copy as unknown as Feed;
}
