import type { NormalizeConfig } from './config';
import type { TextBlock } from './htmlParagraphs';

const MONTHS =
  'jan(?:uary|vier|eiro|uar)?|feb(?:ruary|rero|ruar)?|f[ée]v(?:rier|ereiro)?|mar(?:ch|s|zo|ço|z)?|m[äa]rz|apr(?:il)?|abr(?:il)?|avr(?:il)?|may|mai(?:o)?|mayo|jun(?:e|io|ho|i)?|juin|jul(?:y|io|ho|i)?|juil(?:let)?|aug(?:ust)?|ago(?:sto)?|ao[uû]t|sep(?:t(?:ember|iembre|embre)?)?|set(?:embro)?|oct(?:ober|ubre|obre)?|okt(?:ober)?|out(?:ubro)?|nov(?:ember|iembre|embre|embro)?|dec(?:ember)?|dic(?:iembre)?|d[ée]c(?:embre)?|dez(?:embro|ember)?';
/** Dates and times as pages print them, in a few languages. */
const DATE_TOKEN = new RegExp(
  `\\b(?:\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+(?:de\\s+)?(?:${MONTHS})\\.?|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|` +
  `\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}|\\d{1,2}[:.h]\\d{2}\\b|\\d+\\s+(?:minutes?|hours?|days?|weeks?)\\s+ago)`, 'giu');
/** Words that may surround a date in a dateline without making it prose. */
const DATELINE_WORDS = new Set([
  'published', 'updated', 'posted', 'last', 'modified', 'on', 'at', 'by', 'am', 'pm', 'a', 'p', 'm', 'et', 'est', 'edt', 'cst', 'cdt',
  'pst', 'pdt', 'gmt', 'utc', 'bst', 'cet', 'cest', 'ist', 'de', 'às', 'as', 'le', 'à', 'am', 'um', 'uhr', 'el', 'a', 'las', 'du',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs',
  'fri', 'sat', 'sun', 'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'feira', 'sábado', 'domingo', 'lundi', 'mardi',
  'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'today',
  'yesterday', 'time', 'read', 'min', 'mins', 'minute', 'minutes', 'reading', 'and', 'y', 'e', 'et', 'und', 'updated:', 'published:',
]);
/** A caption credit closing a block: "(Image: Getty)", "(AP Photo/Alan Diaz, File)", "Photo: Reuters". */
const CAPTION_CREDIT = /(?:\((?:image|images|photo|photos|picture|pic|foto|credit|source|video)\b[^)]*\)|\b(?:photo|image|credit|foto)s?\s*:\s*[^.]{2,60}|\bgetty images|\bshutterstock)\s*\.?$/i;
/** A block that is only contact details: an e-mail, a URL or a handle. */
const CONTACT_ONLY = /^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/|www\.)\S+|[\w-]+(?:\.[\w-]+)+\/\S*|@\w{2,})$/i;
const CALL_TO_ACTION = /\b(?:click(?:ing)? here|read more|see more|see also|don[’']?t miss|sign up|subscribe|continue reading|download (?:the|our) app|follow us|get (?:the|our) (?:free )?newsletter|related coverage|recommended for you)\b/i;
/** A block that opens with a copyright sign or word is the site's notice, not the article's text. */
const COPYRIGHT_NOTICE = /^(?:©|\(c\)\s*\d{4}|copyright\b)/i;
const COPYRIGHT = /(?:©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b)/i;

/**
 * Drops what Readability keeps but is not article text: link lists and promos (mostly link
 * text), datelines, caption credits, contact lines, calls to action, copyright lines and
 * repeated blocks (gallery captions). A lead that repeats the meta description stays: it is the
 * article's first paragraph (dropping it lost 39 passages of web-extraction-dev and cost the
 * benchmark 0.002 F1).
 */
export function filterHtmlBlocks(blocks: TextBlock[], config: NormalizeConfig): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  blocks.forEach((block, i) => {
    const key = fold(block.text);
    if (key.length === 0) return;
    // A repeated sentence is a gallery caption or a promo; repeated short cells are data.
    if (key.includes(' ') && key.split(' ').length >= config.repeatMinWords) {
      if (seen.has(key)) return;
      seen.add(key);
    }
    if (block.linkDensity >= config.maxLinkDensity) return;
    // Datelines sit above or below the body; inside it a short dated line is content (a schedule).
    const atEdge = i < config.edgeBlocks || i >= blocks.length - config.edgeBlocks;
    if (block.text.length <= config.shortBlockMaxChars && isShortChrome(block.text, atEdge)) return;
    // "© 2022, Example.com. This article is the copyrighted property of …": a notice at any length.
    if (atEdge && i > 0 && COPYRIGHT_NOTICE.test(block.text)) return;
    kept.push(block.text);
  });
  return kept;
}

function isShortChrome(text: string, atEdge: boolean): boolean {
  return (atEdge && isDateline(text)) || CAPTION_CREDIT.test(text) || CONTACT_ONLY.test(text) ||
    (text.length <= 120 && CALL_TO_ACTION.test(text)) || COPYRIGHT.test(text);
}

/** "Updated Nov 19, 9:41 AM; Posted Nov 18", "By Jane Doe - 11/18/19 11:04 PM EST": a date with a few words around it. */
export function isDateline(text: string): boolean {
  DATE_TOKEN.lastIndex = 0;
  if (!DATE_TOKEN.test(text)) return false;
  const rest = text.replace(DATE_TOKEN, ' ').replace(/\b\d{2,4}\b/g, ' ').toLowerCase();
  const words = rest.split(/[^\p{L}\p{N}:'’]+/u).filter((w) => w.length > 0 && !DATELINE_WORDS.has(w));
  // A sentence ("He died on Nov. 19.") ends with a period; a dateline does not (bar "p.m.").
  const sentence = /[.!?]["”’)]*$/u.test(text) && !/\b[ap]\.m\.$/i.test(text);
  return words.length <= 4 && !sentence && !/[.!?]\s+\p{Lu}/u.test(text);
}

function fold(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
