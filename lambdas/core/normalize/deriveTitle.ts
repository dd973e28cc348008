import { firstSentence } from './sentences';
import type { NormalizeConfig } from './config';

/**
 * A short title for a text that has none: its first sentence, cut at a clause boundary or a
 * word boundary to fit, without a dangling function word or final period.
 */
export function deriveTitle(firstParagraph: string, config: NormalizeConfig): string {
  const sentence = firstSentence(firstParagraph, config.abbreviations);
  const limit = config.derivedTitleMaxChars;
  let title = sentence.replace(/[.!]+["'”’]*$/u, '');
  if (title.length > limit) {
    const window = title.slice(0, limit + 1);
    // A clause boundary past half the limit reads better than an arbitrary word cut.
    const clause = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '), window.lastIndexOf(' — '));
    const cut = clause >= limit / 2 ? clause : window.lastIndexOf(' ');
    title = title.slice(0, cut > 0 ? cut : limit);
  }
  return trimDanglingWords(title, config.titleTrailingStopWords);
}

function trimDanglingWords(title: string, stopWords: string[]): string {
  const stops = new Set(stopWords);
  const words = title.replace(/[\s,;:—–-]+$/u, '').split(' ');
  while (words.length > 1 && stops.has(words[words.length - 1].toLowerCase())) words.pop();
  return words.join(' ').replace(/[\s,;:—–-]+$/u, '');
}
