/**
 * DynamoStore: the whole NewswatchStore on one DynamoDB table (keys in schema.ts).
 *
 * Layout: every item type of the table (pk / sk / gsi1), with what it holds and who writes it,
 * is in docs/architecture.md ("The table layout"); the keys are built in schema.ts (itemKey).
 *
 * Access rules: every call is GetItem, BatchGetItem, Query on a partition, PutItem, UpdateItem,
 * DeleteItem or BatchWriteItem. Never Scan: listings Query a fixed partition of gsi1.
 * Exactly-once effects come from single-item conditional writes (attribute_not_exists, version
 * checks): no transactions, no TTL, so dynalite runs the same code as DynamoDB.
 *
 * Story index: one small "head" item per index key holds the newest stories under that key
 * (id -> lastSeen, at most indexHeadSize). Finding candidates for all of an article's keys is
 * one BatchGetItem, and indexing a story is one BatchGetItem + one BatchWriteItem, whatever the
 * number of keys or stories: the cost of an article stays flat as the archive grows. The price:
 * heads are rewritten whole (BatchWriteItem has no conditions), so when two writers index
 * different stories under the same key at the same instant, one entry can be dropped from that
 * key's head; the story is still found through its other keys (~18) and is re-announced with its
 * next article. Indexing rewrites a head from this instance's own read of it when that read is
 * under readReuseMs old (the candidate lookup a moment before), which widens that window by as much. Losing a candidate costs recall at worst, never a wrong join or a lost article.
 *
 * Story updates: while a story's articleIds lists all its articles (below storyArticleIdLimit),
 * one conditional put (`version = previous AND NOT contains(articleIds, article)`) adds an article
 * exactly once. Past that limit, addArticleToStory puts the membership item first (attribute_not_exists), then
 * the story with `version = previous AND NOT contains(articleIds, article)`, then marks the
 * membership applied. A version conflict throws RetryableError; the caller re-reads and
 * recomputes, and the retry finds the membership still pending and completes it. The story's
 * own articleIds is the final word on whether the article is counted, so a crash between any
 * two writes never counts an article twice or loses it. One case is left: an article counted
 * while the list was complete has no membership item, so if its ingest crashed after the story
 * write and is redelivered only after the story outgrew the limit (its id trimmed), it is counted
 * twice; the article's own `ingested` status stops every other redelivery first.
 *
 * Announcements: a story about to be created is announced under its index keys first
 * (announceStory), so that racing first articles of one event find each other before each starts
 * a story (ingestDocument decideStory). One item per key and time bucket holds a string set of
 * `<time>|<story id>`; ADD to a set is atomic, so unlike the heads no concurrent announcement is
 * ever dropped, and a bucket only holds what was announced within its seconds. Old buckets are
 * never read again (and never deleted: no TTL, see above).
 *
 * Story summaries: each story has a small summary item (`STORY#<id>` / `SUMMARY`: what a list row
 * shows, plus its search tokens) listed on gsi1 by `<lastSeen>#<id>`; the story item itself is not
 * listed, so neither the list nor the index carries its profile and signatures. The summary is
 * put after each story write, only if it is newer than the stored one (`version`), so racing
 * writers never leave an older one. A run that stopped between the story write and its summary
 * is resumed through the "already counted" path, which reads the story and indexes it: indexStory
 * then rewrites the summary from that read (the same version guard).
 */
import {
  DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand,
  type DynamoDBDocumentClient, type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { RetryableError, StoreIntegrityError } from '../../core/errors';
import type {
  ActorRecord, Alert, Article, CoverageEntry, Story, Watch,
} from '../../core/model';
import type {
  AnnouncedStory, ArticleSummary, NewswatchStore, ObjectRecord, StoredAlert, StoryPageKey, StorySearch, StorySummary, StorySummaryPage,
} from '../../ports/store';
import { storySearchTokens } from '../../core/search';
import { listsEveryArticle } from '../../core/cluster/story-articles';
import { newestOfHead, rankCandidateStories, withStoryInHead, type IndexHead } from '../../core/cluster/index-heads';
import { decodeSignature, decodeSignatures, encodeSignature, encodeSignatures } from './signature-codec';
import {
  batchGetItems, batchPutItems, foundItem, mapWithConcurrency, putItemIf, queryAllPages, queryListPartition, RecentItems, type StoredItem,
} from './batch';
import { DynamoActorRegistry } from './actor-registry';
import { DYNAMO_STORE_DEFAULTS, type DynamoStoreConfig } from './config';
import { isConditionalCheckFailed, storeCall, writtenIf } from './errors';
import { StoryCopies } from './story-copies';
import {
  itemKey, LIST_PARTITIONS, STORY_CHILD_PREFIXES, TABLE_KEYS, WATCH_PARTITION,
  type ItemKey,
} from './schema';

const { listIndex } = TABLE_KEYS;

/** Attributes the table adds around a model object; stripped when reading it back. */
const KEY_ATTRIBUTES = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, listIndex.partitionKey, listIndex.sortKey];

type MembershipState = 'pending' | 'applied';

function withoutKeys<T>(item: StoredItem): T {
  const copy: StoredItem = { ...item };
  for (const name of KEY_ATTRIBUTES) delete copy[name];
  return copy as T;
}

function expectId(item: StoredItem, kind: string): StoredItem {
  if (typeof item.id !== 'string') {
    throw new StoreIntegrityError(`Stored ${kind} ${String(item.pk)} has no string id`);
  }
  return item;
}


