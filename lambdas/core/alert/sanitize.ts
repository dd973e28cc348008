/**
 * One cleaning for every piece of text from the world that a message renders (the email body and
 * subject, Slack blocks) and for the names and titles normalize keeps. Pure: no imports.
 *
 * - Invisible format characters go: bidi embeddings, overrides and isolates (U+202A–202E,
 *   U+2066–2069, U+200E/200F, U+061C), zero-width characters (U+200B–200D, U+2060, U+FEFF), tag
 *   characters and the rest of Unicode's "format" class, and unpaired surrogates. None of them
 *   shows; all of them can make a name read differently from what it is.
 * - In a one-line field, every control character and line or paragraph separator becomes a space
 *   (runs collapsed), so no field can add a line to an email ("Evil\nLink: http://x" stays on
 *   its line), then the field is capped.
 */

/** Unicode format characters (bidi controls, zero-width, tags, BOM) and lone surrogates. */
const INVISIBLE = /[\p{Cf}\p{Cs}]/gu;
/** Controls (C0, DEL, C1: CR, LF, VT, FF, NEL…), line/paragraph separators and any whitespace run. */
const LINE_BREAKING = /[\p{Cc}\p{Zl}\p{Zp}\s]+/gu;
/** Controls other than tab and line feed, for text that may keep its lines. */
const CONTROLS_BUT_LINES = /[\p{Cc}\p{Zl}\p{Zp}]/gu;

/** A one-line field: invisible characters removed, every break or control a single space, trimmed. */
export function cleanLine(text: string | undefined | null): string {
  if (!text) return '';
  return String(text).replace(INVISIBLE, '').replace(LINE_BREAKING, ' ').trim();
}

/**
 * Text that keeps its lines (a plain message from elsewhere): invisible characters removed,
 * CRLF and lone CR read as LF, other controls (and U+2028/2029) as spaces; tabs and line feeds stay.
 */
export function cleanText(text: string | undefined | null): string {
  if (!text) return '';
  return String(text)
    .replace(INVISIBLE, '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS_BUT_LINES, (c) => (c === '\n' || c === '\t' ? c : ' '));
}

/**
 * The one sanitizer both renderers use: a one-line field (cleanLine), cut to `max` characters
 * when given (truncate: at a word boundary when one is near, marked "…").
 */
export function sanitizeField(text: string | undefined | null, max?: number): string {
  const line = cleanLine(text);
  return max === undefined ? line : truncate(line, max);
}

/**
 * At most `max` UTF-16 code units (what JavaScript's `length`, SNS and Slack count; never more
 * code points than that), never splitting a surrogate pair; cut at a word boundary when one is
 * in the last 40%, and marked with "…".
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  // Do not leave half of a surrogate pair before the cut.
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  const cut = text.slice(0, end);
  const lastSpace = cut.lastIndexOf(' ');
  const base = lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${base.trimEnd()}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
