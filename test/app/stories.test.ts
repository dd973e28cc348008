/**
 * The dashboard's and the CLI's story queries (searchStories, storyTimeline, actorActivity) over
 * the real DynamoDB adapter, on both engines: paging past several pages, each filter, the
 * timeline's ledger, articles and alerts, an actor's stories per day; never a Scan.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { actorActivity, ActorNotFoundError } from '../../lambdas/app/actors';
import {
  InvalidStoryQueryError, searchStories, storyTimeline, StoryNotFoundError, type StoryQuery, type StoryRow,
} from '../../lambdas/app/stories';
import { createDocumentClient, DynamoStore, ensureTable } from '../../lambdas/adapters/dynamodb';
import { activityPerDay, addActivity } from '../../lambdas/core/cluster';
import type { Alert, Article, SourceRef, Story } from '../../lambdas/core/model';
import { ENGINES, useEngine } from '../support/dynamo-engines';

const SOURCES: SourceRef[] = [
  { id: 'caliber-az', name: 'Caliber.Az', origin: 'key-prefix' },
  { id: 'reuters-com', name: 'Reuters', origin: 'key-prefix' },
  { id: 'tass-ru', name: 'TASS', origin: 'key-prefix' },
];
const WORDS = ['Élection', 'talks', 'Riyadh', 'Kyiv', 'ceasefire', 'Paris', 'summit', 'oil'];
const ACTORS = [
  { id: 'p:marco-rubio', name: 'Marco Rubio', type: 'person' as const },
  { id: 'p:sergey-lavrov', name: 'Sergey Lavrov', type: 'person' as const },
  { id: 'o:nato', name: 'NATO', type: 'organization' as const },
];
const STORY_COUNT = 130;
const BASE = Date.UTC(2025, 1, 1);

/** Story i: its words, actors, sources, watches and times follow from i, so the expected answers are computed, not written down. */
function syntheticStory(i: number): Story {
  const firstSeen = new Date(BASE + i * 3_600_000 * 5).toISOString();
  const lastSeen = new Date(BASE + i * 3_600_000 * 5 + (i % 4) * 86_400_000).toISOString();
  const words = [WORDS[i % WORDS.length], WORDS[(i * 3 + 1) % WORDS.length]];
  const actors = ACTORS.filter((_, a) => (i + a) % (a + 2) === 0);
  const sources = SOURCES.filter((_, s) => s === 0 || (i % (s + 2)) === 0);
  let activity: Record<string, number> | undefined;
  for (let k = 0; k <= i % 3; k++) activity = addActivity(activity, new Date(Date.parse(firstSeen) + k * 86_400_000).toISOString(), 240);
  const articleIds = Array.from({ length: (i % 3) + 1 }, (_, k) => `a${i}-${k}`);
  return {
    id: `s${String(i).padStart(3, '0')}`,
    headline: `${words[0]} and ${words[1]} number ${i}`,
    firstSeen,
    lastSeen,
    articleCount: articleIds.length,
    sources: sources.map((s) => s.id),
    sourceNames: Object.fromEntries(sources.map((s) => [s.id, s.name])),
    articleIds,
    topActors: actors.map((a) => ({ ...a, count: 1 })),
    topTopics: [],
    tracked: i % 5 === 0,
    trackedBy: i % 5 === 0 ? (i % 10 === 0 ? ['ukraine-watch'] : ['all']) : [],
    profile: { terms: { talk: 1 }, actors: Object.fromEntries(actors.map((a) => [a.id, 1])), topics: {} },
    signatures: {},
    activity,
  };
}

const STORIES = Array.from({ length: STORY_COUNT }, (_, i) => syntheticStory(i));

/** Newest first, as the list promises. */
function newestFirst(stories: Story[]): string[] {
  return [...stories].sort((a, b) => (a.lastSeen === b.lastSeen ? (a.id < b.id ? -1 : 1) : a.lastSeen < b.lastSeen ? 1 : -1)).map((s) => s.id);
}

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();

