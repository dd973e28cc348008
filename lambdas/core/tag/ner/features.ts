/**
 * Features of the mention model, one list of hashed feature ids per token. The same function
 * serves training (scripts/train-ner.ts) and tagging, so the two can never drift apart.
 * Features: the word, its shape, affixes, neighbours +-2, capitals at a sentence start vs
 * inside one, headings and all-caps lines, document evidence (the word written in lower case
 * or capitalised mid-sentence elsewhere in the document), name-list membership (single words
 * and multi-word phrases), title/role, organisation/place head words and cue words around it,
 * and the rule tagger's own reading of the span (find-name-spans).
 */
import type { ActorType } from '../../model';
import {
  COMMON_CAPITALISED, DEMONYMS, ORGANIZATION_HEADS, ORGANIZATION_OF_HEADS, PERSON_TITLES, PLACE_HEADS,
  PLACE_PREPOSITIONS, SPEECH_VERBS,
} from '../lexicon/words';
import type { Token } from '../tokenize';
import { foldName } from '../fold-name';
import { nameLexicon } from './name-lexicon';

/** The rule tagger's span over tokens, as a feature source. */
export interface RuleSpan {
  from: number;
  to: number;
  type?: ActorType;
  evidence: 'known' | 'strong' | 'weak';
}

export interface TokenFeatures {
  /** Feature ids (already reduced to the table size) of token i: ids[offsets[i] .. offsets[i+1]). */
  ids: Uint32Array;
  offsets: Uint32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of a template name and a value: feature ids without building the feature string. */
function hash2(template: number, value: string): number {
  let h = (FNV_OFFSET ^ template) >>> 0;
  h = Math.imul(h, FNV_PRIME);
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

function hash3(template: number, a: string, b: string): number {
  let h = hash2(template, a);
  h ^= 0x1f;
  h = Math.imul(h, FNV_PRIME);
  for (let i = 0; i < b.length; i++) {
    h ^= b.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** "Putin" -> "Xx", "U.S." -> "X.X.", "1996-08-30" -> "d-d-d": runs of one class collapsed. */
export function wordShape(text: string): string {
  let out = '';
  let last = '';
  for (const ch of text) {
    let c: string;
    if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch !== ch.toLowerCase()) c = 'X';
    else if (ch !== ch.toUpperCase()) c = 'x';
    else c = ch;
    if (c !== last) out += c;
    last = c;
  }
  return out.length > 8 ? out.slice(0, 8) : out;
}

interface TokenFacts {
  lower: string;
  shape: string;
  /** Word class used in neighbour features: capitalised words keep their identity. */
  cls: string;
}

/** Letters of a line mostly in capitals (wire-style headlines, datelines). */
function capsLines(tokens: readonly Token[]): Set<number> {
  const upper = new Map<number, number>();
  const letters = new Map<number, number>();
  for (const t of tokens) {
    if (!t.isWord || !/\p{L}/u.test(t.text)) continue;
    letters.set(t.line, (letters.get(t.line) ?? 0) + 1);
    if (t.text === t.text.toUpperCase()) upper.set(t.line, (upper.get(t.line) ?? 0) + 1);
  }
  const out = new Set<number>();
  for (const [line, n] of letters) if (n >= 2 && (upper.get(line) ?? 0) / n >= 0.8) out.add(line);
  return out;
}

/** Per token: bit mask of B/I phrase matches by type (bits 0-2 begin, 3-5 inside). */
function phraseMatches(tokens: readonly Token[], lowers: readonly string[]): Uint8Array {
  const lex = nameLexicon();
  const marks = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.isWord || !(t.capitalised || /^\p{N}/u.test(t.text))) continue;
    if (!lex.phraseStarts.has(foldName(lowers[i]))) continue;
    // Longest phrase first; a phrase may run over dots and hyphens glued to its words.
    let best = 0;
    let bestTypes = 0;
    let words = 0;
    let surface = '';
    for (let j = i; j < tokens.length && words < lex.maxPhraseWords; j++) {
      const u = tokens[j];
      if (u.line !== t.line) break;
      surface += (j > i && tokens[j - 1].end < u.start ? ' ' : '') + u.text;
      if (!u.isWord) continue;
      words++;
      const types = lex.phrases.get(foldName(surface));
      if (types) { best = j + 1; bestTypes = types; }
    }
    if (!best) continue;
    marks[i] |= bestTypes;
    for (let j = i + 1; j < best; j++) marks[j] |= bestTypes << 3;
  }
  return marks;
}

const TYPE_NAMES = ['per', 'org', 'loc'];

/** Features of every token of one document. `rules` are the rule tagger's spans, if any. */
export function tokenFeatures(tokens: readonly Token[], rules: readonly RuleSpan[], tableSize: number): TokenFeatures {
  const n = tokens.length;
  const lex = nameLexicon();
  const lowers = tokens.map((t) => t.text.toLowerCase());
  const facts: TokenFacts[] = tokens.map((t, i) => {
    const shape = wordShape(t.text);
    return { lower: lowers[i], shape, cls: t.capitalised || !t.isWord ? lowers[i] : shape === 'x' ? lowers[i] : shape };
  });
  // Document evidence: the same word in lower case, or capitalised inside a sentence, elsewhere.
  const lowerSeen = new Set<string>();
  const capMidSeen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (!t.isWord) continue;
    if (!t.capitalised) lowerSeen.add(lowers[i]);
    else if (!t.sentenceStart && !t.inHeading) capMidSeen.add(lowers[i]);
  }
  const caps = capsLines(tokens);
  const phrases = phraseMatches(tokens, lowers);
  const ruleTag = new Array<string>(n).fill('');
  for (const r of rules) {
    const type = r.type ?? 'unk';
    for (let k = r.from; k < r.to; k++) ruleTag[k] = `${k === r.from ? 'B' : 'I'}-${type}-${r.evidence}`;
  }

