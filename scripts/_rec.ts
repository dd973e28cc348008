import { readFileSync } from 'node:fs';
import { normalizeObject } from '../lambdas/core/normalize';
import { shingleMatch } from './eval-extraction';
const gt = JSON.parse(readFileSync('/work/shared/data/extraction/ground-truth.json', 'utf8'));
const rows = [];
for (const id of Object.keys(gt)) {
  let text = '';
  try { const out = normalizeObject({ key: 'x.html.gz', body: new Uint8Array(readFileSync(`/work/shared/data/extraction/html/${id}.html.gz`)), metadata: { url: gt[id].url } }); text = out[0].ok ? out[0].doc.text : ''; } catch (e) { console.log('FAIL', id, (e as Error).message); }
  const [tp, fp, fn] = shingleMatch(gt[id].articleBody, text);
  rows.push({ id: id.slice(0, 8), P: tp / (tp + fp || 1), R: tp / (tp + fn || 1) });
}
const key = process.argv[2] === 'P' ? 'P' : 'R';
rows.sort((a: any, b: any) => a[key] - b[key]);
for (const r of rows.slice(0, +(process.argv[3] ?? 15))) console.log(r.id, 'P', r.P.toFixed(2), 'R', r.R.toFixed(2));
