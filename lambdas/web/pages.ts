/**
 * The HTML pages and their forms. A form posts here (CSRF-checked like the API), runs the same
 * use case as the API and the CLI, and answers with a redirect that names what was done, or the
 * page again with the refusal and the values typed (so nothing is lost).
 */
import { createHmac } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { actorActivity, addActorAlias, mergeActors, splitActor } from '../app/actors';
import { addFeed, listFeeds, removeFeed } from '../app/feeds';
import { searchStories, showArticle, storyTimeline } from '../app/stories';
import type { Target } from '../app/target';
import { listTopics } from '../app/topics';
import { addWatch, listWatches, removeWatch, updateWatch, WATCH_ALERT_ON, type WatchSpec } from '../app/watches';
import type { WatchAlertOn } from '../core/model';
import { ConfigurationError } from '../core/errors';
import { alertFilterOf, filteredAlerts, storyQueryOf } from './api';
import { previewUnsavedWatch, type CheckedPreview } from './data';
import { answerFor } from './errors';
import type { PageContext } from './views/layout';
import { actorPage, alertsPage, EMPTY_WATCH_FORM, feedsPage, notFoundPage, watchesPage, type WatchFormValues } from './views/manage';
import { articlePage, storiesPage, storyPage } from './views/stories';

export interface PageDeps {
  target: Target;
  csrfToken: string;
  now: () => Date;
}

export function registerPages(app: Hono, deps: PageDeps): void {
  const { target } = deps;
  // The sentence shown after a form succeeded travels in the redirect's URL, signed with the
  // server's secret: a link made elsewhere cannot put words in the dashboard's mouth.
  const signature = (notice: string) => createHmac('sha256', deps.csrfToken).update(notice).digest('base64url').slice(0, 22);
  const doneUrl = (path: string, notice: string) => `${path}?${new URLSearchParams({ done: notice, sig: signature(notice) })}`;
  const noticeOf = (c: Context) => {
    const notice = c.req.query('done');
    return notice && c.req.query('sig') === signature(notice) ? notice : undefined;
  };
  const pageOf = (c: Context, extra: Partial<PageContext> = {}): PageContext => ({
    csrfToken: deps.csrfToken,
    targetLabel: target.kind === 'aws' ? target.description : `embedded · ${target.description}`,
    notice: noticeOf(c),
    ...extra,
  });

  app.get('/', async (c) => {
    const query = storyQueryOf(c);
    const found = await searchStories(target, query, { cursor: c.req.query('cursor') || undefined });
    let nextHref: string | undefined;
    if (found.next) {
      const params = new URLSearchParams(c.req.query());
      params.set('cursor', found.next);
      nextHref = `/?${params}`;
    }
    return c.html(storiesPage(pageOf(c), query, found, await listWatches(target.store), nextHref));
  });

  /** A page for one thing by id: the use case's "no such …" (a ConfigurationError) is a 404 page. */
  const byId = <T>(path: string, load: (id: string) => Promise<T>, render: (page: PageContext, found: T) => ReturnType<typeof storyPage>) => {
    app.get(path, async (c) => {
      let found: T;
      try {
        found = await load(c.req.param('id')!);
      } catch (error) {
        if (error instanceof ConfigurationError) return c.html(notFoundPage(pageOf(c), error.message), 404);
        throw error;
      }
      return c.html(render(pageOf(c), found));
    });
  };
  byId('/stories/:id', (id) => storyTimeline(target, id), storyPage);
  byId('/articles/:id', (id) => showArticle(target, id), articlePage);
  byId('/actors/:id', (id) => actorActivity(target, id), actorPage);

  const actorAction = (action: string, run: (id: string, form: FormData) => Promise<string>) => {
    app.post(`/actors/:id/${action}`, async (c) => {
      const id = c.req.param('id');
      try {
        const done = await run(id, await formOf(c));
        return c.redirect(doneUrl(`/actors/${encodeURIComponent(id)}`, done), 303);
      } catch (error) {
        return refused(c, error, actorPage(pageOf(c, { error: answerFor(error).message }), await actorActivity(target, id)));
      }
    });
  };
  actorAction('alias', async (id, form) => {
    const outcome = await addActorAlias(target.store, id, text(form, 'alias'));
    return `"${outcome.key}" now means ${outcome.actor.name}; later articles use it.`;
  });
  actorAction('merge', async (id, form) => {
    const outcome = await mergeActors(target.store, id, text(form, 'into'));
    return `Merged into ${outcome.into.name}: ${outcome.storiesUpdated} stories and ${outcome.articlesUpdated} articles updated.`;
  });
  actorAction('split', async (id, form) => {
    const outcome = await splitActor(target.store, id, form.getAll('aliases').map(String), text(form, 'name') || undefined);
    return `Split ${outcome.actor.name} (${outcome.actor.id}) off.`;
  });

  const renderWatches = async (c: Context, form: WatchFormValues, extra: Partial<PageContext> = {}, preview?: CheckedPreview) =>
    watchesPage(pageOf(c, extra), await listWatches(target.store), listTopics(), form, preview);

  app.get('/watches', async (c) => {
    const editing = c.req.query('edit');
    const watch = editing ? (await listWatches(target.store)).find((w) => w.id === editing) : undefined;
    const form: WatchFormValues = watch
      ? {
        editing: watch.name, name: watch.name, all: Boolean(watch.all), actors: watch.actors.join(', '), topics: watch.topics,
        keywords: watch.keywords.join(', '), query: watch.query ?? '', on: watch.on ?? 'new-source',
      }
      : EMPTY_WATCH_FORM;
    return c.html(await renderWatches(c, form));
  });

  app.post('/watches', async (c) => {
    const body = await formOf(c);
    const values = watchFormOf(body);
    const spec = watchSpecOfForm(values);
    try {
      if (text(body, 'intent') === 'preview') {
        return c.html(await renderWatches(c, values, {}, await previewUnsavedWatch(target, spec, Boolean(values.editing))));
      }
      const outcome = values.editing ? await updateWatch(target.store, spec, deps.now()) : await addWatch(target.store, spec, deps.now());
      const warned = outcome.warnings.length ? ` (${outcome.warnings.join('; ')})` : '';
      return c.redirect(doneUrl(`/watches`, `Watch "${outcome.watch.name}" ${values.editing ? 'saved' : 'created'}${warned}.`), 303);
    } catch (error) {
      return refused(c, error, await renderWatches(c, values, { error: answerFor(error).message }));
    }
  });

  app.post('/watches/:id/delete', async (c) => {
    try {
      const removed = await removeWatch(target.store, c.req.param('id'));
      return c.redirect(doneUrl(`/watches`, `Watch "${removed.name}" deleted (the stories it tracked stay tracked).`), 303);
    } catch (error) {
      return refused(c, error, await renderWatches(c, EMPTY_WATCH_FORM, { error: answerFor(error).message }));
    }
  });

  const renderFeeds = async (c: Context, extra: Partial<PageContext> = {}) => feedsPage(pageOf(c, extra), await listFeeds(target), deps.now().toISOString());

  app.get('/feeds', async (c) => c.html(await renderFeeds(c)));

  app.post('/feeds', async (c) => {
    const form = await formOf(c);
    try {
      const feed = await addFeed(target, { url: text(form, 'url'), name: text(form, 'name') || undefined, fullText: text(form, 'fullText') === '1' }, deps.now());
      return c.redirect(doneUrl(`/feeds`, `Feed ${feed.id} added.`), 303);
    } catch (error) {
      return refused(c, error, await renderFeeds(c, { error: answerFor(error).message }));
    }
  });

  app.post('/feeds/:id/delete', async (c) => {
    try {
      const feed = await removeFeed(target, c.req.param('id'));
      return c.redirect(doneUrl(`/feeds`, `Feed ${feed.id} removed.`), 303);
    } catch (error) {
      return refused(c, error, await renderFeeds(c, { error: answerFor(error).message }));
    }
  });

  app.get('/alerts', async (c) => {
    const filter = alertFilterOf(c);
    return c.html(alertsPage(pageOf(c), await filteredAlerts(target, filter, deps.now()), filter, await listWatches(target.store)));
  });
}

