/**
 * The tagger and keyword matching know the article's language (issue 17): outside English no
 * actor from a capital alone, and stop words per language in keyphrases and cluster terms,
 * while English (and unknown) articles come out exactly as before.
 */
import { readFileSync, readdirSync } from 'fs';
import path from 'path';
import { tagLine } from '../../lambdas/app/tag-jsonl';
import { profileArticle } from '../../lambdas/core/cluster';
import { contentTerms, stopWordsFor } from '../../lambdas/core/cluster/terms';
import type { ActorCandidate, ActorRecord } from '../../lambdas/core/model';
import { actorLookupKeys, extractActors, extractKeyphrases, foldName, resolveActors, tagArticle } from '../../lambdas/core/tag';
import { confirmNames } from '../../lambdas/core/tag/confirm-names';
import type { NameSpan } from '../../lambdas/core/tag/find-name-spans';
import { rulesLanguageOf } from '../../lambdas/core/tag/language';

/** Shaped like a German news page (a Tagesschau-style report): nouns capitalised, a title glued to a name. */
const GERMAN = {
  title: 'Bundesregierung plant Ausbau der Stromnetze',
  text: [
    'Die Bundesregierung will den Ausbau der Stromnetze deutlich beschleunigen. Wirtschaftsminister Robert Habeck '
      + 'stellte am Mittwoch in Berlin einen Gesetzentwurf vor, der Änderungen beim Planungsrecht vorsieht.',
    'Mit Blick auf die steigenden Kosten sagte Habeck, die Netzbetreiber müssten schneller investieren. Die Union '
      + 'kritisierte den Entwurf als unzureichend. Kanzler Olaf Scholz verteidigte die Pläne der Bundesregierung im Bundestag.',
    'Nach Angaben des Ministeriums sollen die Änderungen noch in diesem Jahr in Kraft treten. Der Ausbau der Netze '
      + 'gilt als Voraussetzung für die Energiewende.',
  ].join('\n\n'),
};

const FRENCH = {
  title: 'Le gouvernement présente sa réforme des retraites',
  text: 'Le Premier ministre Gabriel Attal a présenté mercredi à Paris la Réforme des retraites. Selon le Gouvernement, '
    + 'la Réforme entrera en vigueur au Printemps. Les Syndicats ont dénoncé un texte injuste, et Attal a promis le Dialogue.',
};

const SPANISH = {
  title: 'El Gobierno aprueba la Reforma laboral',
  text: 'El presidente Pedro Sánchez defendió este martes en Madrid la Reforma laboral aprobada por el Consejo. '
    + 'Según el Ministerio, la Reforma reducirá la Temporalidad. La Oposición votó en contra y Sánchez pidió Diálogo.',
};

const COMMON_NOUNS = ['Bundesregierung', 'Ausbau', 'Blick', 'Änderungen', 'Die Union', 'Union', 'Wirtschaftsminister Robert Habeck',
  'Stromnetze', 'Kosten', 'Angaben', 'Netzbetreiber', 'Kanzler Olaf Scholz', 'Energiewende', 'Kraft'];

const actorsStanding = (candidates: ActorCandidate[]): ActorCandidate[] => candidates.filter((a) => !a.registryOnly);
const names = (candidates: ActorCandidate[]): string[] => candidates.map((a) => a.name);

