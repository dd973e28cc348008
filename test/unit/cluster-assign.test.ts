import {
  assignStory, DEFAULT_CLUSTER_CONFIG, mergeIntoStory, startStory,
  type ArticleProfile, type StoryArticle,
} from '../../lambdas/core/cluster';
import type { ActorTag, Story, TopicTag } from '../../lambdas/core/model';

const person = (id: string, name: string, salience = 0.8): ActorTag => ({ id, name, type: 'person', salience, mentions: [] });
const place = (id: string, name: string, salience = 0.8): ActorTag => ({ id, name, type: 'place', salience, mentions: [] });
const politics: TopicTag = { id: 'iptc:11000000', label: 'politics', score: 0.9 };

function profile(terms: Record<string, number>, actors: ActorTag[] = [], topics: TopicTag[] = [], signature: number[] = []): ArticleProfile {
  const norm = Math.sqrt(Object.values(terms).reduce((s, w) => s + w * w, 0));
  return {
    terms: Object.fromEntries(Object.entries(terms).map(([t, w]) => [t, w / norm])),
    actors: Object.fromEntries(actors.map((a) => [a.id, a.salience])),
    actorTypes: Object.fromEntries(actors.map((a) => [a.id, a.type])),
    topics: Object.fromEntries(topics.map((t) => [t.id, t.score])),
    signature,
  };
}

function article(id: string, sourceId: string, publishedAt: string, p: ArticleProfile, actors: ActorTag[] = [], topics: TopicTag[] = [], title = `Title ${id}`): StoryArticle {
  return { id, title, publishedAt, source: { id: sourceId, name: sourceId.toUpperCase(), origin: 'cli' }, profile: p, actors, topics };
}

const talksActors = [person('p:marco-rubio', 'Marco Rubio', 0.9), person('p:sergey-lavrov', 'Sergey Lavrov', 0.6), place('l:ukraine', 'Ukraine', 0.7)];
const talksTerms = { talk: 3, embassy: 2, riyadh: 2, negotiation: 2, sanction: 1 };
/** A sketch of `count` shingle hashes starting at `from` (ascending, as minhashSignature makes them). */
const sketch = (from: number, count: number) => Array.from({ length: count }, (_, i) => (from + i) * 1000);
const talksSketch = sketch(0, 60);
const talks = profile(talksTerms, talksActors, [politics], talksSketch);
const talksStory = startStory(article('a1', 'reuters', '2025-02-18T10:00:00Z', talks, talksActors, [politics]), 'story-1');

