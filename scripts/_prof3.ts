import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
const dir = '/work/shared/data/extraction/html';
const htmls = readdirSync(dir).map(f => gunzipSync(readFileSync(`${dir}/${f}`)).toString('utf8'));
const STRIP = /<(script|style|noscript|template|svg)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const T: Record<string, bigint> = {};
const t = <X>(k: string, fn: () => X): X => { const s = process.hrtime.bigint(); const r = fn(); T[k] = (T[k] ?? 0n) + process.hrtime.bigint() - s; return r; };
for (let r = 0; r < 3; r++) for (const h of htmls) {
  t('parse', () => parseHTML(h));
  const s = t('strip', () => h.replace(STRIP, ''));
  t('parse-stripped', () => parseHTML(s));
}
for (const [k, v] of Object.entries(T)) console.log(k.padEnd(20), (Number(v) / 1e6 / (3 * htmls.length)).toFixed(2), 'ms/page');