export class DynamoStore implements NewswatchStore {
  private readonly config: DynamoStoreConfig;
  private readonly actors: DynamoActorRegistry;
  private watchCache?: { watches: Watch[]; until: number };
  private readonly recentHeads: RecentItems;
  /** Stories this instance read and has not written since (indexStory rewrites their summary). */
  private readonly storiesRead = new Map<string, { story: Story; at: number }>();
  /** Search postings of stories written since their last indexStory (which writes them with the heads). */
  private readonly pendingPostings = new Map<string, StoredItem[]>();
  private readonly storyCopies: StoryCopies;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    config: Partial<DynamoStoreConfig> = {},
  ) {
    this.config = { ...DYNAMO_STORE_DEFAULTS, ...config };
    this.actors = new DynamoActorRegistry(doc, tableName, this.config);
    this.recentHeads = new RecentItems(doc, tableName, this.config);
    this.storyCopies = new StoryCopies(this.config.storyCopyLimit);
  }

  // ---- articles -------------------------------------------------------------------------

  async claimArticle(article: Article): Promise<{ created: true } | { created: false; existing: Article }> {
    const key = itemKey.article(article.id);
    if (await this.putIfAbsent({ ...articleItem(article), ...key })) return { created: true };
    const existing = await this.getArticle(article.id);
    if (!existing) throw new RetryableError(`Article ${article.id} was claimed but cannot be read back`);
    return { created: false, existing };
  }

  async putArticles(articles: Article[]): Promise<void> {
    await batchPutItems(this.doc, this.tableName, articles.map((article) => ({ ...articleItem(article), ...itemKey.article(article.id) })), this.config);
  }

  async getArticle(id: string): Promise<Article | undefined> {
    const item = await this.getItem(itemKey.article(id));
    return item && toArticle(item);
  }

  async saveArticle(article: Article): Promise<void> {
    await this.putItem({ ...articleItem(article), ...itemKey.article(article.id) });
  }

  async markArticleIngested(article: Pick<Article, 'id' | 'storyId' | 'copyOf'>): Promise<void> {
    // copyOf only when the article is a copy: SET cannot write an undefined value.
    const fields = { status: 'ingested', storyId: article.storyId, ...(article.copyOf === undefined ? {} : { copyOf: article.copyOf }) };
    const names = Object.keys(fields);
    await storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: itemKey.article(article.id),
      UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(', ')} REMOVE #error, #failedAt`,
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: {
        '#pk': TABLE_KEYS.partitionKey, '#error': 'error', '#failedAt': 'failedAt',
        ...Object.fromEntries(names.map((name) => [`#${name}`, name])),
      },
      ExpressionAttributeValues: Object.fromEntries(Object.entries(fields).map(([name, value]) => [`:${name}`, value])),
    })));
  }

  async markArticleFailed(id: string, error: string, at: string): Promise<void> {
    // Only a claimed article that is not done: a failure never undoes `ingested`.
    await writtenIf(() => storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: itemKey.article(id),
      UpdateExpression: 'SET #status = :failed, #error = :error, #failedAt = :at',
      ConditionExpression: 'attribute_exists(#pk) AND #status <> :ingested',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#status': 'status', '#error': 'error', '#failedAt': 'failedAt' },
      ExpressionAttributeValues: { ':failed': 'failed', ':ingested': 'ingested', ':error': error, ':at': at },
    }))));
  }

  // ---- actors (actor-registry.ts) --------------------------------------------------------

  findActorsByAlias(keys: string[], actorIds?: string[]): Promise<Map<string, ActorRecord>> {
    return this.actors.findActorsByAlias(keys, actorIds);
  }

  saveActors(actors: ActorRecord[]): Promise<void> {
    return this.actors.saveActors(actors);
  }

  getActor(id: string): Promise<ActorRecord | undefined> {
    return this.actors.getActor(id);
  }

  listActors(): Promise<ActorRecord[]> {
    return this.actors.listActors();
  }

  resolveActorIds(ids: string[]): Promise<Map<string, ActorRecord>> {
    return this.actors.resolveActorIds(ids);
  }

  setUserAlias(actorId: string, key: string): Promise<{ previousOwner?: string }> {
    return this.actors.setUserAlias(actorId, key);
  }

  mergeActor(fromId: string, intoId: string): Promise<void> {
    return this.actors.mergeActor(fromId, intoId);
  }

  splitActor(fromId: string, keys: string[], actor: ActorRecord): Promise<void> {
    return this.actors.splitActor(fromId, keys, actor);
  }

  async saveStoryActors(story: Story): Promise<boolean> {
    // An UpdateItem of two fields: the rest of `story` is not what it wrote, so no copy of it.
    this.storyCopies.forget(story.id);
    if (!(await this.actors.saveStoryActors(story))) return false;
    await this.wroteStory({ ...story, version: story.version! + 1 });
    return true;
  }

  // ---- stories --------------------------------------------------------------------------

  async findCandidateStories(keys: string[], limitPerKey: number): Promise<string[]> {
    if (limitPerKey <= 0) return [];
    return rankCandidateStories((await this.readIndexHeads(keys, false)).values(), limitPerKey);
  }

  async getIndexHeads(keys: string[]): Promise<Map<string, IndexHead>> {
    return this.readIndexHeads(keys, false);
  }

  async getStories(ids: string[]): Promise<Story[]> {
    // Consistent: the version read here guards the next write. A story this instance has a copy
    // of is read by its version alone (beside the others, read whole), and again whole only when
    // it changed meanwhile.
    const unique = [...new Set(ids)];
    const copies = new Map(unique.flatMap((id) => {
      const copy = this.storyCopies.get(id);
      return copy ? [[id, copy] as const] : [];
    }));
    const [versions, found] = await Promise.all([
      this.readStoryItems([...copies.keys()], { attributes: ['version'] }),
      this.readStoryItems(unique.filter((id) => !copies.has(id))),
    ]);
    const changed: string[] = [];
    for (const [id, copy] of copies) {
      const stored = foundItem(versions, itemKey.story(id));
      if (stored?.version === copy.version) continue;
      copies.delete(id);
      this.storyCopies.forget(id);
      if (stored) changed.push(id);
    }
    for (const [key, item] of await this.readStoryItems(changed)) found.set(key, item);
    const stories: Story[] = [];
    for (const id of unique) {
      const item = foundItem(found, itemKey.story(id));
      const story = item ? toStory(item) : copies.get(id);
      if (story) stories.push(this.read(story));
    }
    return stories;
  }

  private async readStoryItems(ids: string[], projection?: { attributes: readonly string[] }): Promise<Map<string, StoredItem>> {
    if (ids.length === 0) return new Map();
    return batchGetItems(this.doc, this.tableName, ids.map(itemKey.story), this.config, true, projection);
  }

  async getStory(id: string): Promise<Story | undefined> {
    const item = await this.getItem(itemKey.story(id));
    if (!item) this.storyCopies.forget(id);
    return item && this.read(toStory(item));
  }

  private read(story: Story): Story {
    if (this.storiesRead.size >= STORIES_READ_LIMIT) this.storiesRead.clear();
    this.storiesRead.set(story.id, { story, at: Date.now() });
    this.storyCopies.remember(story);
    return story;
  }

  /**
   * A new story starts at version 1 from its first article(s), all listed in articleIds: the
   * list decides membership, so no membership items are written.
   */
  async createStory(story: Story): Promise<boolean> {
    if (!listsEveryArticle(story)) {
      throw new StoreIntegrityError(`createStory: story ${story.id} counts ${story.articleCount} articles but lists ${story.articleIds.length}`);
    }
    const item = storyItem(story, 1);
    if (!(await this.putIfAbsent(item))) return false;
    this.storyCopies.remember(toStory(item));
    await this.wroteStory({ ...story, version: 1 });
    return true;
  }

  async addArticleToStory(storyId: string, articleId: string, next: Story): Promise<boolean> {
    if (next.id !== storyId) {
      throw new StoreIntegrityError(`addArticleToStory: story ${next.id} given for story id ${storyId}`);
    }
    // While the story's own article list is complete, `NOT contains(articleIds)` in the one
    // conditional put decides exactly once: no membership item is needed (one write, not three).
    if (listsEveryArticle(next) && next.version !== undefined) return this.putStoryOnce(storyId, [articleId], next, false);
    if (!(await this.putIfAbsent(membershipItem(storyId, articleId, 'pending')))) {
      const membership = await this.getItem(itemKey.storyMember(storyId, articleId));
      if (membership?.state === 'applied') return false;
      // Pending: an earlier attempt stopped before (or while) writing the story. Finish it.
    }
    if (next.version === undefined) {
      if (await this.countedAlready(storyId, [articleId])) return false;
      throw new StoreIntegrityError(
        `addArticleToStory(${storyId}, ${articleId}): the updated story has no version; build it by spreading the story read from the store`,
      );
    }
    return this.putStoryOnce(storyId, [articleId], next, true);
  }

  /**
   * Adds several articles to the story in one write (a grouped ingest, core/ingest/ingestGroup.ts):
   * `next` counts them all and lists every article the story counts, and carries the version it
   * was computed from. False when the stored story counts them already (a resumed run).
   */
  async addArticlesToStory(storyId: string, articleIds: string[], next: Story): Promise<boolean> {
    if (next.id !== storyId || !listsEveryArticle(next) || next.version === undefined) {
      throw new StoreIntegrityError(`addArticlesToStory: story ${next.id} must be ${storyId}, list every article it counts and carry the version it was read at`);
    }
    return this.putStoryOnce(storyId, articleIds, next, false);
  }

  /** The story write itself: version check and not yet counted; a lost race is told apart from a retry. */
  private async putStoryOnce(storyId: string, ids: string[], next: Story, withMembership: boolean): Promise<boolean> {
    const item = storyItem(next, next.version! + 1);
    try {
      await storeCall('PutItem', () => this.doc.send(new PutCommand({
        TableName: this.tableName,
        Item: item,
        ConditionExpression: ['#version = :previous', ...ids.map((_, i) => `NOT contains(#articleIds, :article${i})`)].join(' AND '),
        ExpressionAttributeNames: { '#version': 'version', '#articleIds': 'articleIds' },
        ExpressionAttributeValues: { ':previous': next.version, ...Object.fromEntries(ids.map((id, i) => [`:article${i}`, id])) },
      })));
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      if (await this.countedAlready(storyId, ids, withMembership)) return false;
      throw new RetryableError(`Story ${storyId} changed since version ${next.version}: re-read it and retry`, { cause: error });
    }
    // The item put is the story as stored: its copy (story-copies.ts) saves the next reader the read.
    this.storyCopies.remember(toStory(item));
    await this.wroteStory({ ...next, version: next.version! + 1 });
    if (withMembership) await this.markMembershipApplied(storyId, ids[0]);
    return true;
  }

  /**
   * After a story write: its summary follows, and the postings of the search tokens it gained
   * (all of them unless the read it was computed from is at hand) wait for the story's
   * indexStory, which the ingest calls next, to go out in the same BatchWriteItem as the index
   * heads; that read is spent.
   */
  private async wroteStory(story: Story): Promise<void> {
    const read = this.storiesRead.get(story.id)?.story;
    this.storiesRead.delete(story.id);
    const previous = read && read.version === (story.version ?? 0) - 1 ? new Set(storySearchTokens(read)) : new Set<string>();
    const postings = searchPostingItems(story).filter((item) => !previous.has(item.token));
    if (postings.length > 0) {
      if (this.pendingPostings.size >= STORIES_READ_LIMIT) this.pendingPostings.clear();
      this.pendingPostings.set(story.id, [...(this.pendingPostings.get(story.id) ?? []), ...postings]);
    }
    await this.putSummary(story);
  }

  /** The story's postings under each of its search tokens not in `except` (idempotent puts). */
  private async putPostings(story: Story, except: ReadonlySet<string> = new Set()): Promise<void> {
    const items = searchPostingItems(story).filter((item) => !except.has(item.token));
    if (items.length > 0) await batchPutItems(this.doc, this.tableName, items, this.config);
  }

  /** Puts the story's summary unless the stored one summarizes the same or a later version. */
  private async putSummary(story: Story): Promise<void> {
    await putItemIf(this.doc, this.tableName, summaryItem(story), 'attribute_not_exists(#pk) OR #version < :version', { '#version': 'version' }, { ':version': story.version ?? 0 });
  }

  /**
   * After the story write did not happen: true when the stored story already counts the
   * articles (another attempt applied it; its membership, if it has one, is marked applied).
   */
  private async countedAlready(storyId: string, ids: string[], withMembership = true): Promise<boolean> {
    const current = await this.getStory(storyId);
    if (!current) throw new StoreIntegrityError(`addArticleToStory: story ${storyId} does not exist`);
    if (!ids.every((id) => current.articleIds.includes(id))) return false;
    if (withMembership) await this.markMembershipApplied(storyId, ids[0]);
    return true;
  }

  private async markMembershipApplied(storyId: string, articleId: string): Promise<void> {
    await storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: itemKey.storyMember(storyId, articleId),
      UpdateExpression: 'SET #state = :applied',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':applied': 'applied' satisfies MembershipState },
    })));
  }

  async indexStory(storyId: string, keys: string[], lastSeen: string): Promise<void> {
    await this.indexStories(keys.map((key) => ({ storyId, key, lastSeen })));
  }

  async indexStories(entries: { storyId: string; key: string; lastSeen: string }[]): Promise<void> {
    const postings: StoredItem[] = [];
    for (const storyId of new Set(entries.map((entry) => entry.storyId))) {
      const read = this.storiesRead.get(storyId);
      postings.push(...(this.pendingPostings.get(storyId) ?? []));
      this.pendingPostings.delete(storyId);
      if (!read) continue;
      this.storiesRead.delete(storyId);
      // Read and not written: an article already counted (a resumed run). Its summary and postings may be missing.
      if (Date.now() - read.at <= this.config.readReuseMs) {
        await this.putSummary(read.story);
        postings.push(...searchPostingItems(read.story));
      }
    }
    const keys = [...new Set(entries.map((entry) => entry.key))];
    if (keys.length === 0) {
      if (postings.length > 0) await batchPutItems(this.doc, this.tableName, postings as (StoredItem & ItemKey)[], this.config);
      return;
    }
    // The heads were usually read a moment ago to find candidates: rewrite them from that read,
    // each head once, with every story indexed under it.
    const heads = await this.readIndexHeads(keys, true);
    for (const { storyId, key, lastSeen } of entries) heads.set(key, withStoryInHead(heads.get(key) ?? {}, storyId, lastSeen));
    const items = keys.map((key) => ({ ...itemKey.indexHead(key), key, stories: newestOfHead(heads.get(key)!, this.config.indexHeadSize) }));
    await batchPutItems(this.doc, this.tableName, [...items, ...(postings as (StoredItem & ItemKey)[])], this.config);
    this.recentHeads.wrote(items);
  }

  async announceStory(storyId: string, keys: string[]): Promise<string> {
    const unique = [...new Set(keys)];
    const now = Date.now();
    const at = new Date(now).toISOString();
    const bucket = this.announcementBucket(now);
    await mapWithConcurrency(unique, this.config.concurrency, (key) => storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: itemKey.announcements(key, bucket),
      UpdateExpression: 'ADD #announced :entry',
      ExpressionAttributeNames: { '#announced': 'announced' },
      ExpressionAttributeValues: { ':entry': new Set([`${at}|${storyId}`]) },
    }))));
    // A repeated announcement (a resumed run) keeps the first one's time.
    const earlier = (await this.findAnnouncedStories(unique, new Date(now - this.announcementSpanMs()).toISOString(), false))
      .find((story) => story.id === storyId);
    return earlier && earlier.announcedAt < at ? earlier.announcedAt : at;
  }

  async findStoriesInFlight(keys: string[], seconds: number): Promise<AnnouncedStory[]> {
    return (await this.findAnnouncedStories(keys, new Date(Date.now() - seconds * 1000).toISOString())).filter((story) => !story.indexed);
  }

  async findAnnouncedStories(keys: string[], since: string, withHeads = true): Promise<AnnouncedStory[]> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return [];
    const now = Date.now();
    const last = this.announcementBucket(now);
    const first = Math.max(this.announcementBucket(Date.parse(since)), last - this.config.maxAnnouncementBuckets + 1);
    const itemKeys = unique.flatMap((key) => Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => itemKey.announcements(key, first + i)));
    const found = await batchGetItems(this.doc, this.tableName, itemKeys, this.config, true);
    const announced = new Map<string, string>();
    for (const item of found.values()) {
      const entries = item.announced instanceof Set ? [...item.announced] : Array.isArray(item.announced) ? item.announced : [];
      for (const entry of entries) {
        if (typeof entry !== 'string') continue;
        const split = entry.indexOf('|');
        if (split < 0) continue;
        const at = entry.slice(0, split);
        const id = entry.slice(split + 1);
        if (at < since) continue;
        const seen = announced.get(id);
        if (!seen || at < seen) announced.set(id, at);
      }
    }
    if (announced.size === 0) return [];
    const indexed = new Set<string>();
    if (withHeads) {
      for (const stories of (await this.readIndexHeads(unique, true)).values()) for (const id of Object.keys(stories)) indexed.add(id);
    }
    return [...announced].map(([id, announcedAt]) => ({ id, announcedAt, indexed: indexed.has(id) }))
      .sort((a, b) => (a.announcedAt < b.announcedAt ? -1 : a.announcedAt > b.announcedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private announcementBucket(ms: number): number {
    return Math.floor(ms / (this.config.announcementBucketSeconds * 1000));
  }

  private announcementSpanMs(): number {
    return this.config.maxAnnouncementBuckets * this.config.announcementBucketSeconds * 1000;
  }

  /**
   * The head of each key (story id -> lastSeen; empty when the key has none), read consistently;
   * with `reuse`, the heads this instance read or wrote a moment ago serve instead.
   */
  private async readIndexHeads(keys: string[], reuse: boolean): Promise<Map<string, Record<string, string>>> {
    const found = await this.recentHeads.read(keys.map(itemKey.indexHead), { consistent: true, reuse });
    const heads = new Map<string, Record<string, string>>();
    for (const key of new Set(keys)) {
      const item = foundItem(found, itemKey.indexHead(key));
      heads.set(key, item && item.stories && typeof item.stories === 'object' ? item.stories as Record<string, string> : {});
    }
    return heads;
  }

  async listStories(limit?: number): Promise<Story[]> {
    const { stories: summaries } = await this.searchStorySummaries({}, { limit: limit ?? Number.MAX_SAFE_INTEGER });
    const stories = new Map((await this.getStories(summaries.map((summary) => summary.id))).map((story) => [story.id, story]));
    return summaries.flatMap((summary) => stories.get(summary.id) ?? []);
  }

  async searchStorySummaries(
    search: StorySearch,
    { limit, after, maxExamined = Number.MAX_SAFE_INTEGER }: { limit: number; after?: StoryPageKey; maxExamined?: number },
  ): Promise<StorySummaryPage> {
    if (limit <= 0) return { stories: [] };
    const fromPostings = await this.searchByPostings(search, limit, after);
    if (fromPostings) return fromPostings;
    const filter = summaryFilter(search);
    const names: Record<string, string> = {
      '#lpk': listIndex.partitionKey, ...(search.activeFrom !== undefined ? { '#lsk': listIndex.sortKey } : {}), ...filter.names,
      ...Object.fromEntries(SUMMARY_ATTRIBUTES.map((name, i) => [`#a${i}`, name])),
    };
    const values: Record<string, unknown> = { ':lpk': LIST_PARTITIONS.storySummaries, ...filter.values };
    if (search.activeFrom !== undefined) values[':from'] = search.activeFrom;
    const filtering = filter.expression !== undefined;
    const stories: StorySummary[] = [];
    let startKey: Record<string, unknown> | undefined = after && summaryListKey(after);
    let examined = 0;
    // Filtered, the reads grow (most filters keep many stories and fill the page at once).
    let filteredRead = limit + 1;
    for (;;) {
      // Unfiltered, one more than asked tells whether there is a next page.
      const readLimit = filtering ? Math.min(filteredRead, this.config.summaryPageSize, maxExamined - examined) : limit - stories.length + 1;
      filteredRead *= 4;
      const output = await storeCall('Query', () => this.doc.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: listIndex.name,
        KeyConditionExpression: search.activeFrom !== undefined ? '#lpk = :lpk AND #lsk >= :from' : '#lpk = :lpk',
        ...(filtering ? { FilterExpression: filter.expression } : {}),
        ProjectionExpression: SUMMARY_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
        Limit: Math.min(readLimit, MAX_QUERY_LIMIT),
      })));
      examined += output.ScannedCount ?? output.Items?.length ?? 0;
      stories.push(...(output.Items ?? []).map((item) => withoutKeys<StorySummary>(expectId(item, 'story summary'))));
      startKey = output.LastEvaluatedKey;
      if (stories.length > limit) {
        const kept = stories.slice(0, limit);
        return { stories: kept, next: pageKeyOf(kept[limit - 1]) };
      }
      if (!startKey) return { stories };
      if (examined >= maxExamined) return { stories, next: pageKeyFromListKey(startKey) };
    }
  }

  /**
   * A search for something rare: when one of its token groups is posted under at most
   * maxPostingsRead stories, those stories' summaries are read (BatchGetItem) and filtered and
   * ordered here, instead of paging through the whole listing. Undefined when no group is that
   * rare (a common filter fills its page from the listing quickly).
   */
  private async searchByPostings(search: StorySearch, limit: number, after?: StoryPageKey): Promise<StorySummaryPage | undefined> {
    const groups = (search.tokenGroups ?? []).filter((group) => group.length > 0);
    if (groups.length === 0) return undefined;
    const cap = this.config.maxPostingsRead;
    const posted = await mapWithConcurrency(groups, this.config.concurrency, async (group) => {
      const ids = new Set<string>();
      for (const token of group) {
        const items = await queryAllPages(this.doc, {
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk',
          ProjectionExpression: '#sk',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
          ExpressionAttributeValues: { ':pk': itemKey.searchPosting(token, '').pk },
        }, cap + 1 - ids.size);
        for (const item of items) ids.add(String(item[TABLE_KEYS.sortKey]));
        if (ids.size > cap) return undefined;
      }
      return ids;
    });
    const rarest = posted.filter((ids): ids is Set<string> => ids !== undefined).sort((a, b) => a.size - b.size)[0];
    if (!rarest) return undefined;
    const found = await batchGetItems(this.doc, this.tableName, [...rarest].map(itemKey.storySummary), this.config, false, { attributes: [...SUMMARY_ATTRIBUTES, 'search'] });
    const afterKey = after && `${after.lastSeen}#${after.id}`;
    const matching = [...found.values()]
      .filter((item) => matchesSearch(item, search))
      .map((item) => ({ sortKey: `${String(item.lastSeen)}#${String(item.id)}`, item }))
      .filter(({ sortKey }) => afterKey === undefined || sortKey < afterKey)
      .sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
    const stories = matching.slice(0, limit).map(({ item }) => {
      const { search: _tokens, ...summary } = withoutKeys<StorySummary & { search?: unknown }>(item);
      return summary as StorySummary;
    });
    return matching.length > limit ? { stories, next: pageKeyOf(stories[limit - 1]) } : { stories };
  }

  async getArticleSummaries(ids: string[]): Promise<ArticleSummary[]> {
    const found = await batchGetItems(this.doc, this.tableName, ids.map(itemKey.article), this.config, false, { attributes: ARTICLE_SUMMARY_ATTRIBUTES });
    return [...new Set(ids)].flatMap((id) => {
      const item = foundItem(found, itemKey.article(id));
      return item ? [withoutKeys<ArticleSummary>(item)] : [];
    });
  }

  /**
   * Moves the stories of a table written before summaries existed (listed themselves in the
   * legacy partition) to the summary listing: puts each one's summary and takes the story out
   * of the list index. Idempotent and resumable; one empty Query when there is nothing to move.
   * Returns how many stories it moved.
   */
  async migrateStoryListing(): Promise<number> {
    let moved = 0;
    for (;;) {
      const items = await queryListPartition(this.doc, this.tableName, LIST_PARTITIONS.legacyStories, false, this.config.batchGetSize);
      if (items.length === 0) return moved;
      await mapWithConcurrency(items, this.config.concurrency, async (item) => {
        const story = toStory(item);
        await Promise.all([this.putSummary(story), this.putPostings(story)]);
        await writtenIf(() => storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey.story(story.id),
          UpdateExpression: 'REMOVE #lpk, #lsk',
          // A story rewritten meanwhile is no longer listed (storyItem carries no list keys).
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#lpk': listIndex.partitionKey, '#lsk': listIndex.sortKey, '#version': 'version' },
          ExpressionAttributeValues: { ':version': story.version ?? 0 },
        }))));
      });
      moved += items.length;
    }
  }

  async claimCoverage(entry: CoverageEntry): Promise<{ created: boolean; entry: CoverageEntry }> {
    const key = itemKey.coverage(entry.storyId, entry.source.id);
    if (await this.putIfAbsent({ ...entry, ...key })) return { created: true, entry };
    const stored = await this.getItem(key);
    if (!stored) throw new RetryableError(`Coverage ${key.pk} ${key.sk} was claimed but cannot be read back`);
    return { created: false, entry: withoutKeys<CoverageEntry>(stored) };
  }

  async backdateCoverage(entry: CoverageEntry, replaces: CoverageEntry): Promise<boolean> {
    return writtenIf(() => storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: itemKey.coverage(entry.storyId, entry.source.id),
      UpdateExpression: 'SET #articleId = :articleId, #firstSeen = :firstSeen',
      ConditionExpression: '#articleId = :held AND #firstSeen = :heldSince',
      ExpressionAttributeNames: { '#articleId': 'articleId', '#firstSeen': 'firstSeen' },
      ExpressionAttributeValues: { ':articleId': entry.articleId, ':firstSeen': entry.firstSeen, ':held': replaces.articleId, ':heldSince': replaces.firstSeen },
    }))));
  }

  async getCoverage(pairs: { storyId: string; sourceId: string }[]): Promise<CoverageEntry[]> {
    const unique = new Map(pairs.map(({ storyId, sourceId }) => [`${storyId}\u0000${sourceId}`, itemKey.coverage(storyId, sourceId)]));
    const found = await batchGetItems(this.doc, this.tableName, [...unique.values()], this.config, true);
    return [...unique.values()].flatMap((key) => {
      const item = foundItem(found, key);
      return item ? [withoutKeys<CoverageEntry>(item)] : [];
    });
  }

  async putNewCoverage(entries: CoverageEntry[]): Promise<void> {
    await batchPutItems(this.doc, this.tableName, entries.map((entry) => ({ ...entry, ...itemKey.coverage(entry.storyId, entry.source.id) })), this.config);
  }

  async listCoverage(storyId: string): Promise<CoverageEntry[]> {
    const items = await this.queryStoryChildren(storyId, STORY_CHILD_PREFIXES.coverage);
    return items.map((item) => withoutKeys<CoverageEntry>(item))
      .sort((a, b) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : 0));
  }

  // ---- alerts ---------------------------------------------------------------------------

  /** One conditional put: the alert, its lease, and its place in the ALERTS listing (gsi1). */
  async recordAlert(alert: Alert, deliveryLeaseUntil?: string): Promise<boolean> {
    return this.putIfAbsent(alertItem(deliveryLeaseUntil ? { ...alert, deliveryLeaseUntil } : alert));
  }

  async putAlerts(alerts: StoredAlert[]): Promise<void> {
    await batchPutItems(this.doc, this.tableName, alerts.map(alertItem), this.config);
  }

  async getAlert(storyId: string, alertId: string): Promise<Alert | undefined> {
    const item = await this.getItem(itemKey.alert(storyId, alertId));
    return item && withoutKeys<Alert>(item);
  }

  async claimAlertDelivery(storyId: string, alertId: string, now: string, leaseUntil: string): Promise<boolean> {
    return writtenIf(() => storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: itemKey.alert(storyId, alertId),
      UpdateExpression: 'SET #lease = :leaseUntil',
      ConditionExpression: 'attribute_exists(#pk) AND #status <> :sent AND #status <> :failed AND (attribute_not_exists(#lease) OR #lease < :now)',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#status': 'status', '#lease': 'deliveryLeaseUntil' },
      ExpressionAttributeValues: { ':sent': 'sent', ':failed': 'failed', ':now': now, ':leaseUntil': leaseUntil },
    }))));
  }

  async releaseAlertDelivery(storyId: string, alertId: string): Promise<void> {
    await storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: itemKey.alert(storyId, alertId),
      UpdateExpression: 'REMOVE #lease',
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#lease': 'deliveryLeaseUntil' },
    })));
  }

  async markAlertSent(storyId: string, alertId: string, sentAt: string): Promise<void> {
    try {
      await storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
        TableName: this.tableName,
        Key: itemKey.alert(storyId, alertId),
        UpdateExpression: 'SET #status = :sent, #sentAt = :sentAt',
        // Never create a half alert out of a mark.
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#status': 'status', '#sentAt': 'sentAt', '#pk': TABLE_KEYS.partitionKey },
        ExpressionAttributeValues: { ':sent': 'sent', ':sentAt': sentAt },
      })));
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new StoreIntegrityError(`markAlertSent: alert ${alertId} of story ${storyId} was never recorded`, { cause: error });
      }
      throw error;
    }
  }

  async markAlertFailed(storyId: string, alertId: string, error: string, failedAt: string): Promise<void> {
    try {
      await storeCall('UpdateItem', () => this.doc.send(new UpdateCommand({
        TableName: this.tableName,
        Key: itemKey.alert(storyId, alertId),
        UpdateExpression: 'SET #status = :failed, #error = :error, #failedAt = :failedAt REMOVE #lease',
        ConditionExpression: 'attribute_exists(#pk) AND #status <> :sent',
        ExpressionAttributeNames: {
          '#pk': TABLE_KEYS.partitionKey, '#status': 'status', '#error': 'error', '#failedAt': 'failedAt', '#lease': 'deliveryLeaseUntil',
        },
        ExpressionAttributeValues: { ':failed': 'failed', ':sent': 'sent', ':error': error, ':failedAt': failedAt },
      })));
    } catch (error_) {
      if (!isConditionalCheckFailed(error_)) throw error_;
      // Sent meanwhile (a racing worker's publish went through): sent stays sent.
      if ((await this.getAlert(storyId, alertId))?.status === 'sent') return;
      throw new StoreIntegrityError(`markAlertFailed: alert ${alertId} of story ${storyId} was never recorded`, { cause: error_ });
    }
  }

  async listAlerts(storyId: string): Promise<StoredAlert[]> {
    const items = await this.queryStoryChildren(storyId, STORY_CHILD_PREFIXES.alert);
    return items.map((item) => withoutKeys<StoredAlert>(item))
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  }

  /**
   * Newest first from the ALERTS partition of gsi1; `since` bounds the sort key (`<createdAt>#…`
   * >= since), so only the alerts asked for are read. Eventually consistent, as every gsi1 read:
   * an alert recorded a moment ago may be missing from the listing for a moment.
   */
  async listRecentAlerts({ since, limit = 100 }: { since?: string; limit?: number }): Promise<StoredAlert[]> {
    if (limit <= 0) return [];
    const items = await queryListPartition(this.doc, this.tableName, LIST_PARTITIONS.alerts, false, limit, since);
    return items.map((item) => withoutKeys<StoredAlert>(item));
  }

  // ---- watches --------------------------------------------------------------------------

  /**
   * Watches change rarely and every object reads them: they are kept for watchCacheSeconds
   * (a warm Lambda sees a new watch within that time; this instance's own changes at once).
   */
  async listWatches(): Promise<Watch[]> {
    const now = Date.now();
    if (this.watchCache && now < this.watchCache.until) return this.watchCache.watches.map((watch) => ({ ...watch }));
    const items = await this.queryAll({
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
      ExpressionAttributeValues: { ':pk': WATCH_PARTITION },
      ConsistentRead: true,
    });
    const watches = items.map((item) => withoutKeys<Watch>(item));
    if (this.config.watchCacheSeconds > 0) this.watchCache = { watches, until: now + this.config.watchCacheSeconds * 1000 };
    return watches;
  }

  async putWatch(watch: Watch): Promise<void> {
    this.watchCache = undefined;
    await this.putItem({ ...watch, ...itemKey.watch(watch.id) });
  }

  async deleteWatch(id: string): Promise<boolean> {
    this.watchCache = undefined;
    const output = await storeCall('DeleteItem', () => this.doc.send(new DeleteCommand({
      TableName: this.tableName, Key: itemKey.watch(id), ReturnValues: 'ALL_OLD',
    })));
    return output.Attributes !== undefined;
  }

  // ---- object log -----------------------------------------------------------------------

  async recordObject(record: ObjectRecord): Promise<void> {
    await this.putItem({ ...record, ...itemKey.object(record.key, record.version) });
  }

  async getObject(key: string, version?: string): Promise<ObjectRecord | undefined> {
    const item = await this.getItem(itemKey.object(key, version));
    return item && withoutKeys<ObjectRecord>(item);
  }

  // ---- primitives -----------------------------------------------------------------------

  private async getItem(key: ItemKey): Promise<StoredItem | undefined> {
    // Consistent: reads here follow this process's or a racing writer's conditional writes.
    const output = await storeCall('GetItem', () => this.doc.send(new GetCommand({
      TableName: this.tableName, Key: key, ConsistentRead: true,
    })));
    return output.Item;
  }

  private async putItem(item: StoredItem & ItemKey): Promise<void> {
    await storeCall('PutItem', () => this.doc.send(new PutCommand({ TableName: this.tableName, Item: item })));
  }

  /** The exactly-once primitive: true when this call created the item, false when it existed. */
  private putIfAbsent(item: StoredItem & ItemKey): Promise<boolean> {
    return putItemIf(this.doc, this.tableName, item);
  }

  private queryStoryChildren(storyId: string, prefix: string): Promise<StoredItem[]> {
    return this.queryAll({
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
      ExpressionAttributeValues: { ':pk': itemKey.story(storyId).pk, ':prefix': prefix },
      ConsistentRead: true,
    });
  }

  private queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>, limit?: number): Promise<StoredItem[]> {
    return queryAllPages(this.doc, { ...input, TableName: this.tableName }, limit);
  }
}

