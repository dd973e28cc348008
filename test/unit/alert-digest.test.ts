import { SLACK_LIMITS as SLACK_LIMITS_FOR_TESTS } from '../../lambdas/core/alert/config';
import { foldAlerts } from '../../lambdas/core/alert/storm';
import {
  composeDigest, digestIdFor, lastCompletePeriod, periodContaining, routeAlerts, type Digest,
} from '../../lambdas/core/alert/digest';
import { renderDigest, renderSlackDigest } from '../../lambdas/core/alert/digest-render';
import type { Alert, SourceRef } from '../../lambdas/core/model';

const src = (id: string, name: string): SourceRef => ({ id, name, origin: 'key-prefix' });
const EVIL = '<!channel> <https://evil.example|click> & co';

function alertOf(id: string, storyId: string, source: SourceRef, createdAt: string, fields: Partial<Alert> = {}): Alert {
  return {
    id, kind: 'new-source', storyId, headline: `Story ${storyId}`,
    source, articleId: `art-${id}`, articleTitle: `${source.name} on ${storyId}`, url: `https://${source.id}.example/${storyId}`,
    sourceCount: 3, sourceNames: ['Reuters', source.name], firstSeen: '2026-11-26T08:00:00.000Z',
    watchIds: ['rubio'], actorIds: [], topicIds: [], topActors: [], topTopics: [],
    reason: 'r', createdAt, status: 'sent', ...fields,
  };
}

const DAY = { period: 'daily' as const, start: '2026-11-26T00:00:00.000Z', end: '2026-11-27T00:00:00.000Z' };
const watch = { id: 'rubio', name: 'rubio', digest: 'daily' as const };

describe('digest periods (UTC)', () => {
  it('finds the hour, day and week (from Monday) that hold a time', () => {
    expect(periodContaining('hourly', '2026-11-27T21:59:59.999Z')).toEqual({ period: 'hourly', start: '2026-11-27T21:00:00.000Z', end: '2026-11-27T22:00:00.000Z' });
    expect(periodContaining('daily', '2026-11-27T00:00:00.000Z')).toEqual({ period: 'daily', start: '2026-11-27T00:00:00.000Z', end: '2026-11-28T00:00:00.000Z' });
    // 2026-11-27 is a Friday; 2026-11-29 a Sunday: both in the week of Monday 2026-11-23.
    expect(periodContaining('weekly', '2026-11-27T12:00:00Z').start).toBe('2026-11-23T00:00:00.000Z');
    expect(periodContaining('weekly', '2026-11-29T23:59:00Z').end).toBe('2026-11-30T00:00:00.000Z');
    expect(periodContaining('weekly', '2026-11-30T00:00:00Z').start).toBe('2026-11-30T00:00:00.000Z');
  });

  it('covers the last period ended by the run, across a month end', () => {
    expect(lastCompletePeriod('daily', '2026-12-01T00:05:00Z')).toEqual({ period: 'daily', start: '2026-11-30T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' });
    expect(lastCompletePeriod('hourly', '2026-11-27T00:02:00Z').start).toBe('2026-11-26T23:00:00.000Z');
    expect(lastCompletePeriod('weekly', '2026-11-30T00:10:00Z').start).toBe('2026-11-23T00:00:00.000Z');
  });

  it('gives one id per watch and period, and another for another watch or period', () => {
    expect(digestIdFor('daily', DAY.start, 'rubio')).toBe(digestIdFor('daily', DAY.start, 'rubio'));
    expect(new Set([digestIdFor('daily', DAY.start, 'rubio'), digestIdFor('daily', DAY.start, 'kyiv'), digestIdFor('weekly', DAY.start, 'rubio')]).size).toBe(3);
  });
});

describe('routing alerts to digests', () => {
  const watches = [{ id: 'rubio', digest: 'daily' as const }, { id: 'kyiv' }, { id: 'now', digest: 'as-it-happens' as const }, { id: 'weekly', digest: 'weekly' as const }];
  it('marks digest-only an alert every watch of which takes digests, and no other', () => {
    const routed = routeAlerts([
      alertOf('a', 's1', src('ap', 'AP'), DAY.start, { watchIds: ['rubio', 'weekly'] }),
      alertOf('b', 's1', src('ap', 'AP'), DAY.start, { watchIds: ['rubio', 'kyiv'] }),
      alertOf('c', 's1', src('ap', 'AP'), DAY.start, { watchIds: ['now'] }),
      alertOf('d', 's1', src('ap', 'AP'), DAY.start, { watchIds: ['rubio', 'deleted-watch'] }),
      alertOf('e', 's1', src('ap', 'AP'), DAY.start, { watchIds: [] }),
    ], watches);
    expect(routed.map((a) => a.digestOnly ?? false)).toEqual([true, false, false, false, false]);
  });
});

