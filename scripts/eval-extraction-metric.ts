const TOKEN = /[\p{L}\p{N}_]+/gu; const SHINGLE_SIZE = 4;
type TpFpFn = [number, number, number];

interface Score {
  precision: number;
  recall: number;
  f1: number;
  pagesPerSecond: number;
  pages: number;
  failures: number;
}

interface Extractor {
  name: string;
  extract(page: Page): string;
}

interface Page {
  id: string;
  url?: string;
  gz: Uint8Array;
  html: string;
  truth: string;
}

// Python's \w with re.UNICODE: letters, digits/numerics and "_"; combining marks are not word characters.
const TOKEN = /[\p{L}\p{N}_]+/gu;
const SHINGLE_SIZE = 4;

/** Counted 4-token shingles; a text shorter than 4 tokens is one shorter shingle, as in evaluate.py. */
export function shingles(text: string): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - SHINGLE_SIZE + 1);
  for (let i = 0; i < last; i += 1) {
    const shingle = tokens.slice(i, i + SHINGLE_SIZE);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function shingleMatch(truth: string, predicted: string): TpFpFn {
  const trueCounts = shingles(truth);
  const predCounts = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...trueCounts.keys(), ...predCounts.keys()])) {
    const t = trueCounts.get(key) ?? 0;
    const p = predCounts.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  const sum = tp + fp + fn;
  // Normalized so that long texts do not weigh more than short ones.
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [0, 0, 0];
}

function precisionOf([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
