import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { shingleMatch } from './eval-extraction';
const gt = JSON.parse(readFileSync('/work/shared/data/extraction/ground-truth.json', 'utf8'));
for (const id of Object.keys(gt)) {
  const html = gunzipSync(readFileSync(`/work/shared/data/extraction/html/${id}.html.gz`)).toString('utf8');
  const bodies: string[] = [];
  for (const m of html.matchAll(/<script[^>]*application\/ld\+json[^>]*>([\s\S]*?)<\/script>/gi)) {
    try { const walk = (v: any): void => { if (Array.isArray(v)) v.forEach(walk); else if (v && typeof v === 'object') { if (typeof v.articleBody === 'string') bodies.push(v.articleBody); Object.values(v).forEach(walk); } }; walk(JSON.parse(m[1])); } catch {}
  }
  if (!bodies.length) continue;
  const b = bodies.sort((a, b) => b.length - a.length)[0];
  const [tp, fp, fn] = shingleMatch(gt[id].articleBody, b);
  console.log(id.slice(0, 8), 'ld', b.length, 'gt', gt[id].articleBody.length, 'P', (tp / (tp + fp || 1)).toFixed(2), 'R', (tp / (tp + fn)).toFixed(2), /<[a-z]/i.test(b) ? 'HTML' : '');
}
