/** `/actors/:id`, `/watches`, `/feeds`, `/alerts`: the pages that show and change the registry, watches and feeds. */
import { html } from 'hono/html';
import type { AlertView } from '../../app/alerts';
import type { TopicInfo } from '../../app/topics';
import { describeWatch } from '../../app/watches';
import type { Feed } from '../../core/feeds';
import type { Watch } from '../../core/model';
import { perDayChart, sparkline } from '../charts/bars';
import { readableTime } from '../charts/scale';
import type { ActorActivity, CheckedPreview, StoryRow } from '../data';
import type { WatchAlertOn } from '../../core/model';
import { csrfField, deliveryBadge, layout, plural, type Html, type PageContext } from './layout';

export function actorPage(page: PageContext, activity: ActorActivity): Html {
  const { actor } = activity;
  const user = new Set(actor.userAliases ?? []);
  return layout(page, { title: actor.name, section: 'actors' }, html`
<nav class="crumbs" aria-label="Breadcrumb"><a href="/">Stories</a> / <span>actor</span></nav>
<div class="page-head"><h1>${actor.name}</h1>
<ul class="facts"><li><code>${actor.id}</code></li><li>${actor.type}</li><li><strong>${plural(activity.stories.length, 'story', 'stories')}</strong></li>
${actor.mergedInto ? html`<li>merged into <a href="/actors/${encodeURIComponent(actor.mergedInto)}">${actor.mergedInto}</a></li>` : ''}</ul></div>
<section class="card" aria-labelledby="per-day-heading"><h2 id="per-day-heading">Articles per day in stories naming ${actor.name}</h2>
${activity.perDay.length ? perDayChart(activity.perDay) : html`<p class="empty">No stories name this actor yet.</p>`}</section>
<div class="columns">
<section class="card" aria-labelledby="actor-stories-heading"><h2 id="actor-stories-heading">Stories</h2>
${storyList(activity.stories)}</section>
<section class="card" aria-labelledby="aliases-heading"><h2 id="aliases-heading">Aliases</h2>
<ul class="chips">${activity.aliases.map((a) => html`<li><span class="chip${user.has(a) ? ' chip-user' : ''}">${a}${user.has(a) ? ' (yours)' : ''}</span></li>`)}</ul>
<h3>Add an alias</h3>
<form method="post" action="/actors/${encodeURIComponent(actor.id)}/alias" class="stack">${csrfField(page)}
<div class="field"><label for="alias-form">Surface form</label><input id="alias-form" name="alias" required placeholder="e.g. Secretary Rubio"></div>
<button type="submit">Add alias</button></form>
<h3>Merge into another actor</h3>
<form method="post" action="/actors/${encodeURIComponent(actor.id)}/merge" class="stack">${csrfField(page)}
<div class="field"><label for="merge-into">The actor that stays (id)</label><input id="merge-into" name="into" required list="actor-options" data-suggest="actors" data-suggest-ids="1" autocomplete="off" placeholder="p:…"></div>
<datalist id="actor-options"></datalist>
<button type="submit">Merge ${actor.name} into it</button></form>
<h3>Split aliases off</h3>
<form method="post" action="/actors/${encodeURIComponent(actor.id)}/split" class="stack">${csrfField(page)}
<fieldset><legend>Aliases that mean someone else</legend>${activity.aliases.map((a, i) => html`<div class="field-check"><input type="checkbox" id="split-${i}" name="aliases" value="${a}"><label for="split-${i}">${a}</label></div>`)}</fieldset>
<div class="field"><label for="split-name">Name of the new actor (optional)</label><input id="split-name" name="name"></div>
<button type="submit">Split</button></form>
</section></div>`);
}

export function storyList(stories: StoryRow[]): Html {
  if (!stories.length) return html`<p class="empty">None.</p>`;
  return html`<ul class="story-list">${stories.map((s) => html`<li><a href="/stories/${s.storyId}">${s.headline || '(untitled)'}</a> <span class="muted">${plural(s.sources.length, 'source')} · ${plural(s.articleCount, 'article')} · ${readableTime(s.lastSeen).slice(0, 10)}</span> ${sparkline(s.spark, 'articles over time')}</li>`)}</ul>`;
}

