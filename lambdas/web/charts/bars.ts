/** Small bar charts drawn on the server: a story row's sparkline and an actor's articles per day. */
import { html } from 'hono/html';
import { CHART_CONFIG } from '../config';

export function sparkline(values: number[], label: string) {
  const { width, height, gap, maxBarWidth } = CHART_CONFIG.sparkline;
  const max = Math.max(1, ...values);
  // Few buckets (a story of one hour) keep thin bars, aligned right: the newest activity is at the end.
  const barWidth = Math.min(maxBarWidth, values.length ? (width - gap * (values.length - 1)) / values.length : width);
  const offset = width - values.length * (barWidth + gap) + gap;
  return html`<svg class="spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}"><line class="spark-base" x1="0" x2="${width}" y1="${height - 0.5}" y2="${height - 0.5}"></line>${values.map((v, i) => {
    const h = v === 0 ? 1 : Math.max(2, (v / max) * height);
    return html`<rect class="${v === 0 ? 'spark-empty' : 'spark-bar'}" x="${r(offset + i * (barWidth + gap))}" y="${r(height - h)}" width="${r(barWidth)}" height="${r(h)}"></rect>`;
  })}</svg>`;
}

export function perDayChart(perDay: { day: string; articles: number }[]) {
  const c = CHART_CONFIG.perDay;
  const max = Math.max(1, ...perDay.map((d) => d.articles));
  const inner = c.width - c.marginLeft - c.marginRight;
  const plotHeight = c.height - c.marginTop - c.marginBottom;
  const step = perDay.length ? inner / perDay.length : inner;
  const labelEvery = Math.max(1, Math.ceil(perDay.length / 8));
  return html`<svg class="per-day" viewBox="0 0 ${c.width} ${c.height}" role="img" aria-label="Articles per day naming this actor: ${perDay.map((d) => `${d.day} ${d.articles}`).join(', ')}">
<line class="tick" x1="${c.marginLeft}" x2="${c.width - c.marginRight}" y1="${c.height - c.marginBottom}" y2="${c.height - c.marginBottom}"></line>
<text class="tick-label" x="${c.marginLeft - 6}" y="${c.marginTop + 4}" text-anchor="end">${max}</text>
<text class="tick-label" x="${c.marginLeft - 6}" y="${c.height - c.marginBottom}" text-anchor="end">0</text>
${perDay.map((d, i) => {
    const h = (d.articles / max) * plotHeight;
    const x = c.marginLeft + i * step + step * 0.15;
    return html`<rect class="day-bar" x="${r(x)}" y="${r(c.height - c.marginBottom - h)}" width="${r(step * 0.7)}" height="${r(h)}"><title>${d.day}: ${d.articles} articles</title></rect>${i % labelEvery === 0 ? html`<text class="tick-label" x="${r(x + step * 0.35)}" y="${c.height - 8}" text-anchor="middle">${d.day.slice(5)}</text>` : ''}`;
  })}</svg>`;
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}
