/**
 * extendHyphenatedNames: Korean given names are often written with a hyphen and a lower-case
 * second syllable ("Kim Jong-un", "Moon Jae-in", "Ban Ki-moon"). Capitalised runs stop at the
 * lower-case part, so a person's span of two or more words followed by "-un" takes it back in
 * (then "Kim Jong-un" folds to the key of "Kim Jong Un"). "-led", "-backed", "-based" are no names.
 */
import { foldName } from './fold-name';
import type { NameSpan } from './find-name-spans';
import { gazetteer } from './gazetteer';

const SYLLABLE_AFTER_HYPHEN = /^[-‐‑](\p{Ll}{2,5})(?![\p{L}\p{N}-])/u;
const NOT_A_SYLLABLE = /(?:ed|ing|ly)$/;

export function extendHyphenatedNames(text: string, spans: readonly NameSpan[]): NameSpan[] {
  return spans.map((span) => {
    if (span.words < 2 || span.type && span.type !== 'person') return span;
    const next = SYLLABLE_AFTER_HYPHEN.exec(text.slice(span.end, span.end + 8));
    if (!next || NOT_A_SYLLABLE.test(next[1])) return span;
    const surface = text.slice(span.start, span.end + next[0].length);
    const match = gazetteer().lookup(surface);
    const known = match?.actor.type === 'person' ? match : undefined;
    return {
      ...span,
      end: span.start + surface.length,
      surface,
      key: foldName(surface),
      ...(known ? { known: known.actor, surnameOnly: known.surnameOnly, type: 'person' as const, evidence: 'known' as const } : {}),
    };
  });
}
