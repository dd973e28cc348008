/**
 * The trained mention model: a first-order structured (averaged) perceptron over BIO labels of
 * person/organization/place, decoded with Viterbi. Weights are a hashed feature table
 * (feature id x label) plus label transitions; they ship in weights.json (deflated int16, base64; written by train:ner) and are decoded once per
 * process. Trained by scripts/train-ner.ts (docs/ner.md).
 */
import { inflateSync } from 'node:zlib';
import type { ActorType } from '../../model';
import type { Token } from '../tokenize';
import { tokenFeatures, type RuleSpan, type TokenFeatures } from './features';
import SHIPPED_WEIGHTS from './weights.json';

export const LABELS = ['O', 'B-person', 'I-person', 'B-organization', 'I-organization', 'B-place', 'I-place'] as const;
export const LABEL_COUNT = LABELS.length;
const TYPES: readonly ActorType[] = ['person', 'organization', 'place'];
const MAGIC = 0x314e574e; // "NWN1"

export interface MentionModel {
  tableSize: number;
  /** tableSize x LABEL_COUNT emission weights, row-major by feature id. */
  weights: Float32Array;
  /** (LABEL_COUNT + 1) x LABEL_COUNT: row LABEL_COUNT scores the first label of a line. */
  transitions: Float32Array;
}

/** A mention over tokens: [from, to). */
export interface TokenMention {
  from: number;
  to: number;
  type: ActorType;
}

export function labelType(label: number): ActorType | undefined {
  return label === 0 ? undefined : TYPES[(label - 1) >> 1];
}

export const isInside = (label: number): boolean => label > 0 && (label & 1) === 0;

/** I-X may only follow B-X or I-X. */
export function allowedTransition(from: number, to: number): boolean {
  if (!isInside(to)) return true;
  return from !== LABEL_COUNT && from !== 0 && labelType(from) === labelType(to);
}

/** Emission scores of tokens [from, n): n x LABEL_COUNT (rows before `from` stay 0: training scores one line at a time). */
export function emissionScores(model: MentionModel, features: TokenFeatures, n: number, from = 0): Float32Array {
  const scores = new Float32Array(n * LABEL_COUNT);
  const { ids, offsets } = features;
  const w = model.weights;
  for (let i = from; i < n; i++) {
    const row = i * LABEL_COUNT;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const base = ids[k] * LABEL_COUNT;
      for (let l = 0; l < LABEL_COUNT; l++) scores[row + l] += w[base + l];
    }
  }
  return scores;
}

/** Best label sequence of tokens [from, to) under the emission and transition scores, written into `labels`. */
export function viterbi(emissions: Float32Array, transitions: Float32Array, from: number, to: number, labels: Uint8Array): void {
  const L = LABEL_COUNT;
  const n = to - from;
  if (n <= 0) return;
  const score = new Float64Array(n * L);
  const back = new Uint8Array(n * L);
  for (let l = 0; l < L; l++) {
    score[l] = allowedTransition(L, l) ? emissions[from * L + l] + transitions[L * L + l] : -Infinity;
  }
  for (let i = 1; i < n; i++) {
    const row = (from + i) * L;
    for (let l = 0; l < L; l++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!allowedTransition(p, l)) continue;
        const s = score[(i - 1) * L + p] + transitions[p * L + l];
        if (s > best) { best = s; arg = p; }
      }
      score[i * L + l] = best + emissions[row + l];
      back[i * L + l] = arg;
    }
  }
  let last = 0;
  for (let l = 1; l < L; l++) if (score[(n - 1) * L + l] > score[(n - 1) * L + last]) last = l;
  labels[from + n - 1] = last;
  for (let i = n - 1; i > 0; i--) labels[from + i - 1] = back[i * L + labels[from + i]];
}

/** Lines of the text as token ranges: a mention never crosses a line, so each is decoded alone. */
export function lineRanges(tokens: readonly Token[]): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i === tokens.length || tokens[i].line !== tokens[from].line) {
      out.push([from, i]);
      from = i;
    }
  }
  return out;
}

/** Labels of all tokens, line by line. */
export function decodeLabels(model: MentionModel, tokens: readonly Token[], features: TokenFeatures): Uint8Array {
  const emissions = emissionScores(model, features, tokens.length);
  const labels = new Uint8Array(tokens.length);
  for (const [from, to] of lineRanges(tokens)) viterbi(emissions, model.transitions, from, to, labels);
  return labels;
}

export function mentionsOfLabels(labels: ArrayLike<number>): TokenMention[] {
  const out: TokenMention[] = [];
  let current: TokenMention | undefined;
  for (let i = 0; i < labels.length; i++) {
    const type = labelType(labels[i]);
    if (current && isInside(labels[i]) && type === current.type) { current.to = i + 1; continue; }
    if (current) out.push(current);
    current = type ? { from: i, to: i + 1, type } : undefined;
  }
  if (current) out.push(current);
  return out;
}

/** Serialized form: magic, table size, float32 transitions, quantization scale, int16 weights; deflated. */
export function encodeMentionModel(model: MentionModel, deflate: (bytes: Uint8Array) => Uint8Array): Uint8Array {
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const header = new DataView(new ArrayBuffer(12 + model.transitions.length * 4));
  header.setUint32(0, MAGIC, true);
  header.setUint32(4, model.tableSize, true);
  header.setFloat32(8, scale, true);
  model.transitions.forEach((t, k) => header.setFloat32(12 + k * 4, t, true));
  const quantized = new Int16Array(model.weights.length);
  for (let k = 0; k < quantized.length; k++) quantized[k] = Math.round(model.weights[k] / scale);
  const body = new Uint8Array(header.byteLength + quantized.byteLength);
  body.set(new Uint8Array(header.buffer), 0);
  body.set(new Uint8Array(quantized.buffer), header.byteLength);
  return deflate(body);
}

export function decodeMentionModel(deflated: Uint8Array): MentionModel {
  const body = inflateSync(deflated);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('not a newswatch mention model');
  const tableSize = view.getUint32(4, true);
  const scale = view.getFloat32(8, true);
  const transitions = new Float32Array((LABEL_COUNT + 1) * LABEL_COUNT);
  for (let k = 0; k < transitions.length; k++) transitions[k] = view.getFloat32(12 + k * 4, true);
  const offset = 12 + transitions.length * 4;
  const weights = new Float32Array(tableSize * LABEL_COUNT);
  for (let k = 0; k < weights.length; k++) weights[k] = view.getInt16(offset + k * 2, true) * scale;
  return { tableSize, weights, transitions };
}

let shipped: MentionModel | undefined;
let override: MentionModel | undefined;

/** The model in use: the shipped weights, decoded on first use and kept for the process. */
export function mentionModel(): MentionModel {
  if (override) return override;
  shipped ??= decodeMentionModel(Buffer.from(SHIPPED_WEIGHTS.base64, 'base64'));
  return shipped;
}

/** Evaluation scripts only: tag with other weights (undefined restores the shipped ones). */
export function useMentionModel(model: MentionModel | undefined): void {
  override = model;
}

/** Person, organisation and place mentions over `tokens`, given the rule tagger's spans. */
export function findMentions(tokens: readonly Token[], rules: readonly RuleSpan[], model = mentionModel()): TokenMention[] {
  return mentionsOfLabels(decodeLabels(model, tokens, tokenFeatures(tokens, rules, model.tableSize)));
}
