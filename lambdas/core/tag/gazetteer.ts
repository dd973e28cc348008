/**
 * The gazetteer index: every alias of every known place, organisation and person, by folded
 * key. Built once per process (module scope) from the lexicon files.
 */
import type { ActorType } from '../model';
import { foldName } from './fold-name';
import { GIVEN_NAMES } from './lexicon/given-names';
import { ORGANIZATION_LINES } from './lexicon/organizations';
import { PEOPLE_LINES } from './lexicon/people';
import { PLACE_LINES } from './lexicon/places';
import FOLDED_ORDINARY from './lexicon/folded-ordinary-words.json';
import { COMMON_CAPITALISED } from './lexicon/words';

/** Folded spellings of names that are ordinary words ("Støre" -> "store"): see lookup. */
const FOLDED_ORDINARY_WORDS: ReadonlySet<string> = new Set(FOLDED_ORDINARY.words);

/**
 * Whether a folded key may stand for the name as written: not when the key is an ordinary word
 * ("store") and the text wrote that word itself ("Store", not "Støre"). The registry applies
 * the same guard as lookup below, so "Store" never resolves to Jonas Gahr Støre there either.
 */
export function foldingKeeps(key: string, written: string): boolean {
  return !FOLDED_ORDINARY_WORDS.has(key) || lettersOnly(written).toLowerCase() !== key;
}

export interface KnownActor {
  /** Folded canonical name: unique per type. */
  key: string;
  name: string;
  type: ActorType;
}

export interface AliasMatch {
  actor: KnownActor;
  /** The alias is a bare surname: in-document full names take precedence over it. */
  surnameOnly: boolean;
}

interface AliasEntry extends AliasMatch {
  /** Capitals-only aliases (US, UK, EU) match only text with the same letters in capitals. */
  exactLetters?: string;
  /** An alias whose folded key is an ordinary word matches only its own letters ("Støre", not "Store"). */
  ownLetters?: string;
}

export interface Gazetteer {
  lookup(surface: string): AliasMatch | undefined;
  /** Whether some alias starts with this folded word: a cheap test before trying longer spans. */
  startsAlias(firstWordKey: string): boolean;
  /** The known person whose canonical key is this folded full name, if any. */
  person(key: string): KnownActor | undefined;
  /** Every listed actor with the folded keys of its listed names (for suggestions, not tagging). */
  listed(): readonly ListedActor[];
}

export interface ListedActor {
  actor: KnownActor;
  /** Folded canonical name and aliases, as listed (no derived surname or short forms). */
  keys: string[];
}

const lettersOnly = (s: string): string => s.replace(/[^\p{L}\p{N}+]/gu, '');

function isCapitalsAlias(alias: string): boolean {
  const letters = lettersOnly(alias);
  return letters.length > 0 && letters.length <= 5 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters);
}

const ROMAN_NUMERAL = /^[ivxlc]+$/;

function buildGazetteer(): Gazetteer {
  const byKey = new Map<string, AliasEntry>();
  const firstWords = new Set<string>();
  const people = new Map<string, KnownActor>();
  const listed: ListedActor[] = [];

  const add = (alias: string, actor: KnownActor, surnameOnly = false): void => {
    const key = foldName(alias.replace(/^the\s+/i, ''));
    if (!key) return;
    firstWords.add(key.split(' ')[0]);
    const existing = byKey.get(key);
    if (existing && existing.actor === actor) {
      // "NATO" and "Nato" both listed: any casing is then fine.
      if (!isCapitalsAlias(alias)) existing.exactLetters = undefined;
      return;
    }
    // A full alias beats a surname alias; the first full alias listed wins over later ones.
    if (existing && (!existing.surnameOnly || surnameOnly)) return;
    byKey.set(key, {
      actor,
      surnameOnly,
      exactLetters: isCapitalsAlias(alias) ? lettersOnly(alias) : undefined,
      ownLetters: FOLDED_ORDINARY_WORDS.has(key) ? lettersOnly(alias).toLowerCase() : undefined,
    });
  };

  const load = (lines: readonly string[], type: ActorType): KnownActor[] =>
    lines.map((line) => {
      const [name, ...aliases] = line.split('|').map((s) => s.trim());
      const actor: KnownActor = { key: foldName(name), name, type };
      add(name, actor);
      for (const alias of aliases) add(alias, actor);
      listed.push({ actor, keys: [...new Set([name, ...aliases].map((n) => foldName(n.replace(/^the\s+/i, ''))).filter(Boolean))] });
      return actor;
    });

  // Organisations first: "Kremlin" and "Vatican" as institutions win over the places.
  load(ORGANIZATION_LINES, 'organization');
  load(PLACE_LINES, 'place');
  const persons = load(PEOPLE_LINES, 'person');

  const surnameCount = new Map<string, number>();
  const surnameOf = (actor: KnownActor): string | undefined => {
    const words = actor.key.split(' ');
    if (words.length < 2) return undefined;
    const last = words[words.length - 1];
    if (last.length < 3 || ROMAN_NUMERAL.test(last) || GIVEN_NAMES.has(last) || COMMON_CAPITALISED.has(last)) return undefined;
    return last;
  };
  for (const person of persons) {
    people.set(person.key, person);
    const words = person.key.split(' ');
    // "Recep Tayyip Erdoğan" also answers to "Recep Erdoğan".
    if (words.length >= 3) {
      const written = person.name.split(/\s+/);
      add(written.length === words.length ? `${written[0]} ${written[written.length - 1]}` : `${words[0]} ${words[words.length - 1]}`, person);
    }
    const surname = surnameOf(person);
    if (surname) surnameCount.set(surname, (surnameCount.get(surname) ?? 0) + 1);
  }
  for (const person of persons) {
    const surname = surnameOf(person);
    if (surname && surnameCount.get(surname) === 1) add(writtenLastWord(person, surname), person, true);
  }

  return {
    lookup(surface: string): AliasMatch | undefined {
      const entry = byKey.get(foldName(surface.replace(/^the\s+/i, '')));
      if (!entry) return undefined;
      if (entry.exactLetters !== undefined && lettersOnly(surface) !== entry.exactLetters) return undefined;
      // "App Store" is no Jonas Gahr Støre: folding joins spellings, not ordinary words.
      if (entry.ownLetters !== undefined && lettersOnly(surface).toLowerCase() !== entry.ownLetters) return undefined;
      return { actor: entry.actor, surnameOnly: entry.surnameOnly };
    },
    person: (key) => people.get(key),
    listed: () => listed,
    startsAlias: (firstWordKey) => firstWords.has(firstWordKey),
  };
}

/** The surname as the canonical name writes it ("Støre"), so that its own letters are known. */
function writtenLastWord(person: KnownActor, surnameKey: string): string {
  const written = person.name.split(/\s+/).pop() ?? surnameKey;
  return foldName(written) === surnameKey ? written : surnameKey;
}

let instance: Gazetteer | undefined;

/** The shared gazetteer (built on first use, then reused for every article in the process). */
export function gazetteer(): Gazetteer {
  instance ??= buildGazetteer();
  return instance;
}
