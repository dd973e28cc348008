import { readFileSync } from 'fs';
import path from 'path';
import type { ActorCandidate, ActorRecord, Watch } from '../../lambdas/core/model';
import {
  actorLookupKeys, extractActors, extractKeyphrases, foldName, resolveActors, tagArticle, tagTopics,
} from '../../lambdas/core/tag';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'tag');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'seeds-expected.json'), 'utf8')) as {
  files: Record<string, { persons: string[]; places: string[]; organizations: string[] }>;
  notActors: string[];
  topics: { required: string[]; sanctionsIn: string[]; forbidden: string[] };
};
const seedFiles = Object.keys(expected.files);
const seed = (file: string): { title: string; text: string } => ({
  title: '',
  text: readFileSync(path.join(FIXTURES, 'seeds', file), 'utf8'),
});

/** A registry as the store would return it: every alias key -> its record. */
function registryOf(records: ActorRecord[], into = new Map<string, ActorRecord>()): Map<string, ActorRecord> {
  for (const record of records) for (const alias of record.aliases) into.set(alias, record);
  return into;
}

describe('foldName', () => {
  it.each([
    ['Marco Rubio', 'marco rubio'],
    ['Erdoğan', 'erdogan'],
    ['Recep Tayyip Erdoğan', 'recep tayyip erdogan'],
    ["Putin's", 'putin'],
    ['Moscow’s', 'moscow'],
    ['U.S.', 'us'],
    ['  Lt.   Gen.  Keith  Kellogg ', 'lt gen keith kellogg'],
    ['al-Assad', 'al assad'],
    ['Łukasz Øster', 'lukasz oster'],
  ])('folds %j to %j', (input, key) => {
    expect(foldName(input)).toBe(key);
  });

  it('folds transliteration variants of one name to one key', () => {
    const keys = ['Zelenskyy', 'Zelensky', 'Zelenskiy', 'Zelenskii', 'ZELENSKYY'].map(foldName);
    expect(new Set(keys)).toEqual(new Set(['zelensky']));
    expect(foldName('Sergei Lavrov')).toBe(foldName('Sergey Lavrov'));
    expect(foldName('Dmitriy')).toBe(foldName('Dmitry'));
  });

  it('keeps native spellings that only look like variants', () => {
    expect(foldName('Hawaii')).toBe('hawaii');
    expect(foldName('Dubai')).toBe('dubai');
  });
});