describe('extractActors outside English', () => {
  it('the English rules make persons of German nouns (what language-aware tagging removes)', () => {
    const english = names(extractActors(GERMAN));
    expect(english.filter((n) => COMMON_NOUNS.includes(n)).length).toBeGreaterThanOrEqual(3);
  });

  it('a German article: no actor from a capitalised noun; the person named after a title, the title cut off', () => {
    const actors = actorsStanding(extractActors({ ...GERMAN, language: 'de' }));
    expect(names(actors).filter((n) => COMMON_NOUNS.includes(n))).toEqual([]);
    const habeck = actors.find((a) => a.name === 'Robert Habeck');
    expect(habeck).toMatchObject({ type: 'person' });
    // "Robert Habeck" in the first paragraph and the bare surname later: one actor, both mentions.
    expect(habeck!.mentions.map((m) => GERMAN.text.slice(m.start, m.end))).toEqual(['Robert Habeck', 'Habeck']);
    expect(actors.find((a) => a.name === 'Olaf Scholz')).toMatchObject({ type: 'person' });
    expect(actors.find((a) => a.name === 'Berlin')).toMatchObject({ type: 'place' });
    for (const actor of actors) expect(actor.keys).not.toContain('wirtschaftsminister robert habeck');
  });

  it('a German name ends at its surname: no noun after it, no punctuation inside', () => {
    const text = 'Der Aufsichtsrat hat entschieden. Ab September übernimmt von Vorstandsmitglied Axel Hellmann den Geschäftsbereich '
      + 'Finanzen, IT und Personal. Der Vertrag von Johann Sebastian Bach und von Ursula von der Leyen liegt vor.';
    const persons = actorsStanding(extractActors({ title: '', text, language: 'de' })).filter((a) => a.type === 'person');
    expect(names(persons).sort()).toEqual(['Axel Hellmann', 'Johann Sebastian Bach', 'Ursula von der Leyen']);
  });

  it.each([
    // The spans the English rules and the mention model make of German text, and what stands of them.
    ['Wirtschaftsminister Robert Habeck', 'Robert Habeck'],
    ['Axel Hellmann den Geschäftsbereich Finanzen', 'Axel Hellmann'],
    ['Mathias Flückiger: Vertragsverlängerung', 'Mathias Flückiger'],
    ['Leandra Lou – Der', 'Leandra Lou'],
    ['Theodor W. Adorno', 'Theodor W. Adorno'],
    ['Iris van Herpen', 'Iris van Herpen'],
    ['Art Polarstern', undefined], // "Art" (kind): a given name that is an ordinary word
    ['Will Schneider', undefined], // "will": a German stop word
    ['Die Bundesregierung', undefined],
  ])('confirmNames: %p -> %p', (surface, expected) => {
    const offset = 7;
    const span: NameSpan = {
      start: offset, end: offset + surface.length, surface, key: foldName(surface), words: surface.split(' ').length,
      evidence: 'strong', placeCue: false, speechCue: false,
    };
    const [confirmed] = confirmNames([span], stopWordsFor('de'));
    if (expected === undefined) {
      expect(confirmed.unconfirmed).toBe(true);
      return;
    }
    expect(confirmed).toMatchObject({ surface: expected, type: 'person' });
    expect(confirmed.unconfirmed).toBeUndefined();
    expect(confirmed.start).toBe(offset + surface.indexOf(expected));
    expect(confirmed.end - confirmed.start).toBe(expected.length);
  });

  it('a French and a Spanish article: the persons and known places stand, capitalised nouns do not', () => {
    const french = actorsStanding(extractActors({ ...FRENCH, language: 'fr' }));
    expect(names(french)).toEqual(expect.arrayContaining(['Gabriel Attal', 'Paris']));
    expect(names(french).filter((n) => /Réforme|Gouvernement|Printemps|Syndicats|Dialogue|Premier/.test(n))).toEqual([]);
    const spanish = actorsStanding(extractActors({ ...SPANISH, language: 'es' }));
    expect(names(spanish)).toEqual(expect.arrayContaining(['Pedro Sánchez', 'Madrid']));
    expect(names(spanish).filter((n) => /Reforma|Consejo|Ministerio|Temporalidad|Oposición|Diálogo/.test(n))).toEqual([]);
  });

  it('a name only capitals suggest stands when the registry already knows it, and never becomes a new actor', () => {
    const candidates = extractActors({ ...GERMAN, language: 'de' });
    const union = candidates.find((a) => a.keys.includes('union'));
    expect(union?.registryOnly).toBe(true);
    expect(actorLookupKeys(candidates)).toContain('union');
    const empty = resolveActors(candidates, new Map());
    expect(empty.actors.map((a) => a.name)).not.toContain(union!.name);
    expect(empty.registryUpdates.map((r) => r.name)).not.toContain(union!.name);
    const cdu: ActorRecord = { id: 'o:cdu-csu', name: 'CDU/CSU', type: 'organization', aliases: ['cdu csu', 'union'] };
    const known = resolveActors(candidates, new Map([['union', cdu]]));
    expect(known.actors.find((a) => a.id === 'o:cdu-csu')?.mentions.length).toBeGreaterThan(0);
  });

  it('the registry-only rule reaches the tag step as a whole (tagArticle)', () => {
    const { tags, registryUpdates } = tagArticle({ ...GERMAN, language: 'de' }, [], new Map());
    expect(tags.actors.map((a) => a.name)).toEqual(expect.arrayContaining(['Robert Habeck', 'Olaf Scholz', 'Berlin']));
    expect(tags.actors.map((a) => a.name).filter((n) => COMMON_NOUNS.includes(n))).toEqual([]);
    expect(registryUpdates.map((r) => r.name).filter((n) => COMMON_NOUNS.includes(n))).toEqual([]);
  });

  it('`newswatch tag --jsonl` takes a line\'s language (absent: the English rules, as before)', async () => {
    const tagged = async (extra: object): Promise<string[]> => {
      const out = await tagLine(JSON.stringify({ id: 1, ...GERMAN, ...extra }), []);
      if ('error' in out) throw new Error(out.error);
      return out.actors.map((a) => a.name);
    };
    expect((await tagged({ language: 'de' })).filter((n) => COMMON_NOUNS.includes(n))).toEqual([]);
    expect((await tagged({})).filter((n) => COMMON_NOUNS.includes(n)).length).toBeGreaterThan(0);
    expect(await tagLine(JSON.stringify({ id: 2, text: 'x', language: 7 }), [])).toEqual({ id: 2, error: '"language" must be a string when given' });
  });
});

