/**
 * The DynamoDB store on two real engines: dynalite (the embedded default) and Amazon's
 * DynamoDB Local (the reference). One suite body, run against both.
 */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, DynamoStore, ensureTable } from '../../lambdas/adapters/dynamodb';
import { RetryableError, StoreIntegrityError } from '../../lambdas/core/errors';
import type { ActorRecord, Alert, Article, CoverageEntry, SourceRef, Story, Watch } from '../../lambdas/core/model';
import { ENGINES, makeClient, startDynalite, useEngine } from '../support/dynamo-engines';

const source = (id: string): SourceRef => ({ id, name: id.toUpperCase(), origin: 'key-prefix' });

function article(id: string, overrides: Partial<Article> = {}): Article {
  return {
    id,
    source: source('caliber-az'),
    title: `Title ${id}`,
    text: 'Rubio met Lavrov in Riyadh.\n\nThey talked about Ukraine.',
    wordCount: 9,
    ingestedAt: '2025-02-18T10:00:00.000Z',
    rawKey: `incoming/caliber-az/${id}.txt`,
    status: 'processing',
    actors: [{ id: 'marco-rubio', name: 'Marco Rubio', type: 'person', mentions: [{ start: 0, end: 5, text: 'Rubio' }], salience: 0.9 }],
    topics: [{ id: 'iptc:11000000', label: 'politics', score: 0.7 }],
    keyphrases: ['riyadh talks'],
    signature: [1, 2, 3, 4294967295],
    ...overrides,
  };
}

function story(id: string, articleIds: string[], lastSeen: string): Story {
  return {
    id,
    headline: `Story ${id}`,
    firstSeen: '2025-02-18T00:00:00.000Z',
    lastSeen,
    articleCount: articleIds.length,
    sources: ['caliber-az'],
    sourceNames: { 'caliber-az': 'Caliber.Az' },
    articleIds,
    topActors: [{ id: 'marco-rubio', name: 'Marco Rubio', type: 'person', count: articleIds.length }],
    topTopics: [{ id: 'iptc:11000000', label: 'politics', score: 0.7 }],
    tracked: false,
    trackedBy: [],
    profile: { terms: { riyadh: 2.5, lavrov: 1 }, actors: { 'marco-rubio': articleIds.length }, topics: {} },
    signatures: {},
  };
}

/** What the core does to join an article: spread the stored story (keeping its version). */
function withArticle(current: Story, articleId: string, lastSeen: string): Story {
  return {
    ...current,
    lastSeen,
    articleIds: [...current.articleIds, articleId],
    articleCount: current.articleCount + 1,
  };
}

function alert(storyId: string, id: string, createdAt: string): Alert {
  return {
    id, kind: 'new-source', storyId, headline: 'Talks in Riyadh', source: source('tass'), articleId: 'a2',
    articleTitle: 'TASS on Riyadh', sourceCount: 2, sourceNames: ['Caliber.Az', 'TASS'], firstSeen: createdAt,
    watchIds: ['all'], actorIds: ['marco-rubio'], topicIds: [], topActors: ['Marco Rubio'], topTopics: [],
    reason: 'TASS is a new source for a tracked story', createdAt, status: 'pending',
  };
}

