/**
 * Main-text extraction scored for newswatch's normalize step and, in the same run, plain
 * Readability.js over the same DOM library, on either kind of set:
 * - a ground-truth set (`ground-truth.json` + `html/<id>.html.gz`: the Zyte/Scrapinghub
 *   article-extraction benchmark), with the benchmark's own metric (evaluate.py in
 *   scrapinghub/article-extraction-benchmark): 4-token shingles of \w+ tokens, per-page tp/fp/fn
 *   normalized to sum 1, precision and recall averaged over pages, F1 from the two means;
 * - a snippets set (`snippets.json` + `pages/<file>.gz`: web-extraction-dev, trafilatura's own
 *   evaluation): each `with` passage found in the extracted text (whitespace collapsed) is a true
 *   positive, each missing one a false negative, each `without` passage found a false positive;
 *   P/R/F1 over all snippets of all pages, and one row per page language (its `<html lang>`).
 *
 *   npm run eval:extraction -- [dir | --set extraction|web-extraction-dev] [--json] [--rounds N]
 *     [--worst N] [--show FILE] [--match REGEX] [--interleaved] [--texts OUT.json]
 *
 * `--worst N` lists newswatch's N weakest pages (for a snippets set, with the passages it missed
 * and the boilerplate it kept); `--show FILE` prints newswatch's text of one page; `--match REGEX`
 * keeps the pages whose file name matches (a quick subset while iterating); `--texts OUT.json`
 * writes newswatch's text of every page (page id -> text), to diff two versions of the code.
 *
 * Speed is extraction time only (process.hrtime around each call, I/O excluded). Each extractor
 * makes its whole run over the pages in turn (the order alternating between rounds), after a full
 * garbage collection: interleaved page by page (`--interleaved`, the former way), each paid for
 * the other's garbage, and linkedom's nodes are costly garbage (each holds a WeakMap entry), so
 * newswatch's calls collected the full-page DOMs Readability had left. newswatch is timed from
 * the stored .gz bytes (gunzip, charset, parse, extraction, metadata, language); Readability
 * from the already-decoded HTML string, its most favourable start.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { normalizeObject } from '../lambdas/core/normalize';
import { decodeObject } from '../lambdas/core/normalize/decode';
import { resolveNormalizeConfig } from '../lambdas/core/normalize/config';

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
  /** The benchmark's article body (ground-truth set); empty for a snippets set. */
  truth: string;
  /** Passages that must and must not be extracted (snippets set). */
  snippets?: { with: string[]; without: string[] };
  /** The page's declared language (`<html lang>`, primary subtag), `und` without one. */
  language: string;
  /** The language newswatch detected (its doc.language), once it ran; `und` when it failed. */
  detected?: string;
}

interface SnippetCounts {
  tp: number;
  fp: number;
  fn: number;
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
    page.detected = 'und';
    const outcomes = normalizeObject({
      key: page.snippets ? `${page.id}.gz` : `${page.id}.html.gz`,
      body: page.gz,
      contentType: 'text/html',
      metadata: page.url ? { url: page.url } : {},
    });
    const first = outcomes[0];
    if (!first?.ok) return '';
    page.detected = first.doc.language ?? 'und';
    return first.doc.text;
  },
};

