/**
 * `npm run eval:language [-- <pages folder>]` (default ../shared/data/web-extraction-dev/pages)
 *
 * Language detection against what pages declare: every page goes through the normalize step as
 * `newswatch extract` runs it; where the page's `<html lang>` names a language, the detected
 * language (detectLanguage: franc over title and text, the declaration as a prior) should agree.
 * Prints the agreement, the pages given `und`, the disagreements by (declared -> detected), and
 * the same figures with the declaration withheld (the text alone), to show the prior is a prior.
 */
import path from 'node:path';
import { declaredLanguage, detectLanguage } from '../lambdas/core/normalize';
import { DEFAULT_PAGES_FOLDER, extractedPages, pageFiles } from './extracted-pages';

const folder = path.resolve(process.argv[2] ?? DEFAULT_PAGES_FOLDER);
const files = pageFiles(folder);

interface Tally { pages: number; agree: number; textAlone: number; und: number; confusions: Map<string, number> }
const tally: Tally = { pages: 0, agree: 0, textAlone: 0, und: 0, confusions: new Map() };
const byLanguage = new Map<string, { pages: number; agree: number }>();
let extracted = 0;
let detectMs = 0;
const started = performance.now();
for (const { body, doc } of extractedPages(folder)) {
  extracted++;
  const declared = declaredLanguage(/<html\b[^>]*\blang\s*=\s*["']?([\w-]+)/i.exec(body.toString('latin1'))?.[1]);
  if (!declared) continue;
  const t0 = performance.now();
  const textAlone = detectLanguage({ title: doc.title, text: doc.text });
  detectMs += performance.now() - t0;
  tally.pages++;
  const row = byLanguage.get(declared) ?? { pages: 0, agree: 0 };
  row.pages++;
  if (doc.language === declared) { tally.agree++; row.agree++; } else tally.confusions.set(`${declared} -> ${doc.language}`, (tally.confusions.get(`${declared} -> ${doc.language}`) ?? 0) + 1);
  if (textAlone === declared) tally.textAlone++;
  if (doc.language === 'und') tally.und++;
  byLanguage.set(declared, row);
}
const seconds = (performance.now() - started) / 1000;
const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
console.log(`${folder}: ${files.length} pages, ${extracted} extracted, ${tally.pages} declaring <html lang>`);
console.log(`detected language agrees with the declaration: ${tally.agree}/${tally.pages} (${pct(tally.agree, tally.pages)}); text alone, no prior: ${tally.textAlone}/${tally.pages} (${pct(tally.textAlone, tally.pages)}); und: ${tally.und}`);
console.log(`per declared language: ${[...byLanguage].sort((a, b) => b[1].pages - a[1].pages).map(([l, r]) => `${l} ${r.agree}/${r.pages}`).join(', ')}`);
console.log(`disagreements: ${[...tally.confusions].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`);
console.log(`detection alone: ${(detectMs / Math.max(1, tally.pages)).toFixed(2)} ms/page; whole run ${seconds.toFixed(1)} s`);
