import { alertIdFor, decideAlerts, type AlertDecisionInput } from '../../lambdas/core/alert';
import { containsPhrase, matchWatches } from '../../lambdas/core/alert/match';
import type { ActorTag, SourceRef, Story, Watch } from '../../lambdas/core/model';
import { foldName } from '../../lambdas/core/tag';

const watch = (id: string, fields: Partial<Watch>): Watch => ({ id, name: id, actors: [], topics: [], keywords: [], createdAt: '2025-01-01T00:00:00Z', ...fields });
const person = (id: string, name: string): ActorTag => ({ id, name, type: 'person', salience: 0.8, mentions: [] });
const tass: SourceRef = { id: 'tass-com', name: 'tass.com', domain: 'tass.com', origin: 'cli' };
const reuters: SourceRef = { id: 'reuters-com', name: 'Reuters', domain: 'reuters.com', origin: 'json' };
const cnn: SourceRef = { id: 'edition-cnn-com', name: 'edition.cnn.com', domain: 'edition.cnn.com', origin: 'cli' };

function story(fields: Partial<Story> = {}): Story {
  return {
    id: 'story-1',
    headline: 'US, Russian top diplomats meet',
    firstSeen: '2025-02-18T10:00:00Z',
    lastSeen: '2025-02-18T18:00:00Z',
    articleCount: 1,
    sources: ['reuters-com'],
    sourceNames: { 'reuters-com': 'Reuters' },
    articleIds: ['a1'],
    topActors: [{ id: 'p:sergey-lavrov', name: 'Sergey Lavrov', type: 'person', count: 1 }],
    topTopics: [{ id: 'iptc:11000000', label: 'politics', score: 1 }],
    tracked: false,
    trackedBy: [],
    profile: { terms: {}, actors: {}, topics: {} },
    signatures: {},
    ...fields,
  };
}

const rubioInKyiv = {
  title: 'Rubio arrives in Kyïv',
  text: 'Secretary of State Marco Rubio met officials.\n\nTalks on the ceasefire went on.',
  actors: [person('p:marco-rubio', 'Marco Rubio')],
  topics: [],
  language: 'en-GB',
};

const RUBIO_QUERY = 'actor:"Marco Rubio" AND (Ukraine OR Kyiv) NOT source:tass.com';

describe('matchWatches with a query', () => {
  it('matches the issue example on an article from Reuters, naming the terms that fired', () => {
    const result = matchWatches([watch('rubio', { query: RUBIO_QUERY })], { story: story(), article: { ...rubioInKyiv, source: reuters } }, foldName);
    expect(result.watchIds).toEqual(['rubio']);
    expect(result.reasons).toEqual(['watch "rubio" matched its query (actor Marco Rubio, "Kyiv")']);
  });

  it('does not match it from tass.com, and marks the watch as ruling that article out', () => {
    const result = matchWatches([watch('rubio', { query: RUBIO_QUERY })], { story: story(), article: { ...rubioInKyiv, source: tass } }, foldName);
    expect(result.watchIds).toEqual([]);
    expect(result.excludedWatchIds).toEqual(['rubio']);
  });

  it('does not rule out an article that fails for another reason than its source', () => {
    const elsewhere = { ...rubioInKyiv, title: 'Rubio in Riyadh', text: 'Marco Rubio met Sergey Lavrov.', source: reuters };
    const result = matchWatches([watch('rubio', { query: RUBIO_QUERY })], { story: story(), article: elsewhere }, foldName);
    expect(result).toEqual({ watchIds: [], reasons: [] });
  });

  it('reads actor: and topic: on the article and on the story, text terms on the article only', () => {
    const article = { title: 'Talks resume', text: 'Diplomats met in Riyadh.', actors: [], topics: [], source: reuters };
    const watches = [
      watch('lavrov', { query: 'actor:Lavrov Riyadh' }),
      watch('politics', { query: 'topic:iptc:11000000 AND Riyadh' }),
      watch('headline', { query: 'diplomats AND Russian' }),
    ];
    expect(matchWatches(watches, { story: story(), article }, foldName).watchIds).toEqual(['lavrov', 'politics']);
  });

  it('matches source: by domain (subdomains too), id or name, and lang: by primary subtag', () => {
    const subject = (source: SourceRef) => ({ story: story(), article: { ...rubioInKyiv, source } });
    const by = (query: string, source: SourceRef) => matchWatches([watch('w', { query: `Kyiv ${query}` })], subject(source), foldName).watchIds.length === 1;
    expect([by('source:reuters.com', reuters), by('source:www.reuters.com', reuters), by('source:Reuters', reuters), by('site:cnn.com', cnn)]).toEqual([true, true, true, true]);
    expect([by('source:cnn.com', reuters), by('source:reuters', cnn)]).toEqual([false, false]);
    expect([by('lang:en', reuters), by('lang:EN-gb', reuters), by('lang:de', reuters)]).toEqual([true, true, false]);
  });

  it('keeps the classic criteria: a watch matches on them or on its query', () => {
    const result = matchWatches([watch('both', { keywords: ['ceasefire'], query: 'Lavrov' })], { story: story(), article: rubioInKyiv }, foldName);
    expect(result.reasons).toEqual(['watch "both" matched keyword "ceasefire"']);
  });

  it('treats a stored query that no longer parses as matching nothing (the pipeline goes on)', () => {
    expect(matchWatches([watch('broken', { query: 'Kyiv AND' })], { story: story(), article: rubioInKyiv }, foldName).watchIds).toEqual([]);
  });
});

