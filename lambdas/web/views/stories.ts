/** `/` (the stories, searched and paged) and `/stories/:id` (one story and its coverage timeline). */
import { html } from 'hono/html';
import type { Watch } from '../../core/model';
import { sparkline } from '../charts/bars';
import { readableTime } from '../charts/scale';
import { articleTime, coverageTimeline, sourceLanes } from '../charts/timeline';
import type { Article } from '../../core/model';
import type { StoryPage, StoryQuery, StoryTimeline } from '../data';
import { deliveryBadge, layout, plural, type Html, type PageContext } from './layout';

export function storiesPage(page: PageContext, query: StoryQuery, found: StoryPage, watches: Watch[], nextHref?: string): Html {
  const searching = Object.values(query).some((v) => v !== undefined && v !== '' && v !== false);
  return layout(page, { title: 'Stories', section: 'stories' }, html`
<div class="page-head"><h1>Stories</h1><p class="lede">Newest first. A story is tracked when a watch matches it; each new source covering a tracked story is alerted.</p></div>
<form class="search" method="get" action="/" role="search" aria-label="Search stories">
<div class="field field-wide"><label for="q">Headline words</label><input id="q" name="q" type="search" value="${query.q ?? ''}" placeholder="e.g. Riyadh talks"></div>
<div class="field"><label for="actor">Actor</label><input id="actor" name="actor" value="${query.actor ?? ''}" list="actor-options" autocomplete="off" data-suggest="actors" placeholder="name or id"></div>
<div class="field"><label for="source">Source</label><input id="source" name="source" value="${query.source ?? ''}" placeholder="e.g. reuters"></div>
<div class="field"><label for="watch">Watch</label><select id="watch" name="watch"><option value="">any</option>${watches.map((w) => html`<option value="${w.id}"${query.watch === w.id ? html` selected` : ''}>${w.name}</option>`)}</select></div>
<div class="field"><label for="from">From</label><input id="from" name="from" type="date" value="${query.from?.slice(0, 10) ?? ''}"></div>
<div class="field"><label for="to">To</label><input id="to" name="to" type="date" value="${query.to?.slice(0, 10) ?? ''}"></div>
<div class="field-check"><input id="tracked" name="tracked" type="checkbox" value="1"${query.tracked ? html` checked` : ''}><label for="tracked">Tracked only</label></div>
<div class="actions"><button type="submit">Search</button>${searching ? html` <a class="button-link" href="/">Clear</a>` : ''}</div>
<datalist id="actor-options"></datalist>
</form>
${found.stories.length === 0
    ? html`<p class="empty">${searching ? 'No story matches this search.' : html`No stories yet. Ingest some articles: <code>newswatch ingest examples/riyadh-talks/incoming --track-all</code>`}</p>`
    : html`<div class="table-wrap"><table class="stories">
<caption class="visually-hidden">Stories, newest first</caption>
<thead><tr><th scope="col">Story</th><th scope="col">Sources</th><th scope="col" class="num">Articles</th><th scope="col">Coverage</th><th scope="col">Last seen</th></tr></thead>
<tbody>${found.stories.map((s) => html`<tr class="story-row" data-story="${s.storyId}">
<td class="story-cell">${s.tracked ? html`<span class="badge badge-tracked" title="tracked by ${s.trackedBy.join(', ')}">tracked</span> ` : ''}<a class="story-link" href="/stories/${s.storyId}">${s.headline || '(untitled)'}</a></td>
<td class="sources-cell"><span class="source-count" data-sources="${s.sources.length}">${plural(s.sources.length, 'source')}</span><span class="source-names">${s.sources.slice(0, 4).join(', ')}${s.sources.length > 4 ? ` +${s.sources.length - 4}` : ''}</span></td>
<td class="num">${s.articleCount}</td>
<td>${sparkline(s.spark, `articles over time: ${s.spark.join(', ')}`)}</td>
<td class="time"><time datetime="${s.lastSeen}">${readableTime(s.lastSeen).slice(0, 16)}</time></td>
</tr>`)}</tbody></table></div>`}
<nav class="pager" aria-label="More stories">${nextHref ? html`<a class="button-link" rel="next" href="${nextHref}">Older stories →</a>` : html`<span class="muted">${found.stories.length ? 'End of the list.' : ''}</span>`}</nav>`);
}