/** A refused form: the page again with the reason (4xx); a failure is not a refusal and propagates. */
async function refused(c: Context, error: unknown, page: ReturnType<typeof watchesPage>) {
  const { status } = answerFor(error);
  if (status >= 500) throw error;
  return c.html(await page, status as 400 | 403 | 404);
}

async function formOf(c: Context): Promise<FormData> {
  const body = await c.req.parseBody({ all: true });
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') form.append(key, v);
  return form;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

function watchFormOf(form: FormData): WatchFormValues {
  return {
    editing: text(form, 'editing') || undefined,
    name: text(form, 'name'),
    all: text(form, 'all') === '1',
    actors: text(form, 'actors'),
    topics: form.getAll('topics').map(String),
    keywords: text(form, 'keywords'),
    query: text(form, 'query'),
    on: (WATCH_ALERT_ON as readonly string[]).includes(text(form, 'on')) ? text(form, 'on') as WatchAlertOn : 'new-source',
  };
}

/** The form's lists as the CLI's repeated flags: comma-separated, blanks dropped. */
function watchSpecOfForm(values: WatchFormValues): WatchSpec {
  const list = (s: string) => s.split(',').map((v) => v.trim()).filter(Boolean);
  const actors = list(values.actors);
  const keywords = list(values.keywords);
  if (values.editing) {
    // An edit sends the whole form: every list replaces the watch's (an emptied one clears it).
    return { name: values.editing, all: values.all, actors, topics: values.topics, keywords, query: values.query, on: values.on };
  }
  return { name: values.name, all: values.all || undefined, actors, topics: values.topics, keywords, ...(values.query ? { query: values.query } : {}), on: values.on };
}