describe('containsPhrase', () => {
  it('is case- and accent-insensitive and keeps word boundaries', () => {
    expect(containsPhrase('Rubio arrives in Kyïv', 'kyiv')).toBe(true);
    expect(containsPhrase('Erdoğan spoke', 'Erdogan')).toBe(true);
    expect(containsPhrase('Kyivstar shares', 'Kyiv')).toBe(false);
    expect(containsPhrase('Tiangong-1 falls', 'Tiangong')).toBe(true);
  });
});

describe('decideAlerts per watch: on, and articles a query rules out', () => {
  const created: AlertDecisionInput = {
    story: story({ tracked: true, trackedBy: ['stories'] }),
    article: { id: 'a1', title: 'Rubio arrives in Kyiv', source: reuters },
    coverageCreated: true,
    watchMatch: { watchIds: ['stories'], reasons: ['watch "stories" matched its query (actor Marco Rubio)'], alertOn: { stories: 'new-story' } },
    now: '2025-02-18T10:00:00Z',
  };
  const joined: AlertDecisionInput = {
    ...created,
    story: story({ tracked: true, trackedBy: ['stories'], sources: ['reuters-com', 'tass-com'], sourceNames: { 'reuters-com': 'Reuters', 'tass-com': 'tass.com' } }),
    previousStory: story({ tracked: true, trackedBy: ['stories'] }),
    article: { id: 'a2', title: 'Rubio in Kyiv', source: tass },
  };

  it('a watch on new-story alerts the story its article created, saying so, and not its new sources', () => {
    const [alert, ...rest] = decideAlerts(created);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ kind: 'new-story', id: alertIdFor('new-story', 'story-1', 'reuters-com'), watchIds: ['stories'] });
    expect(alert.reason).toBe('Reuters started a new story you track (watch "stories" matched its query (actor Marco Rubio))');
    expect(decideAlerts(joined)).toEqual([]);
  });

  it('a watch on new-source (the default) alerts new sources only; both alerts each', () => {
    const onSource = { ...created.watchMatch, alertOn: {} };
    expect(decideAlerts({ ...created, watchMatch: onSource })).toEqual([]);
    expect(decideAlerts({ ...joined, watchMatch: onSource }).map((a) => a.kind)).toEqual(['new-source']);
    const onBoth = { ...created.watchMatch, alertOn: { stories: 'both' as const } };
    expect(decideAlerts({ ...created, watchMatch: onBoth }).map((a) => a.kind)).toEqual(['new-story']);
    expect(decideAlerts({ ...joined, watchMatch: onBoth }).map((a) => a.kind)).toEqual(['new-source']);
  });

  it('gives each alert only the watches that asked for its kind', () => {
    const two = { watchIds: ['stories', 'sources'], reasons: ['watch "stories" matched x', 'watch "sources" matched y'], alertOn: { stories: 'new-story' as const } };
    const [alert] = decideAlerts({ ...joined, story: { ...joined.story, trackedBy: ['stories', 'sources'] }, watchMatch: two });
    expect(alert).toMatchObject({ kind: 'new-source', watchIds: ['sources'] });
    expect(alert.reason).toBe('tass.com is the 2nd source on a story you track (watch "sources" matched y)');
  });

  it('a watch whose query rules the article out by its source gives it no alert; others still do', () => {
    const excluded = { watchIds: [], reasons: [], excludedWatchIds: ['rubio'] };
    const tracked = { ...joined.story, trackedBy: ['rubio'] };
    expect(decideAlerts({ ...joined, story: tracked, watchMatch: excluded })).toEqual([]);
    const [alert] = decideAlerts({ ...joined, story: { ...tracked, trackedBy: ['rubio', 'everything'] }, watchMatch: excluded });
    expect(alert.watchIds).toEqual(['everything']);
  });
});
