import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { readPageMetadata } from '../lambdas/core/normalize/readPageMetadata';
import { pruneBoilerplate } from '../lambdas/core/normalize/pruneBoilerplate';
import { defaultNormalizeConfig } from '../lambdas/core/normalize/config';
import { collectBlocks } from '../lambdas/core/normalize/htmlParagraphs';
const dir = '/work/shared/data/extraction/html';
const files = readdirSync(dir);
const gzs = files.map(f => readFileSync(`${dir}/${f}`));
const htmls = gzs.map(g => gunzipSync(g).toString('utf8'));
const T: Record<string, bigint> = {};
const t = <X>(k: string, fn: () => X): X => { const s = process.hrtime.bigint(); const r = fn(); T[k] = (T[k] ?? 0n) + process.hrtime.bigint() - s; return r; };
for (let r = 0; r < 2; r++) for (let i = 0; i < gzs.length; i++) {
  const bytes = t('gunzip', () => gunzipSync(gzs[i]));
  const html = t('decode', () => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  const { document } = t('parse', () => parseHTML(html));
  t('meta', () => readPageMetadata(document as any));
  t('prune', () => pruneBoilerplate(document.body as any, defaultNormalizeConfig));
  const res = t('readability', () => new Readability(document as any, { serializer: (n: any) => n, disableJSONLD: true }).parse());
  t('blocks', () => collectBlocks(res!.content as any));
  const d2 = t('parse2', () => parseHTML(htmls[i]).document);
  t('readability-plain', () => new Readability(d2 as any).parse()?.textContent);
}
for (const [k, v] of Object.entries(T)) console.log(k.padEnd(20), (Number(v) / 1e6 / (2 * gzs.length)).toFixed(2), 'ms/page');