describe('composing a digest', () => {
  const alerts = [
    alertOf('a1', 's1', src('ap', 'AP'), '2026-11-26T09:00:00.000Z', { sourceCount: 2 }),
    alertOf('a2', 's2', src('ap', 'AP'), '2026-11-26T10:00:00.000Z'),
    alertOf('a3', 's2', src('bbc', 'BBC'), '2026-11-26T11:00:00.000Z', { sourceCount: 4, headline: 'Story s2, updated' }),
    alertOf('late', 's3', src('ap', 'AP'), DAY.end),
    alertOf('early', 's3', src('ap', 'AP'), '2026-11-25T23:59:59.999Z'),
    alertOf('other', 's4', src('ap', 'AP'), '2026-11-26T12:00:00.000Z', { watchIds: ['kyiv'] }),
  ];

  it('lists each story that gained coverage in the period, most new sources first, with counts and a link', () => {
    const digest = composeDigest({ watch, window: DAY, alerts, now: '2026-11-27T00:05:00.000Z' })!;
    expect(digest.stories.map((s) => s.storyId)).toEqual(['s2', 's1']);
    expect(digest.stories[0]).toMatchObject({ headline: 'Story s2, updated', newSourceCount: 2, sourceCount: 4, link: 'https://bbc.example/s2' });
    expect(digest.stories[0].newSources.map((s) => s.name)).toEqual(['AP', 'BBC']);
    expect(digest).toMatchObject({ storyCount: 2, newSourceCount: 3, status: 'pending', audiences: ['daily', 'as-it-happens'], id: digestIdFor('daily', DAY.start, 'rubio') });
  });

  it('counts a folded alert and its members once, and a new story as such', () => {
    const members = [alertOf('m1', 's5', src('ap', 'AP'), '2026-11-26T09:00:00.000Z'), alertOf('m2', 's5', src('dw', 'DW'), '2026-11-26T09:01:00.000Z')];
    const fold = { ...foldAlerts(members, '2026-11-26T09:10:00.000Z'), status: 'sent' as const };
    const created = alertOf('n', 's5', src('rt', 'RT'), '2026-11-26T08:00:00.000Z', { kind: 'new-story' });
    const digest = composeDigest({ watch, window: DAY, alerts: [...members, fold, created], now: DAY.end })!;
    expect(digest.stories).toHaveLength(1);
    expect(digest.stories[0].newSources.map((s) => s.sourceId)).toEqual(['rt', 'ap', 'dw']);
    expect(digest.stories[0].newStory).toBe(true);
  });

  it('is nothing when nothing happened in the period, and is for the period only (as-it-happens audience only for its own period)', () => {
    expect(composeDigest({ watch, window: DAY, alerts: alerts.filter((a) => a.storyId === 's3'), now: DAY.end })).toBeUndefined();
    const weekly = composeDigest({ watch, window: { ...DAY, period: 'weekly' }, alerts, now: DAY.end })!;
    expect(weekly.audiences).toEqual(['weekly']);
  });

  it('caps stories and sources per story, and counts the rest', () => {
    const many = Array.from({ length: 30 }, (_, i) => alertOf(`x${i}`, `s${i % 10}`, src(`o${i}`, `Outlet ${i}`), `2026-11-26T1${i % 10}:00:00.000Z`));
    const digest = composeDigest({ watch, window: DAY, alerts: many, now: DAY.end, config: { storyLimit: 4, newSourcesPerStory: 2 } })!;
    expect(digest.stories).toHaveLength(4);
    expect(digest.storyCount).toBe(10);
    expect(digest.newSourceCount).toBe(30);
    expect(digest.stories.every((s) => s.newSources.length === 2 && s.newSourceCount === 3)).toBe(true);
  });
});

describe('rendering a digest', () => {
  const hostile = alertOf('h', 'sh', src('evil', `Evil\nLink: https://phish.example ${EVIL}`), '2026-11-26T09:00:00.000Z', {
    headline: `Headline\u202Ereversed\nFake: line ${EVIL}`, articleTitle: 'Title\r\nBcc: x', url: 'javascript:alert(1)',
  });
  const digest = composeDigest({ watch, window: DAY, alerts: [hostile, alertOf('ok', 's1', src('ap', 'AP'), '2026-11-26T10:00:00.000Z')], now: DAY.end })!;

  it('writes an email whose every field stays on its own line, with a one-line subject under 100 characters', () => {
    const { subject, text, attributes } = renderDigest(digest);
    expect(subject).toBe('Daily digest, rubio: 2 stories you track gained 2 new sources');
    expect(subject.length).toBeLessThan(100);
    expect(text).not.toContain('\u202E');
    expect(text.split('\n').filter((line) => /^\s*(Link|Fake|Bcc):/.test(line))).toEqual([]);
    expect(text).toContain('2. Headlinereversed Fake: line');
    expect(text).toContain('https://ap.example/s1');
    expect(attributes).toEqual({
      kind: { DataType: 'String', StringValue: 'digest' },
      delivery: { DataType: 'String.Array', StringValue: '["daily","as-it-happens"]' },
      period: { DataType: 'String', StringValue: 'daily' },
      watchIds: { DataType: 'String.Array', StringValue: '["rubio"]' },
    });
  });

  it('writes Slack blocks where nothing from an article can mention, link or escape, within Slack limits', () => {
    const message = renderSlackDigest(digest);
    const all = JSON.stringify(message);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<https://evil.example');
    expect(all).not.toContain('javascript:');
    expect(all).toContain('<https://ap.example/s1|AP on s1>');
    const many: Digest = { ...digest, stories: Array.from({ length: 80 }, () => digest.stories[0]), storyCount: 200 };
    const big = renderSlackDigest(many);
    expect(big.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS_FOR_TESTS.blocks);
    expect(JSON.stringify(big.blocks.at(-2))).toContain('and 153 more stories');
    for (const block of big.blocks) if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS_FOR_TESTS.sectionText);
  });
});
