/**
 * The dashboard's pages and forms, in process (createDashboard's fetch handler over an embedded
 * store): the story list paged by cursor far beyond 100 and searched by every filter (each
 * answer checked against the whole list, read page by page), and every form of the issue:
 * watch create with preview, edit and delete; feed add, health, remove; the actor's alias form;
 * the alert log's filters.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbedded, type EmbeddedRuntime } from '../../lambdas/targets/embedded';
import { createDashboard } from '../../lambdas/web/dashboard';
import { populate, vocabulary } from '../../scripts/bench-fill';
import { SEEDS } from '../support/dashboard-server';
import { runNewswatch } from '../support/run-cli';

const TOKEN = 'test-token';
const ORIGIN = 'http://localhost';

interface Row { storyId: string; headline: string; sources: string[]; firstSeen: string; lastSeen: string }

async function withStore(prefix: string, options: { inMemory: boolean }, dataDir?: string) {
  const dir = dataDir ?? await mkdtemp(path.join(tmpdir(), prefix));
  const runtime = await startEmbedded({ dataDir: dir, inMemory: options.inMemory });
  const { app } = createDashboard(runtime, { csrfToken: TOKEN });
  return { dir, runtime, app };
}

describe('the story list beyond 100 stories', () => {
  const STORIES = 180;
  let dir: string;
  let runtime: EmbeddedRuntime;
  let request: (url: string) => Promise<Response>;
  let all: Row[];

  beforeAll(async () => {
    const opened = await withStore('newswatch-web-paging-', { inMemory: true });
    ({ dir, runtime } = opened);
    request = (url) => Promise.resolve(opened.app.request(url));
    await populate(runtime, STORIES, vocabulary([]));
    all = await everyRow('/api/stories');
  }, 60_000);
  afterAll(async () => {
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Every row of a query, following `next` (at most 60 pages). */
  async function everyRow(url: string): Promise<Row[]> {
    const rows: Row[] = [];
    let next: string | undefined;
    for (let page = 0; page < 60; page++) {
      const body = await (await request(next ? `${url}${url.includes('?') ? '&' : '?'}cursor=${next}` : url)).json() as { stories: Row[]; next?: string };
      rows.push(...body.stories);
      if (!body.next) return rows;
      next = body.next;
    }
    throw new Error(`${url}: still a next page after 60 pages`);
  }

  it('GET /api/stories pages by cursor through all of them, newest first, each once', () => {
    expect(all).toHaveLength(STORIES);
    expect(new Set(all.map((r) => r.storyId)).size).toBe(STORIES);
    const order = all.map((r) => `${r.lastSeen}#${r.storyId}`);
    expect(order).toEqual([...order].sort().reverse());
  });

  it('the stories page follows its "Older stories" link past the 100th story to the end', async () => {
    const seen: string[] = [];
    let href: string | undefined = '/';
    let pages = 0;
    while (href) {
      const page = await (await request(href)).text();
      seen.push(...[...page.matchAll(/<tr class="story-row" data-story="([^"]+)">/g)].map((m) => m[1]));
      href = /<a class="button-link" rel="next" href="([^"]+)">/.exec(page)?.[1]?.replace(/&amp;/g, '&');
      pages++;
    }
    expect(pages).toBeGreaterThan(2);
    expect(seen).toEqual(all.map((r) => r.storyId));
  });

  it('searches by source, headline word and time range: exactly the stories of the whole list that qualify', async () => {
    const bySource = await everyRow('/api/stories?source=bbc-co-uk');
    const expectedBySource = all.filter((r) => r.sources.includes('bbc-co-uk')).map((r) => r.storyId);
    expect(expectedBySource.length).toBeGreaterThan(0);
    expect(expectedBySource.length).toBeLessThan(STORIES);
    expect(bySource.map((r) => r.storyId)).toEqual(expectedBySource);

    const word = all[120].headline.split(' ')[3];
    const byWord = await everyRow(`/api/stories?q=${encodeURIComponent(word)}`);
    expect(byWord.map((r) => r.storyId)).toEqual(all.filter((r) => r.headline.split(' ').includes(word)).map((r) => r.storyId));
    expect(byWord.map((r) => r.storyId)).toContain(all[120].storyId);

    const from = all[STORIES - 30].lastSeen.slice(0, 10);
    const to = all[20].firstSeen.slice(0, 10);
    const byTime = await everyRow(`/api/stories?from=${from}&to=${to}`);
    const expectedByTime = all.filter((r) => r.lastSeen >= `${from}T00:00:00.000Z` && r.firstSeen <= `${to}T23:59:59.999Z`).map((r) => r.storyId);
    expect(expectedByTime.length).toBeGreaterThan(100);
    expect(byTime.map((r) => r.storyId)).toEqual(expectedByTime);

    // The page's form carries the same filters and keeps them in its next link.
    const page = await (await request(`/?source=bbc-co-uk`)).text();
    expect(page).toContain('value="bbc-co-uk"');
    expect(page.match(/<tr class="story-row"/g)).toHaveLength(Math.min(50, expectedBySource.length));
  });
});

