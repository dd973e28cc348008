/**
 * Tokenizer for the actor tagger: words and punctuation with exact offsets, plus the facts
 * name detection needs (capitals, sentence starts, headings, glued hyphens, possessives).
 */
import type { TagConfig } from './config';
import { COMMON_CAPITALISED, DOTTED_ABBREVIATIONS } from './lexicon/words';

export interface Token {
  text: string;
  start: number;
  end: number;
  isWord: boolean;
  /** First letter is upper case. */
  capitalised: boolean;
  /** Two or more letters, all upper case ("EU", "U.S."). */
  allCaps: boolean;
  /** First word of a sentence (or of a line): its capital says nothing. */
  sentenceStart: boolean;
  /** On a heading line (title case, no sentence punctuation): capitals say little. */
  inHeading: boolean;
  line: number;
  /** Glued to the next/previous word by a hyphen ("U.S.-Russia", "al-Assad"). */
  hyphenAfter: boolean;
  hyphenBefore: boolean;
  /** The possessive "'s" split off a name. */
  possessive: boolean;
}

const TOKEN = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:\.[\p{L}\p{N}]+)*|\S/gu;
const POSSESSIVE = /['’]s$/;
const SENTENCE_END = new Set(['.', '!', '?', ':', ';', '…']);
const OPENING = new Set(['“', '"', '‘', '(', '[', '«']);
const HYPHENS = new Set(['-', '‐', '‑']);

function makeToken(text: string, start: number, line: number): Token {
  const isWord = /[\p{L}\p{N}]/u.test(text[0]);
  const upper = text.toUpperCase();
  return {
    text, start, end: start + text.length, isWord,
    capitalised: isWord && text[0] === upper[0] && text[0] !== text[0].toLowerCase(),
    allCaps: isWord && text === upper && text !== text.toLowerCase() && /\p{L}[^\p{L}]*\p{L}/u.test(text),
    sentenceStart: false, inHeading: false, line,
    hyphenAfter: false, hyphenBefore: false, possessive: false,
  };
}

export function tokenize(text: string, config: TagConfig): Token[] {
  const tokens: Token[] = [];
  let line = 0;
  let lastIndex = 0;
  const pattern = new RegExp(TOKEN.source, 'gu');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    for (let i = lastIndex; i < start; i++) if (text[i] === '\n') line++;
    let word = match[0];
    lastIndex = start + word.length;
    // "Lt." "Gen." "J." keep their dot: it abbreviates, it does not end the sentence.
    if (/^\p{L}+$/u.test(word) && text[lastIndex] === '.'
      && (DOTTED_ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word))) {
      word += '.';
      lastIndex++;
      pattern.lastIndex = lastIndex;
    }
    if (POSSESSIVE.test(word) && word.length > 2 && /\p{Lu}/u.test(word[0])) {
      tokens.push(makeToken(word.slice(0, -2), start, line));
      const possessive = makeToken(word.slice(-2), start + word.length - 2, line);
      possessive.isWord = false;
      possessive.possessive = true;
      tokens.push(possessive);
    } else {
      tokens.push(makeToken(word, start, line));
    }
  }
  markHyphens(tokens);
  markSentenceStarts(tokens);
  markHeadings(text, tokens, config);
  return tokens;
}

function markHyphens(tokens: Token[]): void {
  for (let i = 1; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (!HYPHENS.has(t.text)) continue;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (before.isWord && after.isWord && before.end === t.start && t.end === after.start) {
      before.hyphenAfter = true;
      after.hyphenBefore = true;
    }
  }
}

function markSentenceStarts(tokens: Token[]): void {
  let expectStart = true;
  let line = -1;
  for (const t of tokens) {
    if (t.line !== line) {
      line = t.line;
      expectStart = true;
    }
    if (!t.isWord) {
      if (SENTENCE_END.has(t.text)) expectStart = true;
      else if (OPENING.has(t.text) && !t.possessive) expectStart ||= t.text !== '(';
      continue;
    }
    // List numbering ("1", "2)") does not open the sentence that follows it.
    if (expectStart && /^\d+$/.test(t.text)) continue;
    t.sentenceStart = expectStart && !t.hyphenBefore;
    if (!t.hyphenAfter) expectStart = false;
  }
}

/** A short line without sentence punctuation at its end, mostly in title case, is a heading. */
function markHeadings(text: string, tokens: Token[], config: TagConfig): void {
  const byLine = new Map<number, Token[]>();
  for (const t of tokens) {
    const list = byLine.get(t.line);
    if (list) list.push(t); else byLine.set(t.line, [t]);
  }
  for (const lineTokens of byLine.values()) {
    const words = lineTokens.filter((t) => t.isWord && !/^\d+$/.test(t.text));
    if (words.length === 0 || words.length > config.headingMaxWords) continue;
    const last = text.slice(lineTokens[0].start, lineTokens[lineTokens.length - 1].end).trimEnd().slice(-1);
    if (/[.!?"”’)\]]/.test(last) && !DOTTED_ABBREVIATIONS.has(words[words.length - 1].text.replace(/\.$/, '').toLowerCase())) continue;
    const content = words.filter((t) => !COMMON_CAPITALISED.has(t.text.toLowerCase()) || t.capitalised);
    const capitalised = content.filter((t) => t.capitalised).length;
    if (words.length <= 3 || capitalised / Math.max(1, content.length) >= config.headingCapitalisedShare) {
      for (const t of lineTokens) t.inHeading = true;
    }
  }
}