export interface WatchFormValues {
  /** Set when editing: the watch's name (the form updates it). */
  editing?: string;
  name: string;
  all: boolean;
  actors: string;
  topics: string[];
  keywords: string;
  query: string;
  on: WatchAlertOn;
}

export const EMPTY_WATCH_FORM: WatchFormValues = { name: '', all: false, actors: '', topics: [], keywords: '', query: '', on: 'new-source' };

const ALERT_ON_LABELS: Record<WatchAlertOn, string> = {
  'new-source': 'a new source covers a tracked story',
  'new-story': 'a new story matches',
  both: 'both',
};

export function watchesPage(
  page: PageContext, watches: Watch[], topics: TopicInfo[], form: WatchFormValues,
  preview?: CheckedPreview,
): Html {
  const groups = topics.filter((t) => !t.parent);
  const chosen = new Set(form.topics);
  const option = (t: TopicInfo) => html`<option value="${t.id}"${chosen.has(t.id) ? html` selected` : ''}>${t.label}</option>`;
  return layout(page, { title: 'Watches', section: 'watches' }, html`
<div class="page-head"><h1>Watches</h1><p class="lede">A watch tracks the stories it matches; every new source covering a tracked story is alerted.</p></div>
<div class="columns columns-form">
<section class="card" aria-labelledby="watch-list-heading"><h2 id="watch-list-heading">Your watches</h2>
${watches.length === 0 ? html`<p class="empty">No watches yet: create one with the form.</p>` : html`<ul class="watch-list">${watches.map((w) => html`<li class="watch" data-watch="${w.id}">
<div><strong>${w.name}</strong> <code>${w.id}</code></div><p class="muted">${describeWatch(w)}</p>
<div class="row-actions"><a class="button-link" href="/watches?edit=${encodeURIComponent(w.id)}">Edit</a> <a class="button-link" href="/?watch=${encodeURIComponent(w.id)}">Stories</a> <a class="button-link" href="/alerts?watch=${encodeURIComponent(w.id)}">Alerts</a>
<form method="post" action="/watches/${encodeURIComponent(w.id)}/delete" class="inline">${csrfField(page)}<button type="submit" class="danger" aria-label="Delete watch ${w.name}">Delete</button></form></div></li>`)}</ul>`}
</section>
<section class="card" aria-labelledby="watch-form-heading"><h2 id="watch-form-heading">${form.editing ? html`Edit “${form.editing}”` : 'New watch'}</h2>
<form method="post" action="/watches" class="stack" id="watch-form">${csrfField(page)}
${form.editing ? html`<input type="hidden" name="editing" value="${form.editing}">` : ''}
<div class="field"><label for="watch-name">Name</label><input id="watch-name" name="name" required value="${form.name}"${form.editing ? html` readonly` : ''} placeholder="e.g. rubio"></div>
<div class="field"><label for="watch-actors">Actors <span class="hint">(names or ids, comma-separated)</span></label><input id="watch-actors" name="actors" value="${form.actors}" list="watch-actor-options" data-suggest="actors" data-suggest-list="1" autocomplete="off" placeholder="Marco Rubio, Sergey Lavrov"><datalist id="watch-actor-options"></datalist></div>
<div class="field"><label for="watch-topics">Topics <span class="hint">(IPTC; Ctrl or ⌘ to choose several)</span></label><select id="watch-topics" name="topics" multiple size="7">
${groups.map((g) => html`<optgroup label="${g.label}">${option(g)}${topics.filter((t) => t.parent === g.id).map(option)}</optgroup>`)}</select></div>
<div class="field"><label for="watch-keywords">Keywords <span class="hint">(words or phrases, comma-separated)</span></label><input id="watch-keywords" name="keywords" value="${form.keywords}" placeholder="ceasefire, Kyiv"></div>
<div class="field"><label for="watch-query">Query <span class="hint">(optional: <code>actor:"Marco Rubio" AND (Ukraine OR Kyiv) NOT source:tass.com</code>)</span></label><input id="watch-query" name="query" value="${form.query}" autocomplete="off" spellcheck="false"></div>
<div class="field"><label for="watch-on">Alert when</label><select id="watch-on" name="on">${(Object.keys(ALERT_ON_LABELS) as WatchAlertOn[]).map((on) => html`<option value="${on}"${form.on === on ? html` selected` : ''}>${ALERT_ON_LABELS[on]}</option>`)}</select></div>
<div class="field-check"><input type="checkbox" id="watch-all" name="all" value="1"${form.all ? html` checked` : ''}><label for="watch-all">Track every story</label></div>
<div class="actions"><button type="submit" name="intent" value="preview" class="secondary">Preview</button> <button type="submit" name="intent" value="save">${form.editing ? 'Save changes' : 'Create watch'}</button>${form.editing ? html` <a class="button-link" href="/watches">Cancel</a>` : ''}</div>
</form>
${preview ? html`<div class="preview" aria-live="polite"><h3>Preview: ${plural(preview.total, 'stored story', 'stored stories')} this watch would track</h3>
<p class="muted">${describeWatch(preview.watch)} · among the ${plural(preview.examined, 'most recently updated story', 'most recently updated stories')}</p>
${preview.warnings.map((w) => html`<p class="flash flash-warn">${w}</p>`)}
${preview.stories.length ? html`<ul class="story-list">${preview.stories.map(({ story, reason }) => html`<li><a href="/stories/${story.id}">${story.headline || '(untitled)'}</a> <span class="muted">${plural(story.sources.length, 'source')} · ${plural(story.articleCount, 'article')} · ${reason}</span></li>`)}</ul>` : ''}</div>` : ''}
</section></div>`);
}