describe.each(ENGINES)('DynamoStore on %s', (_engineName, startEngine) => {
  const db = useEngine(startEngine);
  let tableCount = 0;

  /** Each test gets its own table: listings see only what the test wrote. */
  async function freshStore(config?: ConstructorParameters<typeof DynamoStore>[2]): Promise<DynamoStore> {
    const tableName = `newswatch-test-${++tableCount}`;
    await ensureTable(db.client, tableName);
    return new DynamoStore(createDocumentClient(db.client), tableName, config);
  }

  /** Commands sent while `run` ran. */
  async function commandsDuring(run: () => Promise<unknown>): Promise<Record<string, number>> {
    const before = { ...db.counter.counts };
    await run();
    const during: Record<string, number> = {};
    for (const [name, count] of Object.entries(db.counter.counts)) {
      if (count !== (before[name] ?? 0)) during[name] = count - (before[name] ?? 0);
    }
    return during;
  }

  it('ensureTable is idempotent on an existing table (one Describe, and one empty Query for stories of an older layout)', async () => {
    const tableName = `newswatch-test-${++tableCount}`;
    await ensureTable(db.client, tableName);
    expect(await commandsDuring(() => ensureTable(db.client, tableName))).toEqual({ DescribeTableCommand: 1, QueryCommand: 1 });
  });

  it('claims an article once; a second claim returns the stored one with one Put and one Get', async () => {
    const store = await freshStore();
    const first = article('a1', { text: 'word '.repeat(20_000) }); // ~100 KB, the size limit normalize allows
    expect(await store.claimArticle(first)).toEqual({ created: true });

    let second: Awaited<ReturnType<DynamoStore['claimArticle']>> | undefined;
    const during = await commandsDuring(async () => {
      second = await store.claimArticle(article('a1', { title: 'a re-upload' }));
    });
    expect(second).toEqual({ created: false, existing: first });
    expect(during).toEqual({ PutItemCommand: 1, GetItemCommand: 1 });

    await store.saveArticle({ ...first, status: 'ingested', storyId: 's1' });
    expect(await store.getArticle('a1')).toMatchObject({ status: 'ingested', storyId: 's1', title: 'Title a1' });
    expect(await store.getArticle('missing')).toBeUndefined();
  });

  it('marks an article ingested with one UpdateItem that clears a recorded failure and leaves the rest as claimed', async () => {
    const store = await freshStore();
    const claimed = article('a1', { storyId: 's1' });
    await store.claimArticle(claimed);
    await store.markArticleFailed('a1', 'timeout', '2025-02-18T10:01:00.000Z');
    expect(await store.getArticle('a1')).toMatchObject({ status: 'failed', error: 'timeout' });

    const during = await commandsDuring(() => store.markArticleIngested({ id: 'a1', storyId: 's2', copyOf: 'a0' }));
    expect(during).toEqual({ UpdateItemCommand: 1 });
    expect(await store.getArticle('a1')).toEqual({ ...claimed, status: 'ingested', storyId: 's2', copyOf: 'a0' });
    // Never an article out of nothing: only a claimed one is marked.
    await expect(store.markArticleIngested({ id: 'never-claimed', storyId: 's1' })).rejects.toThrow();
    expect(await store.getArticle('never-claimed')).toBeUndefined();
  });

  it('stores signatures as one string each and reads back the same hashes, and the list form of older items', async () => {
    const store = await freshStore();
    const signatures = { a1: [0, 1, 35, 36, 123456789, 4294967295], a2: [] as number[] };
    await store.createStory({ ...story('s1', ['a1'], '2025-02-18T10:00:00.000Z'), signatures });
    expect((await store.getStory('s1'))?.signatures).toEqual(signatures);
    const raw = await db.client.send(new GetItemCommand({ TableName: `newswatch-test-${tableCount}`, Key: { pk: { S: 'STORY#s1' }, sk: { S: 'STORY' } } }));
    expect(raw.Item?.signatures?.M?.a1).toEqual({ S: '0 1 z 10 21i3v9 1z141z3' });

    await store.claimArticle(article('a1'));
    expect((await store.getArticle('a1'))?.signature).toEqual([1, 2, 3, 4294967295]);
    // An article written by an earlier release: its signature is a list of numbers.
    await db.client.send(new PutItemCommand({
      TableName: `newswatch-test-${tableCount}`,
      Item: { pk: { S: 'ARTICLE#old' }, sk: { S: 'ARTICLE' }, id: { S: 'old' }, signature: { L: [{ N: '7' }, { N: '4294967295' }] } },
    }));
    expect((await store.getArticle('old'))?.signature).toEqual([7, 4294967295]);
  });

  it('lets exactly one of 10 concurrent claims of the same story and source create the coverage entry', async () => {
    const store = await freshStore();
    const entries: CoverageEntry[] = Array.from({ length: 10 }, (_, i) => ({
      storyId: 's1', source: source('tass'), articleId: `a${i}`, firstSeen: `2025-02-18T10:00:0${i}.000Z`,
    }));
    const results = await Promise.all(entries.map((entry) => store.claimCoverage(entry)));

    const created = results.filter((r) => r.created);
    expect(created).toHaveLength(1);
    for (const result of results) expect(result.entry).toEqual(created[0].entry);
    await store.claimCoverage({ storyId: 's1', source: source('caliber-az'), articleId: 'b', firstSeen: '2025-02-18T09:00:00.000Z' });
    expect((await store.listCoverage('s1')).map((e) => e.source.id)).toEqual(['caliber-az', 'tass']);
    expect(await store.listCoverage('other')).toEqual([]);
  });

  it("backdates a source's coverage to an earlier article only while it is what the caller read", async () => {
    const store = await freshStore();
    const later = { storyId: 's1', source: source('tass'), articleId: 'a2', firstSeen: '2025-02-18T10:00:00.000Z' };
    await store.claimCoverage(later);
    const earlier = { ...later, articleId: 'a1', firstSeen: '2025-02-18T09:00:00.000Z' };
    const earliest = { ...later, articleId: 'a0', firstSeen: '2025-02-18T08:00:00.000Z' };
    expect(await store.backdateCoverage(earliest, later)).toBe(true);
    // Read before that write: the entry is no longer `later`, nothing is overwritten.
    expect(await store.backdateCoverage(earlier, later)).toBe(false);
    expect(await store.listCoverage('s1')).toEqual([earliest]);
  });

  it('creates a story once, at version 1, with its first article already a member', async () => {
    const store = await freshStore();
    const initial = story('s1', ['a1'], '2025-02-18T10:00:00.000Z');
    expect(await store.createStory(initial)).toBe(true);
    expect(await store.createStory({ ...initial, headline: 'other' })).toBe(false);
    expect(await store.getStory('s1')).toEqual({ ...initial, version: 1 });
    // The ingest flow adds the first article after creating: already counted, nothing written.
    expect(await store.addArticleToStory('s1', 'a1', initial)).toBe(false);
    expect(await store.getStory('s1')).toEqual({ ...initial, version: 1 });
    expect(await store.getStory('missing')).toBeUndefined();
  });

  it('reads a story it wrote or read by its version alone, and whole again once another writer changed it', async () => {
    const tableName = `newswatch-test-${++tableCount}`;
    await ensureTable(db.client, tableName);
    const readerDoc = createDocumentClient(db.client);
    const batchGets: { ProjectionExpression?: string; keys: number }[] = [];
    readerDoc.middlewareStack.add((next) => async (args) => {
      const input = args.input as { RequestItems?: Record<string, { Keys: unknown[]; ProjectionExpression?: string }> };
      for (const request of Object.values(input.RequestItems ?? {})) {
        if (request.Keys) batchGets.push({ ProjectionExpression: request.ProjectionExpression, keys: request.Keys.length });
      }
      return next(args);
    }, { step: 'initialize' });
    const writer = new DynamoStore(createDocumentClient(db.client), tableName);
    const reader = new DynamoStore(readerDoc, tableName);
    const initial = story('s1', ['a1'], '2025-02-18T10:00:00.000Z');
    await writer.createStory(initial);

    expect(await reader.getStories(['s1', 'missing'])).toEqual([{ ...initial, version: 1 }]);
    expect(batchGets).toEqual([{ ProjectionExpression: undefined, keys: 2 }]);
    batchGets.length = 0;
    // Unchanged: its version is read, the story comes from the copy.
    expect(await reader.getStories(['s1'])).toEqual([{ ...initial, version: 1 }]);
    expect(batchGets).toEqual([{ ProjectionExpression: expect.stringMatching(/^#p0, #p1, #p2$/), keys: 1 }]);

    // Another writer adds an article (a put) and then the actors (an UpdateItem): each time the
    // version differs and the story is read whole again.
    await writer.addArticleToStory('s1', 'a2', withArticle((await writer.getStory('s1'))!, 'a2', '2025-02-18T11:00:00.000Z'));
    batchGets.length = 0;
    expect(await reader.getStories(['s1'])).toEqual([expect.objectContaining({ articleIds: ['a1', 'a2'], version: 2 })]);
    expect(batchGets.map((get) => get.ProjectionExpression === undefined)).toEqual([false, true]);
    const topActors = [{ id: 'sergey-lavrov', name: 'Sergey Lavrov', type: 'person' as const, count: 2 }];
    expect(await writer.saveStoryActors({ ...(await writer.getStory('s1'))!, topActors })).toBe(true);
    expect(await reader.getStories(['s1'])).toEqual([expect.objectContaining({ topActors, articleIds: ['a1', 'a2'], version: 3 })]);

    // The reader's own write leaves its copy at the version it wrote: the next read checks only that.
    const joined = withArticle((await reader.getStories(['s1']))[0], 'a3', '2025-02-18T12:00:00.000Z');
    expect(await reader.addArticleToStory('s1', 'a3', joined)).toBe(true);
    batchGets.length = 0;
    expect(await reader.getStories(['s1'])).toEqual([expect.objectContaining({ articleIds: ['a1', 'a2', 'a3'], version: 4 })]);
    expect(batchGets.map((get) => get.ProjectionExpression === undefined)).toEqual([false]);
    expect(await reader.getStories(['s1'])).toEqual([await writer.getStory('s1')]);
  });

  it('adds an article to a story exactly once under 5 parallel duplicate calls', async () => {
    const store = await freshStore();
    await store.createStory(story('s1', ['a1'], '2025-02-18T10:00:00.000Z'));
    const current = (await store.getStory('s1'))!;
    const next = withArticle(current, 'a2', '2025-02-18T11:00:00.000Z');

    const results = await Promise.all(Array.from({ length: 5 }, () => store.addArticleToStory('s1', 'a2', next)));

    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await store.getStory('s1');
    expect(stored).toMatchObject({ articleIds: ['a1', 'a2'], articleCount: 2, version: 2, lastSeen: next.lastSeen });
    expect(await store.addArticleToStory('s1', 'a2', withArticle(stored!, 'a2', next.lastSeen))).toBe(false);
  });

  it('adds with one conditional put (and its summary) while the story lists every article, with a membership item past the id limit', async () => {
    const store = await freshStore();
    await store.createStory(story('s1', ['a1'], '2025-02-18T10:00:00.000Z'));
    const small = (await store.getStory('s1'))!;
    expect(await commandsDuring(() => store.addArticleToStory('s1', 'a2', withArticle(small, 'a2', '2025-02-18T11:00:00.000Z'))))
      .toEqual({ PutItemCommand: 2 });

    // A story past storyArticleIdLimit keeps only its newest ids: contains() no longer decides alone.
    const big = (await store.getStory('s1'))!;
    const trimmed = { ...withArticle(big, 'a500', '2025-02-18T12:00:00.000Z'), articleIds: ['a2', 'a500'], articleCount: 500 };
    const results = await Promise.all(Array.from({ length: 3 }, () => store.addArticleToStory('s1', 'a500', trimmed)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.getStory('s1')).toMatchObject({ articleIds: ['a2', 'a500'], articleCount: 500, version: 3 });
    // Its membership is recorded: a redelivery is refused even once the id is trimmed from the story.
    const later = (await store.getStory('s1'))!;
    expect(await store.addArticleToStory('s1', 'a500', { ...later, articleIds: ['a600'], articleCount: 501 })).toBe(false);
  });

  it('refuses a story computed from a stale version with a RetryableError; the retry completes it', async () => {
    const store = await freshStore();
    await store.createStory(story('s1', ['a1'], '2025-02-18T10:00:00.000Z'));
    const v1 = (await store.getStory('s1'))!;
    expect(await store.addArticleToStory('s1', 'a2', withArticle(v1, 'a2', '2025-02-18T11:00:00.000Z'))).toBe(true);

    const stale = withArticle(v1, 'a3', '2025-02-18T12:00:00.000Z');
    await expect(store.addArticleToStory('s1', 'a3', stale)).rejects.toBeInstanceOf(RetryableError);
    expect((await store.getStory('s1'))!.articleIds).toEqual(['a1', 'a2']);

    // As the ingest use case does: re-read, recompute, call again.
    const v2 = (await store.getStory('s1'))!;
    expect(await store.addArticleToStory('s1', 'a3', withArticle(v2, 'a3', '2025-02-18T12:00:00.000Z'))).toBe(true);
    expect(await store.getStory('s1')).toMatchObject({ articleIds: ['a1', 'a2', 'a3'], articleCount: 3, version: 3 });

    const { version: _dropped, ...unversioned } = withArticle(v2, 'a4', '2025-02-18T13:00:00.000Z');
    await expect(store.addArticleToStory('s1', 'a4', unversioned)).rejects.toBeInstanceOf(StoreIntegrityError);
    await expect(store.addArticleToStory('nope', 'a1', story('nope', ['a1'], 'x'))).rejects.toBeInstanceOf(StoreIntegrityError);
  });

  it("saves an article's new actors on the read its name lookup made: one BatchGetItem, one BatchWriteItem", async () => {
    const store = await freshStore();
    const rubio: ActorRecord = { id: 'p:marco-rubio', name: 'Marco Rubio', type: 'person', aliases: ['marco rubio', 'rubio'] };
    const during = await commandsDuring(async () => {
      expect((await store.findActorsByAlias(['marco rubio', 'rubio'], ['p:marco-rubio'])).size).toBe(0);
      await store.saveActors([rubio]);
    });
    expect(during).toEqual({ BatchGetItemCommand: 1, BatchWriteItemCommand: 1 });
    // The write forgot the reads: the next lookup reads again and finds the actor.
    expect((await store.findActorsByAlias(['rubio'])).get('rubio')).toEqual(rubio);
  });

  it('a save forgets only the items it wrote: a lookup of a whole group\'s names serves the names saved by nobody since without a request', async () => {
    const store = await freshStore();
    const rubio: ActorRecord = { id: 'p:marco-rubio', name: 'Marco Rubio', type: 'person', aliases: ['marco rubio', 'rubio'] };
    const lavrov: ActorRecord = { id: 'p:sergey-lavrov', name: 'Sergey Lavrov', type: 'person', aliases: ['lavrov', 'sergey lavrov'] };
    await store.saveActors([lavrov]);
    // A grouped ingest looks up every name of its documents at once ...
    await store.findActorsByAlias(['marco rubio', 'rubio', 'sergey lavrov', 'lavrov'], ['p:marco-rubio', 'p:sergey-lavrov']);
    // ... then its first document saves a new actor on that read (no read of its own) ...
    expect(await commandsDuring(() => store.saveActors([rubio]))).toEqual({ BatchWriteItemCommand: 1 });
    // ... the next document's lookup of a name nobody saved since is served from the group's read ...
    let found = new Map<string, ActorRecord>();
    expect(await commandsDuring(async () => { found = await store.findActorsByAlias(['lavrov'], ['p:sergey-lavrov']); })).toEqual({});
    expect(found.get('lavrov')).toEqual(lavrov);
    // ... and the saved actor's items are read again: the lookup sees the save.
    const again = await commandsDuring(async () => { found = await store.findActorsByAlias(['rubio'], ['p:marco-rubio']); });
    expect(again.BatchGetItemCommand).toBe(1);
    expect(found.get('rubio')).toEqual(rubio);
  });

  it('resolves more than 100 aliases in chunks; the first actor to claim an alias keeps it', async () => {
    const store = await freshStore();
    const actors: ActorRecord[] = Array.from({ length: 60 }, (_, i) => ({
      id: `actor-${i}`, name: `Actor ${String(i).padStart(2, '0')}`, type: 'person',
      aliases: [`actor ${i}`, `a${i}`, `mr ${i}`],
    }));
    await store.saveActors(actors);

    const keys = [...actors.flatMap((a) => a.aliases), 'nobody', 'a0'];
    let found = new Map<string, ActorRecord>();
    const during = await commandsDuring(async () => { found = await store.findActorsByAlias(keys); });
    expect(found.size).toBe(180);
    expect(found.get('mr 42')).toEqual({ id: 'actor-42', name: 'Actor 42', type: 'person', aliases: ['a42', 'actor 42', 'mr 42'] });
    expect(found.has('nobody')).toBe(false);
    expect(during.BatchGetItemCommand).toBe(3); // 180 alias keys in 2 chunks, then 60 actors in 1

    // "a0" already belongs to actor-0: actor-x gets only its new alias.
    await store.saveActors([{ id: 'actor-x', name: 'Actor X', type: 'organization', aliases: ['a0', 'x corp'] }]);
    expect((await store.findActorsByAlias(['a0', 'x corp'])).get('a0')!.id).toBe('actor-0');
    expect(await store.getActor('actor-x')).toEqual({ id: 'actor-x', name: 'Actor X', type: 'organization', aliases: ['x corp'] });

    // Extending an actor adds aliases; re-saving what is stored costs one read and no write.
    await store.saveActors([{ ...actors[1], aliases: ['a1', 'the first'] }]);
    expect((await store.getActor('actor-1'))!.aliases).toEqual(['a1', 'actor 1', 'mr 1', 'the first']);
    expect(await commandsDuring(() => store.saveActors(actors.slice(0, 10)))).toEqual({ BatchGetItemCommand: 1 });

    const listed = await store.listActors();
    expect(listed).toHaveLength(61);
    expect(listed[0].name).toBe('Actor 00');
  });

  it('finds candidate stories of all keys in one BatchGetItem, newest first, bounded by limitPerKey', async () => {
    const store = await freshStore();
    for (let day = 1; day <= 5; day++) {
      await store.indexStory(`s${day}`, ['actor:marco-rubio', `term:day${day}`], `2025-02-1${day}T00:00:00.000Z`);
    }
    expect(await store.findCandidateStories(['actor:marco-rubio'], 3)).toEqual(['s5', 's4', 's3']);

    // Re-indexing moves the story to the front instead of adding a second entry.
    await store.indexStory('s1', ['actor:marco-rubio', 'actor:marco-rubio'], '2025-02-19T00:00:00.000Z');
    let ids: string[] = [];
    const during = await commandsDuring(async () => {
      ids = await store.findCandidateStories(['actor:marco-rubio', 'term:day2', 'term:none', 'term:day2'], 2);
    });
    expect(ids).toEqual(['s1', 's5', 's2']);
    expect(during).toEqual({ BatchGetItemCommand: 1 });
    expect(await store.findCandidateStories(['actor:marco-rubio'], 10)).toEqual(['s1', 's5', 's4', 's3', 's2']);
    expect(await store.findCandidateStories(['actor:marco-rubio'], 0)).toEqual([]);
  });

  it('keeps only the newest indexHeadSize stories of a key, whatever the archive size', async () => {
    const store = await freshStore({ indexHeadSize: 3 });
    for (let day = 1; day <= 6; day++) await store.indexStory(`s${day}`, ['actor:marco-rubio'], `2025-02-1${day}T00:00:00.000Z`);
    // An old story indexed late does not push a newer one out.
    await store.indexStory('s0', ['actor:marco-rubio'], '2025-01-01T00:00:00.000Z');
    expect(await store.findCandidateStories(['actor:marco-rubio'], 10)).toEqual(['s6', 's5', 's4']);
  });

  it('indexes more keys than one BatchWriteItem takes: one read of the heads, then the writes', async () => {
    const store = await freshStore();
    const keys = Array.from({ length: 60 }, (_, i) => `term:${i}`);
    expect(await commandsDuring(() => store.indexStory('s1', keys, '2025-02-18T00:00:00.000Z')))
      .toEqual({ BatchGetItemCommand: 1, BatchWriteItemCommand: 3 });
    expect(await store.findCandidateStories(['term:0', 'term:59'], 5)).toEqual(['s1']);
  });

  it('lists stories most recently seen first, and reads several at once', async () => {
    const store = await freshStore();
    await store.createStory(story('old', ['a1'], '2025-02-10T00:00:00.000Z'));
    await store.createStory(story('new', ['a2'], '2025-02-12T00:00:00.000Z'));
    await store.createStory(story('mid', ['a3'], '2025-02-11T00:00:00.000Z'));
    const old = (await store.getStory('old'))!;
    await store.addArticleToStory('old', 'a4', withArticle(old, 'a4', '2025-02-13T00:00:00.000Z'));

    expect((await store.listStories()).map((s) => s.id)).toEqual(['old', 'new', 'mid']);
    expect((await store.listStories(2)).map((s) => s.id)).toEqual(['old', 'new']);
    expect((await store.getStories(['mid', 'missing', 'old', 'mid'])).map((s) => [s.id, s.version])).toEqual([['mid', 1], ['old', 2]]);
    expect(await store.getStories([])).toEqual([]);
  });

  it('records an alert once, marks it sent and lists the story alerts', async () => {
    const store = await freshStore();
    const later = alert('s1', 'alert-b', '2025-02-18T12:00:00.000Z');
    const earlier = alert('s1', 'alert-a', '2025-02-18T11:00:00.000Z');
    expect(await store.recordAlert(later)).toBe(true);
    expect(await store.recordAlert(later)).toBe(false);
    expect(await store.recordAlert(earlier)).toBe(true);
    await store.claimCoverage({ storyId: 's1', source: source('tass'), articleId: 'a2', firstSeen: 'x' }); // same partition

    await store.markAlertSent('s1', 'alert-b', '2025-02-18T12:00:01.000Z');
    expect(await store.getAlert('s1', 'alert-b')).toEqual({ ...later, status: 'sent', sentAt: '2025-02-18T12:00:01.000Z' });
    expect((await store.listAlerts('s1')).map((a) => [a.id, a.status])).toEqual([['alert-a', 'pending'], ['alert-b', 'sent']]);
    await expect(store.markAlertSent('s1', 'never-recorded', 'x')).rejects.toBeInstanceOf(StoreIntegrityError);
    expect(await store.getAlert('s1', 'never-recorded')).toBeUndefined();
  });

  it("a grouped ingest's writes: 30 new articles, ledger entries and alerts in one BatchWriteItem per 25 items, read back as one at a time writes them", async () => {
    const store = await freshStore();
    const articles = Array.from({ length: 30 }, (_, i) => article(`g${i}`, { storyId: 's1' }));
    expect(await commandsDuring(() => store.putArticles(articles))).toEqual({ BatchWriteItemCommand: 2 });
    expect(await store.getArticle('g29')).toEqual(articles[29]);
    expect(await store.claimArticle(articles[0])).toEqual({ created: false, existing: articles[0] });

    const entries = ['tass', 'caliber-az'].map((id, i) => ({ storyId: 's1', source: source(id), articleId: `g${i}`, firstSeen: '2025-02-18T09:00:00.000Z' }));
    await store.putNewCoverage(entries);
    const pairs = [{ storyId: 's1', sourceId: 'tass' }, { storyId: 's1', sourceId: 'caliber-az' }, { storyId: 's1', sourceId: 'tass' }, { storyId: 's2', sourceId: 'tass' }];
    let read: Awaited<ReturnType<DynamoStore['getCoverage']>> = [];
    expect(await commandsDuring(async () => { read = await store.getCoverage(pairs); })).toEqual({ BatchGetItemCommand: 1 });
    expect(read).toEqual(entries); // each pair once, a pair with no entry left out
    expect(await store.claimCoverage({ ...entries[0], articleId: 'g9' })).toEqual({ created: false, entry: entries[0] });

    const pending = { ...alert('s1', 'alert-g', '2025-02-18T12:00:00.000Z'), deliveryLeaseUntil: '2025-02-18T12:02:00.000Z' };
    const digest = { ...alert('s1', 'alert-h', '2025-02-18T12:00:00.000Z'), status: 'sent' as const, sentAt: '2025-02-18T12:00:00.000Z' };
    expect(await commandsDuring(() => store.putAlerts([pending, digest]))).toEqual({ BatchWriteItemCommand: 1 });
    expect(await store.getAlert('s1', 'alert-h')).toEqual(digest);
    expect(await store.recordAlert(pending)).toBe(false);
    // Recorded with its lease: nobody else claims it until the lease ends, as recordAlert's.
    expect(await store.claimAlertDelivery('s1', 'alert-g', '2025-02-18T12:01:00.000Z', '2025-02-18T12:03:00.000Z')).toBe(false);
    expect((await store.listAlerts('s1')).map((a) => a.id)).toEqual(['alert-g', 'alert-h']);
  });

  it('records an alert with its delivery lease in one write: nobody else claims it until the lease ends', async () => {
    const store = await freshStore();
    const pending = alert('s1', 'alert-c', '2025-02-18T12:00:00.000Z');
    expect(await commandsDuring(async () => expect(await store.recordAlert(pending, '2025-02-18T12:02:00.000Z')).toBe(true)))
      .toEqual({ PutItemCommand: 1 });
    expect(await store.claimAlertDelivery('s1', 'alert-c', '2025-02-18T12:01:00.000Z', '2025-02-18T12:03:00.000Z')).toBe(false);
    expect(await store.claimAlertDelivery('s1', 'alert-c', '2025-02-18T12:02:30.000Z', '2025-02-18T12:04:30.000Z')).toBe(true);
  });

  it('lists the alerts of every story newest first with one Query each, bounded by since and limit, never a Scan', async () => {
    const store = await freshStore();
    const recorded = [
      alert('s1', 'alert-1', '2025-02-18T10:00:00.000Z'),
      alert('s2', 'alert-2', '2025-02-18T11:00:00.000Z'),
      alert('s1', 'alert-3', '2025-02-18T12:00:00.000Z'),
      alert('s3', 'alert-4', '2025-02-18T12:00:00.000Z'), // same instant, another story: ordered by story id
      alert('s2', 'alert-5', '2025-02-18T13:00:00.000Z'),
    ];
    // Recording stays one conditional put, with the listing keys in it.
    expect(await commandsDuring(() => store.recordAlert(recorded[0]))).toEqual({ PutItemCommand: 1 });
    for (const a of recorded.slice(1, 4)) await store.recordAlert(a);
    await store.recordAlert(recorded[4], '2025-02-18T13:02:00.000Z');
    await store.markAlertSent('s1', 'alert-3', '2025-02-18T12:00:01.000Z');
    await store.createStory(story('s1', ['a1'], '2025-02-18T14:00:00.000Z')); // other listings stay out

    const listed = async (options: Parameters<DynamoStore['listRecentAlerts']>[0]): Promise<{ ids: string[]; commands: Record<string, number> }> => {
      let ids: string[] = [];
      const commands = await commandsDuring(async () => { ids = (await store.listRecentAlerts(options)).map((a) => a.id); });
      return { ids, commands };
    };
    const oneQuery = { QueryCommand: 1 };
    expect(await listed({})).toEqual({ ids: ['alert-5', 'alert-4', 'alert-3', 'alert-2', 'alert-1'], commands: oneQuery });
    expect(await listed({ since: '2025-02-18T12:00:00.000Z' })).toEqual({ ids: ['alert-5', 'alert-4', 'alert-3'], commands: oneQuery });
    expect(await listed({ since: '2025-02-18T12:00:00.001Z' })).toEqual({ ids: ['alert-5'], commands: oneQuery });
    expect(await listed({ limit: 2 })).toEqual({ ids: ['alert-5', 'alert-4'], commands: oneQuery });
    expect(await listed({ since: '2025-02-18T11:00:00.000Z', limit: 10 })).toEqual({ ids: ['alert-5', 'alert-4', 'alert-3', 'alert-2'], commands: oneQuery });
    expect(await listed({ since: '2025-02-19T00:00:00.000Z' })).toEqual({ ids: [], commands: oneQuery });
    expect(await listed({ limit: 0 })).toEqual({ ids: [], commands: {} });

    // The whole stored alert comes back without the table's keys: its status and its lease.
    const [newest, , sent] = await store.listRecentAlerts({});
    expect(newest).toEqual({ ...recorded[4], deliveryLeaseUntil: '2025-02-18T13:02:00.000Z' });
    expect(sent).toEqual({ ...recorded[2], status: 'sent', sentAt: '2025-02-18T12:00:01.000Z' });
    expect(db.counter.counts.ScanCommand).toBeUndefined();
  });

  it('lists 100 recent alerts by default; a larger limit with since reads only the alerts since', async () => {
    const store = await freshStore();
    const many = Array.from({ length: 105 }, (_, i) => alert(`s${i % 7}`, `alert-${String(i).padStart(3, '0')}`, new Date(Date.UTC(2025, 1, 18, 10, 0, i)).toISOString()));
    for (const a of many) await store.recordAlert(a);
    const recent = await store.listRecentAlerts({});
    expect(recent.map((a) => a.id)).toEqual(many.slice(5).reverse().map((a) => a.id));
    expect((await store.listRecentAlerts({ limit: 500, since: many[100].createdAt })).map((a) => a.id))
      .toEqual(many.slice(100).reverse().map((a) => a.id));
  });

  it('keeps watches: put, list, overwrite, delete', async () => {
    const store = await freshStore();
    const rubio: Watch = { id: 'rubio', name: 'rubio', actors: ['Marco Rubio'], topics: [], keywords: [], createdAt: '2025-02-18T00:00:00.000Z' };
    const all: Watch = { id: 'all', name: 'all', all: true, actors: [], topics: [], keywords: [], createdAt: '2025-02-18T00:00:00.000Z' };
    expect(await store.listWatches()).toEqual([]);
    await store.putWatch(rubio);
    await store.putWatch(all);
    await store.putWatch({ ...rubio, keywords: ['riyadh'] });
    expect(await store.listWatches()).toEqual([all, { ...rubio, keywords: ['riyadh'] }]);
    expect(await store.deleteWatch('rubio')).toBe(true);
    expect(await store.deleteWatch('rubio')).toBe(false);
    expect(await store.listWatches()).toEqual([all]);
  });

  it('reuses the watch list for watchCacheSeconds, and sees its own changes at once', async () => {
    const tableName = `newswatch-test-${++tableCount}`;
    await ensureTable(db.client, tableName);
    const reader = new DynamoStore(createDocumentClient(db.client), tableName, { watchCacheSeconds: 60 });
    const writer = new DynamoStore(createDocumentClient(db.client), tableName, { watchCacheSeconds: 0 });
    const rubio: Watch = { id: 'rubio', name: 'rubio', actors: ['Marco Rubio'], topics: [], keywords: [], createdAt: '2025-02-18T00:00:00.000Z' };
    expect(await reader.listWatches()).toEqual([]);
    await writer.putWatch(rubio);
    // Another instance's change waits for the cache to expire; no request meanwhile.
    expect(await commandsDuring(async () => expect(await reader.listWatches()).toEqual([]))).toEqual({});
    expect(await writer.listWatches()).toEqual([rubio]);
    await reader.deleteWatch('nothing');
    expect(await reader.listWatches()).toEqual([rubio]);
  });

  it('logs objects by key and version', async () => {
    const store = await freshStore();
    const key = 'incoming/tass/2025 02 18+talks.txt';
    const ingested = {
      key, status: 'ingested' as const, counts: { ingested: 1, duplicate: 0, rejected: 0 }, resultCount: 1,
      results: [{ index: 0, status: 'ingested' as const, articleId: 'a1', source: 'TASS', title: 'Talks in Riyadh' }], processedAt: 't1',
    };
    await store.recordObject(ingested);
    await store.recordObject({
      key, version: 'v2', status: 'rejected', counts: { ingested: 0, duplicate: 0, rejected: 1 }, resultCount: 1,
      results: [{ status: 'rejected', error: 'empty file' }], error: 'empty file', quarantineKey: `quarantine/${key}`, processedAt: 't2',
    });
    expect(await store.getObject(key)).toEqual(ingested);
    expect(await store.getObject(key, 'v2')).toMatchObject({ version: 'v2', status: 'rejected', error: 'empty file' });
    expect(await store.getObject(key, 'v3')).toBeUndefined();
  });

  it('rethrows a missing table as is, not as retryable', async () => {
    const store = new DynamoStore(createDocumentClient(db.client), 'no-such-table');
    const failure = await store.getArticle('a1').catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(RetryableError);
    expect((failure as Error).name).toBe('ResourceNotFoundException');
  });

  it('sent no Scan in the whole suite', () => {
    expect(Object.keys(db.counter.counts).length).toBeGreaterThan(5);
    expect(db.counter.counts.ScanCommand).toBeUndefined();
  });
});

describe('DynamoStore error mapping', () => {
  it('turns an unreachable endpoint into a RetryableError with the cause', async () => {
    const engine = await startDynalite();
    await engine.stop(); // its port is now closed
    const client = makeClient(engine.endpoint);
    const store = new DynamoStore(createDocumentClient(client), 'newswatch');
    try {
      const failure = await store.getStory('s1').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RetryableError);
      expect((failure as RetryableError).cause).toBeDefined();
    } finally {
      client.destroy();
    }
  });
});
