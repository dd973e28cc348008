/**
 * The actor registry on the single table (the ActorRegistry port; DynamoStore delegates here).
 *
 * Items: actor (ACTOR#<id> / ACTOR) and alias (ALIAS#<folded> / ALIAS), laid out in
 * docs/architecture.md ("The table layout").
 *
 * Who owns an alias is decided by its alias item alone. The tagger claims an alias only when it
 * read it free (batched, see saveActors for the race this leaves); a user
 * (alias, split) overwrites it unconditionally, so a user's word always wins over the tagger's;
 * a merge moves an alias only while it still belongs to the merged actor (actorId = :from).
 * The actor item's alias sets are a listing of what it owns, kept with ADD/DELETE on string sets
 * so concurrent writers merge rather than overwrite.
 *
 * A merged actor keeps its item with `mergedInto`: every id stored anywhere (article tags, story
 * actor lists, alias items a merge did not reach) still resolves, by following the redirects
 * (resolveActorIds; at most MAX_REDIRECT_HOPS BatchGetItems, none when nothing was merged).
 *
 * Every call is GetItem, BatchGetItem, Query on the ACTORS list partition, PutItem or UpdateItem.
 * No Scan, no transaction: a merge or split cut short is completed by running it again.
 */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StoreIntegrityError } from '../../core/errors';
import type { ActorRecord, Story } from '../../core/model';
import { batchPutItems, foundItem, mapWithConcurrency, putItemIf, queryListPartition, RecentItems, type StoredItem } from './batch';
import type { DynamoStoreConfig } from './config';
import { isConditionalCheckFailed, storeCall, writtenIf } from './errors';
import { itemKey, LIST_PARTITIONS, TABLE_KEYS, type ItemKey } from './schema';

const { listIndex } = TABLE_KEYS;

/** Redirect chains are short (a merge targets the final actor); the bound only stops a cycle. */
const MAX_REDIRECT_HOPS = 8;

type AliasOrigin = 'user' | 'auto';