describe('extractActors on the seeds', () => {
  const results = new Map(seedFiles.map((f) => [f, extractActors(seed(f))]));
  const named = (actors: ActorCandidate[], name: string) => actors.find((a) => a.name === name);

  it.each(seedFiles)('%s: every person GOLD lists for it, under its canonical name, typed person', (file) => {
    const actors = results.get(file)!;
    for (const name of expected.files[file].persons) {
      expect({ name, type: named(actors, name)?.type }).toEqual({ name, type: 'person' });
    }
  });

  it.each(seedFiles)('%s: places and organisations', (file) => {
    const actors = results.get(file)!;
    for (const name of expected.files[file].places) expect({ name, type: named(actors, name)?.type }).toEqual({ name, type: 'place' });
    for (const name of expected.files[file].organizations) expect({ name, type: named(actors, name)?.type }).toEqual({ name, type: 'organization' });
  });

  it.each(seedFiles)('%s: no heading, weekday, title word or demonym becomes an actor', (file) => {
    const actors = results.get(file)!;
    const banned = new Set(expected.notActors.map((n) => n.toLowerCase()));
    for (const actor of actors) {
      expect(banned.has(actor.name.toLowerCase())).toBe(false);
      for (const m of actor.mentions) expect(banned.has(m.text.toLowerCase())).toBe(false);
    }
    expect(named(actors, 'NATO')).toBeUndefined();
  });

  it.each(seedFiles)('%s: mention offsets point at the exact text', (file) => {
    const { text } = seed(file);
    for (const actor of results.get(file)!) {
      for (const m of actor.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
      expect(actor.keys[0]).toBe(foldName(actor.name));
      expect(actor.salience).toBeGreaterThanOrEqual(0);
      expect(actor.salience).toBeLessThanOrEqual(1);
    }
  });

  it('joins surnames and title forms to the full name, and keeps the role', () => {
    const actors = results.get('001_2a5c6933c16f0aef.txt')!;
    const rubio = named(actors, 'Marco Rubio')!;
    expect(new Set(rubio.mentions.map((m) => m.text))).toEqual(new Set(['Marco Rubio', 'Rubio']));
    expect(rubio.keys).toEqual(expect.arrayContaining(['marco rubio', 'rubio']));
    expect(rubio.role).toBe('U.S. Secretary of State');
    expect(named(actors, 'Sergey Lavrov')!.role).toBe('Russian Foreign Minister');
    expect(named(actors, 'Keith Kellogg')!.mentions.map((m) => m.text)).toContain('Kellogg');
    expect(actors.filter((a) => a.name.includes('Rubio'))).toHaveLength(1);
    // The most talked-about person outranks a one-mention one.
    expect(rubio.salience).toBeGreaterThan(named(actors, 'Michael Waltz')!.salience);
  });

  it('maps "the Biden administration" to Joe Biden and "Secretary Rubio" to Marco Rubio', () => {
    const actors = results.get('004_d7bf98442fb826d6.txt')!;
    expect(named(actors, 'Joe Biden')?.mentions.map((m) => m.text)).toEqual(['Biden']);
    const rubio000 = named(results.get('000_17b1c73d69787b68.txt')!, 'Marco Rubio')!;
    const secretaryRubio = seed('000_17b1c73d69787b68.txt').text.indexOf('Secretary Rubio') + 'Secretary '.length;
    expect(rubio000.mentions.some((m) => m.start === secretaryRubio && m.text === 'Rubio')).toBe(true);
  });

  it('splits hyphenated pairs and drops possessives', () => {
    const text = "The U.S.-Russia talks went on. Putin's envoy met Moscow's partners while Kremlin-backed media watched.";
    const actors = extractActors({ title: '', text });
    const us = actors.find((a) => a.name === 'United States')!;
    expect(us.mentions).toEqual([{ start: 4, end: 8, text: 'U.S.' }]);
    expect(actors.find((a) => a.name === 'Russia')?.mentions[0]).toEqual({ start: 9, end: 15, text: 'Russia' });
    expect(actors.find((a) => a.name === 'Vladimir Putin')?.mentions[0].text).toBe('Putin');
    expect(actors.find((a) => a.name === 'Moscow')?.mentions[0].text).toBe('Moscow');
    expect(actors.find((a) => a.name === 'Kremlin')?.type).toBe('organization');
  });

  it('types unknown names from their evidence: given name, title, organisation head, acronym in brackets', () => {
    const text = [
      'Finance Minister Anna Kowalczyk met Dariusz Nowak of the Baltic Shipping Corporation in Gdansk on Monday.',
      'Kowalczyk said the Northern Ports Authority (NPA) would publish a report. The NPA declined to comment.',
    ].join('\n\n');
    const actors = extractActors({ title: '', text });
    const kowalczyk = actors.find((a) => a.name === 'Anna Kowalczyk')!;
    expect(kowalczyk.type).toBe('person');
    expect(kowalczyk.role).toBe('Finance Minister');
    expect(kowalczyk.mentions.map((m) => m.text)).toEqual(['Anna Kowalczyk', 'Kowalczyk']);
    expect(actors.find((a) => a.name === 'Dariusz Nowak')?.type).toBe('person');
    expect(actors.find((a) => a.name === 'Baltic Shipping Corporation')?.type).toBe('organization');
    const authority = actors.find((a) => a.name === 'Northern Ports Authority')!;
    expect(authority.type).toBe('organization');
    expect(authority.mentions.map((m) => m.text)).toEqual(['Northern Ports Authority', 'NPA', 'NPA']);
    expect(actors.find((a) => a.name === 'Monday')).toBeUndefined();
  });

  it('uses the title for salience but never for offsets', () => {
    const doc = seed('003_502df0261b767f7e.txt');
    const withTitle = extractActors({ title: 'Rubio and Lavrov meet in Riyadh', text: doc.text });
    const lavrov = withTitle.find((a) => a.name === 'Sergey Lavrov')!;
    const without = extractActors(doc).find((a) => a.name === 'Sergey Lavrov')!;
    expect(lavrov.salience).toBeGreaterThan(without.salience);
    expect(lavrov.mentions).toEqual(without.mentions);
    // Riyadh is only in the title: known to the gazetteer, kept, with no text mention.
    expect(withTitle.find((a) => a.name === 'Riyadh')?.mentions).toEqual([]);
  });
});

describe('actorLookupKeys and resolveActors', () => {
  it('lists every key once', () => {
    const candidates = extractActors(seed('001_2a5c6933c16f0aef.txt'));
    const keys = actorLookupKeys(candidates);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(['marco rubio', 'rubio', 'sergey lavrov', 'european union', 'eu']));
  });

  it('gives deterministic ids and records new actors with their aliases', () => {
    const { actors, registryUpdates } = resolveActors(extractActors(seed('001_2a5c6933c16f0aef.txt')), new Map());
    const id = (name: string) => actors.find((a) => a.name === name)?.id;
    expect(id('Marco Rubio')).toBe('p:marco-rubio');
    expect(id('European Union')).toBe('o:european-union');
    expect(id('United States')).toBe('l:united-states');
    expect(id('Volodymyr Zelenskyy')).toBe('p:volodymyr-zelensky');
    expect(id('Recep Tayyip Erdoğan')).toBe('p:recep-tayyip-erdogan');
    expect(registryUpdates.find((r) => r.id === 'p:sergey-lavrov')?.aliases).toEqual(expect.arrayContaining(['sergey lavrov', 'lavrov']));
    expect(new Set(actors.map((a) => a.id)).size).toBe(actors.length);
  });

  it('keeps ids stable across documents through the registry (001 then 004)', () => {
    const first = resolveActors(extractActors(seed('001_2a5c6933c16f0aef.txt')), new Map());
    const registry = registryOf(first.registryUpdates);
    const candidates = extractActors(seed('004_d7bf98442fb826d6.txt'));
    const known = new Map(actorLookupKeys(candidates).filter((k) => registry.has(k)).map((k) => [k, registry.get(k)!]));
    const second = resolveActors(candidates, known);
    const ids = (r: typeof first) => new Map(r.actors.map((a) => [a.name, a.id]));
    const before = ids(first);
    for (const [name, id] of ids(second)) if (before.has(name)) expect({ name, id }).toEqual({ name, id: before.get(name) });
    for (const name of ['Marco Rubio', 'Sergey Lavrov', 'Donald Trump', 'Vladimir Putin', 'Volodymyr Zelenskyy', 'Yuri Ushakov', 'Ukraine', 'Kremlin']) {
      expect(ids(second).get(name)).toBe(before.get(name));
    }
    // Biden is new in 004: only new actors and actors with new aliases are saved.
    expect(second.registryUpdates.map((r) => r.id)).toContain('p:joe-biden');
    expect(second.registryUpdates.map((r) => r.id)).not.toContain('p:yuri-ushakov');
  });

  it('resolves a bare surname to the one known person it belongs to', () => {
    const first = resolveActors(extractActors({ title: '', text: 'Finance Minister Anna Kowalczyk spoke. Kowalczyk left early.' }), new Map());
    expect(first.actors.map((a) => a.id)).toEqual(['p:anna-kowalczyk']);
    const later = extractActors({ title: '', text: 'On Friday the budget was presented by Kowalczyk, who said it would pass.' });
    expect(later.map((c) => c.keys)).toEqual([['kowalczyk']]);
    // Stored as an alias once seen together...
    expect(resolveActors(later, registryOf(first.registryUpdates)).actors[0].id).toBe('p:anna-kowalczyk');
    // ...and found by its last word when only the full alias is known.
    const fullOnly = new Map([['anna kowalczyk', { id: 'p:anna-kowalczyk', name: 'Anna Kowalczyk', type: 'person' as const, aliases: ['anna kowalczyk'] }]]);
    const resolved = resolveActors(later, fullOnly);
    expect(resolved.actors[0]).toMatchObject({ id: 'p:anna-kowalczyk', name: 'Anna Kowalczyk' });
    expect(resolved.registryUpdates[0].aliases).toEqual(['anna kowalczyk', 'kowalczyk']);
  });

  it('merges two candidates that resolve to one actor', () => {
    const record: ActorRecord = { id: 'p:volodymyr-zelensky', name: 'Volodymyr Zelenskyy', type: 'person', aliases: ['volodymyr zelensky', 'zelensky'] };
    const candidates: ActorCandidate[] = [
      { name: 'Volodymyr Zelenskyy', type: 'person', keys: ['volodymyr zelensky'], mentions: [{ start: 0, end: 19, text: 'Volodymyr Zelenskyy' }], salience: 0.4 },
      { name: 'President Zelensky', type: 'person', keys: ['zelensky'], mentions: [{ start: 40, end: 48, text: 'Zelensky' }], salience: 0.2, role: 'President' },
    ];
    const { actors, registryUpdates } = resolveActors(candidates, registryOf([record]));
    expect(actors).toHaveLength(1);
    expect(actors[0]).toMatchObject({ id: record.id, name: 'Volodymyr Zelenskyy', salience: 0.4, role: 'President' });
    expect(actors[0].mentions.map((m) => m.start)).toEqual([0, 40]);
    expect(registryUpdates).toEqual([]);
  });
});

