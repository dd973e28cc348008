/**
 * NER scoring for eval:ner and train:ner: CoNLL-style BIO parsing, documents rebuilt as text with
 * token offsets, predicted character spans mapped back to token spans, and entity-level
 * (exact span + type) precision/recall/F1 per type and micro-averaged.
 */

import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type NerType = 'PER' | 'ORG' | 'LOC';
export const NER_TYPES: readonly NerType[] = ['PER', 'ORG', 'LOC'];

export interface BioToken {
  text: string;
  /** Gold tag with MISC and unknown types already turned into 'O'. */
  tag: string;
}

export interface BioDocument {
  sentences: BioToken[][];
}

export interface DocumentText {
  text: string;
  /** Character offsets of every token, in order over all sentences. */
  offsets: { start: number; end: number }[];
  tags: string[];
}

/** An entity over tokens: [start, end) in the document's token order. */
export interface TokenEntity {
  start: number;
  end: number;
  type: NerType;
}

export interface CharMention {
  start: number;
  end: number;
  type: NerType;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

const KEPT = new Set<string>(NER_TYPES);

/** Maps a raw tag to B-/I- of a kept type, or 'O' (MISC, OTH and anything else). */
export function normalizeTag(raw: string): string {
  const match = /^([BIES])-(.+)$/.exec(raw);
  if (!match) return 'O';
  const type = match[2].toUpperCase();
  // WNUT 2017 (ner-train): location, group, corporation; product and creative-work stay O.
  const mapped = type === 'PERSON' ? 'PER' : type === 'GPE' || type === 'LOCATION' ? 'LOC' : type === 'GROUP' || type === 'CORPORATION' ? 'ORG' : type;
  if (!KEPT.has(mapped)) return 'O';
  return `${match[1] === 'B' || match[1] === 'S' ? 'B' : 'I'}-${mapped}`;
}

/** Parses CoNLL-style BIO or IO: token per line, tag in the last column, blank line between sentences, -DOCSTART- between documents. */
export function parseBio(content: string): BioDocument[] {
  const docs: BioDocument[] = [];
  let doc: BioDocument = { sentences: [] };
  let sentence: BioToken[] = [];
  const endSentence = (): void => {
    if (sentence.length) doc.sentences.push(sentence);
    sentence = [];
  };
  const endDocument = (): void => {
    endSentence();
    if (doc.sentences.length) docs.push(doc);
    doc = { sentences: [] };
  };
  // Tweets (BTC, WNUT) come without -DOCSTART-: each sentence is a document of its own, so that
  // document features (a word written in lower case elsewhere) never read another tweet.
  const documentPerSentence = !/^-DOCSTART-/m.test(content);
  for (const rawLine of content.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line.startsWith('#')) continue;
    if (!line) { if (documentPerSentence) endDocument(); else endSentence(); continue; }
    const columns = line.split(/\s+/);
    if (columns[0] === '-DOCSTART-') { endDocument(); continue; }
    const tag = columns.length > 1 ? normalizeTag(columns[columns.length - 1]) : 'O';
    // IO files (wikigold, SEC): an I- that follows no entity of its type begins one.
    const previous = sentence[sentence.length - 1]?.tag ?? 'O';
    const begins = tag.startsWith('I-') && previous.slice(2) !== tag.slice(2);
    sentence.push({ text: columns[0], tag: begins ? `B-${tag.slice(2)}` : tag });
  }
  endDocument();
  return docs;
}

/** Tokens joined by single spaces, sentences by newlines. */
export function documentText(doc: BioDocument): DocumentText {
  const parts: string[] = [];
  const offsets: { start: number; end: number }[] = [];
  const tags: string[] = [];
  let position = 0;
  doc.sentences.forEach((sentence, s) => {
    if (s > 0) { parts.push('\n'); position++; }
    sentence.forEach((token, t) => {
      if (t > 0) { parts.push(' '); position++; }
      offsets.push({ start: position, end: position + token.text.length });
      tags.push(token.tag);
      parts.push(token.text);
      position += token.text.length;
    });
  });
  return { text: parts.join(''), offsets, tags };
}

