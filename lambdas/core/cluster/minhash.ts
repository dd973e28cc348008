/**
 * Near-duplicate signatures: a bottom-k MinHash sketch (the k smallest 32-bit hashes) of the
 * text's content-word 2-shingles.
 *
 * Why not k independent MinHashes and Jaccard: a rewrite or a condensed copy of a longer
 * article shares few exact shingles with it and is much shorter, so its Jaccard similarity is
 * tiny (seeds 000 vs 001: 0.03 on 4-word shingles, 0.09 on content 2-shingles, as low as pairs
 * that are merely the same story). What separates a copy is *containment* of the shorter text
 * in the longer one, which a bottom-k sketch estimates directly without knowing set sizes.
 * Hashes are deterministic, so signatures are comparable across processes and releases.
 */
import { contentTerms } from './terms';

/** 32-bit FNV-1a of a string. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's finalizer: FNV alone leaves the low-order ranks poorly spread. */
function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Distinct hashed shingles of consecutive content words (stopwords out, stemmed). */
export function shingleHashes(text: string, shingleSize: number, minTermLength: number, stopWords?: ReadonlySet<string>): Set<number> {
  const words = contentTerms(text, minTermLength, stopWords);
  const out = new Set<number>();
  if (words.length === 0) return out;
  const size = Math.min(shingleSize, words.length);
  for (let i = 0; i + size <= words.length; i++) out.add(mix(fnv1a(words.slice(i, i + size).join(' '))));
  return out;
}

/** The `sketchSize` smallest shingle hashes, ascending; shorter when the text has fewer shingles. */
export function minhashSignature(
  text: string, options: { shingleSize: number; sketchSize: number; minTermLength: number }, stopWords?: ReadonlySet<string>,
): number[] {
  const hashes = [...shingleHashes(text, options.shingleSize, options.minTermLength, stopWords)];
  hashes.sort((a, b) => a - b);
  return hashes.slice(0, options.sketchSize);
}

/**
 * Estimated share of `a`'s shingles that also occur in `b`: among a's sampled hashes that fall
 * below b's sampling threshold (all of b's when b is not truncated), the fraction b also holds.
 */
export function estimateContainment(a: number[], b: number[], sketchSize: number): number {
  if (a.length === 0 || b.length === 0) return 0;
  const bIsComplete = b.length < sketchSize;
  const threshold = b[b.length - 1];
  const bSet = new Set(b);
  let comparable = 0;
  let shared = 0;
  for (const hash of a) {
    if (!bIsComplete && hash > threshold) break;
    comparable++;
    if (bSet.has(hash)) shared++;
  }
  return comparable === 0 ? 0 : shared / comparable;
}

/** Rough number of distinct shingles behind a sketch (exact when it is not truncated). */
export function estimateShingleCount(signature: number[], sketchSize: number): number {
  if (signature.length < sketchSize) return signature.length;
  return ((sketchSize - 1) * 0x100000000) / (signature[signature.length - 1] + 1);
}

/**
 * Containment of the shorter text in the longer one: how much of it the other already says.
 * `bSketchSize` is the size b was cut to (a story keeps shorter sketches than an article).
 */
export function estimateCopySimilarity(a: number[], b: number[], sketchSize: number, bSketchSize = sketchSize): number {
  const aIsShorter = estimateShingleCount(a, sketchSize) <= estimateShingleCount(b, bSketchSize);
  return aIsShorter ? estimateContainment(a, b, bSketchSize) : estimateContainment(b, a, sketchSize);
}
