/** Term extraction shared by the profile step: tokens, light stemming, static weighting. */
import { otherLanguageStopWords } from '../tag/language';
import { COMMON_NEWS_WORDS, ENGLISH_STOPWORDS } from './words';

/** Lower-case runs of unicode letters and digits; apostrophes end a word ("Ukraine’s" -> "ukraine"). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Words that end in "s" without being plurals: stripping it would merge them with others ("news" -> "new"). */
const NOT_PLURALS: ReadonlySet<string> = new Set([
  'news', 'series', 'species', 'means', 'always', 'perhaps', 'whereas', 'towards', 'afterwards', 'headquarters',
  'arms', 'lens', 'mathematics', 'diabetes', 'overseas', 'sometimes', 'besides', 'nevertheless',
]);

/** Light plural stemming: "negotiations" -> "negotiation", "talks" -> "talk", "allies" -> "ally". */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || NOT_PLURALS.has(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(?:ss|us|is|ous|ics)$/.test(word)) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/**
 * The stop words of an article's language (lexicon/stop-words.json, shared with the tagger);
 * English, unknown and a language without a list take the English list.
 */
export function stopWordsFor(language: string | undefined): ReadonlySet<string> {
  return otherLanguageStopWords(language) ?? ENGLISH_STOPWORDS;
}

/** Content terms of a text: stopwords (English unless given) and too-short tokens dropped, then stemmed. */
export function contentTerms(text: string, minLength: number, stopWords: ReadonlySet<string> = ENGLISH_STOPWORDS): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    if (token.length < minLength || stopWords.has(token)) continue;
    const term = stem(token);
    if (!stopWords.has(term)) terms.push(term);
  }
  return terms;
}

/**
 * Static stand-in for inverse document frequency: common news words and bare numbers weigh
 * less; short words a little less than long ones (long words tend to be rarer).
 */
export function termRarity(term: string, weights: { commonWordWeight: number; numberWeight: number }): number {
  if (COMMON_NEWS_WORDS.has(term)) return weights.commonWordWeight;
  if (/^\p{N}+$/u.test(term)) return weights.numberWeight;
  return Math.min(1, 0.55 + term.length * 0.06);
}

/** Keeps the `count` heaviest entries (ties by key, for determinism). */
export function topEntries(weights: Record<string, number>, count: number): [string, number][] {
  return Object.entries(weights)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, count);
}

export function l2Normalize(weights: Record<string, number>): Record<string, number> {
  const norm = Math.sqrt(Object.values(weights).reduce((sum, w) => sum + w * w, 0));
  if (norm === 0) return {};
  const out: Record<string, number> = {};
  for (const [key, w] of Object.entries(weights)) out[key] = w / norm;
  return out;
}

/** Cosine of two sparse vectors (neither needs to be normalized). */
export function cosine(a: Record<string, number>, b: Record<string, number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [key, w] of Object.entries(a)) {
    normA += w * w;
    const other = b[key];
    if (other !== undefined) dot += w * other;
  }
  for (const w of Object.values(b)) normB += w * w;
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