/** Stories remembered as read (for indexStory's summary repair); past it, the memo starts again. */
const STORIES_READ_LIMIT = 1_000;

/** DynamoDB's own ceiling on a Query's Limit is none, but a page never needs more. */
const MAX_QUERY_LIMIT = 1_000;

/** The story item: not listed itself (its summary is). */
export function storyItem(story: Story, version: number): StoredItem & ItemKey {
  return { ...story, signatures: encodeSignatures(story.signatures), ...itemKey.story(story.id), version };
}

/** An alert's item: listed by creation time in the alert list. */
function alertItem(alert: StoredAlert): StoredItem & ItemKey {
  return {
    ...alert,
    ...itemKey.alert(alert.storyId, alert.id),
    [listIndex.partitionKey]: LIST_PARTITIONS.alerts,
    [listIndex.sortKey]: `${alert.createdAt}#${alert.storyId}#${alert.id}`,
  };
}

/** The article as stored: its signature as one string (signature-codec.ts). */
function articleItem(article: Article): StoredItem {
  return { ...article, signature: encodeSignature(article.signature) };
}

function toArticle(item: StoredItem): Article {
  const article = withoutKeys<Article>(expectId(item, 'article'));
  return { ...article, signature: decodeSignature(item.signature) };
}

/** What a summary item holds: the StorySummary fields a list row reads. */
const SUMMARY_ATTRIBUTES = [
  'id', 'headline', 'firstSeen', 'lastSeen', 'articleCount', 'sources', 'sourceNames', 'articleIds',
  'tracked', 'trackedBy', 'topActors', 'activity', 'version',
] as const satisfies readonly (keyof StorySummary)[];

