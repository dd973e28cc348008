/**
 * A story's coverage timeline, drawn on the server as SVG: time on x, one lane per source, one
 * mark per article; a copy or rewrite is a hollow mark tied to its original by a dashed line and
 * linked to it; an alert is a flag over the article that fired it. No script, no inline style.
 */
import { html } from 'hono/html';
import { CHART_CONFIG } from '../config';
import type { StoryTimeline, TimelineArticle } from '../data';
import { readableTime, timeScale } from './scale';

const DELIVERY_WORDS = { sent: 'sent', held: 'held by storm control', failed: 'failed', pending: 'being delivered' } as const;

/** When an article entered the story: when it was published if known, else when it was ingested. */
export function articleTime(article: Pick<TimelineArticle, 'publishedAt' | 'ingestedAt'>): string {
  return article.publishedAt ?? article.ingestedAt;
}

/** Source ids in the order they covered the story, with names and colours. */
export function sourceLanes(timeline: StoryTimeline): { id: string; name: string; colour: string }[] {
  const ids = [...new Set([...timeline.story.sources, ...timeline.articles.map((a) => a.sourceId)])];
  const names = new Map(timeline.articles.map((a) => [a.sourceId, a.source]));
  return ids.map((id, i) => ({
    id, name: timeline.story.sourceNames[id] ?? names.get(id) ?? id,
    colour: CHART_CONFIG.sourceColours[i % CHART_CONFIG.sourceColours.length],
  }));
}

export function coverageTimeline(timeline: StoryTimeline) {
  const c = CHART_CONFIG.timeline;
  const lanes = sourceLanes(timeline);
  const laneOf = new Map(lanes.map((l, i) => [l.id, i]));
  const height = c.marginTop + lanes.length * c.laneHeight + c.marginBottom;
  const scale = timeScale(timeline.articles.map(articleTime), [c.marginLeft, c.width - c.marginRight], c.ticks);
  const y = (sourceId: string) => c.marginTop + (laneOf.get(sourceId) ?? 0) * c.laneHeight + c.laneHeight / 2;
  const byId = new Map(timeline.articles.map((a) => [a.id, a]));
  const at = (a: TimelineArticle) => ({ x: round(scale.x(articleTime(a))), y: round(y(a.sourceId)) });
  const colourOf = (sourceId: string) => lanes[laneOf.get(sourceId) ?? 0]?.colour ?? CHART_CONFIG.sourceColours[0];
  const copies = timeline.articles.filter((a) => a.copyOf && byId.has(a.copyOf));
  const alerts = timeline.alerts.filter((alert) => byId.has(alert.articleId));

  return html`<figure class="timeline">
<svg class="timeline-chart" viewBox="0 0 ${c.width} ${height}" role="img" aria-labelledby="timeline-title timeline-desc" preserveAspectRatio="xMinYMin meet">
<title id="timeline-title">Coverage timeline</title>
<desc id="timeline-desc">${timeline.articles.length} articles from ${lanes.length} sources between ${readableTime(timeline.story.firstSeen)} and ${readableTime(timeline.story.lastSeen)}; ${copies.length} copies or rewrites; ${alerts.length} alerts.</desc>
<g class="lanes">${lanes.map((lane, i) => html`
<g class="lane"><rect class="lane-band${i % 2 ? ' lane-odd' : ''}" x="${c.marginLeft}" y="${c.marginTop + i * c.laneHeight}" width="${c.width - c.marginLeft - c.marginRight}" height="${c.laneHeight}"></rect>
<circle cx="12" cy="${round(c.marginTop + i * c.laneHeight + c.laneHeight / 2)}" r="5" fill="${lane.colour}"></circle>
<text class="lane-label" x="22" y="${round(c.marginTop + i * c.laneHeight + c.laneHeight / 2)}" dy="0.35em">${truncate(lane.name, 18)}</text></g>`)}</g>
<g class="axis">${scale.ticks.map((t) => html`
<line class="tick" x1="${round(t.x)}" x2="${round(t.x)}" y1="${c.marginTop}" y2="${height - c.marginBottom + 4}"></line>
<text class="tick-label" x="${round(t.x)}" y="${height - c.marginBottom + 18}" text-anchor="middle">${t.label}</text>`)}
<text class="axis-note" x="${c.width - c.marginRight}" y="${height - 4}" text-anchor="end">UTC</text></g>
<g class="copy-links">${copies.map((a) => {
    const from = at(a);
    const to = at(byId.get(a.copyOf!)!);
    return html`<line class="copy-link" x1="${from.x}" y1="${from.y}" x2="${to.x}" y2="${to.y}"></line>`;
  })}</g>
<g class="marks">${timeline.articles.map((a) => {
    const p = at(a);
    const copy = a.copyOf ? byId.get(a.copyOf) : undefined;
    const label = `${a.source}: ${a.title || '(untitled)'} — ${readableTime(articleTime(a))}${copy ? ` — a copy or rewrite of ${copy.source}'s article` : ''}`;
    // A copy is hollow: white with a dot of its source's colour. Every mark has a dark rim (the
    // stylesheet's), so even the light lane colours stand out from the band (WCAG 1.4.11, 3:1).
    return html`<a class="mark-link" href="#article-${copy ? copy.id : a.id}" aria-label="${label}"><circle class="mark${copy ? ' mark-copy' : ''}" data-article="${a.id}" cx="${p.x}" cy="${p.y}" r="${c.markRadius}" fill="${copy ? '#ffffff' : colourOf(a.sourceId)}"><title>${label}</title></circle>${copy ? html`<circle class="mark-core" cx="${p.x}" cy="${p.y}" r="${round(c.markRadius / 2.4)}" fill="${colourOf(a.sourceId)}"></circle>` : ''}</a>`;
  })}</g>
<g class="alert-marks">${alerts.map((alert) => {
    const p = at(byId.get(alert.articleId)!);
    const top = p.y - c.markRadius - 3;
    const label = `alert ${DELIVERY_WORDS[alert.delivery]}: ${alert.kind} ${alert.source.name} at ${readableTime(alert.createdAt)}`;
    return html`<path class="alert-mark alert-${alert.delivery}" data-alert="${alert.id}" d="M${p.x} ${top} l-5 -9 h10 z"><title>${label}</title></path>`;
  })}</g>
</svg>
<figcaption><span class="legend"><span class="legend-dot"></span> article</span> <span class="legend"><span class="legend-dot legend-copy"></span> copy or rewrite (dashed line to its original)</span> <span class="legend"><span class="legend-flag"></span> alert</span></figcaption>
</figure>`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