describe('English and unknown articles are tagged exactly as before', () => {
  const seeds = path.join(__dirname, '..', 'fixtures', 'tag', 'seeds');
  const docs = readdirSync(seeds).sort().map((file) => ({ title: '', text: readFileSync(path.join(seeds, file), 'utf8') }));

  // 'fr', 'sv': what franc answers for some English headlines; the text's stop words overrule it.
  it.each(['en', 'en-GB', 'und', undefined, 'fr', 'sv'])('language %p: actors, keyphrases and the cluster profile equal the unlabelled run', (language) => {
    for (const doc of docs.slice(0, 6)) {
      expect(extractActors({ ...doc, language })).toEqual(extractActors(doc));
      expect(extractKeyphrases({ ...doc, language })).toEqual(extractKeyphrases(doc));
      const input = { ...doc, actors: [], topics: [] };
      expect(profileArticle({ ...input, language })).toEqual(profileArticle(input));
    }
  });
});

describe('rulesLanguageOf: the detected language, when the text bears it out', () => {
  it.each([
    ['the German paragraph', 'de', 'de', GERMAN],
    ['the French paragraph', 'fr', 'fr', FRENCH],
    ['the Spanish paragraph', 'es', 'es', SPANISH],
    // English headlines franc took for French or Swedish: no stop word of theirs, or English ones.
    ['an English headline without stop words', 'fr', undefined, { title: '', text: 'Noyer Says Strong Euro Creates Unwarranted Economic Pressure' }],
    ['an English headline', 'sv', undefined, { title: '', text: 'Forex Market: EUR/USD retreats from 2-1/2-year highs as stronger euro seen' }],
    ['an English headline with one French stop word', 'fr', undefined, { title: '', text: 'EU starts preparing sanctions against Russia' }],
    ['an English headline in a language without a list', 'jv', undefined, { title: '', text: 'Why eBay Spinning Off Paypal Makes Sense' }],
    ['the German paragraph', 'en', undefined, GERMAN],
    ['the German paragraph', 'und', undefined, GERMAN],
  ])('%s labelled %p -> %p', (_name, language, expected, doc) => {
    expect(rulesLanguageOf({ ...doc, language })).toBe(expected);
  });
});

describe('stop words per language', () => {
  const germanStops = stopWordsFor('de');

  it('keyphrases of a German article neither start nor end with a German stop word', () => {
    const english = extractKeyphrases(GERMAN);
    const german = extractKeyphrases({ ...GERMAN, language: 'de' });
    const edges = (phrases: string[]): string[] => phrases.flatMap((p) => [p.split(' ')[0], p.split(' ').at(-1)!]).map((w) => w.toLowerCase());
    // Read with the English list, "Die Bundesregierung" and "der Stromnetze" style phrases come out.
    expect(edges(english).some((w) => germanStops.has(w))).toBe(true);
    expect(german.length).toBeGreaterThan(0);
    expect(edges(german).filter((w) => germanStops.has(w))).toEqual([]);
    expect(german.some((p) => /ausbau/i.test(p)) && german.some((p) => /stromnetze/i.test(p))).toBe(true);
  });

  it('cluster terms drop the language’s stop words; English keeps its own list', () => {
    const terms = contentTerms(GERMAN.text, 2, germanStops);
    for (const word of ['die', 'der', 'den', 'mit', 'auf', 'nach', 'noch', 'sollen']) expect(terms).not.toContain(word);
    expect(contentTerms(GERMAN.text, 2)).toEqual(expect.arrayContaining(['die', 'der', 'mit']));
    expect(stopWordsFor('en')).toBe(stopWordsFor(undefined));
    expect(stopWordsFor('und')).toBe(stopWordsFor('en'));
    expect(stopWordsFor('xx')).toBe(stopWordsFor('en'));
    expect(stopWordsFor('fr').has('les')).toBe(true);
    expect(stopWordsFor('es').has('los')).toBe(true);
    expect(stopWordsFor('no')).toBe(stopWordsFor('nb'));
    expect(stopWordsFor('nb').has('og')).toBe(true);
  });

  it('a German profile carries no stop word among its terms or title terms, and says which language it was read in', () => {
    const profile = profileArticle({ ...GERMAN, language: 'de', actors: [], topics: [] });
    expect(Object.keys(profile.terms).filter((t) => germanStops.has(t))).toEqual([]);
    expect(Object.keys(profile.title ?? {}).filter((t) => germanStops.has(t))).toEqual([]);
    expect(profile.language).toBe('de');
    const unlabelled = profileArticle({ ...GERMAN, actors: [], topics: [] });
    expect(Object.keys(unlabelled.terms).filter((t) => germanStops.has(t)).length).toBeGreaterThan(0);
    expect(unlabelled.language).toBeUndefined();
  });
});