/** A full collection between timed runs, so that no run pays for the garbage of the one before. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const readability: Extractor = {
  name: 'readability.js 0.6.0',
  extract(page) {
    const { document } = parseHTML(page.html);
    const article = new Readability(document as unknown as Document).parse();
    return article?.textContent ?? '';
  },
};

/** The primary subtag of the page's `<html lang>` ("de-DE" -> "de"), or `und`. */
export function declaredLanguage(html: string): string {
  const tag = /<html\b[^>]*?\blang\s*=\s*["']?\s*([a-z]{2,3})\b/i.exec(html.slice(0, 20_000))?.[1];
  return tag ? tag.toLowerCase() : 'und';
}

function loadPages(dir: string): Page[] {
  let snippetsFile: string | undefined;
  try {
    snippetsFile = readFileSync(join(dir, 'snippets.json'), 'utf8');
  } catch {
    return loadGroundTruthPages(dir);
  }
  return loadSnippetPages(dir, snippetsFile);
}

interface SnippetEntry {
  file: string;
  with?: string[];
  without?: string[];
}

function loadSnippetPages(dir: string, json: string): Page[] {
  const entries = JSON.parse(json) as Record<string, SnippetEntry>;
  const files = new Set(readdirSync(join(dir, 'pages')));
  const settings = resolveNormalizeConfig();
  return Object.entries(entries)
    .filter(([, entry]) => files.has(`${entry.file}.gz`))
    .sort(([, a], [, b]) => a.file.localeCompare(b.file))
    .map(([url, entry]) => {
      const gz = new Uint8Array(readFileSync(join(dir, 'pages', `${entry.file}.gz`)));
      // Readability is handed the page decoded as newswatch decodes it (charset and all), untimed.
      let html = '';
      try {
        html = decodeObject({ key: `${entry.file}.gz`, body: gz, contentType: 'text/html', metadata: {} }, settings).text;
      } catch {
        html = gunzipSync(gz).toString('utf8');
      }
      return {
        id: entry.file, url, gz, html, truth: '',
        snippets: { with: entry.with ?? [], without: entry.without ?? [] },
        language: declaredLanguage(html),
      };
    });
}

/** Whitespace collapsed to single spaces, on both sides of the comparison. */
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

export function snippetCounts(text: string, snippets: { with: string[]; without: string[] }): SnippetCounts {
  const extracted = collapse(text);
  const found = (snippet: string) => extracted.includes(collapse(snippet));
  const tp = snippets.with.filter(found).length;
  return { tp, fn: snippets.with.length - tp, fp: snippets.without.filter(found).length };
}

export function snippetMetrics(counts: SnippetCounts[]): { precision: number; recall: number; f1: number } {
  const tp = counts.reduce((a, c) => a + c.tp, 0);
  const fp = counts.reduce((a, c) => a + c.fp, 0);
  const fn = counts.reduce((a, c) => a + c.fn, 0);
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function loadGroundTruthPages(dir: string): Page[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as GroundTruth;
  const files = new Set(readdirSync(join(dir, 'html')));
  return Object.keys(truth).sort().filter((id) => files.has(`${id}.html.gz`)).map((id) => {
    const gz = new Uint8Array(readFileSync(join(dir, 'html', `${id}.html.gz`)));
    const html = gunzipSync(gz).toString('utf8');
    return { id, url: truth[id].url, gz, html, truth: truth[id].articleBody ?? '', language: declaredLanguage(html) };
  });
}

interface Evaluation {
  scores: Map<string, Score>;
  /** Per extractor, per page: its text and its score on the page. */
  outputs: Map<string, Map<string, string>>;
  /** Per-language rows of a snippets set: language -> extractor -> score. */
  languages: Map<string, Map<string, Score>>;
}

function evaluate(pages: Page[], extractors: Extractor[], rounds: number, interleaved: boolean): Evaluation {
  const elapsed = new Map(extractors.map((e) => [e.name, new Map<string, bigint>()]));
  const outputs = new Map(extractors.map((e) => [e.name, new Map<string, string>()]));
  const failures = new Map(extractors.map((e) => [e.name, new Set<string>()]));
  const run = (extractor: Extractor, page: Page) => {
    let text = '';
    const start = process.hrtime.bigint();
    try {
      text = extractor.extract(page);
    } catch {
      failures.get(extractor.name)?.add(page.id);
    }
    const spent = process.hrtime.bigint() - start;
    const times = elapsed.get(extractor.name)!;
    times.set(page.id, (times.get(page.id) ?? 0n) + spent);
    outputs.get(extractor.name)?.set(page.id, text);
  };
  for (let round = 0; round < rounds; round += 1) {
    if (interleaved) {
      pages.forEach((page, index) => {
        // Alternate who goes first, so neither always runs on a cache the other warmed.
        for (const extractor of (round + index) % 2 === 0 ? extractors : [...extractors].reverse()) run(extractor, page);
      });
      continue;
    }
    // Whole runs in turn, who goes first alternating between rounds.
    for (const extractor of round % 2 === 0 ? extractors : [...extractors].reverse()) {
      collectGarbage();
      for (const page of pages) run(extractor, page);
    }
  }
  const scoreOf = (extractor: Extractor, subset: Page[]): Score => {
    const texts = outputs.get(extractor.name) ?? new Map<string, string>();
    const times = elapsed.get(extractor.name) ?? new Map<string, bigint>();
    const seconds = subset.reduce((sum, p) => sum + Number(times.get(p.id) ?? 0n), 0) / 1e9;
    const quality = subset.every((p) => p.snippets)
      ? snippetMetrics(subset.map((p) => snippetCounts(texts.get(p.id) ?? '', p.snippets!)))
      : metricsOf(subset.map((p) => shingleMatch(p.truth, texts.get(p.id) ?? '')));
    return {
      ...quality,
      pagesPerSecond: (subset.length * rounds) / seconds,
      pages: subset.length,
      failures: subset.filter((p) => failures.get(extractor.name)?.has(p.id)).length,
    };
  };
  const scores = new Map(extractors.map((e) => [e.name, scoreOf(e, pages)]));
  const languages = new Map<string, Map<string, Score>>();
  if (pages.every((p) => p.snippets)) {
    // By the language newswatch detected (title and text, the page's declaration as a prior):
    // every page has one, where `<html lang>` is missing on one in ten.
    const byLanguage = new Map<string, Page[]>();
    for (const page of pages) {
      const language = page.detected ?? page.language;
      byLanguage.set(language, [...(byLanguage.get(language) ?? []), page]);
    }
    const ranked = [...byLanguage.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    for (const [language, subset] of ranked) {
      languages.set(language, new Map(extractors.map((e) => [e.name, scoreOf(e, subset)])));
    }
  }
  return { scores, outputs, languages };
}

function printTable(scores: Map<string, Score>, label = 'extractor'): void {
  const rows = [[label, 'pages', 'precision', 'recall', 'F1', 'pages/s', 'failed']];
  for (const [name, s] of scores) {
    rows.push([name, String(s.pages), s.precision.toFixed(3), s.recall.toFixed(3), s.f1.toFixed(3), s.pagesPerSecond.toFixed(1), String(s.failures)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}

/** newswatch's weakest pages: for a snippets set the passages missed and the boilerplate kept. */
function printWorst(pages: Page[], texts: Map<string, string>, count: number): void {
  if (pages.every((p) => p.snippets)) {
    const ranked = pages
      .map((page) => {
        const text = texts.get(page.id) ?? '';
        const extracted = collapse(text);
        const missed = page.snippets!.with.filter((s) => !extracted.includes(collapse(s)));
        const kept = page.snippets!.without.filter((s) => extracted.includes(collapse(s)));
        return { page, missed, kept, chars: text.length };
      })
      .filter((row) => row.missed.length + row.kept.length > 0)
      .sort((a, b) => b.missed.length + b.kept.length - (a.missed.length + a.kept.length) || a.page.id.localeCompare(b.page.id))
      .slice(0, count);
    for (const row of ranked) {
      console.log(`${row.page.id} [${row.page.language}] missed ${row.missed.length}/${row.page.snippets!.with.length}, kept ${row.kept.length}/${row.page.snippets!.without.length}, ${row.chars} chars  ${row.page.url ?? ''}`);
      for (const s of row.missed) console.log(`   - missed: ${collapse(s).slice(0, 110)}`);
      for (const s of row.kept) console.log(`   + kept:   ${collapse(s).slice(0, 110)}`);
    }
    return;
  }
  const ranked = pages
    .map((page) => {
      const match = shingleMatch(page.truth, texts.get(page.id) ?? '');
      return { id: page.id, f1: (2 * match[0]) / (2 * match[0] + match[1] + match[2] || 1), p: precisionOf(match), r: recallOf(match) };
    })
    .sort((a, b) => a.f1 - b.f1)
    .slice(0, count);
  for (const row of ranked) console.log(`${row.id}  F1 ${row.f1.toFixed(3)}  P ${row.p.toFixed(3)}  R ${row.r.toFixed(3)}`);
}

function main(argv: string[]): void {
  const json = argv.includes('--json');
  const valueOf = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const option = (name: string, fallback: number) => Number(valueOf(name) ?? fallback);
  const rounds = Math.max(1, option('--rounds', 1));
  const worst = option('--worst', 0);
  const show = valueOf('--show');
  const valued = new Set(['--rounds', '--worst', '--set', '--show', '--match', '--texts']);
  const match = valueOf('--match');
  const interleaved = argv.includes('--interleaved');
  const set = valueOf('--set');
  const dir = resolve(set
    ? join('../shared/data', set === 'zyte' ? 'extraction' : set)
    : argv.find((a, i) => !a.startsWith('--') && !valued.has(argv[i - 1])) ?? '../shared/data/extraction');

  const pages = loadPages(dir).filter((page) => !match || new RegExp(match).test(page.id));
  if (pages.length === 0) throw new Error(`no pages under ${dir} (html/ with ground-truth.json, or pages/ with snippets.json)${match ? ` matching ${match}` : ''}`);
  const { scores, outputs, languages } = evaluate(pages, [newswatch, readability], rounds, interleaved);
  const speedRatio = scores.get(newswatch.name)!.pagesPerSecond / scores.get(readability.name)!.pagesPerSecond;

  if (json) {
    console.log(JSON.stringify({
      dir, pages: pages.length, rounds, timing: interleaved ? 'interleaved' : 'whole runs', metric: pages.every((p) => p.snippets) ? 'snippets' : 'shingles',
      speedRatio, extractors: Object.fromEntries(scores),
      languages: Object.fromEntries([...languages].map(([language, rows]) => [language, Object.fromEntries(rows)])),
    }));
  } else {
    const metric = pages.every((p) => p.snippets) ? 'snippets found/kept' : 'Zyte shingle metric';
    console.log(`${pages.length} pages from ${dir} (${metric}; ${rounds} round${rounds > 1 ? 's' : ''}; ${interleaved ? 'timed page by page, interleaved' : 'timed as whole runs, one extractor after the other'})`);
    printTable(scores);
    console.log(`newswatch speed: ${speedRatio.toFixed(2)}x Readability.js's in this run (time per page ${(1 / speedRatio).toFixed(3)} of it)`);
    if (languages.size > 0) {
      console.log('\nby language (detected by newswatch; und = none found):');
      for (const [language, rows] of languages) {
        const n = rows.get(newswatch.name)!;
        const r = rows.get(readability.name)!;
        console.log(`${language.padEnd(4)} ${String(n.pages).padStart(4)} pages  newswatch P ${n.precision.toFixed(3)} R ${n.recall.toFixed(3)} F1 ${n.f1.toFixed(3)}   readability F1 ${r.f1.toFixed(3)}`);
      }
    }
  }
  if (worst > 0) printWorst(pages, outputs.get(newswatch.name) ?? new Map(), worst);
  if (show) console.log(outputs.get(newswatch.name)?.get(show) ?? `no page ${show}`);
  const textsFile = valueOf('--texts');
  if (textsFile) writeFileSync(textsFile, `${JSON.stringify(Object.fromEntries(outputs.get(newswatch.name) ?? new Map()), null, 1)}\n`);
}

if (require.main === module) main(process.argv.slice(2));
