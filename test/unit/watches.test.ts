/**
 * The watch use cases (lambdas/app/watches.ts) and the topic list (lambdas/app/topics.ts), on a
 * real in-memory embedded store: names refused twice, updates that keep or replace criteria, actors
 * resolved against the registry (or warned about, with the nearest known ones), topics checked
 * against the IPTC list, and a watch set this way tracking the story it names.
 */
import path from 'node:path';
import { ConfigurationError } from '../../lambdas/core/errors';
import type { ActorRecord } from '../../lambdas/core/model';
import {
  addWatch, describeWatch, listWatches, removeWatch, updateWatch, watchIdFor,
} from '../../lambdas/app/watches';
import { findTopic, listTopics, resolveTopic, suggestTopics } from '../../lambdas/app/topics';
import { ingestFiles } from '../../lambdas/local/ingest';
import { useFreshRuntime } from '../support/fresh-runtime';

const SEEDS = path.join(__dirname, '..', '..', 'examples', 'riyadh-talks', 'incoming');
const NOW = new Date('2025-02-18T10:00:00Z');
const LATER = new Date('2025-02-19T10:00:00Z');

const person = (id: string, name: string, aliases: string[]): ActorRecord => ({ id, name, type: 'person', aliases });

/** Registry actors the gazetteer does not list, so that the registry alone decides. */
const KOWALCZYK = person('p:anna-kowalczyk', 'Anna Kowalczyk', ['anna kowalczyk', 'kowalczyk']);
const DAREK = person('p:darek-nowak', 'Darek Nowak', ['darek nowak']);
const DARIUSZ = person('p:dariusz-nowak', 'Dariusz Nowak', ['dariusz nowak']);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('topics', () => {
  it('lists every IPTC topic with its id, label and parent', () => {
    const topics = listTopics();
    expect(topics.length).toBeGreaterThan(70);
    expect(topics).toContainEqual({ id: 'iptc:20000574', label: 'election', parent: 'iptc:11000000' });
    expect(topics).toContainEqual({ id: 'iptc:11000000', label: 'politics' });
    expect(new Set(topics.map((t) => t.id)).size).toBe(topics.length);
  });

  it.each([
    ['election'], ['Election'], [' ELECTION '], ['iptc:20000574'], ['IPTC:20000574'], ['20000574'], ['medtop:20000574'],
  ])('resolves %j to election', (input) => {
    expect(resolveTopic(input)).toEqual({ id: 'iptc:20000574', label: 'election', parent: 'iptc:11000000' });
  });

  it('compares labels folded: case, punctuation and spacing', () => {
    expect(findTopic('Conflict War and Peace')?.id).toBe('iptc:16000000');
    expect(findTopic('non human diseases')?.id).toBe('iptc:20000493');
    expect(findTopic('nothing like it')).toBeUndefined();
  });

  it('refuses an unknown topic with up to three suggestions', () => {
    expect(() => resolveTopic('elections')).toThrow(ConfigurationError);
    expect(() => resolveTopic('elections')).toThrow('unknown topic "elections": did you mean election (iptc:20000574)?');
    expect(suggestTopics('sanctions')[0].label).toBe('economic sanction');
    expect(suggestTopics('diplomcy')[0].label).toBe('diplomacy');
    expect(suggestTopics('war').map((t) => t.label)).toContain('conflict, war and peace');
    expect(suggestTopics('2000574')[0].id).toBe('iptc:20000574');
    expect(suggestTopics('health').length).toBeLessThanOrEqual(3);
    expect(() => resolveTopic('zzzzqqq')).toThrow(/unknown topic "zzzzqqq": topics are IPTC Media Topics/);
  });
});

