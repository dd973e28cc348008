import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { readPageMetadata, findJsonLdScripts } from '../lambdas/core/normalize/readPageMetadata';
import { pruneBoilerplate } from '../lambdas/core/normalize/pruneBoilerplate';
import { defaultNormalizeConfig } from '../lambdas/core/normalize/config';
import { collectBlocks } from '../lambdas/core/normalize/htmlParagraphs';
import { normalizeObject } from '../lambdas/core/normalize';
const dir = '/work/shared/data/extraction/html';
const gzs = readdirSync(dir).map(f => readFileSync(`${dir}/${f}`));
const htmls = gzs.map(g => gunzipSync(g).toString('utf8'));
const NON = /<(script|style|noscript|template|svg)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const T: Record<string, bigint> = {};
const t = <X>(k: string, fn: () => X): X => { const s = process.hrtime.bigint(); const r = fn(); T[k] = (T[k] ?? 0n) + process.hrtime.bigint() - s; return r; };
for (let r = 0; r < 2; r++) for (let i = 0; i < gzs.length; i++) {
  const html = htmls[i];
  const ld = t('ld', () => findJsonLdScripts(html));
  const { document } = t('parse', () => parseHTML(html.replace(NON, ' ')));
  t('meta', () => readPageMetadata(document as any, ld));
  t('prune', () => pruneBoilerplate(document.body as any, defaultNormalizeConfig));
  const res = t('readability', () => new Readability(document as any, { serializer: (n: any) => n, disableJSONLD: true, charThreshold: 300 } as any).parse());
  t('blocks', () => res && collectBlocks(res.content as any));
  t('ALL normalizeObject', () => normalizeObject({ key: 'x.html.gz', body: gzs[i], metadata: {} }));
  const d2 = t('plain parse', () => parseHTML(html).document);
  t('plain readability', () => new Readability(d2 as any).parse()?.textContent);
}
for (const [k, v] of Object.entries(T)) console.log(k.padEnd(20), (Number(v) / 1e6 / (2 * gzs.length)).toFixed(2), 'ms/page');