describe('assignStory', () => {
  it('creates when there is no candidate', () => {
    expect(assignStory({ profile: talks, publishedAt: '2025-02-18T12:00:00Z' }, [])).toEqual({ action: 'create', reason: 'no candidate story' });
  });

  it('joins a similar story the same day and explains the score', () => {
    const similar = profile({ talk: 2, embassy: 1, riyadh: 1, lavrov: 1 }, talksActors.slice(0, 2), [politics]);
    const result = assignStory({ profile: similar, publishedAt: '2025-02-18T15:00:00Z' }, [talksStory]);
    expect(result).toMatchObject({ action: 'join', storyId: 'story-1' });
    if (result.action !== 'join') throw new Error('expected join');
    expect(result.score).toBeGreaterThanOrEqual(DEFAULT_CLUSTER_CONFIG.joinProbability);
    expect(result.reason).toMatch(/^p [01]\.\d+ >= 0\.5 \(text 0\.\d+, title 0\.\d+, actors 0\.\d+, topics 1\.00\)$/);
    expect(result.copyOf).toBeUndefined();
  });

  it('creates when only a place is shared', () => {
    const other = profile({ football: 3, match: 2, goal: 2 }, [place('l:ukraine', 'Ukraine', 0.9)], [{ id: 'iptc:15000000', label: 'sport', score: 0.9 }]);
    const result = assignStory({ profile: other, publishedAt: '2025-02-18T15:00:00Z' }, [talksStory]);
    expect(result.action).toBe('create');
    if (result.action !== 'create') throw new Error('expected create');
    expect(result.reason).toMatch(/text 0\.00/);
  });

  it('picks the best of several candidates', () => {
    const weather = startStory(article('w1', 'bbc', '2025-02-18T10:00:00Z', profile({ rain: 3, wind: 2 })), 'story-weather');
    const result = assignStory({ profile: talks, publishedAt: '2025-02-18T11:00:00Z' }, [weather, talksStory]);
    expect(result).toMatchObject({ action: 'join', storyId: 'story-1' });
  });

  it('weighs recent stories more, and a gap of days alone does not end a story', () => {
    // A report-length follow-up (the report model speaks): half its weighted terms are the story's.
    const longTerms = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`word${i}`, 1]));
    const reportStory = startStory(article('r1', 'reuters', '2025-02-18T10:00:00Z', profile({ ...longTerms, talk: 4 }, talksActors, [politics]), talksActors, [politics]), 'story-r');
    const followTerms = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [i < 20 ? `word${i}` : `other${i}`, 1]));
    const followUp = profile({ ...followTerms, talk: 4 }, talksActors, [politics]);
    const at = (day: string) => assignStory({ profile: followUp, publishedAt: `${day}T10:00:00Z` }, [reportStory]);
    const probability = (day: string) => {
      const r = at(day);
      return r.action === 'join' ? r.score : r.bestScore!;
    };
    expect(probability('2025-02-21')).toBe(probability('2025-02-18')); // within the grace days
    expect(probability('2025-02-28')).toBeLessThan(probability('2025-02-21'));
    expect(probability('2025-04-01')).toBeLessThan(probability('2025-02-28'));
    expect(at('2025-02-21').action).toBe('join');
    expect(at('2025-02-28').action).toBe('join');
  });

  it('for headlines, a story active within the hour weighs more; a strong match still joins days later', () => {
    // Headline-length texts (the headline model speaks), as in an RSS feed of titles.
    const fed = person('p:charles-plosser', 'Charles Plosser', 0.9);
    const headlineStory = startStory(article('h1', 'latimes', '2014-03-10T17:00:00Z', profile({ plosser: 1, fed: 1, taper: 1, pace: 1, slow: 1 }, [fed]), [fed]), 'story-h');
    const modest = profile({ plosser: 1, fed: 1, unemployment: 1, fall: 1, expect: 1 }, [fed]);
    const strong = profile({ plosser: 1, fed: 1, taper: 1, pace: 1, slow: 1, may: 0.5 }, [fed]);
    const decide = (p: ArticleProfile, at: string) => assignStory({ profile: p, publishedAt: at }, [headlineStory]).action;
    expect(decide(modest, '2014-03-10T17:05:00Z')).toBe('join');
    expect(decide(modest, '2014-03-11T17:00:00Z')).toBe('create');
    expect(decide(strong, '2014-03-12T17:00:00Z')).toBe('join');
  });

  it('joins a near-duplicate as a copy even when the model alone would not join it', () => {
    const copyTerms = { talk: 3, embassy: 2, riyadh: 1, weather: 3 };
    const strict = { joinProbability: 0.99 };
    expect(assignStory({ profile: profile(copyTerms), publishedAt: '2025-02-18T12:00:00Z' }, [talksStory], strict).action).toBe('create');
    const copy = profile(copyTerms, [], [], sketch(10, 60));
    const result = assignStory({ profile: copy, publishedAt: '2025-02-18T12:00:00Z' }, [talksStory], strict);
    expect(result).toMatchObject({ action: 'join', storyId: 'story-1', copyOf: 'a1', copySimilarity: 0.833 });
    if (result.action !== 'join') throw new Error('expected join');
    expect(result.reason).toBe('near-duplicate of article a1 (shared wording 83%)');
  });

  it('does not call a text a copy below the copy threshold', () => {
    const partly = profile(talksTerms, talksActors, [politics], [...sketch(0, 10), ...sketch(100, 50)]);
    const result = assignStory({ profile: partly, publishedAt: '2025-02-18T12:00:00Z' }, [talksStory]);
    expect(result).toMatchObject({ action: 'join', storyId: 'story-1' });
    if (result.action !== 'join') throw new Error('expected join');
    expect(result.copyOf).toBeUndefined();
  });

  it('does not call shared boilerplate a copy: too little text, or different words', () => {
    const stub = profile(talksTerms, [], [], talksSketch.slice(0, 20));
    const stubResult = assignStory({ profile: stub, publishedAt: '2025-02-18T12:00:00Z' }, [talksStory]);
    expect(stubResult.action === 'join' && stubResult.copyOf).toBeFalsy();
    const otherWords = profile({ football: 3, goal: 2 }, [], [], talksSketch);
    expect(assignStory({ profile: otherWords, publishedAt: '2025-02-18T12:00:00Z' }, [talksStory]).action).toBe('create');
  });
});

