/**
 * The single-table layout, shared by the DynamoDB adapter, the local runtime (which creates
 * the table in dynalite) and the CDK construct (which creates it in AWS). One definition, so
 * they cannot drift.
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Global secondary index used for listings (stories by recency, actors, feeds, alerts, holds). */
  listIndex: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** Epoch seconds; set on clean-up-only items. Correctness never depends on TTL. */
  ttlAttribute: 'expiresAt',
} as const;

/** Fixed partition keys of the listings kept on `gsi1` (one partition each: small, read whole). */
export const LIST_PARTITIONS = {
  /**
   * Story summaries by `<lastSeen>#<storyId>`: the story list and its searches read these small
   * items, never the stories themselves (their profile and signatures are for clustering).
   */
  storySummaries: 'STORY_SUMMARIES',
  /**
   * Where story items themselves were listed before summaries existed: now empty once
   * migrateStoryListing has moved a table's stories out (the stores the code finds there are old).
   */
  legacyStories: 'STORIES',
  actors: 'ACTORS',
  /** Subscribed feeds, sorted by `<nextPollAt>#<feedId>`: "the due feeds" is one Query (feed-store.ts). */
  feeds: 'FEEDS',
  /** Storm-control holds by due time (`<dueAt>#<storyId>`): the flusher's Query, never a Scan. */
  alertsDue: 'ALERTS_DUE',
  /** Every recorded alert by creation time (`<createdAt>#<storyId>#<alertId>`): "recent alerts" is one Query. */
  alerts: 'ALERTS',
} as const;

/** Fixed partition of the watches on the base table (few items, read whole with one Query). */
export const WATCH_PARTITION = 'WATCH';

/** Sort-key prefixes of the items kept inside a story's partition (`STORY#<id>`). */
export const STORY_CHILD_PREFIXES = {
  member: 'ARTICLE#',
  coverage: 'SOURCE#',
  alert: 'ALERT#',
} as const;

export interface ItemKey {
  pk: string;
  sk: string;
}

/**
 * Key builders: every item type of the single table, in one place. See the layout comment at
 * the top of store.ts for what each item holds.
 */
export const itemKey = {
  article: (articleId: string): ItemKey => ({ pk: `ARTICLE#${articleId}`, sk: 'ARTICLE' }),
  actor: (actorId: string): ItemKey => ({ pk: `ACTOR#${actorId}`, sk: 'ACTOR' }),
  alias: (foldedKey: string): ItemKey => ({ pk: `ALIAS#${foldedKey}`, sk: 'ALIAS' }),
  story: (storyId: string): ItemKey => ({ pk: `STORY#${storyId}`, sk: 'STORY' }),
  /** The story's summary: what a list row shows, and its search tokens (listed on gsi1). */
  storySummary: (storyId: string): ItemKey => ({ pk: `STORY#${storyId}`, sk: 'SUMMARY' }),
  /**
   * A story posted under one of its search tokens (core/search): a rare word, actor, source or
   * watch finds its stories by one Query on the token's partition. Written once per token a story
   * gains; never deleted (a story that lost the token is filtered out by its summary's tokens).
   */
  searchPosting: (token: string, storyId: string): ItemKey => ({ pk: `SEARCH#${token}`, sk: storyId }),
  storyMember: (storyId: string, articleId: string): ItemKey => ({
    pk: `STORY#${storyId}`, sk: `${STORY_CHILD_PREFIXES.member}${articleId}`,
  }),
  coverage: (storyId: string, sourceId: string): ItemKey => ({
    pk: `STORY#${storyId}`, sk: `${STORY_CHILD_PREFIXES.coverage}${sourceId}`,
  }),
  alert: (storyId: string, alertId: string): ItemKey => ({
    pk: `STORY#${storyId}`, sk: `${STORY_CHILD_PREFIXES.alert}${alertId}`,
  }),
  /** The story's storm-control hold (one per story while alerts are held). */
  alertHold: (storyId: string): ItemKey => ({ pk: `STORY#${storyId}`, sk: 'HOLD' }),
  /** The newest stories under one index key (see "Story index" in store.ts). */
  indexHead: (indexKey: string): ItemKey => ({ pk: `INDEX#${indexKey}`, sk: 'HEAD' }),
  /** The stories announced under one index key within one time bucket (see "Announcements" in store.ts). */
  announcements: (indexKey: string, bucket: number): ItemKey => ({ pk: `INDEX#${indexKey}`, sk: `ANNOUNCED#${bucket}` }),
  watch: (watchId: string): ItemKey => ({ pk: WATCH_PARTITION, sk: `WATCH#${watchId}` }),
  object: (objectKey: string, version?: string): ItemKey => ({
    pk: `OBJECT#${objectKey}`, sk: `VERSION#${version ?? '-'}`,
  }),
};

/**
 * The table as the SDK creates it (local runtime, tests). The CDK construct declares the same
 * keys from TABLE_KEYS: string pk/sk, gsi1 on gsi1pk/gsi1sk projecting all attributes.
 */
export function tableDefinition(tableName: string) {
  const { partitionKey, sortKey, listIndex } = TABLE_KEYS;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [partitionKey, sortKey, listIndex.partitionKey, listIndex.sortKey].map((name) => ({
      AttributeName: name, AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' as const },
      { AttributeName: sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: [{
      IndexName: listIndex.name,
      KeySchema: [
        { AttributeName: listIndex.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: listIndex.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    }],
  };
}
