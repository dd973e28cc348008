import { alertIdFor, decideAlerts, matchWatches, ordinal, renderAlert, type AlertDecisionInput } from '../../lambdas/core/alert';
import type { ActorTag, Alert, SourceRef, Story, Watch } from '../../lambdas/core/model';
import { simpleFold } from '../fixtures/cluster/replay';

const watch = (id: string, fields: Partial<Watch>): Watch => ({ id, name: id, actors: [], topics: [], keywords: [], createdAt: '2025-01-01T00:00:00Z', ...fields });
const person = (id: string, name: string): ActorTag => ({ id, name, type: 'person', salience: 0.8, mentions: [] });
const src = (id: string, name: string): SourceRef => ({ id, name, origin: 'key-prefix' });

function story(fields: Partial<Story> = {}): Story {
  return {
    id: 'story-1',
    headline: 'US, Russian top diplomats discuss embassy staffing',
    firstSeen: '2025-02-18T10:00:00Z',
    lastSeen: '2025-02-18T18:00:00Z',
    articleCount: 2,
    sources: ['reuters', 'ap'],
    sourceNames: { reuters: 'Reuters', ap: 'AP' },
    articleIds: ['a1', 'a2'],
    topActors: [
      { id: 'p:marco-rubio', name: 'Marco Rubio', type: 'person', count: 2 },
      { id: 'p:sergey-lavrov', name: 'Sergey Lavrov', type: 'person', count: 2 },
      { id: 'l:ukraine', name: 'Ukraine', type: 'place', count: 2 },
    ],
    topTopics: [{ id: 'iptc:11000000', label: 'politics', score: 1.8 }],
    tracked: false,
    trackedBy: [],
    profile: { terms: {}, actors: {}, topics: {} },
    signatures: {},
    ...fields,
  };
}

const article = { title: 'Rubio meets Lavrov in Riyadh', text: 'The talks on embassy staffing went on for hours.\n\nPeace talks next.', actors: [person('p:marco-rubio', 'Marco Rubio')], topics: [] };

describe('matchWatches', () => {
  const subject = { story: story(), article };

  it('matches an actor by full name, id slug, or an unambiguous surname, folded', () => {
    const result = matchWatches([
      watch('w1', { actors: ['marco RUBIO'] }),
      watch('w2', { name: 'rubio', actors: ['Rubio'] }),
      watch('w3', { actors: ['lavrov'] }),
      watch('w4', { actors: ['Marco'] }),
      watch('w5', { actors: ['Sergéy Lavrov'] }),
    ], subject, simpleFold);
    expect(result.watchIds).toEqual(['w1', 'w2', 'w3', 'w5']);
    expect(result.reasons[1]).toBe('watch "rubio" matched actor Marco Rubio');
    expect(result.reasons[2]).toBe('watch "w3" matched actor Sergey Lavrov');
  });

  it('does not match a surname two actors share', () => {
    const twoRubios = story({ topActors: [...story().topActors, { id: 'p:ana-rubio', name: 'Ana Rubio', type: 'person', count: 1 }] });
    const result = matchWatches([watch('w', { actors: ['Rubio'] })], { story: twoRubios, article: { ...article, actors: [] } }, simpleFold);
    expect(result.watchIds).toEqual([]);
  });

  it('matches topics by id, bare IPTC code or label, case-insensitively', () => {
    const result = matchWatches([
      watch('t1', { topics: ['IPTC:11000000'] }),
      watch('t2', { topics: ['11000000'] }),
      watch('t3', { topics: ['Politics'] }),
      watch('t4', { topics: ['sport'] }),
    ], subject, simpleFold);
    expect(result.watchIds).toEqual(['t1', 't2', 't3']);
    expect(result.reasons[2]).toBe('watch "t3" matched topic politics');
  });

  it('matches keywords as whole words or phrases in title or text', () => {
    const result = matchWatches([
      watch('k1', { keywords: ['embassy  staffing'] }),
      watch('k2', { keywords: ['RIYADH'] }),
      watch('k3', { keywords: ['staff'] }),
      watch('k4', { keywords: ['talks next'] }),
      watch('k5', { keywords: ['hours. peace'] }),
    ], subject, simpleFold);
    expect(result.watchIds).toEqual(['k1', 'k2', 'k4']);
    expect(result.reasons[0]).toBe('watch "k1" matched keyword "embassy  staffing"');
  });

  it('matches everything with all, and nothing with an empty watch', () => {
    const result = matchWatches([watch('all', { all: true }), watch('empty', {})], subject, simpleFold);
    expect(result).toEqual({ watchIds: ['all'], reasons: ['watch "all" tracks every story'] });
  });
});