describe('startStory and mergeIntoStory', () => {
  it('starts a story from one article', () => {
    expect(talksStory).toMatchObject({
      id: 'story-1',
      headline: 'Title a1',
      firstSeen: '2025-02-18T10:00:00Z',
      lastSeen: '2025-02-18T10:00:00Z',
      articleCount: 1,
      sources: ['reuters'],
      sourceNames: { reuters: 'REUTERS' },
      articleIds: ['a1'],
      tracked: false,
      trackedBy: [],
      signatures: { a1: talksSketch },
    });
    expect(talksStory.topActors.map((a) => a.id)).toEqual(['p:marco-rubio', 'p:sergey-lavrov', 'l:ukraine']);
    expect(talksStory.topTopics).toEqual([{ id: 'iptc:11000000', label: 'politics', score: 0.9 }]);
  });

  it('uses the first words of the text when there is no title', () => {
    const untitled = { ...article('a9', 's', '2025-02-18T10:00:00Z', talks), title: '  ', text: 'One two three four five six seven eight nine ten eleven twelve thirteen' };
    expect(startStory(untitled, 's9').headline).toBe('One two three four five six seven eight nine ten eleven twelve…');
  });

  it('replaces a headline taken from the lead of a text by the first real title that joins', () => {
    const lead = 'Following a meeting between U.S. Secretary of State Marco Rubio and top Russian officials';
    const derived = { ...article('a1', 'outlet-a', '2025-02-18T10:00:00Z', talks), title: lead, text: `${lead}, the two sides agreed to talk.` };
    const story = startStory(derived, 's1');
    expect(story).toMatchObject({ headline: lead, headlineFromText: true });
    // Another untitled report keeps it; a titled one names the story from then on.
    const untitled = { ...article('a2', 'outlet-c', '2025-02-18T11:00:00Z', talks), title: 'Rubio and Lavrov met', text: 'Rubio and Lavrov met in Riyadh.' };
    expect(mergeIntoStory(story, untitled)).toMatchObject({ headline: lead, headlineFromText: true });
    const titled = { ...article('a3', 'outlet-b', '2025-02-18T12:00:00Z', talks), title: 'Rubio makes progress with Russia', text: 'The talks in Riyadh went on for hours.' };
    const renamed = mergeIntoStory(story, titled);
    expect(renamed.headline).toBe('Rubio makes progress with Russia');
    expect(renamed.headlineFromText).toBeUndefined();
    expect(mergeIntoStory(renamed, { ...titled, id: 'a4', title: 'Another title' }).headline).toBe('Rubio makes progress with Russia');
  });

  it('merges an article: counts, span, sources, actors, topics, centroid', () => {
    const second = article('a2', 'ap', '2025-02-17T22:00:00Z', profile({ talk: 1, kremlin: 1 }, [person('p:sergey-lavrov', 'Sergey Lavrov'), person('p:vladimir-putin', 'Vladimir Putin')], [politics], [2, 4]),
      [person('p:sergey-lavrov', 'Sergey Lavrov'), person('p:vladimir-putin', 'Vladimir Putin')], [politics]);
    const merged = mergeIntoStory(talksStory, second);
    expect(merged).toMatchObject({
      articleCount: 2,
      firstSeen: '2025-02-17T22:00:00Z',
      lastSeen: '2025-02-18T10:00:00Z',
      sources: ['reuters', 'ap'],
      sourceNames: { reuters: 'REUTERS', ap: 'AP' },
      articleIds: ['a1', 'a2'],
      headline: 'Title a1',
    });
    expect(merged.profile.actors).toEqual({ 'p:marco-rubio': 1, 'p:sergey-lavrov': 2, 'l:ukraine': 1, 'p:vladimir-putin': 1 });
    expect(merged.topActors.map((a) => [a.id, a.count])).toEqual([['p:sergey-lavrov', 2], ['p:marco-rubio', 1], ['p:vladimir-putin', 1], ['l:ukraine', 1]]);
    expect(merged.topTopics).toEqual([{ id: 'iptc:11000000', label: 'politics', score: 1.8 }]);
    expect(merged.profile.terms.kremlin).toBeCloseTo(0.5 / Math.SQRT2, 4);
    expect(merged.profile.terms.talk).toBeCloseTo((talks.terms.talk + 1 / Math.SQRT2) / 2, 4);
    expect(Object.keys(merged.signatures)).toEqual(['a1', 'a2']);
    expect(talksStory.articleCount).toBe(1); // the input is not mutated
  });

  it('does not list a source twice, and ignores an article it already holds', () => {
    const again = article('a3', 'reuters', '2025-02-19T10:00:00Z', talks, talksActors);
    const merged = mergeIntoStory(talksStory, again);
    expect(merged.sources).toEqual(['reuters']);
    expect(merged.articleCount).toBe(2);
    expect(merged.lastSeen).toBe('2025-02-19T10:00:00Z');
    expect(mergeIntoStory(merged, again)).toBe(merged);
  });

  it('bounds article ids, signatures and terms while articleCount stays exact', () => {
    const config = { storyArticleIdLimit: 5, storySignatureLimit: 3, storyTermCount: 8 };
    let story: Story = talksStory;
    for (let i = 0; i < 12; i++) {
      story = mergeIntoStory(story, article(`b${i}`, `s${i}`, '2025-02-18T12:00:00Z', profile({ [`word${i}`]: 1, talk: 1 }, [], [], [i]), [], []), config);
    }
    expect(story.articleCount).toBe(13);
    expect(story.articleIds).toEqual(['b7', 'b8', 'b9', 'b10', 'b11']);
    expect(Object.keys(story.signatures)).toEqual(['b9', 'b10', 'b11']);
    expect(Object.keys(story.profile.terms)).toHaveLength(8);
    expect(story.sources).toHaveLength(13);
    expect(Object.keys(story.profile.terms)[0]).toBe('talk');
  });
});
