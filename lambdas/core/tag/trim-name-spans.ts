/**
 * trimOrdinaryWords: a title-case headline or heading glues verbs and common nouns to a name
 * ("Kim Says …", "Uma Thurman Abuse …"). In the title and in heading lines, words at the end of an unknown span that the document
 * writes in lower case elsewhere (or that are verbs of saying) are cut off, unless a name list
 * knows them as a name part ("Susan Rice" keeps "Rice").
 */
import { foldName } from './fold-name';
import { gazetteer } from './gazetteer';
import type { NameSpan } from './find-name-spans';
import { SPEECH_VERBS } from './lexicon/words';
import { nameLexicon } from './ner/name-lexicon';
import type { Token } from './tokenize';

/** Lower-case words of the document's tokens: the words it uses as ordinary words. */
export function ordinaryWordsOf(tokens: readonly Token[]): Set<string> {
  const words = new Set<string>(SPEECH_VERBS);
  tokens.forEach((t, i) => {
    const before = tokens[i - 1];
    // "@durov", "#durov": a handle or tag spells a name in lower case.
    const handle = before && before.end === t.start && (before.text === '@' || before.text === '#');
    if (t.isWord && !t.capitalised && !handle) words.add(t.text.toLowerCase());
  });
  return words;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

/**
 * `inHeading` says which spans stand in a title-case line; only those are trimmed (mid-sentence,
 * "Chuck Close" and "James To" are whole names).
 */
export function trimOrdinaryWords(
  spans: readonly NameSpan[], ordinary: ReadonlySet<string>, inHeading: (span: NameSpan) => boolean,
): NameSpan[] {
  // Organisation and place names end in common nouns by design ("Cincinnati Zoo", "The Times").
  return spans.map((span) => (span.known || span.words < 2 || span.type && span.type !== 'person' || !inHeading(span)
    ? span : trimSpan(span, ordinary)));
}

function trimSpan(span: NameSpan, ordinary: ReadonlySet<string>): NameSpan {
  const words = [...span.surface.matchAll(WORD)];
  const lexicon = nameLexicon();
  let keep = words.length;
  while (keep > 1) {
    const word = words[keep - 1][0].toLowerCase().replace(/['’]s$/, '');
    const nameWord = lexicon.surnames.has(word) || lexicon.firstNames.has(word);
    if (!ordinary.has(word) || nameWord) break;
    keep--;
  }
  if (keep === words.length) return span;
  const last = words[keep - 1];
  const surface = span.surface.slice(0, last.index + last[0].length);
  const match = gazetteer().lookup(surface);
  const known = match && (!span.type || match.actor.type === span.type) ? match : undefined;
  return {
    ...span,
    end: span.start + surface.length,
    surface,
    key: foldName(surface),
    words: keep,
    ...(known ? { known: known.actor, surnameOnly: known.surnameOnly, type: known.actor.type, evidence: 'known' as const } : {}),
  };
}