describe.each(ENGINES)('story queries on %s', (_engineName, startEngine) => {
  const db = useEngine(startEngine);
  let store: DynamoStore;
  /** The same table, searched without postings: every filter pages through the summary listing. */
  let listingStore: DynamoStore;
  let tableCount = 0;
  const target = () => ({ store });
  /** Each search test runs both ways a search can go: by postings (rare tokens) and through the listing. */
  const bothWays = () => [{ store }, { store: listingStore }];

  async function freshStore(): Promise<DynamoStore> {
    const tableName = `stories-test-${++tableCount}`;
    await ensureTable(db.client, tableName);
    return new DynamoStore(createDocumentClient(db.client), tableName);
  }

  /** Every page of a query, `limit` at a time; fails if a cursor repeats. */
  async function allPages(query: StoryQuery, limit: number, on: { store: DynamoStore } = target()): Promise<{ rows: StoryRow[]; pages: number }> {
    const rows: StoryRow[] = [];
    const cursors = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await searchStories(on, query, { cursor, limit });
      expect(page.stories.length).toBeLessThanOrEqual(limit);
      rows.push(...page.stories);
      pages++;
      cursor = page.next;
      if (cursor) {
        expect(cursors.has(cursor)).toBe(false);
        cursors.add(cursor);
      }
    } while (cursor);
    return { rows, pages };
  }

  beforeAll(async () => {
    store = await freshStore();
    for (const story of STORIES) {
      // As the ingest does: the story write, then its indexing (which writes its search postings with the index heads).
      await store.createStory(story);
      await store.indexStory(story.id, [`term:${story.id}`], story.lastSeen);
    }
    await store.saveActors(ACTORS.map((a) => ({ ...a, aliases: [fold(a.name), fold(a.name.split(' ').pop()!)] })));
    await store.putWatch({ id: 'ukraine-watch', name: 'Ukraine watch', actors: [], topics: [], keywords: ['ukraine'], createdAt: '2025-01-01T00:00:00.000Z' });
    listingStore = new DynamoStore(createDocumentClient(db.client), (store as unknown as { tableName: string }).tableName, { maxPostingsRead: 0 });
  }, 120_000);

  it('lists every story newest first, page after page by cursor, without a Scan', async () => {
    const scansBefore = db.counter.counts.ScanCommand ?? 0;
    const { rows, pages } = await allPages({}, 50);
    expect(pages).toBe(Math.ceil(STORY_COUNT / 50));
    expect(rows.map((r) => r.storyId)).toEqual(newestFirst(STORIES));
    const sample = STORIES[7];
    expect(rows.find((r) => r.storyId === sample.id)).toMatchObject({
      headline: sample.headline, sources: sample.sources.map((id) => sample.sourceNames[id]), sourceIds: sample.sources,
      articleCount: sample.articleCount, tracked: sample.tracked, firstSeen: sample.firstSeen, lastSeen: sample.lastSeen,
      articleIds: sample.articleIds,
    });
    expect(rows.find((r) => r.storyId === sample.id)!.spark.reduce((a, b) => a + b, 0)).toBe(sample.articleCount);
    expect((db.counter.counts.ScanCommand ?? 0) - scansBefore).toBe(0);
  });

  it('finds stories by every word of the headline, whatever the case and accents', async () => {
    const wanted = (s: Story) => fold(s.headline).split(/\W+/).includes('election') && fold(s.headline).split(/\W+/).includes('paris');
    const expected = newestFirst(STORIES.filter(wanted));
    expect(expected.length).toBeGreaterThan(3);
    for (const on of bothWays()) {
      const { rows, pages } = await allPages({ q: 'ELECTION paris' }, 3, on);
      expect(pages).toBeGreaterThan(1);
      expect(rows.map((r) => r.storyId)).toEqual(expected);
      expect((await allPages({ q: 'élection, PARIS!' }, 100, on)).rows.map((r) => r.storyId)).toEqual(expected);
      expect((await allPages({ q: 'paris nosuchword' }, 100, on)).rows).toEqual([]);
    }
  });

  it('finds stories by actor id, name or alias (through the registry), by source id or name, by watch id or name, tracked', async () => {
    const byActor = newestFirst(STORIES.filter((s) => s.topActors.some((a) => a.id === 'p:marco-rubio')));
    expect(byActor.length).toBeGreaterThan(50);
    const bySource = newestFirst(STORIES.filter((s) => s.sources.includes('tass-ru')));
    const byWatch = newestFirst(STORIES.filter((s) => s.trackedBy.includes('ukraine-watch')));
    const both = newestFirst(STORIES.filter((s) => s.tracked && s.topActors.some((a) => a.id === 'o:nato') && s.sources.includes('reuters-com')));
    expect(both.length).toBeGreaterThan(1);
    for (const on of bothWays()) {
      for (const actor of ['p:marco-rubio', 'Marco Rubio', 'rubio']) {
        expect((await allPages({ actor }, 40, on)).rows.map((r) => r.storyId)).toEqual(byActor);
      }
      for (const source of ['tass-ru', 'TASS']) expect((await allPages({ source }, 10, on)).rows.map((r) => r.storyId)).toEqual(bySource);
      for (const watch of ['ukraine-watch', 'Ukraine Watch']) expect((await allPages({ watch }, 5, on)).rows.map((r) => r.storyId)).toEqual(byWatch);
      expect((await allPages({ tracked: true }, 7, on)).rows.map((r) => r.storyId)).toEqual(newestFirst(STORIES.filter((s) => s.tracked)));
      // All filters hold together.
      expect((await allPages({ tracked: true, actor: 'NATO', source: 'Reuters' }, 2, on)).rows.map((r) => r.storyId)).toEqual(both);
    }
    await expect(searchStories(target(), { actor: 'Nobody Known' })).resolves.toEqual({ stories: [] });
  });

  it('keeps the stories active within a time range (dates are whole UTC days)', async () => {
    const from = '2025-02-10';
    const to = '2025-02-12';
    const expected = newestFirst(STORIES.filter((s) => s.lastSeen >= `${from}T00:00:00.000Z` && s.firstSeen <= `${to}T23:59:59.999Z`));
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.length).toBeLessThan(STORY_COUNT / 2);
    expect((await allPages({ from, to }, 4)).rows.map((r) => r.storyId)).toEqual(expected);
    // With a rare token, the same range on the postings' way.
    const rare = newestFirst(STORIES.filter((s) => s.sources.includes('tass-ru') && s.lastSeen >= `${from}T00:00:00.000Z` && s.firstSeen <= `${to}T23:59:59.999Z`));
    for (const on of bothWays()) expect((await allPages({ from, to, source: 'tass-ru' }, 1, on)).rows.map((r) => r.storyId)).toEqual(rare);
    const since = STORIES[100].lastSeen;
    expect((await allPages({ from: since }, 50)).rows.map((r) => r.storyId)).toEqual(newestFirst(STORIES.filter((s) => s.lastSeen >= since)));
  });

  it('goes on from where a search stopped looking, when it looked through its bound of summaries', async () => {
    const expected = newestFirst(STORIES.filter((s) => s.sources.includes('tass-ru')));
    const found: string[] = [];
    let after: { lastSeen: string; id: string } | undefined;
    let calls = 0;
    do {
      const page = await listingStore.searchStorySummaries({ tokenGroups: [['s:tass-ru']] }, { limit: 100, after, maxExamined: 20 });
      found.push(...page.stories.map((s) => s.id));
      after = page.next;
      calls++;
    } while (after);
    expect(calls).toBeGreaterThanOrEqual(Math.floor(STORY_COUNT / 20));
    expect(found).toEqual(expected);
  });

  it('refuses a cursor it did not make and a date that is not one', async () => {
    await expect(searchStories(target(), {}, { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidStoryQueryError);
    await expect(searchStories(target(), { from: 'yesterday' })).rejects.toBeInstanceOf(InvalidStoryQueryError);
    await expect(searchStories(target(), { to: '2025-13-45' })).rejects.toBeInstanceOf(InvalidStoryQueryError);
  });

  it("an actor's page: the actor by name, its aliases, the stories naming it, articles per day", async () => {
    const activity = await actorActivity(target(), 'Sergey Lavrov');
    expect(activity.actor.id).toBe('p:sergey-lavrov');
    expect(activity.aliases).toEqual(['lavrov', 'sergey lavrov']);
    const naming = STORIES.filter((s) => s.topActors.some((a) => a.id === 'p:sergey-lavrov'));
    expect(activity.stories.map((r) => r.storyId)).toEqual(newestFirst(naming));
    const days: Record<string, number> = {};
    for (const story of naming) for (const [day, n] of Object.entries(activityPerDay(story.activity))) days[day] = (days[day] ?? 0) + n;
    expect(activity.perDay).toEqual(Object.keys(days).sort().map((day) => ({ day, articles: days[day] })));
    await expect(actorActivity(target(), 'p:nobody')).rejects.toBeInstanceOf(ActorNotFoundError);
  });

  it("a story's timeline: coverage ledger, articles without text (copies marked), alerts with their delivery", async () => {
    const own = await freshStore();
    const story = { ...syntheticStory(1), id: 'timeline', articleIds: ['t1', 't2'], articleCount: 2 };
    await own.createStory(story);
    const article = (id: string, source: SourceRef, publishedAt: string, extra: Partial<Article> = {}): Article => ({
      id, source, title: `Title ${id}`, url: `https://example.com/${id}`, text: 'secret body text', wordCount: 3, publishedAt,
      ingestedAt: '2025-02-18T12:00:00.000Z', rawKey: `incoming/${id}`, status: 'ingested', storyId: 'timeline',
      actors: [], topics: [], keyphrases: [], signature: [1, 2], ...extra,
    });
    await own.claimArticle(article('t2', SOURCES[1], '2025-02-18T11:00:00.000Z', { copyOf: 't1' }));
    await own.claimArticle(article('t1', SOURCES[0], '2025-02-18T10:00:00.000Z'));
    await own.claimCoverage({ storyId: 'timeline', source: SOURCES[0], articleId: 't1', firstSeen: '2025-02-18T10:00:00.000Z' });
    await own.claimCoverage({ storyId: 'timeline', source: SOURCES[1], articleId: 't2', firstSeen: '2025-02-18T11:00:00.000Z' });
    const alert: Alert = {
      id: 'al1', kind: 'new-source', storyId: 'timeline', headline: story.headline, source: SOURCES[1], articleId: 't2',
      articleTitle: 'Title t2', sourceCount: 2, sourceNames: ['Caliber.Az', 'Reuters'], firstSeen: '2025-02-18T11:00:00.000Z',
      watchIds: ['all'], actorIds: [], topicIds: [], topActors: [], topTopics: [], reason: 'Reuters is new',
      createdAt: '2025-02-18T11:00:01.000Z', status: 'pending',
    };
    await own.recordAlert(alert);
    await own.markAlertSent('timeline', 'al1', '2025-02-18T11:00:02.000Z');

    const timeline = await storyTimeline({ store: own }, 'timeline');
    expect(timeline.story.id).toBe('timeline');
    expect(timeline.coverage).toEqual([
      { source: 'Caliber.Az', sourceId: 'caliber-az', firstSeen: '2025-02-18T10:00:00.000Z', articleId: 't1' },
      { source: 'Reuters', sourceId: 'reuters-com', firstSeen: '2025-02-18T11:00:00.000Z', articleId: 't2' },
    ]);
    expect(timeline.articles.map((a) => a.id)).toEqual(['t1', 't2']);
    expect(timeline.articles[1]).toEqual({
      id: 't2', title: 'Title t2', url: 'https://example.com/t2', source: 'Reuters', sourceId: 'reuters-com',
      publishedAt: '2025-02-18T11:00:00.000Z', ingestedAt: '2025-02-18T12:00:00.000Z', copyOf: 't1', words: 3,
    });
    expect(JSON.stringify(timeline.articles)).not.toContain('secret body text');
    expect(timeline.alerts.map((a) => [a.id, a.delivery])).toEqual([['al1', 'sent']]);
    await expect(storyTimeline({ store: own }, 'nope')).rejects.toBeInstanceOf(StoryNotFoundError);
  });

  it('a summary follows its story: written with each story write, repaired when a resumed article indexes it, never set back', async () => {
    const own = await freshStore();
    const table = (own as unknown as { tableName: string }).tableName;
    const doc = createDocumentClient(db.client);
    const first = syntheticStory(3);
    await own.createStory(first);
    // A run that stopped between the story write and its summary: the summary is missing.
    await doc.send(new PutCommand({ TableName: table, Item: { pk: `STORY#${first.id}`, sk: 'SUMMARY', id: first.id, version: 0 } }));
    expect((await own.searchStorySummaries({}, { limit: 10 })).stories).toEqual([]);
    // The resumed article finds itself counted, reads the story and indexes it: the summary is back.
    await own.indexStory(first.id, ['term:x'], (await own.getStory(first.id))!.lastSeen);
    expect((await own.searchStorySummaries({}, { limit: 10 })).stories.map((s) => [s.id, s.version])).toEqual([[first.id, 1]]);

    // A read that a later write (another worker) overtook never sets the summary back.
    const stale = (await own.getStory(first.id))!;
    const other = new DynamoStore(doc, table);
    const current = (await other.getStory(first.id))!;
    await other.addArticleToStory(first.id, 'extra', {
      ...current, articleIds: [...current.articleIds, 'extra'], articleCount: current.articleCount + 1, lastSeen: '2026-01-01T00:00:00.000Z',
      sources: [...current.sources, 'new-desk'], sourceNames: { ...current.sourceNames, 'new-desk': 'New Desk' },
    });
    await own.indexStory(first.id, ['term:x'], stale.lastSeen);
    expect((await own.searchStorySummaries({}, { limit: 10 })).stories.map((s) => [s.id, s.version, s.lastSeen])).toEqual([[first.id, 2, '2026-01-01T00:00:00.000Z']]);
    // The source it gained is posted once the writer indexes the story: a rare token finds it by its posting.
    await other.indexStory(first.id, ['term:x'], '2026-01-01T00:00:00.000Z');
    expect((await searchStories({ store: other }, { source: 'New Desk' })).stories.map((r) => r.storyId)).toEqual([first.id]);
  });

  it('moves stories stored before summaries existed into the summary listing when the table is opened', async () => {
    const tableName = `stories-test-${++tableCount}`;
    await ensureTable(db.client, tableName);
    const doc = createDocumentClient(db.client);
    const legacy = STORIES.slice(0, 3);
    for (const story of legacy) {
      // The item as the adapter wrote it before: the story itself on the STORIES listing.
      await doc.send(new PutCommand({
        TableName: tableName,
        Item: { ...story, activity: undefined, pk: `STORY#${story.id}`, sk: 'STORY', gsi1pk: 'STORIES', gsi1sk: `${story.lastSeen}#${story.id}`, version: 4 },
      }));
    }
    const own = new DynamoStore(doc, tableName);
    expect((await own.searchStorySummaries({}, { limit: 10 })).stories).toEqual([]);
    await ensureTable(db.client, tableName);
    expect((await searchStories({ store: own }, { source: 'Caliber.Az' })).stories.map((r) => r.storyId)).toEqual(newestFirst(legacy));
    expect((await own.listStories()).map((s) => [s.id, s.version])).toEqual(newestFirst(legacy).map((id) => [id, 4]));
    expect(await own.migrateStoryListing()).toBe(0);
  });
});