describe('watch use cases', () => {
  const fresh = useFreshRuntime('newswatch-watches-');
  const store = () => fresh.runtime.store;

  it('adds a watch once: the same name (or one with the same id) again is refused, pointing at watch update', async () => {
    const { watch } = await addWatch(store(), { name: 'rubio', keywords: ['Riyadh'] }, NOW);
    expect(watch).toEqual({ id: 'rubio', name: 'rubio', actors: [], topics: [], keywords: ['Riyadh'], createdAt: NOW.toISOString() });
    for (const name of ['rubio', 'Rubio ']) {
      expect(await refusal(addWatch(store(), { name, keywords: ['Jeddah'] }, LATER))).toMatch(/already exists.*`newswatch watch update rubio …`/i);
    }
    expect(await listWatches(store())).toEqual([watch]);
  });

  it('needs a criterion or --all, and says that --all makes the others moot', async () => {
    expect(await refusal(addWatch(store(), { name: 'empty' }))).toMatch(/needs at least one --actor, --topic, --keyword or --query \(or --all\)/);
    expect(await refusal(addWatch(store(), { name: '!!!', all: true }))).toMatch(/no letters or digits/);
    expect((await addWatch(store(), { name: 'everything', all: true }, NOW)).warnings).toEqual([]);
    const both = await addWatch(store(), { name: 'both', all: true, keywords: ['Riyadh'] }, NOW);
    expect(both.watch.all).toBe(true);
    expect(both.warnings).toEqual([expect.stringMatching(/tracks every story \(--all\)/)]);
    expect(describeWatch(both.watch)).toBe('tracks every story');
  });

  it('keeps topics as IPTC ids, from a label or an id, and refuses an unknown one with suggestions', async () => {
    const { watch, topics } = await addWatch(store(), { name: 'politics', topics: ['Election', 'iptc:20000639', '20000574'] }, NOW);
    expect(watch.topics).toEqual(['iptc:20000574', 'iptc:20000639']);
    expect(topics.map((t) => t.label)).toEqual(['election', 'diplomacy', 'election']);
    expect(describeWatch(watch)).toBe('tracks stories that are about election (iptc:20000574) or diplomacy (iptc:20000639)');

    const message = await refusal(addWatch(store(), { name: 'votes', topics: ['elections'] }));
    expect(message).toContain('unknown topic "elections": did you mean election (iptc:20000574)?');
    expect((await listWatches(store())).map((w) => w.id)).toEqual(['politics']);
  });

  it('accepts the keyword topic of an existing watch (watch:<id>), not of a missing one', async () => {
    await addWatch(store(), { name: 'Gulf talks', keywords: ['Riyadh', 'Jeddah'] }, NOW);
    const { watch } = await addWatch(store(), { name: 'follow', topics: ['watch:gulf-talks'] }, NOW);
    expect(watch.topics).toEqual(['watch:gulf-talks']);
    expect(await refusal(addWatch(store(), { name: 'other', topics: ['watch:gulf-talk'] }))).toMatch(/no watch "gulf-talk" \(did you mean "Gulf talks"\?\)/);
  });

  it('trims and deduplicates keywords; a blank one is refused', async () => {
    const { watch } = await addWatch(store(), { name: 'k', keywords: ['  cease  fire ', 'Cease fire', 'Riyadh', 'riyadh'] }, NOW);
    expect(watch.keywords).toEqual(['cease fire', 'Riyadh']);
    expect(await refusal(addWatch(store(), { name: 'blank', keywords: ['Riyadh', '   '] }))).toMatch(/--keyword needs a word or phrase/);
  });

  it('updates: lists given replace, lists not given stay, --all is set and cleared, createdAt kept', async () => {
    await store().saveActors([KOWALCZYK]);
    await addWatch(store(), { name: 'Warsaw', actors: ['Anna Kowalczyk'], topics: ['election'], keywords: ['Sejm'] }, NOW);

    const first = await updateWatch(store(), { name: 'warsaw', topics: ['politics', 'government'] }, LATER);
    expect(first.watch).toEqual({
      id: 'warsaw', name: 'Warsaw', actors: ['Anna Kowalczyk'], topics: ['iptc:11000000', 'iptc:20000593'], keywords: ['Sejm'],
      createdAt: NOW.toISOString(), updatedAt: LATER.toISOString(),
    });
    expect(first.actors).toEqual([]);

    const second = await updateWatch(store(), { name: 'WARSAW', all: true, keywords: [] }, LATER);
    expect(second.watch).toMatchObject({ all: true, actors: ['Anna Kowalczyk'], topics: ['iptc:11000000', 'iptc:20000593'], keywords: [] });
    const third = await updateWatch(store(), { name: 'Warsaw', all: false, actors: [] , topics: [], keywords: ['Sejm'] }, LATER);
    expect(third.watch.all).toBeUndefined();
    expect(third.watch).toMatchObject({ actors: [], topics: [], keywords: ['Sejm'] });
    expect(await listWatches(store())).toEqual([third.watch]);

    expect(await refusal(updateWatch(store(), { name: 'warsaw', keywords: [] }))).toMatch(/would have no --actor, --topic, --keyword or --query left/);
    expect(await refusal(updateWatch(store(), { name: 'warsaw' }))).toMatch(/nothing to change/);
    expect(await refusal(updateWatch(store(), { name: 'krakow', keywords: ['Wawel'] }))).toMatch(/no watch named "krakow": create it with `newswatch watch add krakow …`/);
    expect(await refusal(updateWatch(store(), { name: 'warsa', keywords: ['Wawel'] }))).toMatch(/did you mean "Warsaw"\?/);
    expect(await refusal(updateWatch(store(), { name: 'warsaw', topics: ['elections'] }))).toMatch(/did you mean election/);
    expect((await listWatches(store()))[0]).toEqual(third.watch);
  });

  it('removes a watch, and names the nearest ones when there is none', async () => {
    const { watch } = await addWatch(store(), { name: 'rubio', keywords: ['Rubio'] }, NOW);
    expect(await refusal(removeWatch(store(), 'rubo'))).toBe('no watch named "rubo" (did you mean "rubio"?) (see `newswatch watch list`)');
    expect(await removeWatch(store(), 'Rubio')).toEqual(watch);
    expect(await listWatches(store())).toEqual([]);
    expect(await refusal(removeWatch(store(), 'rubio'))).toMatch(/no watch named "rubio"/);
  });

  it('watchIdFor folds a name to a slug', () => {
    expect(watchIdFor('  Marco Rubio ')).toBe('marco-rubio');
    expect(watchIdFor('Erdoğan & co.')).toBe('erdogan-co');
  });

  describe('actors', () => {
    it('resolves a name, an alias a user set, a surname and an id through the registry, and keeps the canonical name', async () => {
      await store().saveActors([KOWALCZYK, DAREK, DARIUSZ]);
      await store().setUserAlias('p:anna-kowalczyk', 'ania kowalczyk');
      const { watch, actors, warnings } = await addWatch(store(), {
        name: 'poland', actors: ['anna KOWALCZYK', 'Ania Kowalczyk', 'Kowalczyk', 'p:darek-nowak'],
      }, NOW);
      expect(warnings).toEqual([]);
      expect(actors.map((a) => a.actor?.id)).toEqual(['p:anna-kowalczyk', 'p:anna-kowalczyk', 'p:anna-kowalczyk', 'p:darek-nowak']);
      expect(actors[0]).toEqual({
        input: 'anna KOWALCZYK', stored: 'Anna Kowalczyk', actor: { id: 'p:anna-kowalczyk', name: 'Anna Kowalczyk', type: 'person', known: 'registry' },
      });
      expect(watch.actors).toEqual(['Anna Kowalczyk', 'Darek Nowak']);
    });

    it('follows a merge from an id or an alias to the surviving actor', async () => {
      await store().saveActors([DAREK, DARIUSZ]);
      await store().mergeActor('p:darek-nowak', 'p:dariusz-nowak');
      const { watch, actors } = await addWatch(store(), { name: 'nowak', actors: ['p:darek-nowak', 'Darek Nowak'] }, NOW);
      expect(actors.map((a) => a.actor?.id)).toEqual(['p:dariusz-nowak', 'p:dariusz-nowak']);
      expect(watch.actors).toEqual(['Dariusz Nowak']);
    });

    it('knows the built-in gazetteer before any article named the actor', async () => {
      const { watch, actors, warnings } = await addWatch(store(), { name: 'lavrov', actors: ['Sergei Lavrov', 'Lavrov'] }, NOW);
      expect(warnings).toEqual([]);
      expect(actors.map((a) => a.actor)).toEqual([
        { id: 'p:sergey-lavrov', name: 'Sergey Lavrov', type: 'person', known: 'gazetteer' },
        { id: 'p:sergey-lavrov', name: 'Sergey Lavrov', type: 'person', known: 'gazetteer' },
      ]);
      expect(watch.actors).toEqual(['Sergey Lavrov']);
    });

    it('accepts an unknown name with a warning naming the nearest known actors', async () => {
      await store().saveActors([KOWALCZYK, DAREK, DARIUSZ]);
      const { watch, actors, warnings } = await addWatch(store(), { name: 'typo', actors: ['Anna Kowalczik', 'Zbigniew Qwerty'] }, NOW);
      expect(watch.actors).toEqual(['Anna Kowalczik', 'Zbigniew Qwerty']);
      expect(actors[0].actor).toBeUndefined();
      expect(actors[0].suggestions).toEqual([{ id: 'p:anna-kowalczyk', name: 'Anna Kowalczyk' }]);
      expect(warnings).toEqual([
        'no actor "Anna Kowalczik" is known yet; did you mean Anna Kowalczyk (p:anna-kowalczyk)? The watch will match it once an article names it.',
        'no actor "Zbigniew Qwerty" is known yet: the watch will match it once an article names it.',
      ]);
    });

    it('suggests from the built-in gazetteer on a fresh store', async () => {
      const { warnings } = await addWatch(store(), { name: 'typo', actors: ['Marco Rubbio', 'Zelenskiyy'] }, NOW);
      expect(warnings[0]).toBe('no actor "Marco Rubbio" is known yet; did you mean Marco Rubio (p:marco-rubio)? The watch will match it once an article names it.');
      expect(warnings[1]).toMatch(/did you mean Volodymyr Zelenskyy \(p:volodymyr-zelensky\)/);
    });

    it('warns about a surname several known people have, and refuses an unknown id', async () => {
      await store().saveActors([DAREK, DARIUSZ]);
      const { watch, warnings } = await addWatch(store(), { name: 'nowak', actors: ['Nowak'] }, NOW);
      expect(watch.actors).toEqual(['Nowak']);
      expect(warnings).toEqual([expect.stringMatching(/"Nowak" is the surname of Darek Nowak \(p:darek-nowak\) or Dariusz Nowak \(p:dariusz-nowak\)/)]);
      expect(await refusal(addWatch(store(), { name: 'x', actors: ['p:darek-nowk'] }))).toMatch(/no actor with id p:darek-nowk; did you mean Darek Nowak \(p:darek-nowak\)/);
      expect(await refusal(addWatch(store(), { name: 'y', actors: ['  '] }))).toMatch(/--actor needs a name/);
    });
  });

  it('after the seed articles: "Marco Rubbio" gets Marco Rubio suggested; "Marco Rubio" resolves through the registry', async () => {
    await ingestFiles(fresh.runtime, [SEEDS]);
    const typo = await addWatch(store(), { name: 'typo', actors: ['Marco Rubbio'] }, NOW);
    expect(typo.warnings[0]).toMatch(/^no actor "Marco Rubbio" is known yet; did you mean Marco Rubio \(p:marco-rubio\)/);
    const known = await addWatch(store(), { name: 'rubio', actors: ['marco rubio'] }, NOW);
    expect(known.warnings).toEqual([]);
    expect(known.actors[0].actor).toEqual({ id: 'p:marco-rubio', name: 'Marco Rubio', type: 'person', known: 'registry' });
    expect(known.watch.actors).toEqual(['Marco Rubio']);
  });

  it('a watch set this way tracks the story its actor and topic name', async () => {
    await addWatch(store(), { name: 'rubio', actors: ['rubio'] }, NOW);
    await addWatch(store(), { name: 'talks', topics: ['Diplomacy'] }, NOW);
    await addWatch(store(), { name: 'quakes', topics: ['disaster'] }, NOW);
    const results = (await ingestFiles(fresh.runtime, [SEEDS])).results;
    const storyIds = new Set(results.map((r) => r.storyId));
    expect(storyIds.size).toBe(1);
    const [story] = await store().listStories();
    expect(story.tracked).toBe(true);
    expect([...story.trackedBy].sort()).toEqual(['rubio', 'talks']);
  });
});
