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

/**
 * The person's name inside a span, in the shape of a European name: a known given name, more
 * given names or initials, name particles, then one surname ("Robert Habeck", "Johann Sebastian
 * Bach", "Theodor W. Adorno", "Ursula von der Leyen"). Words before it are cut off, and so is
 * whatever follows the surname ("Axel Hellmann den Geschäftsbereich Finanzen"); a name never
 * runs across punctuation ("Mathias Flückiger: Vertragsverlängerung").
 */
function personNameIn(span: NameSpan, stopWords: ReadonlySet<string>): NameSpan | undefined {
  if (span.type && span.type !== 'person') return undefined;
  const words = [...span.surface.matchAll(WORD)];
  const firstNames = nameLexicon().firstNames;
  const isCapitalised = (w: string): boolean => /^\p{Lu}/u.test(w);
  const isGiven = (w: string): boolean => {
    const key = foldName(w).split(' ')[0];
    return isCapitalised(w) && !stopWords.has(w.toLowerCase()) && firstNames.has(key) && !ORDINARY_GIVEN_NAMES.has(key);
  };
  const isInitial = (w: string): boolean => /^\p{Lu}\.$/u.test(w);
  const isSurname = (w: string): boolean => isCapitalised(w) && !stopWords.has(w.toLowerCase()) && !isInitial(w);
  const isParticle = (w: string): boolean => NAME_PARTICLES.has(w);
  /** Only spaces between word k - 1 and word k. */
  const joined = (k: number): boolean => /^\s+$/.test(span.surface.slice(words[k - 1].index! + words[k - 1][0].length, words[k].index));
  for (let i = 0; i < words.length - 1; i++) {
    if (!isGiven(words[i][0])) continue;
    let k = i + 1;
    while (k < words.length - 1 && joined(k) && joined(k + 1) && (isGiven(words[k][0]) || isInitial(words[k][0]))) k++;
    while (k < words.length - 1 && joined(k) && isParticle(words[k][0])) k++;
    if (!joined(k) || !isSurname(words[k][0])) continue;
    const end = words[k].index! + words[k][0].length;
    const from = words[i].index!;
    return from === 0 && end === span.surface.length ? { ...span, type: 'person' } : trimmedTo(span, from, end, k - i + 1);
  }
  return undefined;
}

function trimmedTo(span: NameSpan, offset: number, end: number, words: number): NameSpan {
  const surface = span.surface.slice(offset, end);
  const match = gazetteer().lookup(surface);
  const known = match && match.actor.type === 'person' ? match : undefined;
  return {
    ...span,
    start: span.start + offset,
    end: span.start + end,
    surface,
    key: foldName(surface),
    words,
    type: 'person',
    // Words cut off at either end: the context cues read beside them no longer hold.
    ...(offset > 0 ? { placeCue: false } : {}),
    ...(end < span.surface.length ? { speechCue: false } : {}),
    ...(known ? { known: known.actor, surnameOnly: known.surnameOnly, evidence: 'known' as const } : {}),
  };
}
