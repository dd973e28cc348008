/**
 * The dashboard's web edge as an integration sees it: `newswatch serve` over the embedded store
 * after the seeds were ingested with --track-all (docs/api.md), its security headers, its CSRF
 * refusals, escaping, and a watch added through the API that `newswatch watch list` then shows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDashboard, SEEDS, type ServedDashboard } from '../support/dashboard-server';
import { runNewswatch } from '../support/run-cli';
import { CONTENT_SECURITY_POLICY } from '../../lambdas/web/config';
import { articlePage, storyPage } from '../../lambdas/web/views/stories';

describe('newswatch serve: the JSON API and pages', () => {
  let dataDir: string;
  let server: ServedDashboard;
  let storyId: string;
  const get = (p: string, init?: RequestInit) => fetch(new URL(p, server.url), init);

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'newswatch-web-api-'));
    const ingest = await runNewswatch(['ingest', SEEDS, '--track-all', '--quiet', '--data-dir', dataDir]);
    expect(ingest.code).toBe(0);
    server = await startDashboard(['--data-dir', dataDir]);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('GET /api/stories: one story with the five sources', async () => {
    const res = await get('/api/stories');
    expect(res.status).toBe(200);
    const body = await res.json() as { stories: { storyId: string; sources: string[]; articleCount: number; tracked: boolean }[]; next?: string };
    expect(body.stories).toHaveLength(1);
    expect(body.stories[0].sources).toEqual(['outlet-a', 'outlet-b', 'news-journos', 'caliber-az', 'outlet-e']);
    expect(body.stories[0]).toMatchObject({ articleCount: 5, tracked: true });
    expect(body.next).toBeUndefined();
    storyId = body.stories[0].storyId;
    const none = await (await get('/api/stories?q=volcano')).json() as { stories: unknown[] };
    expect(none.stories).toEqual([]);
  });

  it('GET /api/stories/:id: five coverage entries, five articles and four sent alerts; an unknown id is a 404', async () => {
    const body = await (await get(`/api/stories/${storyId}`)).json() as {
      coverage: { source: string; firstSeen: string; articleId: string }[]; articles: { id: string; copyOf?: string }[]; alerts: { delivery: string; kind: string }[];
    };
    expect(body.coverage.map((c) => c.source)).toEqual(['outlet-a', 'outlet-b', 'news-journos', 'caliber-az', 'outlet-e']);
    expect(body.articles).toHaveLength(5);
    expect(body.coverage.every((c) => body.articles.some((a) => a.id === c.articleId))).toBe(true);
    expect(body.alerts).toHaveLength(4);
    expect(body.alerts.every((a) => a.kind === 'new-source' && a.delivery === 'sent')).toBe(true);
    const missing = await get('/api/stories/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'no story with id nope (see `newswatch stories`)' });
  });

  it('GET / is an HTML page naming the headline; the story page draws five marks and four alert flags', async () => {
    const res = await get('/');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('Rubio makes progress with Russia after Trump promised to bring end to war in Ukraine');
    const story = await (await get(`/stories/${storyId}`)).text();
    expect(story.match(/<circle class="mark[ "]/g)).toHaveLength(5);
    expect(story.match(/class="alert-mark /g)).toHaveLength(4);
    // outlet-b's article is a rewrite of outlet-a's (GOLD.md): marked and linked to its original.
    expect(story.match(/class="mark mark-copy"/g)).toHaveLength(1);
    expect(story.match(/<line class="copy-link"/g)).toHaveLength(1);
  });

  it('serves every page, asset, API answer and error with the strict CSP, and no inline script or style', async () => {
    const articleId = ((await (await get(`/api/stories/${storyId}`)).json()) as { articles: { id: string }[] }).articles[0].id;
    const paths = ['/', `/stories/${storyId}`, `/articles/${articleId}`, '/actors/p:marco-rubio', '/watches', '/feeds', '/alerts', '/alerts?watch=all',
      '/api/stories', `/api/stories/${storyId}`, '/api/watches', '/assets/dashboard.css', '/assets/dashboard.js', '/stories/nope', '/no/such/page'];
    for (const p of paths) {
      const res = await get(p);
      expect([p, res.headers.get('content-security-policy')]).toEqual([p, CONTENT_SECURITY_POLICY]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const text = await res.text();
      if (res.headers.get('content-type')?.startsWith('text/html')) {
        expect([p, text.match(/<script(?![^>]*\ssrc=)[^>]*>/g)]).toEqual([p, null]);
        expect([p, text.match(/\sstyle=|<style/g)]).toEqual([p, null]);
      }
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect((await get('/assets/../package.json')).status).toBe(404);
    // A notice is shown only when the server signed it (a redirect after a form): a forged link shows nothing.
    expect(await (await get('/watches?done=Your+session+expired%3A+go+to+evil.example&sig=x')).text()).not.toContain('evil.example');
  });

  it('refuses writes without the CSRF token or from another origin; with the page\'s token a watch is added', async () => {
    const page = await (await get('/watches')).text();
    const token = /<meta name="csrf-token" content="([^"]+)">/.exec(page)![1];
    expect(await (await get('/api/csrf')).json()).toEqual({ token, header: 'X-CSRF-Token' });
    const watch = { name: 'Rubio <b>talks</b>', actors: ['Marco Rubio'], keywords: ['Riyadh'] };
    const post = (headers: Record<string, string>, body: string = JSON.stringify(watch)) =>
      get('/api/watches', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

    const noToken = await post({});
    expect(noToken.status).toBe(403);
    expect((await noToken.json() as { error: string }).error).toMatch(/CSRF token/);
    expect((await post({ 'X-CSRF-Token': 'guessed' })).status).toBe(403);
    expect((await post({ 'X-CSRF-Token': token, Origin: 'https://evil.example' })).status).toBe(403);
    const form = await get('/watches', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=x&all=1&intent=save' });
    expect(form.status).toBe(403);
    expect((await (await get('/api/watches')).json() as { watches: unknown[] }).watches).toEqual([]);

    // The watch form's helpers: actor suggestions, and the preview (checked as saving would check it).
    const suggested = await (await get('/api/actors?q=rub')).json() as { actors: { id: string }[] };
    expect(suggested.actors.map((a) => a.id)).toContain('p:marco-rubio');
    const preview = await get('/api/watches/preview', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token }, body: JSON.stringify({ actors: ['rubio'] }) });
    expect(await preview.json()).toMatchObject({ watch: { actors: ['Marco Rubio'] }, total: 1, stories: [{ storyId }] });

    const added = await post({ 'X-CSRF-Token': token });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ watch: { id: 'rubio-b-talks-b', name: 'Rubio <b>talks</b>', actors: ['Marco Rubio'], keywords: ['Riyadh'] }, warnings: [] });
    const refused = await post({ 'X-CSRF-Token': token }, JSON.stringify({ name: 'empty' }));
    expect(refused.status).toBe(400);
    expect((await refused.json() as { error: string }).error).toMatch(/^watch "empty" needs at least one --actor/);

    // The name a user typed is shown escaped, never as markup.
    const watches = await (await get('/watches')).text();
    expect(watches).toContain('Rubio &lt;b&gt;talks&lt;/b&gt;');
    expect(watches).not.toContain('<b>talks</b>');
  });

  it('lets go of the data dir on Ctrl-C: `newswatch watch list` shows the watch added over the API', async () => {
    expect(await server.stop()).toBe(0);
    const list = await runNewswatch(['watch', 'list', '--json', '--data-dir', dataDir]);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n').map((line) => JSON.parse(line).name)).toEqual(['Rubio <b>talks</b>']);
  }, 30_000);
});

describe('the pages escape what articles say', () => {
  const hostile = '<img src=x onerror=alert(1)>"\'&';
  const now = '2026-11-27T10:00:00.000Z';
  const page = { csrfToken: 't', targetLabel: 'test' };

  it('the story page renders a hostile headline, title, source and URL as text, and keeps only http(s) links', async () => {
    const story = {
      id: 's1', headline: `${hostile} headline`, firstSeen: now, lastSeen: now, articleCount: 1, sources: ['evil'],
      sourceNames: { evil: `${hostile} source` }, articleIds: ['a1'], topActors: [], topTopics: [], tracked: false, trackedBy: [],
      profile: { terms: {}, actors: {}, topics: {} }, signatures: {},
    };
    const html = String(await storyPage(page, {
      story, coverage: [{ source: `${hostile} source`, sourceId: 'evil', firstSeen: now, articleId: 'a1' }],
      articles: [{ id: 'a1', title: `${hostile} title`, url: 'javascript:alert(1)', source: `${hostile} source`, sourceId: 'evil', publishedAt: now, ingestedAt: now, words: 3 }],
      alerts: [],
    }));
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp; title');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp; source');
  });

  it("the article page renders the article's text as text, paragraph by paragraph", async () => {
    const html = String(await articlePage(page, {
      id: 'a1', title: hostile, text: `${hostile}\n\nsecond <b>paragraph</b>`, source: { id: 'evil', name: hostile, origin: 'cli' },
      url: 'javascript:alert(1)', wordCount: 3, ingestedAt: now, rawKey: 'k', status: 'ingested', signature: [],
      actors: [{ id: 'p:x', name: hostile, type: 'person', mentions: [], salience: 1 }], topics: [], keyphrases: [],
    }));
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>paragraph');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<p>second &lt;b&gt;paragraph&lt;/b&gt;</p>');
  });
});