describe('decideAlerts', () => {
  const caliber = src('caliber-az', 'Caliber.Az');
  const after = story({ sources: ['reuters', 'ap', 'caliber-az'], sourceNames: { reuters: 'Reuters', ap: 'AP', 'caliber-az': 'Caliber.Az' }, articleCount: 3 });
  const base: AlertDecisionInput = {
    story: after,
    previousStory: story(),
    article: { id: 'a3', title: 'US, Russian top diplomats discuss', url: 'https://caliber.az/post/1', source: caliber },
    coverageCreated: true,
    watchMatch: { watchIds: ['rubio'], reasons: ['watch "rubio" matched actor Marco Rubio'] },
    now: '2025-02-19T09:00:00Z',
  };

  it('alerts a new source on a tracked story, saying why', () => {
    const [alert, ...rest] = decideAlerts(base);
    expect(rest).toEqual([]);
    expect(alert).toEqual({
      id: alertIdFor('new-source', 'story-1', 'caliber-az'),
      kind: 'new-source',
      storyId: 'story-1',
      headline: 'US, Russian top diplomats discuss embassy staffing',
      source: caliber,
      articleId: 'a3',
      articleTitle: 'US, Russian top diplomats discuss',
      url: 'https://caliber.az/post/1',
      sourceCount: 3,
      sourceNames: ['Reuters', 'AP', 'Caliber.Az'],
      firstSeen: '2025-02-18T10:00:00Z',
      watchIds: ['rubio'],
      actorIds: ['p:marco-rubio', 'p:sergey-lavrov', 'l:ukraine'],
      topicIds: ['iptc:11000000'],
      topActors: ['Marco Rubio', 'Sergey Lavrov', 'Ukraine'],
      topTopics: ['politics'],
      reason: 'Caliber.Az is the 3rd source on a story you track (watch "rubio" matched actor Marco Rubio)',
      createdAt: '2025-02-19T09:00:00Z',
      status: 'pending',
    });
  });

  it('gives nothing when the source already covered the story, or the story is untracked', () => {
    expect(decideAlerts({ ...base, coverageCreated: false })).toEqual([]);
    expect(decideAlerts({ ...base, watchMatch: { watchIds: [], reasons: [] } })).toEqual([]);
  });

  it('alerts for a story tracked earlier even when no watch matches this article', () => {
    const tracked = { ...after, tracked: true, trackedBy: ['ukraine-watch'] };
    const [alert] = decideAlerts({ ...base, story: tracked, watchMatch: { watchIds: [], reasons: [] } });
    expect(alert.watchIds).toEqual(['ukraine-watch']);
    expect(alert.reason).toBe('Caliber.Az is the 3rd source on a story you track (tracked by watch ukraine-watch)');
  });

  it('gives no new-source alert for the article that created the story, and new-story only when asked', () => {
    const created = story({ sources: ['caliber-az'], sourceNames: { 'caliber-az': 'Caliber.Az' }, articleCount: 1 });
    const input = { ...base, story: created, previousStory: undefined };
    expect(decideAlerts(input)).toEqual([]);
    const [alert] = decideAlerts({ ...input, config: { alertOnNewStory: true } });
    expect(alert).toMatchObject({ kind: 'new-story', id: alertIdFor('new-story', 'story-1', 'caliber-az'), sourceCount: 1 });
    expect(alert.reason).toBe('Caliber.Az started a new story you track (watch "rubio" matched actor Marco Rubio)');
  });

  it('gives none when the only earlier source was this same source', () => {
    const previous = story({ sources: ['caliber-az'], sourceNames: { 'caliber-az': 'Caliber.Az' } });
    expect(decideAlerts({ ...base, previousStory: previous, story: previous })).toEqual([]);
  });

  it('says when the article is a copy', () => {
    const [alert] = decideAlerts({ ...base, article: { ...base.article, copyOf: 'a1' } });
    expect(alert.copyOf).toBe('a1');
    expect(alert.reason).toMatch(/; its article looks like a rewrite or copy of article a1$/);
  });

  it('makes stable, distinct ids', () => {
    expect(alertIdFor('new-source', 's', 'x')).toMatch(/^[0-9a-f]{32}$/);
    expect(alertIdFor('new-source', 's', 'x')).toBe(alertIdFor('new-source', 's', 'x'));
    expect(alertIdFor('new-source', 's', 'x')).not.toBe(alertIdFor('new-story', 's', 'x'));
    expect(alertIdFor('new-source', 's', 'x')).not.toBe(alertIdFor('new-source', 's', 'y'));
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 103].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '103rd']);
  });
});

