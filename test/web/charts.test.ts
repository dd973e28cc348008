/** The dashboard's server-side charts: the time axis and the coverage timeline's marks. */
import { timeScale } from '../../lambdas/web/charts/scale';
import { coverageTimeline } from '../../lambdas/web/charts/timeline';
import type { StoryTimeline } from '../../lambdas/web/data';

describe('timeScale', () => {
  it('puts ticks on round instants, each label once, within the range', () => {
    const five = timeScale(['2026-11-27T21:40:05.300Z', '2026-11-27T21:40:10.100Z'], [100, 900], 6);
    expect(five.ticks.map((t) => t.label)).toEqual(['21:40:06', '21:40:07', '21:40:08', '21:40:09', '21:40:10']);
    const days = timeScale(['2026-11-01T08:00:00Z', '2026-11-20T17:00:00Z'], [0, 800], 6);
    expect(days.ticks.map((t) => t.label)).toEqual(['11-05', '11-12', '11-19']);
    for (const scale of [five, days]) {
      expect(scale.ticks.every((t) => t.x >= 0 && t.x <= 900)).toBe(true);
      expect(new Set(scale.ticks.map((t) => t.label)).size).toBe(scale.ticks.length);
    }
    expect(five.x('2026-11-27T21:40:05.300Z')).toBeLessThan(five.x('2026-11-27T21:40:10.100Z'));
  });
});

describe('coverageTimeline', () => {
  const at = (s: number) => `2026-11-27T10:00:0${s}.000Z`;
  const article = (id: string, source: string, s: number, copyOf?: string) => ({ id, title: `title ${id}`, source, sourceId: source, publishedAt: at(s), ingestedAt: at(s), words: 10, ...(copyOf ? { copyOf } : {}) });
  const timeline = {
    story: { id: 's', headline: 'h', firstSeen: at(1), lastSeen: at(4), sources: ['a', 'b', 'c'], sourceNames: { a: 'A', b: 'B', c: 'C' } },
    coverage: [],
    articles: [article('a1', 'a', 1), article('b1', 'b', 2, 'a1'), article('c1', 'c', 3), article('a2', 'a', 4)],
    alerts: [{ id: 'x', articleId: 'b1', kind: 'new-source', delivery: 'held', source: { name: 'B' }, createdAt: at(2) }],
  } as unknown as StoryTimeline;

  it('draws one mark per article in its source\'s lane, ties a copy to its original, flags the alert', () => {
    const svg = String(coverageTimeline(timeline));
    expect(svg.match(/<g class="lane">/g)).toHaveLength(3);
    expect(svg.match(/<circle class="mark[ "]/g)).toHaveLength(4);
    expect(svg.match(/class="mark mark-copy" data-article="b1"/g)).toHaveLength(1);
    // The copy's mark links to its original, and one dashed line joins them.
    expect(svg).toMatch(/<a class="mark-link" href="#article-a1" aria-label="b: title b1[^"]*a copy or rewrite of a&#39;s article"/);
    expect(svg.match(/<line class="copy-link"/g)).toHaveLength(1);
    expect(svg.match(/class="alert-mark alert-held" data-alert="x"/g)).toHaveLength(1);
    // Two articles of source a sit in one lane (same y), later one further right.
    const cy = (id: string) => Number(new RegExp(`data-article="${id}" cx="([\\d.]+)" cy="([\\d.]+)"`).exec(svg)![2]);
    const cx = (id: string) => Number(new RegExp(`data-article="${id}" cx="([\\d.]+)"`).exec(svg)![1]);
    expect(cy('a1')).toBe(cy('a2'));
    expect(cy('b1')).toBeGreaterThan(cy('a1'));
    expect(cx('a2')).toBeGreaterThan(cx('a1'));
  });
});
