/**
 * What the tag and cluster steps need to know of an article's language (`doc.language`, an ISO
 * 639-1 code or `und`, from core/normalize/detectLanguage): whether the English rules apply.
 * Unknown (`und`, absent) reads as English, as every article did before languages were
 * detected, so English behaviour and old callers stay as they were.
 */
import { stopWordsOf } from './lexicon/stop-words';

/** The article's language when it is one other than English ("de" for "de-AT"); undefined for English or unknown. */
export function otherLanguageOf(language: string | undefined): string | undefined {
  const primary = language?.trim().toLowerCase().split(/[-_]/)[0];
  if (!primary || primary === 'en' || primary === 'und') return undefined;
  return primary;
}

/** The stop words of `language` when it is one other than English with a list (stop-words.json); undefined otherwise. */
export function otherLanguageStopWords(language: string | undefined): ReadonlySet<string> | undefined {
  const other = otherLanguageOf(language);
  return other ? stopWordsOf(other) : undefined;
}

/** Characters of the title and text whose stop words are counted: the language shows long before. */
export const STOP_WORD_SAMPLE_CHARS = 2_000;
/** Fewest stop words of its language a text must use (and more than English ones) to be read in it. */
export const MIN_LANGUAGE_STOP_WORDS = 2;

/** Words of two letters or more: single letters are initials and abbreviations ("U.S.", "S&P"), in every language. */
const WORD = /\p{L}{2,}(?:['’]\p{L}+)?/gu;

/**
 * The language whose rules the tag and cluster steps apply (undefined: the English ones): the
 * article's language when it is not English and its text bears that out, using more of that
 * language's stop words than of English's (words on both lists not counted). franc reads
 * letters, not words, and on a headline it is often wrong: it calls about one English headline in
 * three of the UCI set French, Swedish or Dutch ("Noyer Says Strong Euro Creates Unwarranted
 * Economic Pressure": fr; "Why eBay Spinning Off Paypal Makes Sense": Javanese). Such a text
 * keeps the English rules, and so does a language without a stop-word list (nothing to bear it
 * out; the rules were English for it before) or a text with a single stop word of its language
 * ("EU starts preparing sanctions against Russia": French "eu").
 */
export function rulesLanguageOf(doc: { title: string; text: string; language?: string }): string | undefined {
  const other = otherLanguageOf(doc.language);
  if (!other) return undefined;
  const own = stopWordsOf(other);
  const english = stopWordsOf('en');
  if (!own || !english) return undefined;
  let ownHits = 0;
  let englishHits = 0;
  const sample = `${doc.title}\n${doc.text.slice(0, STOP_WORD_SAMPLE_CHARS)}`.toLowerCase();
  for (const [word] of sample.matchAll(WORD)) {
    const isOwn = own.has(word);
    const isEnglish = english.has(word);
    if (isOwn && !isEnglish) ownHits++;
    else if (isEnglish && !isOwn) englishHits++;
  }
  return ownHits >= MIN_LANGUAGE_STOP_WORDS && ownHits > englishHits ? other : undefined;
}