/** The article fields a timeline reads (getArticleSummaries): the text and signature stay behind. */
const ARTICLE_SUMMARY_ATTRIBUTES = [
  'id', 'title', 'url', 'source', 'publishedAt', 'ingestedAt', 'copyOf', 'wordCount', 'status', 'storyId',
] as const satisfies readonly (keyof ArticleSummary)[];

/** The summary item of a story (at the story's version), listed by recency, with its search tokens. */
export function summaryItem(story: Story): StoredItem & ItemKey {
  const summary: StoredItem = {};
  for (const name of SUMMARY_ATTRIBUTES) if (story[name] !== undefined) summary[name] = story[name];
  const tokens = storySearchTokens(story);
  return {
    ...summary,
    ...itemKey.storySummary(story.id),
    [listIndex.partitionKey]: LIST_PARTITIONS.storySummaries,
    [listIndex.sortKey]: `${story.lastSeen}#${story.id}`,
    ...(tokens.length > 0 ? { search: new Set(tokens) } : {}),
  };
}

/** The story's posting under each of its search tokens. */
export function searchPostingItems(story: Story): (StoredItem & ItemKey & { token: string })[] {
  return storySearchTokens(story).map((token) => ({ ...itemKey.searchPosting(token, story.id), token, storyId: story.id }));
}

