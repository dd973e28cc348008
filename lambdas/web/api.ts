/**
 * The JSON API under /api: what the pages use and integrations call (docs/api.md). Each handler
 * parses its input and calls one use case; it runs unchanged behind API Gateway or a Lambda
 * function URL (hono's adapters), since nothing here knows it is on Node.
 */
import type { Context, Hono } from 'hono';
import { actorActivity, addActorAlias, mergeActors, splitActor } from '../app/actors';
import { FILTERED_ALERT_WINDOW, listAlerts } from '../app/alerts';
import { addFeed, listFeeds, removeFeed } from '../app/feeds';
import { searchStories, showArticle, storySummary, storyTimeline, type StoryQuery } from '../app/stories';
import type { Target } from '../app/target';
import { listTopics } from '../app/topics';
import { addWatch, listWatches, removeWatch, updateWatch, WATCH_ALERT_ON, watchIdFor, type WatchSpec } from '../app/watches';
import { ConfigurationError } from '../core/errors';
import { DASHBOARD_CONFIG } from './config';
import { previewUnsavedWatch, suggestActors } from './data';
import { BadRequestError, NotFoundError } from './errors';

export interface ApiDeps {
  target: Target;
  csrfToken: string;
  now: () => Date;
}

export function registerApi(app: Hono, deps: ApiDeps): void {
  const { target } = deps;

  app.get('/api/csrf', (c) => c.json({ token: deps.csrfToken, header: 'X-CSRF-Token' }));

  app.get('/api/stories', async (c) => {
    const found = await searchStories(target, storyQueryOf(c), { cursor: c.req.query('cursor') || undefined, limit: limitOf(c) });
    return c.json({ stories: found.stories.map(({ articleIds: _ids, ...row }) => row), ...(found.next ? { next: found.next } : {}) });
  });

  app.get('/api/stories/:id', async (c) => {
    const timeline = await orNotFound(storyTimeline(target, c.req.param('id')));
    const { story } = timeline;
    return c.json({
      ...storySummary(story),
      firstSeen: story.firstSeen, lastSeen: story.lastSeen, trackedBy: story.trackedBy,
      topActors: story.topActors, topTopics: story.topTopics,
      coverage: timeline.coverage,
      articles: timeline.articles,
      alerts: timeline.alerts,
    });
  });

  app.get('/api/articles/:id', async (c) => {
    // The MinHash signature is the clusterer's, of no use to a reader.
    const { signature: _signature, ...article } = await orNotFound(showArticle(target, c.req.param('id')));
    return c.json(article);
  });

  app.get('/api/actors', async (c) => {
    const actors = await suggestActors(target, c.req.query('q') ?? '');
    return c.json({ actors: actors.map((a) => ({ id: a.id, name: a.name, type: a.type })) });
  });

  app.get('/api/actors/:id', async (c) => {
    const activity = await orNotFound(actorActivity(target, c.req.param('id')));
    // Story rows as GET /api/stories gives them (a story's article ids are its page's).
    return c.json({ ...activity, stories: activity.stories.map(({ articleIds: _ids, ...row }) => row) });
  });

  app.post('/api/actors/:id/aliases', async (c) => {
    const body = await jsonBody(c);
    return c.json(await addActorAlias(target.store, c.req.param('id'), stringField(body, 'alias', true)!));
  });

  app.post('/api/actors/:id/merge', async (c) => {
    const body = await jsonBody(c);
    return c.json(await mergeActors(target.store, c.req.param('id'), stringField(body, 'into', true)!));
  });

  app.post('/api/actors/:id/split', async (c) => {
    const body = await jsonBody(c);
    return c.json(await splitActor(target.store, c.req.param('id'), stringList(body, 'aliases') ?? [], stringField(body, 'name')));
  });

  app.get('/api/topics', (c) => c.json({ topics: listTopics() }));

  app.get('/api/watches', async (c) => c.json({ watches: await listWatches(target.store) }));

  app.post('/api/watches', async (c) => {
    const outcome = await addWatch(target.store, watchSpecOf(await jsonBody(c)), deps.now());
    return c.json(outcome, 201);
  });

  app.post('/api/watches/preview', async (c) => {
    const body = await jsonBody(c);
    const preview = await previewUnsavedWatch(target, watchSpecOf(body, { nameOptional: true }), body.editing === true);
    return c.json({
      watch: preview.watch, warnings: preview.warnings, total: preview.total, examined: preview.examined,
      stories: preview.stories.map(({ story, reason }) => ({ storyId: story.id, headline: story.headline, articleCount: story.articleCount, lastSeen: story.lastSeen, reason })),
    });
  });

  app.put('/api/watches/:name', async (c) => {
    const spec = watchSpecOf({ ...(await jsonBody(c)), name: c.req.param('name') });
    return c.json(await updateWatch(target.store, spec, deps.now()));
  });

  app.delete('/api/watches/:name', async (c) => {
    const name = c.req.param('name');
    if (!(await listWatches(target.store)).some((w) => w.id === watchIdFor(name))) throw new NotFoundError(`no watch named "${name}"`);
    return c.json({ removed: await removeWatch(target.store, name) });
  });

  app.get('/api/feeds', async (c) => c.json({ feeds: await listFeeds(target) }));

  app.post('/api/feeds', async (c) => {
    const body = await jsonBody(c);
    const feed = await addFeed(target, { url: stringField(body, 'url', true)!, name: stringField(body, 'name'), fullText: body.fullText === true }, deps.now());
    return c.json(feed, 201);
  });

  app.delete('/api/feeds/:id', async (c) => c.json({ removed: await orNotFound(removeFeed(target, c.req.param('id'))) }));

  app.get('/api/alerts', async (c) => c.json({ alerts: await filteredAlerts(target, alertFilterOf(c), deps.now()) }));

  app.all('/api/*', (c) => c.json({ error: `no API endpoint ${c.req.method} ${c.req.path} (see docs/api.md)` }, 404));
}

