/**
 * confirmNames: in a language other than English a capital says little (German writes every
 * noun with one: "Bundesregierung", "Ausbau", "Blick"), and the English name rules and the
 * mention model (trained on English) take such words for names. There a span stands as an
 * actor of its own only when a name list vouches for it:
 *  - the gazetteer knows it, or knows its first or last words: the model glues words to a name
 *    ("Madrid la Reforma" -> "Madrid", "Hauptstadt Berlin" -> "Berlin");
 *  - it holds a person's name: a known given name followed by capitalised name words, the words
 *    before it cut off ("Wirtschaftsminister Robert Habeck" -> "Robert Habeck"). A given name
 *    that is also an ordinary word (a stop word of the language, or "Art", "Mark", "Green":
 *    lexicon/ordinary-given-names.json) vouches for nothing.
 * Every other span is `unconfirmed`: it still joins an actor the document confirms ("Habeck"
 * after "Robert Habeck"), and otherwise stands only if the actor registry already knows it
 * (extractActors marks such a candidate `registryOnly`, resolveActors drops it when unknown).
 */
import type { NameSpan } from './find-name-spans';
import { foldName } from './fold-name';
import { gazetteer } from './gazetteer';
import { ORDINARY_GIVEN_NAMES } from './lexicon/ordinary-given-names';
import { NAME_PARTICLES } from './lexicon/words';
import { nameLexicon } from './ner/name-lexicon';

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

/** `stopWords`: the article language's ("will" is one in German). */
export function confirmNames(spans: readonly NameSpan[], stopWords: ReadonlySet<string>): NameSpan[] {
  return spans.map((span) => (span.known ? span : personNameIn(span, stopWords) ?? knownNameIn(span) ?? { ...span, unconfirmed: true }));
}

/** The longest run of the span's first or of its last words the gazetteer knows (not by a bare surname). */
function knownNameIn(span: NameSpan): NameSpan | undefined {
  const words = [...span.surface.matchAll(WORD)];
  for (let n = words.length - 1; n >= 1; n--) {
    for (const from of [0, words.length - n]) {
      const start = words[from].index ?? 0;
      const last = words[from + n - 1];
      const surface = span.surface.slice(start, (last.index ?? 0) + last[0].length);
      const match = gazetteer().lookup(surface);
      if (!match || match.surnameOnly) continue;
      return {
        ...span, start: span.start + start, end: span.start + start + surface.length, surface, key: foldName(surface), words: n,
        type: match.actor.type, known: match.actor, surnameOnly: false, evidence: 'known',
        ...(from > 0 ? { placeCue: false } : { speechCue: false }),
      };
    }
  }
  return undefined;
}

/** The person's name inside a span: from a known given name to the end, when only name words follow it. */
function personNameIn(span: NameSpan, stopWords: ReadonlySet<string>): NameSpan | undefined {
  if (span.type && span.type !== 'person') return undefined;
  const words = [...span.surface.matchAll(WORD)];
  const firstNames = nameLexicon().firstNames;
  const isCapitalised = (w: string): boolean => /^\p{Lu}/u.test(w);
  const isNameWord = (w: string): boolean => isCapitalised(w) && !stopWords.has(w.toLowerCase()) || NAME_PARTICLES.has(w.toLowerCase());
  for (let i = 0; i < words.length - 1; i++) {
    const given = words[i][0];
    const rest = words.slice(i + 1).map((m) => m[0]);
    const givenKey = foldName(given).split(' ')[0];
    if (!isCapitalised(given) || stopWords.has(given.toLowerCase()) || !firstNames.has(givenKey) || ORDINARY_GIVEN_NAMES.has(givenKey)) continue;
    if (!rest.every(isNameWord) || !isCapitalised(rest[rest.length - 1])) continue;
    return i === 0 ? { ...span, type: 'person' } : trimmedTo(span, words[i].index ?? 0, words.length - i);
  }
  return undefined;
}

function trimmedTo(span: NameSpan, offset: number, words: number): NameSpan {
  const surface = span.surface.slice(offset);
  const match = gazetteer().lookup(surface);
  const known = match && match.actor.type === 'person' ? match : undefined;
  return {
    ...span,
    start: span.start + offset,
    surface,
    key: foldName(surface),
    words,
    type: 'person',
    // The words cut off were the span's start: context cues that depended on it no longer hold.
    placeCue: false,
    ...(known ? { known: known.actor, surnameOnly: known.surnameOnly, evidence: 'known' as const } : {}),
  };
}