/** The gsi1 key of a summary, as Query's ExclusiveStartKey wants it. */
function summaryListKey({ lastSeen, id }: StoryPageKey): Record<string, string> {
  return {
    ...itemKey.storySummary(id),
    [listIndex.partitionKey]: LIST_PARTITIONS.storySummaries,
    [listIndex.sortKey]: `${lastSeen}#${id}`,
  };
}

function pageKeyOf(summary: StorySummary): StoryPageKey {
  return { lastSeen: summary.lastSeen, id: summary.id };
}

function pageKeyFromListKey(key: Record<string, unknown>): StoryPageKey {
  const sortKey = String(key[listIndex.sortKey]);
  const split = sortKey.indexOf('#');
  return { lastSeen: sortKey.slice(0, split), id: sortKey.slice(split + 1) };
}

/** The FilterExpression's test, on a summary item read whole (searchByPostings). */
function matchesSearch(item: StoredItem, search: StorySearch): boolean {
  const tokens = item.search instanceof Set ? item.search as Set<string> : new Set(Array.isArray(item.search) ? item.search as string[] : []);
  if (!(search.tokenGroups ?? []).every((group) => group.length === 0 || group.some((token) => tokens.has(token)))) return false;
  if (search.tracked && item.tracked !== true) return false;
  if (search.activeFrom !== undefined && `${String(item.lastSeen)}#${String(item.id)}` < search.activeFrom) return false;
  if (search.activeUntil !== undefined && String(item.firstSeen) > search.activeUntil) return false;
  return true;
}

