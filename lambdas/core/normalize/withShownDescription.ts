import type { NormalizeConfig } from './config';
import { collapseSpaces, comparableText } from './whitespace';

type ShownDescriptionConfig = Pick<NormalizeConfig, 'shownDescriptionMinChars' | 'shownDescriptionProbeChars' | 'shownDescriptionMaxKnownShare' | 'shownDescriptionMinWordChars'>;

/**
 * The page's meta description, put first when the page shows it as text (a standfirst under the
 * headline, a lead in a `<header>` or a deck `<h2>`, which pruning cuts or Readability leaves out)
 * and it adds to the extracted text: most of its words are not in the text already. A summary
 * whose words the text holds anyway (a news deck restating the first paragraph) is not added.
 */
export function withShownDescription(paragraphs: string[], description: string | undefined, markup: string, config: ShownDescriptionConfig): string[] {
  const summary = description ? collapseSpaces(description) : '';
  if (summary.length < config.shownDescriptionMinChars || paragraphs.length === 0) return paragraphs;
  const text = paragraphs.join(' ');
  if (comparableText(text).includes(comparableText(summary))) return paragraphs;
  if (knownWordShare(summary, text, config.shownDescriptionMinWordChars) > config.shownDescriptionMaxKnownShare) return paragraphs;
  return isShownAsText(markup, summary.slice(0, config.shownDescriptionProbeChars)) ? [summary, ...paragraphs] : paragraphs;
}

/** The share of the summary's distinct words (of minChars letters or more) that the text has. */
function knownWordShare(summary: string, text: string, minChars: number): number {
  const words = (value: string) => new Set(value.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= minChars));
  const own = words(summary);
  if (own.size === 0) return 1;
  const known = words(text);
  let shared = 0;
  for (const word of own) if (known.has(word)) shared += 1;
  return shared / own.size;
}

/**
 * The probe opens an element's text in the body: right after a tag's `>` (spaces between), not
 * inside an attribute, a `<meta>` content or a JSON blob (data attributes and inline state repeat
 * the description on many pages that do not show it).
 */
function isShownAsText(markup: string, probe: string): boolean {
  const bodyStart = Math.max(markup.search(/<body[\s>]/i), 0);
  for (let at = markup.indexOf(probe, bodyStart); at !== -1; at = markup.indexOf(probe, at + 1)) {
    let before = at - 1;
    while (before >= 0 && /\s/.test(markup[before])) before -= 1;
    if (markup[before] === '>') return true;
  }
  return false;
}