export class DynamoActorRegistry {
  private readonly recentReads: RecentItems;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly config: DynamoStoreConfig,
  ) {
    this.recentReads = new RecentItems(doc, tableName, config);
  }

  /** Alias keys -> their actors, redirects followed; an alias a user set is listed in userAliases. */
  async findActorsByAlias(keys: string[], actorIds: string[] = []): Promise<Map<string, ActorRecord>> {
    const aliasKeys = [...new Set(keys)];
    // The actors the article may create are read in the same request: saving them next needs them.
    const aliases = await this.readItems([...aliasKeys.map(itemKey.alias), ...actorIds.map(itemKey.actor)]);
    const owners = await this.resolveActorIds([...new Set(aliasKeys
      .map((key) => foundItem(aliases, itemKey.alias(key))?.actorId)
      .filter((id): id is string => typeof id === 'string'))]);

    const resolved = new Map<string, ActorRecord>();
    for (const key of aliasKeys) {
      const alias = foundItem(aliases, itemKey.alias(key));
      if (!alias) continue;
      // An alias whose actor item is not written yet (a save cut short) still resolves.
      const actor = owners.get(String(alias.actorId)) ?? {
        id: String(alias.actorId), name: String(alias.name), type: alias.type as ActorRecord['type'], aliases: [key],
      };
      const byUser = alias.origin === ('user' satisfies AliasOrigin);
      resolved.set(key, byUser && !actor.userAliases?.includes(key)
        ? { ...actor, userAliases: [...(actor.userAliases ?? []), key].sort() }
        : actor);
    }
    return resolved;
  }

  async resolveActorIds(ids: string[]): Promise<Map<string, ActorRecord>> {
    const records = new Map<string, ActorRecord>();
    let pending = [...new Set(ids)];
    for (let hop = 0; hop < MAX_REDIRECT_HOPS && pending.length > 0; hop++) {
      const found = await this.readItems(pending.map(itemKey.actor));
      for (const id of pending) {
        const item = foundItem(found, itemKey.actor(id));
        if (item) records.set(id, toActor(item));
      }
      pending = [...new Set([...records.values()].map((r) => r.mergedInto).filter((id): id is string => !!id && !records.has(id)))];
    }
    const resolved = new Map<string, ActorRecord>();
    for (const id of new Set(ids)) {
      let record = records.get(id);
      for (let hop = 0; record?.mergedInto && records.has(record.mergedInto) && hop < MAX_REDIRECT_HOPS; hop++) {
        record = records.get(record.mergedInto);
      }
      if (record) resolved.set(id, record);
    }
    return resolved;
  }

  /**
   * One BatchGetItem reads the actors and aliases; one BatchWriteItem (per 25 items) then writes
   * the aliases nobody owns and the actors that are new; an actor gaining aliases gets one
   * UpdateItem (ADD merges with concurrent writers). Re-saving known actors costs the read only.
   * The cost per article stays a few requests however many names it has. The price of batching
   * (no conditions in BatchWriteItem): two ingests claiming the same brand-new alias in the same
   * instant both write it and the later one owns it; a user's alias set in that instant can be
   * overwritten by the tagger (set it again). The first actor in `actors` wins within one call.
   */
  async saveActors(actors: ActorRecord[]): Promise<void> {
    const merged = mergeActorsById(actors);
    if (merged.length === 0) return;
    const aliasKeys = merged.flatMap((actor) => actor.aliases.map(itemKey.alias));
    const stored = await this.readItems([...merged.map((actor) => itemKey.actor(actor.id)), ...aliasKeys]);

    const claimedBy = new Map<string, ActorRecord>();
    for (const actor of merged) {
      for (const alias of actor.aliases) {
        if (!foundItem(stored, itemKey.alias(alias)) && !claimedBy.has(alias)) claimedBy.set(alias, actor);
      }
    }
    const owns = (actor: ActorRecord, alias: string) =>
      claimedBy.get(alias)?.id === actor.id || foundItem(stored, itemKey.alias(alias))?.actorId === actor.id;

    const puts: (StoredItem & ItemKey)[] = [...claimedBy].map(([alias, actor]) => ({
      ...itemKey.alias(alias), alias, actorId: actor.id, name: actor.name, type: actor.type,
    }));
    const updates: { actor: ActorRecord; newAliases: string[] }[] = [];
    for (const actor of merged) {
      const current = foundItem(stored, itemKey.actor(actor.id));
      const owned = actor.aliases.filter((alias) => owns(actor, alias));
      if (!current) {
        puts.push(newActorItem(actor, owned));
        continue;
      }
      const currentAliases = new Set(toActor(current).aliases);
      const newAliases = owned.filter((alias) => !currentAliases.has(alias));
      if (current.name === actor.name && current.type === actor.type && newAliases.length === 0) continue;
      updates.push({ actor, newAliases });
    }
    // Only what this save writes is read again: the rest of a group's lookup (prefetched) stays.
    this.recentReads.forget([...puts, ...updates.map(({ actor }) => itemKey.actor(actor.id))]);
    await batchPutItems(this.doc, this.tableName, puts, this.config);
    await mapWithConcurrency(updates, this.config.concurrency, ({ actor, newAliases }) => this.writeActor(actor, { addAliases: newAliases }));
  }

  /**
   * Reads items (eventually consistent, as the registry always did), reusing what this instance
   * read under readReuseMs ago: the lookup of an article's names and the save that follows it
   * share one read, and a grouped ingest's lookup of all its documents' names serves each of them.
   * A write of this instance forgets what it wrote (a merge or split, everything).
   */
  private readItems(keys: ItemKey[]): Promise<Map<string, StoredItem>> {
    return this.recentReads.read(keys, { consistent: false, reuse: true });
  }

  async getActor(id: string): Promise<ActorRecord | undefined> {
    const output = await this.call('GetItem', () => this.doc.send(new GetCommand({
      TableName: this.tableName, Key: itemKey.actor(id), ConsistentRead: true,
    })));
    return output.Item && toActor(output.Item);
  }

  /** Every actor, merged ones included (they carry mergedInto), by name. */
  async listActors(): Promise<ActorRecord[]> {
    const items = await queryListPartition(this.doc, this.tableName, LIST_PARTITIONS.actors, true);
    return items.map(toActor);
  }

  async setUserAlias(actorId: string, key: string): Promise<{ previousOwner?: string }> {
    const actor = await this.requireActor(actorId);
    const output = await this.call('PutItem', () => this.doc.send(new PutCommand({
      TableName: this.tableName,
      Item: aliasItem(key, actor, 'user'),
      ReturnValues: 'ALL_OLD',
    })));
    await this.writeActor(actor, { addAliases: [key], addUserAliases: [key] });
    const previous = output.Attributes?.actorId === undefined ? undefined : String(output.Attributes.actorId);
    if (previous === undefined || previous === actorId) return {};
    await this.dropAliases(previous, [key]);
    return { previousOwner: previous };
  }

  async mergeActor(fromId: string, intoId: string): Promise<void> {
    if (fromId === intoId) throw new StoreIntegrityError(`mergeActor: cannot merge ${fromId} into itself`);
    const into = await this.requireActor(intoId);
    // The redirect first: from then on every reference to `fromId` resolves to `intoId`.
    let from: ActorRecord;
    try {
      const output = await this.call('UpdateItem', () => this.doc.send(new UpdateCommand({
        TableName: this.tableName,
        Key: itemKey.actor(fromId),
        UpdateExpression: 'SET #mergedInto = :into',
        ConditionExpression: 'attribute_exists(#pk) AND (attribute_not_exists(#mergedInto) OR #mergedInto = :into)',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#mergedInto': 'mergedInto' },
        ExpressionAttributeValues: { ':into': intoId },
        ReturnValues: 'ALL_NEW',
      })));
      from = toActor(output.Attributes ?? {});
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      throw new StoreIntegrityError(`mergeActor: actor ${fromId} does not exist or was merged into another actor`, { cause: error });
    }
    const userAliases = new Set(from.userAliases ?? []);
    // Only aliases still pointing at `fromId` move: one a user gave elsewhere meanwhile stays there.
    const moved = await mapWithConcurrency(from.aliases, this.config.concurrency, (key) => this.putIf(
      aliasItem(key, into, userAliases.has(key) ? 'user' : 'auto'),
      'attribute_not_exists(#pk) OR #actorId = :from',
      { '#actorId': 'actorId' },
      { ':from': fromId },
    ));
    const keys = from.aliases.filter((_, i) => moved[i]);
    await this.writeActor(into, { addAliases: keys, addUserAliases: keys.filter((key) => userAliases.has(key)) });
    await this.dropAliases(fromId, from.aliases);
  }

  async splitActor(fromId: string, keys: string[], actor: ActorRecord): Promise<void> {
    // Created, or revived when it is the redirect an earlier merge into `fromId` left (an undo).
    try {
      await this.call('UpdateItem', () => this.doc.send(new UpdateCommand({
        TableName: this.tableName,
        Key: itemKey.actor(actor.id),
        UpdateExpression: 'SET #id = :id, #name = :name, #type = :type, #lpk = :lpk, #lsk = :name REMOVE #mergedInto',
        ConditionExpression: 'attribute_not_exists(#pk) OR #mergedInto = :from',
        ExpressionAttributeNames: {
          '#pk': TABLE_KEYS.partitionKey, '#id': 'id', '#name': 'name', '#type': 'type', '#mergedInto': 'mergedInto',
          '#lpk': listIndex.partitionKey, '#lsk': listIndex.sortKey,
        },
        ExpressionAttributeValues: { ':id': actor.id, ':name': actor.name, ':type': actor.type, ':lpk': LIST_PARTITIONS.actors, ':from': fromId },
      })));
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      throw new StoreIntegrityError(`splitActor: actor ${actor.id} already exists`, { cause: error });
    }
    await mapWithConcurrency(keys, this.config.concurrency, (key) => this.call('PutItem', () => this.doc.send(new PutCommand({
      TableName: this.tableName, Item: aliasItem(key, actor, 'user'),
    }))));
    await this.writeActor(actor, { addAliases: keys, addUserAliases: keys });
    await this.dropAliases(fromId, keys);
  }

  async saveStoryActors(story: Story): Promise<boolean> {
    const previous = story.version;
    if (previous === undefined) throw new StoreIntegrityError(`saveStoryActors: story ${story.id} has no version; pass the story read from the store`);
    return writtenIf(() => this.call('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: itemKey.story(story.id),
      UpdateExpression: 'SET #topActors = :topActors, #profile = :profile, #version = :next',
      ConditionExpression: '#version = :previous',
      ExpressionAttributeNames: { '#topActors': 'topActors', '#profile': 'profile', '#version': 'version' },
      ExpressionAttributeValues: {
        ':topActors': story.topActors, ':profile': story.profile, ':previous': previous, ':next': previous + 1,
      },
    }))));
  }

  // ---- primitives -----------------------------------------------------------------------

  private async requireActor(id: string): Promise<ActorRecord> {
    const actor = await this.getActor(id);
    if (!actor) throw new StoreIntegrityError(`no actor with id ${id}`);
    return actor;
  }

  /** Creates or updates the actor item; ADD on string sets merges with concurrent writers. */
  private async writeActor(actor: ActorRecord, sets: { addAliases?: string[]; addUserAliases?: string[] }): Promise<void> {
    const names: Record<string, string> = {
      '#id': 'id', '#name': 'name', '#type': 'type', '#lpk': listIndex.partitionKey, '#lsk': listIndex.sortKey,
    };
    const values: Record<string, unknown> = { ':id': actor.id, ':name': actor.name, ':type': actor.type, ':lpk': LIST_PARTITIONS.actors };
    const adds: string[] = [];
    for (const [attribute, keys] of [['aliases', sets.addAliases], ['userAliases', sets.addUserAliases]] as const) {
      if (!keys?.length) continue;
      names[`#${attribute}`] = attribute;
      values[`:${attribute}`] = new Set(keys);
      adds.push(`#${attribute} :${attribute}`);
    }
    await this.call('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: itemKey.actor(actor.id),
      UpdateExpression: `SET #id = :id, #name = :name, #type = :type, #lpk = :lpk, #lsk = :name${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    })), [itemKey.actor(actor.id)]);
  }

  /** Removes alias keys from an actor's listing (DELETE on string sets; a missing actor is fine). */
  private async dropAliases(actorId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await writtenIf(() => this.call('UpdateItem', () => this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: itemKey.actor(actorId),
      UpdateExpression: 'DELETE #aliases :keys, #userAliases :keys',
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#aliases': 'aliases', '#userAliases': 'userAliases' },
      ExpressionAttributeValues: { ':keys': new Set(keys) },
    }))));
  }

  private async call<T>(operation: string, run: () => Promise<T>, written?: readonly ItemKey[]): Promise<T> {
    // Every call made here writes (reads go through readItems or getActor): forget what was read
    // (the items written, when the caller names them).
    this.recentReads.forget(written);
    return storeCall(operation, run);
  }

  /** A conditional put (it writes: what was read is forgotten). */
  private putIf(item: StoredItem & ItemKey, condition: string, names: Record<string, string>, values: Record<string, unknown>): Promise<boolean> {
    this.recentReads.forget();
    return putItemIf(this.doc, this.tableName, item, condition, names, values);
  }
}

function aliasItem(key: string, actor: ActorRecord, origin: AliasOrigin): StoredItem & ItemKey {
  return {
    ...itemKey.alias(key), alias: key, actorId: actor.id, name: actor.name, type: actor.type,
    ...(origin === 'user' ? { origin } : {}),
  };
}

function stringSet(value: unknown): string[] {
  return value instanceof Set || Array.isArray(value) ? [...value].map(String).sort() : [];
}

/** A new actor's whole item, as writeActor would leave it (an empty alias set is left out: DynamoDB has none). */
function newActorItem(actor: ActorRecord, aliases: string[]): StoredItem & ItemKey {
  return {
    ...itemKey.actor(actor.id), id: actor.id, name: actor.name, type: actor.type,
    [listIndex.partitionKey]: LIST_PARTITIONS.actors, [listIndex.sortKey]: actor.name,
    ...(aliases.length > 0 ? { aliases: new Set(aliases) } : {}),
  };
}

function toActor(item: StoredItem): ActorRecord {
  if (typeof item.id !== 'string') throw new StoreIntegrityError(`Stored actor ${String(item.pk)} has no string id`);
  const actor: ActorRecord = { id: item.id, name: String(item.name), type: item.type as ActorRecord['type'], aliases: stringSet(item.aliases) };
  const userAliases = stringSet(item.userAliases);
  if (userAliases.length) actor.userAliases = userAliases;
  if (typeof item.mergedInto === 'string') actor.mergedInto = item.mergedInto;
  return actor;
}

/** One record per id: a batch may name the same actor twice (two spellings in one article). */
function mergeActorsById(actors: ActorRecord[]): ActorRecord[] {
  const byId = new Map<string, ActorRecord>();
  for (const actor of actors) {
    const seen = byId.get(actor.id);
    byId.set(actor.id, seen
      ? { ...actor, aliases: [...new Set([...seen.aliases, ...actor.aliases])] }
      : { ...actor, aliases: [...new Set(actor.aliases)] });
  }
  return [...byId.values()];
}