describe('tagTopics', () => {
  const watch = (id: string, keywords: string[]): Watch => ({ id, name: `watch ${id}`, actors: [], topics: [], keywords, createdAt: '2025-02-18T00:00:00Z' });

  it.each(seedFiles)('%s: diplomacy, war and peace, embassies; not sport, economy, elections, weather', (file) => {
    const ids = tagTopics(seed(file), []).map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(expected.topics.required));
    for (const id of expected.topics.forbidden) expect(ids).not.toContain(id);
    if (expected.topics.sanctionsIn.includes(file)) expect(ids).toContain('iptc:20000642');
  });

  it('tags an unrelated sport article as sport and nothing from the seeds', () => {
    const text = readFileSync(path.join(FIXTURES, 'sport.txt'), 'utf8');
    const [title, ...rest] = text.split('\n\n');
    const topics = tagTopics({ title, text: rest.join('\n\n') }, []);
    expect(topics[0].id).toBe('iptc:15000000');
    for (const id of ['iptc:20000639', 'iptc:20000642', 'iptc:20000073', 'iptc:16000000']) expect(topics.map((t) => t.id)).not.toContain(id);
  });

  it('returns scores in 0..1, sorted, with IPTC labels', () => {
    const topics = tagTopics(seed('001_2a5c6933c16f0aef.txt'), []);
    const scores = topics.map((t) => t.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.every((s) => s > 0 && s <= 1)).toBe(true);
    expect(topics.find((t) => t.id === 'iptc:20000642')?.label).toBe('economic sanction');
  });

  it('adds a topic per watch whose keywords occur, matched without case or accents', () => {
    const topics = tagTopics(seed('004_d7bf98442fb826d6.txt'), [watch('riyadh', ['RIYADH']), watch('gaza', ['Gaza']), watch('erdogan', ['erdogan'])]);
    expect(topics.filter((t) => t.id.startsWith('watch:'))).toEqual([{ id: 'watch:riyadh', label: 'watch riyadh', score: 1 }]);
    const withAccent = tagTopics(seed('001_2a5c6933c16f0aef.txt'), [watch('erdogan', ['Erdogan'])]);
    expect(withAccent.find((t) => t.id === 'watch:erdogan')?.score).toBeGreaterThan(0);
  });
});

describe('extractKeyphrases', () => {
  it('gives at most ten phrases, the article subject among them, no stop words at the edges', () => {
    const phrases = extractKeyphrases(seed('003_502df0261b767f7e.txt'));
    expect(phrases.length).toBeGreaterThan(3);
    expect(phrases.length).toBeLessThanOrEqual(10);
    expect(phrases).toContain('embassy staffing');
    for (const p of phrases) expect(p).not.toMatch(/^(the|of|and|in|to|a)\b|\b(the|of|and|in|to|a)$/i);
  });
});

describe('tagArticle', () => {
  it('composes actors, topics and keyphrases with registry updates', () => {
    const { tags, registryUpdates } = tagArticle(seed('000_17b1c73d69787b68.txt'), [], new Map());
    expect(tags.actors.find((a) => a.id === 'p:marco-rubio')).toBeDefined();
    expect(tags.topics.length).toBeGreaterThan(0);
    expect(tags.keyphrases.length).toBeGreaterThan(0);
    expect(registryUpdates.length).toBe(tags.actors.length);
  });
});