/** Entities of a BIO sequence; an I- that does not continue its type starts a new entity (conlleval). */
export function entitiesOfTags(tags: readonly string[]): TokenEntity[] {
  const out: TokenEntity[] = [];
  let current: TokenEntity | undefined;
  tags.forEach((tag, i) => {
    const type = tag === 'O' ? undefined : (tag.slice(2) as NerType);
    const continues = current && tag.startsWith('I-') && type === current.type;
    if (continues && current) { current.end = i + 1; return; }
    if (current) out.push(current);
    current = type ? { start: i, end: i + 1, type } : undefined;
  });
  if (current) out.push(current);
  return out;
}

/** A mention covers every token it overlaps; duplicates (same span and type) count once. */
export function mentionsToTokenEntities(mentions: readonly CharMention[], offsets: readonly { start: number; end: number }[]): TokenEntity[] {
  const seen = new Set<string>();
  const out: TokenEntity[] = [];
  for (const m of mentions) {
    let start = -1;
    let end = -1;
    for (let i = lowerBound(offsets, m.start); i < offsets.length && offsets[i].start < m.end; i++) {
      if (offsets[i].end <= m.start) continue;
      if (start < 0) start = i;
      end = i + 1;
    }
    if (start < 0) continue;
    const key = `${start}:${end}:${m.type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ start, end, type: m.type });
  }
  return out;
}

/** First token whose end is after `position`. */
function lowerBound(offsets: readonly { start: number; end: number }[], position: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid].end <= position) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export function emptyCounts(): Record<NerType, Counts> {
  return { PER: { tp: 0, fp: 0, fn: 0 }, ORG: { tp: 0, fp: 0, fn: 0 }, LOC: { tp: 0, fp: 0, fn: 0 } };
}

/** Adds exact-match (span + type) counts of one document into `into`. */
export function countMatches(gold: readonly TokenEntity[], predicted: readonly TokenEntity[], into: Record<NerType, Counts>): void {
  const { missed, spurious } = mismatches(gold, predicted);
  const wrong = new Set(spurious);
  for (const e of predicted) if (wrong.has(e)) into[e.type].fp++; else into[e.type].tp++;
  for (const e of missed) into[e.type].fn++;
}

/** Gold entities not predicted exactly (span and type), and predicted ones not in the gold. */
export function mismatches(gold: readonly TokenEntity[], predicted: readonly TokenEntity[]): { missed: TokenEntity[]; spurious: TokenEntity[] } {
  const key = (e: TokenEntity) => `${e.start}:${e.end}:${e.type}`;
  const goldKeys = new Set(gold.map(key));
  const predictedKeys = new Set(predicted.map(key));
  return { missed: gold.filter((e) => !predictedKeys.has(key(e))), spurious: predicted.filter((e) => !goldKeys.has(key(e))) };
}

export function scores(c: Counts): Scores {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

export function microCounts(byType: Record<NerType, Counts>): Counts {
  return NER_TYPES.reduce((sum, t) => ({ tp: sum.tp + byType[t].tp, fp: sum.fp + byType[t].fp, fn: sum.fn + byType[t].fn }), { tp: 0, fp: 0, fn: 0 });
}

/**
 * Documents of a GUM-style docs.tsv (columns file, order, doc_id, gum_split, ...) that belong to
 * `splits` in the file named `fileName`, by their order in the file (1-based).
 */
export function splitDocumentOrders(docsTsv: string, fileName: string, splits: readonly string[]): Set<number> {
  const keep = new Set<number>();
  for (const line of docsTsv.split(/\r?\n/).slice(1)) {
    const [file, order, , split] = line.split('\t');
    if (file === fileName && splits.includes(split)) keep.add(Number(order));
  }
  return keep;
}

/** Reads "file.bio" or "file.bio:train,dev" (a GUM split, by docs.tsv beside the file) as document texts. */
export function readBioDocuments(specs: readonly string[]): DocumentText[] {
  return specs.flatMap((spec) => {
    const match = /^(.*\.bio):([\w,]+)$/.exec(spec);
    const path = match ? match[1] : spec;
    const docs = parseBio(readFileSync(path, 'utf8'));
    if (!match) return docs.map(documentText);
    const keep = splitDocumentOrders(readFileSync(join(dirname(path), 'docs.tsv'), 'utf8'), basename(path), match[2].split(','));
    return docs.filter((_, k) => keep.has(k + 1)).map(documentText);
  });
}
