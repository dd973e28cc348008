/**
 * Whitespace as scrapers leave it: CRLF, NBSP and other Unicode spaces, zero-width marks,
 * soft hyphens. ZWJ/ZWNJ are kept: they change spelling in Persian and Indic scripts.
 */
const INVISIBLE = /[\u200B\u200E\u200F\u2060\uFEFF\u00AD]/g;
const ODD_SPACES = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/** Line breaks become "\n", odd spaces become " ", invisible marks go; each line trimmed. */
export function normalizeWhitespace(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(ODD_SPACES, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n');
}

/**
 * One paragraph on one line, single spaces: normalizeWhitespace, then every run of whitespace one
 * space. In two passes (it is called for every block of every page): every character that
 * normalizeWhitespace turns into a line break or a space is `\s` or NEL (U+0085).
 */
export function collapseSpaces(text: string): string {
  return text.replace(INVISIBLE, '').replace(/[\s\u0085]+/g, ' ').trim();
}

/**
 * Letters and digits only, in lower case: how one text is looked for in another when spaces,
 * soft hyphens and punctuation differ between them (the DOM's text and the extracted blocks, a
 * lead or a meta description and the body).
 */
export function comparableText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The clean text form: non-empty paragraphs separated by one blank line. */
export function joinParagraphs(paragraphs: string[]): string {
  return paragraphs.map(collapseSpaces).filter((p) => p.length > 0).join('\n\n');
}