  const offsets = new Uint32Array(n + 1);
  const ids: number[] = [];
  const add = (h: number): void => { ids.push(h % tableSize); };
  const word = (k: number): string => (k < 0 ? '<s>' : k >= n ? '</s>' : facts[k].cls);
  for (let i = 0; i < n; i++) {
    offsets[i] = ids.length;
    const t = tokens[i];
    const f = facts[i];
    const w = f.lower;
    add(hash2(0, ''));
    add(hash2(1, w));
    add(hash2(2, f.shape));
    if (t.isWord) {
      for (let k = 1; k <= 3 && k < w.length; k++) add(hash2(3 + k, w.slice(0, k)));
      for (let k = 1; k <= 4 && k < w.length; k++) add(hash2(7 + k, w.slice(-k)));
    }
    add(hash2(12, word(i - 1)));
    add(hash2(13, word(i + 1)));
    add(hash2(14, word(i - 2)));
    add(hash2(15, word(i + 2)));
    add(hash3(16, word(i - 1), f.shape));
    add(hash3(17, f.shape, word(i + 1)));
    add(hash3(18, i > 0 ? facts[i - 1].shape : '<s>', f.shape));
    add(hash3(19, f.shape, i + 1 < n ? facts[i + 1].shape : '</s>'));
    const position = t.sentenceStart ? 'start' : t.inHeading ? 'heading' : caps.has(t.line) ? 'caps' : 'mid';
    add(hash3(20, position, f.shape));
    add(hash3(21, position, w));
    if (t.isWord && t.capitalised) {
      add(hash3(22, position, lowerSeen.has(w) ? 'lower-elsewhere' : 'never-lower'));
      add(hash3(23, position, capMidSeen.has(w) ? 'capmid-elsewhere' : 'no-capmid'));
      if (COMMON_CAPITALISED.has(w)) add(hash2(24, 'common'));
    }
    if (t.possessive) add(hash2(25, 'possessive'));
    if (t.hyphenAfter) add(hash3(26, 'hyphen-after', f.shape));
    if (t.hyphenBefore) add(hash3(26, 'hyphen-before', f.shape));
    // Name lists.
    if (t.isWord) {
      const key = foldName(w);
      if (lex.firstNames.has(key)) add(hash3(27, 'first', position));
      if (lex.surnames.has(key)) add(hash3(27, 'surname', position));
      if (DEMONYMS.has(w)) add(hash2(27, 'demonym'));
      if (PERSON_TITLES.has(w)) add(hash2(27, 'title'));
      if (ORGANIZATION_HEADS.has(w)) add(hash2(27, 'org-head'));
      if (ORGANIZATION_OF_HEADS.has(w)) add(hash2(27, 'org-of-head'));
      if (PLACE_HEADS.has(w)) add(hash2(27, 'place-head'));
    }
    const mark = phrases[i];
    for (let b = 0; b < 3; b++) {
      if (mark & (1 << b)) add(hash3(28, 'B', TYPE_NAMES[b]));
      if (mark & (8 << b)) add(hash3(28, 'I', TYPE_NAMES[b]));
    }
    if (mark) add(hash3(29, String(mark), position));
    // Cues around the token.
    const prev = i > 0 ? lowers[i - 1] : '';
    const next = i + 1 < n ? lowers[i + 1] : '';
    if (PERSON_TITLES.has(prev)) add(hash2(30, 'title-before'));
    if (PLACE_PREPOSITIONS.has(prev)) add(hash2(30, 'place-prep-before'));
    if (SPEECH_VERBS.has(next)) add(hash2(30, 'speech-after'));
    if (ORGANIZATION_HEADS.has(next)) add(hash2(30, 'org-head-after'));
    if (PLACE_HEADS.has(next)) add(hash2(30, 'place-head-after'));
    if (i > 0 && lex.firstNames.has(foldName(prev)) && tokens[i - 1].capitalised) add(hash2(30, 'first-name-before'));
    if (ruleTag[i]) {
      add(hash2(31, ruleTag[i]));
      add(hash3(32, ruleTag[i], position));
    } else if (t.capitalised) {
      add(hash2(31, 'no-rule-span'));
    }
    if (i + 1 < n && ruleTag[i + 1]) add(hash2(33, ruleTag[i + 1]));
    if (i > 0 && ruleTag[i - 1]) add(hash2(34, ruleTag[i - 1]));
  }
  offsets[n] = ids.length;
  return { ids: Uint32Array.from(ids), offsets };
}