export function feedsPage(page: PageContext, feeds: Feed[], now: string): Html {
  return layout(page, { title: 'Feeds', section: 'feeds' }, html`
<div class="page-head"><h1>Feeds</h1><p class="lede">RSS and Atom feeds the poller fetches (<code>newswatch poll</code> here; every 5 minutes on the stack).</p></div>
<section class="card" aria-labelledby="add-feed-heading"><h2 id="add-feed-heading">Add a feed</h2>
<form method="post" action="/feeds" class="inline-form">${csrfField(page)}
<div class="field field-wide"><label for="feed-url">Feed address</label><input id="feed-url" name="url" type="url" required placeholder="https://www.example.com/world/rss.xml"></div>
<div class="field"><label for="feed-name">Name (optional)</label><input id="feed-name" name="name"></div>
<div class="field-check"><input type="checkbox" id="feed-full" name="fullText" value="1"><label for="feed-full">Fetch full text</label></div>
<div class="actions"><button type="submit">Add feed</button></div></form></section>
<section class="card" aria-labelledby="feeds-heading"><h2 id="feeds-heading">${plural(feeds.length, 'feed')}</h2>
${feeds.length === 0 ? html`<p class="empty">No feeds yet.</p>` : html`<div class="table-wrap"><table class="feeds">
<thead><tr><th scope="col">Feed</th><th scope="col">Health</th><th scope="col">Last poll</th><th scope="col">Next poll</th><th scope="col" class="num">Items</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>${feeds.map((f) => {
    const health = !f.lastStatus ? 'never' : f.lastStatus === 'error' ? 'failed' : 'sent';
    return html`<tr class="feed-row" data-feed="${f.id}"><td><strong>${f.name ?? f.title ?? f.id}</strong><div class="muted break">${f.url}${f.fullText ? ' · full text' : ''}</div></td>
<td><span class="badge badge-${health}">${f.lastStatus ?? 'never polled'}${f.lastHttpStatus ? ` ${f.lastHttpStatus}` : ''}</span>${f.lastError ? html`<div class="error-text">${f.lastError}</div>` : ''}${f.retryAfterUntil && f.retryAfterUntil > now ? html`<div class="muted">Retry-After until ${readableTime(f.retryAfterUntil)}</div>` : ''}</td>
<td class="time">${readableTime(f.lastPollAt)}</td><td class="time">${readableTime(f.nextPollAt)} <span class="muted">every ${Math.round(f.intervalSec / 60)} min</span></td><td class="num">${f.itemCount}</td>
<td><form method="post" action="/feeds/${encodeURIComponent(f.id)}/delete" class="inline">${csrfField(page)}<button type="submit" class="danger" aria-label="Remove feed ${f.name ?? f.id}">Remove</button></form></td></tr>`;
  })}</tbody></table></div>`}</section>`);
}

