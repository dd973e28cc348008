/**
 * Canonical actors, the pure parts: folding of spelling and script variants, user aliases
 * winning at resolution, and the rewrite of stored tags and stories after a merge.
 */
import type { ActorCandidate, ActorRecord, ActorTag, Story } from '../../lambdas/core/model';
import {
  findRedirects, foldName, redirectActorTags, redirectStoryActors, resolveActors, type ActorRedirects,
} from '../../lambdas/core/tag';

describe('foldName: spelling, diacritics and script variants', () => {
  it.each([
    [['Zelenskyy', 'Zelensky', 'Zelenskiy', 'Зеленський', 'Зеленский'], 'zelensky'],
    [['Erdoğan', 'Erdogan', 'ERDOĞAN'], 'erdogan'],
    [['Sergey Lavrov', 'Sergei Lavrov', 'Сергей Лавров'], 'sergey lavrov'],
    [['Dmitry Peskov', 'Dmitriy Peskov', 'Дмитрий Песков'], 'dmitry peskov'],
    [['Kyiv', 'Київ'], 'kyiv'],
    [['Khrushchev', 'Хрущёв'], 'khrushchev'],
  ])('%j fold to %j', (forms, key) => {
    expect(forms.map(foldName)).toEqual(forms.map(() => key));
  });

  it('keeps names apart that only look alike', () => {
    expect(foldName('Hawaii')).not.toBe(foldName('Hawai'));
    expect(foldName('Khan')).not.toBe(foldName('Han'));
    expect(foldName('Maria')).not.toBe(foldName('Mario'));
  });
});

const record = (id: string, name: string, aliases: string[], userAliases?: string[]): ActorRecord => ({
  id, name, type: 'person', aliases, ...(userAliases ? { userAliases } : {}),
});
const candidate = (name: string, keys: string[], start = 0): ActorCandidate => ({
  name, type: 'person', keys, mentions: [{ start, end: start + name.length, text: name }], salience: 0.5,
});

describe('resolveActors with user aliases', () => {
  it('takes the actor a user gave an alias to over the one the tagger recorded first', () => {
    const auto = record('p:president-zelensky', 'President Zelensky', ['president zelensky']);
    const chosen = record('p:volodymyr-zelensky', 'Volodymyr Zelenskyy', ['volodymyr zelensky', 'zelensky'], ['zelensky']);
    const known = new Map([['president zelensky', auto], ['zelensky', chosen]]);
    const { actors } = resolveActors([candidate('President Zelensky', ['president zelensky', 'zelensky'])], known);
    expect(actors.map((a) => a.id)).toEqual(['p:volodymyr-zelensky']);
  });

  it('keeps the full-name-first order when no key is a user alias', () => {
    const first = record('p:a', 'A', ['anna kowalczyk']);
    const second = record('p:b', 'B', ['kowalczyk']);
    const known = new Map([['anna kowalczyk', first], ['kowalczyk', second]]);
    expect(resolveActors([candidate('Anna Kowalczyk', ['anna kowalczyk', 'kowalczyk'])], known).actors[0].id).toBe('p:a');
  });
});

const tag = (id: string, name: string, start: number, salience: number, role?: string): ActorTag => ({
  id, name, type: 'person', mentions: [{ start, end: start + 5, text: name.slice(0, 5) }], salience, ...(role ? { role } : {}),
});

const redirects: ActorRedirects = new Map([['p:zelensky', { id: 'p:volodymyr-zelensky', name: 'Volodymyr Zelenskyy', type: 'person' }]]);

describe('redirectActorTags', () => {
  it('renames a merged actor and joins it with the surviving one, mentions in order', () => {
    const tags = [tag('p:volodymyr-zelensky', 'Volodymyr Zelenskyy', 40, 0.3), tag('p:zelensky', 'Zelensky', 10, 0.6, 'President'), tag('p:marco-rubio', 'Marco Rubio', 0, 0.9)];
    const out = redirectActorTags(tags, redirects);
    expect(out.map((a) => a.id)).toEqual(['p:marco-rubio', 'p:volodymyr-zelensky']);
    const zelensky = out[1];
    expect(zelensky).toMatchObject({ name: 'Volodymyr Zelenskyy', salience: 0.6, role: 'President' });
    expect(zelensky.mentions.map((m) => m.start)).toEqual([10, 40]);
  });

  it('returns the same array when nothing is redirected', () => {
    const tags = [tag('p:marco-rubio', 'Marco Rubio', 0, 0.9)];
    expect(redirectActorTags(tags, redirects)).toBe(tags);
  });
});

function story(topActors: Story['topActors'], actors: Record<string, number>, articleCount = 3): Story {
  return {
    id: 's1', headline: 'h', firstSeen: '2025-02-18T00:00:00Z', lastSeen: '2025-02-18T00:00:00Z', articleCount,
    sources: ['a'], sourceNames: { a: 'A' }, articleIds: ['x', 'y', 'z'], topActors, topTopics: [], tracked: false,
    trackedBy: [], profile: { terms: {}, actors, topics: {} }, signatures: {}, version: 4,
  };
}

describe('redirectStoryActors', () => {
  it('moves counts to the surviving id, capped at the article count, and re-ranks', () => {
    const before = story(
      [
        { id: 'p:marco-rubio', name: 'Marco Rubio', type: 'person', count: 3 },
        { id: 'p:zelensky', name: 'Zelensky', type: 'person', count: 2 },
        { id: 'l:ukraine', name: 'Ukraine', type: 'place', count: 2 },
        { id: 'p:volodymyr-zelensky', name: 'Volodymyr Zelenskyy', type: 'person', count: 2 },
      ],
      { 'p:marco-rubio': 3, 'p:zelensky': 2, 'l:ukraine': 2, 'p:volodymyr-zelensky': 2 },
    );
    const after = redirectStoryActors(before, redirects);
    expect(after.topActors).toEqual([
      { id: 'p:marco-rubio', name: 'Marco Rubio', type: 'person', count: 3 },
      { id: 'p:volodymyr-zelensky', name: 'Volodymyr Zelenskyy', type: 'person', count: 3 },
      { id: 'l:ukraine', name: 'Ukraine', type: 'place', count: 2 },
    ]);
    expect(after.profile.actors).toEqual({ 'p:marco-rubio': 3, 'p:volodymyr-zelensky': 3, 'l:ukraine': 2 });
    expect(after.version).toBe(4);
    expect(before.topActors).toHaveLength(4); // the input is not mutated
  });

  it('returns the same story when it does not name the merged actor', () => {
    const s = story([{ id: 'p:marco-rubio', name: 'Marco Rubio', type: 'person', count: 1 }], { 'p:marco-rubio': 1 });
    expect(redirectStoryActors(s, redirects)).toBe(s);
  });
});

describe('findRedirects', () => {
  it('keeps only ids whose current actor differs (merged, renamed)', () => {
    const resolved = new Map<string, ActorRecord>([
      ['p:zelensky', record('p:volodymyr-zelensky', 'Volodymyr Zelenskyy', [])],
      ['p:marco-rubio', record('p:marco-rubio', 'Marco Rubio', [])],
    ]);
    const named = [
      { id: 'p:zelensky', name: 'Zelensky', type: 'person' as const },
      { id: 'p:marco-rubio', name: 'Marco Rubio', type: 'person' as const },
      { id: 'p:unknown', name: 'Unknown', type: 'person' as const },
    ];
    expect([...findRedirects(resolved, named)]).toEqual([['p:zelensky', { id: 'p:volodymyr-zelensky', name: 'Volodymyr Zelenskyy', type: 'person' }]]);
  });
});
