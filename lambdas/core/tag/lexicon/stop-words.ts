/**
 * Stop words of the languages other than English: the lists of the `stopword` package (MIT),
 * turned into stop-words.json by scripts/build-stop-words.ts (lower case, NFC). English keeps
 * the lists of the steps that use it (keyphrases, cluster terms), so English output is as before.
 */
import STOP_WORD_DATA from './stop-words.json';

const LISTS: Readonly<Record<string, readonly string[]>> = STOP_WORD_DATA.languages;
const sets = new Map<string, ReadonlySet<string>>();
/** Codes that name a language whose list is kept under another code: Norwegian ("no", as pages declare it) is Bokmål's. */
const SAME_LIST: Readonly<Record<string, string>> = { no: 'nb' };

/** The stop words of a language other than English (639-1 code), built once; undefined when none is shipped. */
export function stopWordsOf(language: string): ReadonlySet<string> | undefined {
  const code = SAME_LIST[language] ?? language;
  const cached = sets.get(code);
  if (cached) return cached;
  const list = Object.prototype.hasOwnProperty.call(LISTS, code) ? LISTS[code] : undefined;
  if (!list) return undefined;
  const set = new Set(list);
  sets.set(code, set);
  return set;
}