describe('renderAlert', () => {
  const alert: Alert = {
    id: 'abc', kind: 'new-source', storyId: 'story-1', headline: 'US, Russian top diplomats discuss embassy staffing',
    source: src('caliber-az', 'Caliber.Az'), articleId: 'a3', articleTitle: 'US, Russian top diplomats', url: 'https://caliber.az/post/1',
    sourceCount: 3, sourceNames: ['Reuters', 'AP', 'Caliber.Az'], firstSeen: '2025-02-18T10:00:00Z', watchIds: ['rubio'],
    actorIds: ['p:marco-rubio'], topicIds: [], topActors: ['Marco Rubio'], topTopics: [], reason: 'Caliber.Az is the 3rd source', createdAt: '2025-02-19T09:00:00Z', status: 'pending',
  };

  it('renders subject, body and only non-empty attributes', () => {
    const rendered = renderAlert(alert);
    expect(rendered.subject).toBe('New source on: US, Russian top diplomats discuss embassy staffing');
    expect(rendered.text).toBe([
      'US, Russian top diplomats discuss embassy staffing',
      '',
      'New source: Caliber.Az',
      'Article: US, Russian top diplomats',
      'Link: https://caliber.az/post/1',
      '',
      '3 sources: Reuters, AP, Caliber.Az',
      'First seen: 2025-02-18T10:00:00Z',
      'Top actors: Marco Rubio',
      'Why: Caliber.Az is the 3rd source',
      '',
      'Story: story-1 · alert abc',
    ].join('\n'));
    expect(rendered.attributes).toEqual({
      kind: { DataType: 'String', StringValue: 'new-source' },
      delivery: { DataType: 'String', StringValue: 'as-it-happens' },
      storyId: { DataType: 'String', StringValue: 'story-1' },
      source: { DataType: 'String', StringValue: 'caliber-az' },
      watchIds: { DataType: 'String.Array', StringValue: '["rubio"]' },
      actorIds: { DataType: 'String.Array', StringValue: '["p:marco-rubio"]' },
    });
  });

  it('keeps a long, multi-line headline under 100 characters on one line, marked with …', () => {
    const long = { ...alert, headline: `Rubio makes progress\nwith Russia ${'after Trump promised to bring end to war in Ukraine '.repeat(3)}` };
    const { subject } = renderAlert(long);
    expect(subject.length).toBeLessThan(100);
    expect(subject.startsWith('New source on: Rubio makes progress with Russia after')).toBe(true);
    expect(subject.endsWith('…')).toBe(true);
    expect(subject).not.toMatch(/[\n\r]/);
  });

  it('adds the copy line, and names a new story as such', () => {
    const copy = renderAlert({ ...alert, copyOf: 'a1' });
    expect(copy.text).toContain('Copy of: article a1 (a rewrite or syndicated copy)');
    const created = renderAlert({ ...alert, kind: 'new-story', sourceCount: 1, sourceNames: ['Caliber.Az'], watchIds: [], actorIds: [] });
    expect(created.subject).toBe('New story: US, Russian top diplomats discuss embassy staffing');
    expect(created.text).toContain('1 source: Caliber.Az');
    expect(Object.keys(created.attributes)).toEqual(['kind', 'delivery', 'storyId', 'source']);
  });
});
