import { readFileSync } from 'node:fs';
import { normalizeObject } from '../lambdas/core/normalize';
import { shingleMatch } from './eval-extraction';
const gt = JSON.parse(readFileSync('/work/shared/data/extraction/ground-truth.json', 'utf8'));
const ids = process.argv.slice(2);
for (const id0 of ids) {
  const id = Object.keys(gt).find((k) => k.startsWith(id0))!;
  const out = normalizeObject({ key: 'x.html.gz', body: new Uint8Array(readFileSync(`/work/shared/data/extraction/html/${id}.html.gz`)), metadata: { url: gt[id].url } });
  const text = out[0].ok ? out[0].doc.text : '';
  const truth = gt[id].articleBody.replace(/\s+/g, ' ');
  console.log('=====', id.slice(0, 8), gt[id].url);
  for (const p of text.split('\n\n')) {
    const norm = p.replace(/\s+/g, ' ');
    if (!truth.includes(norm.slice(0, 60))) console.log('  FP>', norm.slice(0, 160));
  }
  const tps = text.replace(/\s+/g, ' ');
  for (const p of gt[id].articleBody.split(/\n+/)) { if (p.trim() && !tps.includes(p.trim().replace(/\s+/g,' ').slice(0, 60))) console.log('  FN>', p.trim().slice(0, 160)); }
}
