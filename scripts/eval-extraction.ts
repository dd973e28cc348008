/**
 * Main-text extraction scored on the Zyte/Scrapinghub article-extraction benchmark, for
 * newswatch's normalize step and, in the same run, plain Readability.js over the same DOM
 * library. The metric is the benchmark's own (evaluate.py in scrapinghub/article-extraction-benchmark):
 * 4-token shingles of \w+ tokens, per-page tp/fp/fn normalized to sum 1, precision and recall
 * averaged over pages, F1 from the two means.
 *
 *   npm run eval:extraction -- [dir] [--json] [--rounds N] [--worst N]
 *
 * Speed is extraction time only (process.hrtime around each call, I/O excluded), both
 * extractors interleaved page by page so they share the same machine state. newswatch is
 * timed from the stored .gz bytes (gunzip, charset, parse, extraction, metadata); Readability
 * from the already-decoded HTML string, its most favourable start.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { normalizeObject } from '../lambdas/core/normalize';

interface GroundTruth {
  [id: string]: { articleBody?: string; url?: string };
}

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
function shingles(text: string): Map<string, number> {
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

/** evaluate.py's metrics_from_tp_fp_fns: precision over pages that predicted something, recall over pages with a truth. */
export function metricsOf(matches: TpFpFn[]): { precision: number; recall: number; f1: number } {
  const precision = mean(matches.filter(([tp, fp]) => tp + fp > 0).map(precisionOf));
  const recall = mean(matches.filter(([tp, , fn]) => tp + fn > 0).map(recallOf));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

const newswatch: Extractor = {
  name: 'newswatch',
  extract(page) {
    const outcomes = normalizeObject({
      key: `${page.id}.html.gz`,
      body: page.gz,
      contentType: 'text/html',
      metadata: page.url ? { url: page.url } : {},
    });
    const first = outcomes[0];
    return first?.ok ? first.doc.text : '';
  },
};

const readability: Extractor = {
  name: 'readability.js 0.6.0',
  extract(page) {
    const { document } = parseHTML(page.html);
    const article = new Readability(document as unknown as Document).parse();
    return article?.textContent ?? '';
  },
};

function loadPages(dir: string): Page[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as GroundTruth;
  const files = new Set(readdirSync(join(dir, 'html')));
  return Object.keys(truth).sort().filter((id) => files.has(`${id}.html.gz`)).map((id) => {
    const gz = new Uint8Array(readFileSync(join(dir, 'html', `${id}.html.gz`)));
    return { id, url: truth[id].url, gz, html: gunzipSync(gz).toString('utf8'), truth: truth[id].articleBody ?? '' };
  });
}

function evaluate(pages: Page[], extractors: Extractor[], rounds: number): {
  scores: Map<string, Score>; perPage: Map<string, { id: string; match: TpFpFn }[]>;
} {
  const elapsed = new Map(extractors.map((e) => [e.name, 0n]));
  const outputs = new Map(extractors.map((e) => [e.name, new Map<string, string>()]));
  const failures = new Map(extractors.map((e) => [e.name, 0]));
  for (let round = 0; round < rounds; round += 1) {
    for (const page of pages) {
      // Alternate who goes first, so neither always runs on a cache the other warmed.
      const order = (round + pages.indexOf(page)) % 2 === 0 ? extractors : [...extractors].reverse();
      for (const extractor of order) {
        let text = '';
        const start = process.hrtime.bigint();
        try {
          text = extractor.extract(page);
        } catch {
          failures.set(extractor.name, (failures.get(extractor.name) ?? 0) + (round === 0 ? 1 : 0));
        }
        elapsed.set(extractor.name, (elapsed.get(extractor.name) ?? 0n) + (process.hrtime.bigint() - start));
        outputs.get(extractor.name)?.set(page.id, text);
      }
    }
  }
  const scores = new Map<string, Score>();
  const perPage = new Map<string, { id: string; match: TpFpFn }[]>();
  for (const extractor of extractors) {
    const texts = outputs.get(extractor.name) ?? new Map<string, string>();
    const matches = pages.map((p) => ({ id: p.id, match: shingleMatch(p.truth, texts.get(p.id) ?? '') }));
    perPage.set(extractor.name, matches);
    const seconds = Number(elapsed.get(extractor.name) ?? 0n) / 1e9;
    scores.set(extractor.name, {
      ...metricsOf(matches.map((m) => m.match)),
      pagesPerSecond: (pages.length * rounds) / seconds,
      pages: pages.length,
      failures: failures.get(extractor.name) ?? 0,
    });
  }
  return { scores, perPage };
}

function printTable(scores: Map<string, Score>): void {
  const rows = [['extractor', 'precision', 'recall', 'F1', 'pages/s', 'failed']];
  for (const [name, s] of scores) {
    rows.push([name, s.precision.toFixed(3), s.recall.toFixed(3), s.f1.toFixed(3), s.pagesPerSecond.toFixed(1), String(s.failures)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}

function main(argv: string[]): void {
  const json = argv.includes('--json');
  const option = (name: string, fallback: number) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  const rounds = Math.max(1, option('--rounds', 1));
  const worst = option('--worst', 0);
  const valued = new Set(['--rounds', '--worst']);
  const dir = resolve(argv.find((a, i) => !a.startsWith('--') && !valued.has(argv[i - 1])) ?? '../shared/data/extraction');

  const pages = loadPages(dir);
  if (pages.length === 0) throw new Error(`no pages under ${dir}/html matching ${dir}/ground-truth.json`);
  const { scores, perPage } = evaluate(pages, [newswatch, readability], rounds);

  if (json) {
    console.log(JSON.stringify({ dir, pages: pages.length, rounds, extractors: Object.fromEntries(scores) }));
  } else {
    console.log(`${pages.length} pages from ${dir} (${rounds} round${rounds > 1 ? 's' : ''})`);
    printTable(scores);
  }
  if (worst > 0) {
    const ranked = [...(perPage.get(newswatch.name) ?? [])]
      .map(({ id, match }) => ({ id, f1: (2 * match[0]) / (2 * match[0] + match[1] + match[2] || 1), p: precisionOf(match), r: recallOf(match) }))
      .sort((a, b) => a.f1 - b.f1)
      .slice(0, worst);
    for (const row of ranked) console.log(`${row.id}  F1 ${row.f1.toFixed(3)}  P ${row.p.toFixed(3)}  R ${row.r.toFixed(3)}`);
  }
}

if (require.main === module) main(process.argv.slice(2));