export interface AlertPageFilter {
  story?: string;
  watch?: string;
  status?: string;
}

export function alertFilterOf(c: Context): AlertPageFilter {
  return { story: c.req.query('story') || undefined, watch: c.req.query('watch') || undefined, status: c.req.query('status') || undefined };
}

/** The alert log, by story (its partition) or the recent ones, narrowed to a watch and a delivery state. */
export async function filteredAlerts(target: Target, filter: AlertPageFilter, now: Date) {
  const alerts = await listAlerts(target.store, {
    storyId: filter.story, limit: filter.watch || filter.status ? FILTERED_ALERT_WINDOW : DASHBOARD_CONFIG.alertsPerPage,
    pending: filter.status !== undefined && filter.status !== 'sent',
  }, now.toISOString());
  return alerts
    .filter((a) => !filter.watch || a.watchIds.includes(filter.watch))
    .filter((a) => !filter.status || a.delivery === filter.status)
    .slice(0, DASHBOARD_CONFIG.alertsPerPage);
}

export function storyQueryOf(c: Context): StoryQuery {
  const text = (name: string) => c.req.query(name)?.trim() || undefined;
  const tracked = c.req.query('tracked');
  return {
    q: text('q'), actor: text('actor'), source: text('source'), watch: text('watch'),
    tracked: tracked === '1' || tracked === 'true' ? true : undefined,
    from: text('from'), to: text('to'),
  };
}

function limitOf(c: Context): number | undefined {
  const raw = c.req.query('limit');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > DASHBOARD_CONFIG.maxStoriesPerPage) throw new BadRequestError(`limit wants a whole number from 1 to ${DASHBOARD_CONFIG.maxStoriesPerPage}`);
  return n;
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (error) {
    throw new BadRequestError('the request body must be a JSON object (Content-Type: application/json)', { cause: error });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadRequestError('the request body must be a JSON object');
  return body as Record<string, unknown>;
}

function stringField(body: Record<string, unknown>, name: string, required = false): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') {
    if (required) throw new BadRequestError(`"${name}" is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw new BadRequestError(`"${name}" must be a string`);
  return value;
}

function stringList(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new BadRequestError(`"${name}" must be a list of strings`);
  return value as string[];
}

/** A watch from a JSON body: lists given replace, absent ones keep (see WatchSpec). */
export function watchSpecOf(body: Record<string, unknown>, options: { nameOptional?: boolean } = {}): WatchSpec {
  if (body.all !== undefined && typeof body.all !== 'boolean') throw new BadRequestError('"all" must be true or false');
  const on = stringField(body, 'on');
  if (on !== undefined && !(WATCH_ALERT_ON as readonly string[]).includes(on)) throw new BadRequestError(`"on" must be one of ${WATCH_ALERT_ON.join(', ')}`);
  return {
    name: stringField(body, 'name', !options.nameOptional) ?? 'preview',
    all: body.all as boolean | undefined,
    actors: stringList(body, 'actors'), topics: stringList(body, 'topics'), keywords: stringList(body, 'keywords'),
    ...(typeof body.query === 'string' ? { query: body.query } : {}),
    ...(on ? { on: on as WatchSpec['on'] } : {}),
  };
}

/** A use case's "no such …" (a ConfigurationError from a lookup by id) as a 404. */
async function orNotFound<T>(found: Promise<T>): Promise<T> {
  try {
    return await found;
  } catch (error) {
    if (error instanceof ConfigurationError) throw new NotFoundError(error.message, { cause: error });
    throw error;
  }
}