/** The FilterExpression of a search (undefined when it filters on nothing the key does not). */
function summaryFilter(search: StorySearch): { expression?: string; names: Record<string, string>; values: Record<string, unknown> } {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const groups = (search.tokenGroups ?? []).filter((group) => group.length > 0);
  if (groups.length > 0) names['#search'] = 'search';
  groups.forEach((group, g) => {
    const choices = group.map((token, t) => {
      values[`:t${g}_${t}`] = token;
      return `contains(#search, :t${g}_${t})`;
    });
    clauses.push(choices.length === 1 ? choices[0] : `(${choices.join(' OR ')})`);
  });
  if (search.tracked) {
    names['#tracked'] = 'tracked';
    values[':tracked'] = true;
    clauses.push('#tracked = :tracked');
  }
  if (search.activeUntil !== undefined) {
    names['#firstSeen'] = 'firstSeen';
    values[':until'] = search.activeUntil;
    clauses.push('#firstSeen <= :until');
  }
  return { expression: clauses.length > 0 ? clauses.join(' AND ') : undefined, names, values };
}

function toStory(item: StoredItem): Story {
  const story = withoutKeys<Story>(expectId(item, 'story'));
  return { ...story, signatures: decodeSignatures(item.signatures) };
}

function membershipItem(storyId: string, articleId: string, state: MembershipState): StoredItem & ItemKey {
  return { ...itemKey.storyMember(storyId, articleId), storyId, articleId, state };
}
