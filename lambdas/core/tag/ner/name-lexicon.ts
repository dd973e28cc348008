/**
 * The name lists the mention model looks words and phrases up in, as sets of folded keys:
 * the tagger's own lexicons (lexicon/*.json) plus the derived lists of lexicon/name-lists.json (origins and
 * licences in docs/ner.md). Built once per process.
 */
import type { ActorType } from '../../model';
import { foldName } from '../fold-name';
import { GIVEN_NAMES } from '../lexicon/given-names';
import NAME_LISTS from '../lexicon/name-lists.json';
import { ORGANIZATION_LINES } from '../lexicon/organizations';
import { PEOPLE_LINES } from '../lexicon/people';
import { PLACE_LINES } from '../lexicon/places';

export interface NameLexicon {
  firstNames: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
  /** Folded phrase -> the types it is listed under (bit 1 person, 2 organization, 4 place). */
  phrases: ReadonlyMap<string, number>;
  /** Folded first words of the phrases: a cheap test before trying longer spans. */
  phraseStarts: ReadonlySet<string>;
  /** Longest phrase, in words. */
  maxPhraseWords: number;
}

export const TYPE_BIT: Record<ActorType, number> = { person: 1, organization: 2, place: 4 };

function buildNameLexicon(): NameLexicon {
  const phrases = new Map<string, number>();
  const phraseStarts = new Set<string>();
  let maxPhraseWords = 1;
  const add = (name: string, type: ActorType): void => {
    const key = foldName(name.replace(/^the\s+/i, ''));
    if (!key) return;
    phrases.set(key, (phrases.get(key) ?? 0) | TYPE_BIT[type]);
    const words = key.split(' ');
    phraseStarts.add(words[0]);
    maxPhraseWords = Math.max(maxPhraseWords, words.length);
  };
  const addLines = (lines: readonly string[], type: ActorType): void => {
    for (const line of lines) for (const alias of line.split('|')) add(alias.trim(), type);
  };
  addLines(PEOPLE_LINES, 'person');
  addLines(ORGANIZATION_LINES, 'organization');
  addLines(PLACE_LINES, 'place');
  addLines(NAME_LISTS.persons, 'person');
  addLines(NAME_LISTS.organizations, 'organization');
  addLines(NAME_LISTS.places, 'place');
  const firstNames = new Set<string>(NAME_LISTS.firstNames);
  for (const n of GIVEN_NAMES) firstNames.add(n);
  return { firstNames, surnames: new Set(NAME_LISTS.surnames), phrases, phraseStarts, maxPhraseWords: Math.min(maxPhraseWords, 6) };
}

let instance: NameLexicon | undefined;

export function nameLexicon(): NameLexicon {
  instance ??= buildNameLexicon();
  return instance;
}
