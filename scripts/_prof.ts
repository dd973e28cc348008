import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { normalizeObject } from '../lambdas/core/normalize';
const dir = '/work/shared/data/extraction/html';
const files = readdirSync(dir);
const htmls = files.map(f => gunzipSync(readFileSync(`${dir}/${f}`)).toString('utf8'));
const gzs = files.map(f => new Uint8Array(readFileSync(`${dir}/${f}`)));
function t(name: string, fn: (i: number) => void) { const s = process.hrtime.bigint(); for (let i = 0; i < htmls.length; i++) fn(i); console.log(name, Number(process.hrtime.bigint() - s) / 1e6 / htmls.length, 'ms/page'); }
const strip = (h: string) => h.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '').replace(/<style\b[\s\S]*?<\/style\s*>/gi, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<svg\b[\s\S]*?<\/svg\s*>/gi, '');
for (let r = 0; r < 2; r++) {
t('parse', i => parseHTML(htmls[i]));
t('strip', i => strip(htmls[i]));
t('strip+parse', i => parseHTML(strip(htmls[i])));
t('parse+readability', i => new Readability(parseHTML(htmls[i]).document as any).parse());
t('strip+parse+readability', i => new Readability(parseHTML(strip(htmls[i])).document as any).parse());
t('normalizeObject', i => normalizeObject({ key: 'x.html.gz', body: gzs[i], metadata: {} }));
}
console.log('avg html KB', htmls.reduce((a,h)=>a+h.length,0)/htmls.length/1024, 'stripped', htmls.reduce((a,h)=>a+strip(h).length,0)/htmls.length/1024);