describe('the forms of /watches, /feeds, /actors/:id and the filters of /alerts (the seeds ingested)', () => {
  let dir: string;
  let runtime: EmbeddedRuntime;
  let request: (url: string, init?: RequestInit) => Promise<Response>;
  let storyId: string;

  const form = (url: string, fields: [string, string][]) => request(url, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
    body: new URLSearchParams([['_csrf', TOKEN], ...fields]).toString(),
  });
  const followed = async (res: Response) => {
    expect(res.status).toBe(303);
    return (await request(res.headers.get('location')!)).text();
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newswatch-web-pages-'));
    expect((await runNewswatch(['ingest', SEEDS, '--track-all', '--quiet', '--data-dir', dir])).code).toBe(0);
    const opened = await withStore('', { inMemory: false }, dir);
    runtime = opened.runtime;
    request = (url, init) => Promise.resolve(opened.app.request(`${ORIGIN}${url}`, init));
    storyId = ((await (await request('/api/stories')).json()) as { stories: Row[] }).stories[0].storyId;
  }, 60_000);
  afterAll(async () => {
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a watch after a preview, edits it and deletes it; a refused form keeps what was typed', async () => {
    const fields: [string, string][] = [['name', 'lavrov talks'], ['actors', 'lavrov'], ['keywords', 'Riyadh'], ['on', 'new-source']];
    const preview = await (await form('/watches', [...fields, ['intent', 'preview']])).text();
    expect(preview).toContain('Preview: 1 stored story this watch would track');
    expect(preview).toContain(`href="/stories/${storyId}"`);
    expect(await runtime.store.listWatches()).toEqual([]);

    const created = await followed(await form('/watches', [...fields, ['intent', 'save']]));
    expect(created).toContain('Watch &quot;lavrov talks&quot; created.');
    expect(await runtime.store.listWatches()).toMatchObject([{ id: 'lavrov-talks', actors: ['Sergey Lavrov'], keywords: ['Riyadh'] }]);

    const editForm = await (await request('/watches?edit=lavrov-talks')).text();
    expect(editForm).toContain('<input type="hidden" name="editing" value="lavrov talks">');
    expect(editForm).toContain('value="Riyadh"');
    await followed(await form('/watches', [['editing', 'lavrov talks'], ['name', 'lavrov talks'], ['actors', 'Sergey Lavrov'], ['keywords', 'Kyiv, ceasefire'], ['on', 'both'], ['intent', 'save']]));
    expect(await runtime.store.listWatches()).toMatchObject([{ id: 'lavrov-talks', keywords: ['Kyiv', 'ceasefire'], on: 'both' }]);

    const refused = await form('/watches', [['name', 'nothing at all'], ['intent', 'save']]);
    expect(refused.status).toBe(400);
    const refusal = await refused.text();
    expect(refusal).toMatch(/role="alert">watch &quot;nothing at all&quot; needs at least one/);
    expect(refusal).toContain('value="nothing at all"');

    const deleted = await followed(await form('/watches/lavrov-talks/delete', []));
    expect(deleted).toContain('Watch &quot;lavrov talks&quot; deleted');
    expect(await runtime.store.listWatches()).toEqual([]);
  });

  it('adds a feed, shows its health as the poller records it, and removes it', async () => {
    const added = await followed(await form('/feeds', [['url', 'https://www.example.com/world/rss.xml'], ['name', 'Example World']]));
    const [feed] = await runtime.feeds.listFeeds();
    expect(feed).toMatchObject({ url: 'https://www.example.com/world/rss.xml', name: 'Example World' });
    expect(added).toContain(`Feed ${feed.id} added.`);
    expect(added).toContain('never polled');

    await runtime.feeds.putFeed({ ...feed, lastPollAt: '2026-11-27T10:00:00.000Z', lastStatus: 'error', lastHttpStatus: 503, lastError: 'HTTP 503 from www.example.com', nextPollAt: '2026-11-27T10:10:00.000Z', itemCount: 7 });
    const health = await (await request('/feeds')).text();
    const row = /<tr class="feed-row"[\s\S]*?<\/tr>/.exec(health)![0];
    expect(row).toContain('error 503');
    expect(row).toContain('HTTP 503 from www.example.com');
    expect(row).toContain('2026-11-27 10:00');
    expect(row).toContain('2026-11-27 10:10');
    expect(row).toContain('<td class="num">7</td>');

    const removed = await followed(await form(`/feeds/${encodeURIComponent(feed.id)}/delete`, []));
    expect(removed).toContain(`Feed ${feed.id} removed.`);
    expect(await runtime.feeds.listFeeds()).toEqual([]);
  });

  it("shows an actor's articles per day and stories, and adds an alias through its form", async () => {
    const page = await (await request('/actors/p:sergey-lavrov')).text();
    expect(page).toContain('<h1>Sergey Lavrov</h1>');
    expect(page.match(/<rect class="day-bar"/g)?.length).toBeGreaterThan(0);
    expect(page).toContain(`href="/stories/${storyId}"`);
    for (const action of ['alias', 'merge', 'split']) expect(page).toContain(`action="/actors/p%3Asergey-lavrov/${action}"`);

    const aliased = await followed(await form('/actors/p:sergey-lavrov/alias', [['alias', 'Minister Lavrov']]));
    expect(aliased).toContain('minister lavrov (yours)');

    // The API's actor: found by the new alias, its story rows shaped as GET /api/stories shapes them.
    const api = await (await request('/api/actors/Minister%20Lavrov')).json() as { actor: { id: string }; stories: Row[]; perDay: { articles: number }[] };
    const listed = ((await (await request('/api/stories')).json()) as { stories: Row[] }).stories;
    expect(api.actor.id).toBe('p:sergey-lavrov');
    expect(api.stories).toEqual(listed);
    expect(api.perDay.reduce((sum, d) => sum + d.articles, 0)).toBe(5);
  });

  it('filters the alert log by story, watch and delivery', async () => {
    const rows = async (query: string) => ((await (await request(`/alerts${query}`)).text()).match(/<tr class="alert-row">/g) ?? []).length;
    expect(await rows('')).toBe(4);
    expect(await rows(`?story=${storyId}`)).toBe(4);
    expect(await rows('?watch=all&status=sent')).toBe(4);
    expect(await rows('?watch=no-such-watch')).toBe(0);
    expect(await rows('?status=failed')).toBe(0);
    expect(await rows('?story=no-such-story')).toBe(0);
  });
});