export function alertsPage(page: PageContext, alerts: AlertView[], filter: { story?: string; watch?: string; status?: string }, watches: Watch[]): Html {
  const counts = new Map<string, number>();
  for (const a of alerts) counts.set(a.delivery, (counts.get(a.delivery) ?? 0) + 1);
  return layout(page, { title: 'Alerts', section: 'alerts' }, html`
<div class="page-head"><h1>Alerts</h1><p class="lede">The log, newest first: sent, held by storm control, failed, or being delivered.</p>
<ul class="facts">${['sent', 'held', 'failed', 'pending'].map((d) => html`<li>${deliveryBadge(d)} ${counts.get(d) ?? 0}</li>`)}</ul></div>
<form class="search" method="get" action="/alerts" aria-label="Filter alerts">
<div class="field"><label for="alert-story">Story id</label><input id="alert-story" name="story" value="${filter.story ?? ''}"></div>
<div class="field"><label for="alert-watch">Watch</label><select id="alert-watch" name="watch"><option value="">any</option>${watches.map((w) => html`<option value="${w.id}"${filter.watch === w.id ? html` selected` : ''}>${w.name}</option>`)}${filter.watch && !watches.some((w) => w.id === filter.watch) ? html`<option value="${filter.watch}" selected>${filter.watch}</option>` : ''}</select></div>
<div class="field"><label for="alert-status">Delivery</label><select id="alert-status" name="status"><option value="">any</option>${['sent', 'held', 'failed', 'pending'].map((d) => html`<option value="${d}"${filter.status === d ? html` selected` : ''}>${d}</option>`)}</select></div>
<div class="actions"><button type="submit">Filter</button> <a class="button-link" href="/alerts">Clear</a></div></form>
${alerts.length === 0 ? html`<p class="empty">No alerts match.</p>` : html`<div class="table-wrap"><table class="alerts">
<thead><tr><th scope="col">When</th><th scope="col">Delivery</th><th scope="col">Alert</th><th scope="col">Story</th><th scope="col">Watches</th></tr></thead>
<tbody>${alerts.map((a) => html`<tr class="alert-row"><td class="time"><time datetime="${a.createdAt}">${readableTime(a.createdAt)}</time></td><td>${deliveryBadge(a.delivery)}${a.heldUntil && a.delivery === 'held' ? html`<div class="muted">until ${readableTime(a.heldUntil)}</div>` : ''}${a.error ? html`<div class="error-text">${a.error}</div>` : ''}</td>
<td>${a.kind} · <strong>${a.source.name}</strong><div class="muted">${a.reason}</div></td><td><a href="/stories/${a.storyId}">${a.headline || a.storyId}</a></td><td>${a.watchIds.map((w, i) => html`${i ? ', ' : ''}<a href="/alerts?watch=${encodeURIComponent(w)}">${w}</a>`)}</td></tr>`)}</tbody></table></div>`}`);
}

export function notFoundPage(page: PageContext, message: string): Html {
  return layout(page, { title: 'Not found', section: 'stories' }, html`<div class="page-head"><h1>Not found</h1><p class="lede">${message}</p><p><a href="/">Back to the stories</a></p></div>`);
}