export function storyPage(page: PageContext, t: StoryTimeline): Html {
  const { story } = t;
  const lanes = sourceLanes(t);
  const byId = new Map(t.articles.map((a) => [a.id, a]));
  const articles = [...t.articles].sort((a, b) => articleTime(a).localeCompare(articleTime(b)));
  return layout(page, { title: story.headline || 'Story', section: 'stories' }, html`
<nav class="crumbs" aria-label="Breadcrumb"><a href="/">Stories</a> / <span>${story.id}</span></nav>
<div class="page-head"><h1 class="story-headline">${story.headline || '(untitled)'}</h1>
<ul class="facts">
<li><strong>${plural(story.sources.length, 'source')}</strong></li>
<li><strong>${plural(story.articleCount, 'article')}</strong></li>
<li><strong>${plural(t.alerts.length, 'alert')}</strong></li>
<li>first seen <time datetime="${story.firstSeen}">${readableTime(story.firstSeen)}</time></li>
<li>last seen <time datetime="${story.lastSeen}">${readableTime(story.lastSeen)}</time></li>
<li>${story.tracked ? html`<span class="badge badge-tracked">tracked</span> by ${story.trackedBy.map((w, i) => html`${i ? ', ' : ''}<a href="/alerts?watch=${encodeURIComponent(w)}">${w}</a>`)}` : html`<span class="badge">not tracked</span>`}</li>
</ul></div>

<section aria-labelledby="timeline-heading" class="card">
<h2 id="timeline-heading">Coverage over time</h2>
${coverageTimeline(t)}
</section>

<div class="columns">
<section aria-labelledby="ledger-heading" class="card">
<h2 id="ledger-heading">Coverage ledger</h2>
<div class="table-wrap"><table class="ledger">
<thead><tr><th scope="col">Source</th><th scope="col">First seen</th><th scope="col">Article</th></tr></thead>
<tbody>${t.coverage.map((c) => {
    const lane = lanes.find((l) => l.id === c.sourceId);
    const article = byId.get(c.articleId);
    return html`<tr class="coverage-row"><td><svg class="swatch" width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="5" fill="${lane?.colour ?? '#888'}"></circle></svg>${c.source}</td><td class="time"><time datetime="${c.firstSeen}">${readableTime(c.firstSeen)}</time></td><td><a href="#article-${c.articleId}">${article?.title || c.articleId}</a></td></tr>`;
  })}</tbody></table></div>
</section>
<section aria-labelledby="tags-heading" class="card">
<h2 id="tags-heading">Actors and topics</h2>
<ul class="chips">${story.topActors.map((a) => html`<li><a class="chip chip-${a.type}" href="/actors/${encodeURIComponent(a.id)}">${a.name} <span class="chip-count">${a.count}</span></a></li>`)}</ul>
<ul class="chips">${story.topTopics.map((topic) => html`<li><span class="chip chip-topic" title="${topic.id}">${topic.label}</span></li>`)}</ul>
</section>
</div>

<section aria-labelledby="articles-heading" class="card">
<h2 id="articles-heading">Articles</h2>
<ol class="articles">${articles.map((a) => {
    const original = a.copyOf ? byId.get(a.copyOf) : undefined;
    return html`<li class="article" id="article-${a.id}">
<div class="article-head"><span class="source-tag">${a.source}</span> <time datetime="${articleTime(a)}">${readableTime(articleTime(a))}</time>${a.publishedAt === a.ingestedAt ? html` <span class="muted">(ingested; no date given)</span>` : ''} · ${plural(a.words, 'word')}</div>
<h3 class="article-title">${a.url ? html`<a href="${safeUrl(a.url)}" rel="noopener noreferrer nofollow">${a.title || '(untitled)'}</a>` : a.title || '(untitled)'}</h3>
${a.copyOf ? html`<p class="copy-note">A copy or rewrite of <a href="#article-${a.copyOf}">${original ? `${original.source}'s article` : a.copyOf}</a>.</p>` : ''}
<p class="article-more"><a href="/articles/${a.id}">Clean text, actors and topics</a></p>
</li>`;
  })}</ol>
</section>

<section aria-labelledby="alerts-heading" class="card">
<h2 id="alerts-heading">Alerts</h2>
${t.alerts.length === 0 ? html`<p class="empty">No alerts for this story${story.tracked ? '' : ' (it is not tracked)'}.</p>` : html`<div class="table-wrap"><table class="alerts">
<thead><tr><th scope="col">When</th><th scope="col">Alert</th><th scope="col">Why</th><th scope="col">Delivery</th></tr></thead>
<tbody>${t.alerts.map((a) => html`<tr class="alert-row"><td class="time"><time datetime="${a.createdAt}">${readableTime(a.createdAt)}</time></td><td>${a.kind} · <strong>${a.source.name}</strong> · <a href="#article-${a.articleId}">article</a></td><td>${a.reason}</td><td>${deliveryBadge(a.delivery)}${a.error ? html`<div class="muted">${a.error}</div>` : ''}</td></tr>`)}</tbody></table></div>`}
</section>`);
}

/** Only http(s) links leave the page (an article's URL is the input's: never javascript:). */
export function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}

/** `/articles/:id`: one article's clean text with its tags (the story page links each article here). */
export function articlePage(page: PageContext, article: Article): Html {
  return layout(page, { title: article.title || 'Article', section: 'stories' }, html`
<nav class="crumbs" aria-label="Breadcrumb"><a href="/">Stories</a>${article.storyId ? html` / <a href="/stories/${article.storyId}#article-${article.id}">story</a>` : ''} / <span>article</span></nav>
<div class="page-head"><h1 class="story-headline">${article.title || '(untitled)'}</h1>
<ul class="facts"><li><strong>${article.source.name}</strong></li><li>${readableTime(article.publishedAt ?? article.ingestedAt)}</li><li>${plural(article.wordCount, 'word')}</li>
${article.byline ? html`<li>${article.byline}</li>` : ''}${article.url ? html`<li><a href="${safeUrl(article.url)}" rel="noopener noreferrer nofollow">original</a></li>` : ''}${article.copyOf ? html`<li>a copy or rewrite of <a href="/articles/${article.copyOf}">${article.copyOf}</a></li>` : ''}</ul></div>
<div class="columns">
<section class="card" aria-labelledby="text-heading"><h2 id="text-heading">Clean text</h2>
<div class="article-text">${article.text.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}</div></section>
<section class="card" aria-labelledby="article-tags-heading"><h2 id="article-tags-heading">Actors and topics</h2>
<ul class="chips">${article.actors.map((a) => html`<li><a class="chip chip-${a.type}" href="/actors/${encodeURIComponent(a.id)}">${a.name}${a.role ? html` <span class="chip-count">${a.role}</span>` : ''}</a></li>`)}</ul>
<ul class="chips">${article.topics.map((t) => html`<li><span class="chip chip-topic" title="${t.id}">${t.label}</span></li>`)}</ul></section></div>`);
}
