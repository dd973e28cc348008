import { francAll } from 'franc-min';
import { data as trigramProfiles } from 'franc-min/data.js';
import { expressions as scriptExpressions } from 'franc-min/expressions.js';
import { iso6393To1 } from 'iso-639-3';

/**
 * The language of an article, from its title and text, with what the page declares (`<html
 * lang>`, `og:locale`, a feed's or a JSON item's `language`) as a prior. franc-min (the 82
 * languages with 8 million speakers or more, trigram profiles, 100 KB) reads the text; a
 * declaration is kept while the text does not clearly say otherwise, so a page's own word wins
 * between close languages (Norwegian and Danish, Spanish and Galician) and a template's stale
 * `lang="en"` on a German text does not. The answer is an ISO 639-1 code, or `und`.
 */
export function detectLanguage(input: { title: string; text: string; declared?: string }): string {
  const declared = declaredLanguage(input.declared);
  const sample = `${input.title}\n${input.text}`;
  // Most pages are in the language they declare, and a few hundred characters say so: franc's
  // time grows with the sample's trigrams, so the whole sample is read only when they do not.
  if (declared && sample.length > DECLARED_CHECK_CHARS && judge(sample.slice(0, DECLARED_CHECK_CHARS), declared) === declared) return declared;
  return judge(sample.slice(0, LANGUAGE_SAMPLE_CHARS), declared);
}

/** franc's answer on `sample`, the declared language kept when it scores within the margin of the best. */
function judge(sample: string, declared: string | undefined): string {
  // Languages without a 639-1 code (Nigerian Fulfulde, Sunda...) are not answers here.
  const guesses = francAll(sample, { minLength: LANGUAGE_MIN_CHARS }).filter(([code]) => iso6393To1[code]);
  if (guesses.length === 0) return declared ?? UNDETERMINED;
  const [top, topScore] = guesses[0];
  if (declared) {
    const declaredScore = guesses.find(([code]) => iso6393To1[code] === declared)?.[1];
    // Kept within the margin, and when franc does not know the language at all (franc-min has
    // the 82 largest: not Finnish, Danish or Norwegian): a page's word is all there is then.
    if (declaredScore === undefined ? !FRANC_LANGUAGES.has(declared) : declaredScore >= topScore - DECLARED_LANGUAGE_MARGIN) return declared;
  }
  return iso6393To1[top];
}

/** The 639-1 codes franc-min can answer: its trigram profiles, and the languages alone in their script. */
const FRANC_LANGUAGES: ReadonlySet<string> = new Set(
  [...Object.values(trigramProfiles).flatMap((languages) => Object.keys(languages)), ...Object.keys(scriptExpressions).filter((key) => /^[a-z]{3}$/.test(key))]
    .map((code) => iso6393To1[code])
    .filter((code): code is string => Boolean(code)),
);

/** "de-DE", "en_US", "DE" -> "de"; anything that is not a 639-1 code -> undefined. */
export function declaredLanguage(tag: string | undefined): string | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  if (!primary) return undefined;
  if (/^[a-z]{2}$/.test(primary)) return primary;
  return /^[a-z]{3}$/.test(primary) ? iso6393To1[primary] : undefined;
}

export const UNDETERMINED = 'und';
/** franc reads this much of the title and text: the language is settled long before, and it keeps detection linear and fast. */
export const LANGUAGE_SAMPLE_CHARS = 1_000;
/**
 * With a declaration, franc first reads this much: when the declared language is kept on it, that
 * is the answer (`npm run eval:language`: the same agreement as reading 1,000, in a third of the time).
 */
export const DECLARED_CHECK_CHARS = 200;
/** Below this many characters franc does not guess (and a declaration, if any, is taken as it is). */
export const LANGUAGE_MIN_CHARS = 20;
/**
 * franc's scores are relative to its best guess (1); a declared language scoring within this
 * much of it is kept. Measured on web-extraction-dev (`npm run eval:language`).
 */
export const DECLARED_LANGUAGE_MARGIN = 0.1;
