/**
 * dropNonActorSpans: names that are no actor: a bare compass direction ("the North"), a name
 * that is not a person's inside a quoted title (“Kill Bill”), and a work or product named by the noun before or after it
 * ("the film Kill Bill", "messaging app Signal", "the Signal app"). A name the gazetteer knows
 * as an organisation or place stays ("the app Telegram" is Telegram, the company).
 */
import type { NameSpan } from './find-name-spans';
import { DIRECTION_WORDS, WORK_CUES, WORK_HEADS_AFTER } from './lexicon/words';
import { nameLexicon } from './ner/name-lexicon';

/** "No Jennifer Lopez News Today": a full name with a given name is a person even in a quoted title. */
const startsWithGivenName = (span: NameSpan): boolean => span.words >= 2 && nameLexicon().firstNames.has(span.key.split(' ')[0]);


export function dropNonActorSpans(text: string, spans: readonly NameSpan[]): NameSpan[] {
  return spans.filter((span) => !isNonActor(text, span));
}

function isNonActor(text: string, span: NameSpan): boolean {
  if (span.words === 1 && DIRECTION_WORDS.has(span.key)) return true;
  if (span.known && span.known.type !== 'person') return false;
  if (span.type !== 'organization' && span.type !== 'place' && !startsWithGivenName(span) && isQuoted(text, span)) return true;
  if (span.known) return false;
  const before = /([\p{L}]+)\s+$/u.exec(text.slice(Math.max(0, span.start - 30), span.start));
  if (before && WORK_CUES.has(before[1].toLowerCase())) return true;
  const after = /^(?:['’]s)?\s+([\p{L}]+)/u.exec(text.slice(span.end, span.end + 30));
  return !!after && WORK_HEADS_AFTER.has(after[1].toLowerCase());
}

const TITLE_CONNECTORS = new Set(['of', 'the', 'a', 'an', 'and', 'in', 'on', 'for', 'to', 'at', 'with', 'vs', 'de']);
/** Longest quoted title looked at, in characters on each side of the span. */
const QUOTED_TITLE_REACH = 40;

/**
 * The span sits in a short quoted title: “Kill Bill”, “Kill Bill: Volume 1”. Every word between
 * the quotation marks is capitalised (or a short connector), which a quoted sentence is not.
 */
function isQuoted(text: string, span: NameSpan): boolean {
  const left = text.slice(Math.max(0, span.start - QUOTED_TITLE_REACH), span.start);
  const right = text.slice(span.end, span.end + QUOTED_TITLE_REACH);
  const open = /([“"‘«„]|(?<!\p{L})')([^“”"‘’«»\n]*)$/u.exec(left);
  const close = /^([^“”"‘’«»\n]*?)[,.!?]?([”"’»“])/u.exec(right);
  if (!open || !close) return false;
  const quoted = `${open[2]}${span.surface}${close[1]}`;
  const words = quoted.split(/[\s:–-]+/).filter((w) => /\p{L}/u.test(w));
  return words.length > 0 && words.length <= 8
    && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || TITLE_CONNECTORS.has(w.toLowerCase()));
}
