import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeObject } from '../lambdas/core/normalize';
const dir = '../shared/data/extraction/html';
const pages = readdirSync(dir).filter((f) => f.endsWith('.html.gz')).map((f) => ({ id: f, gz: readFileSync(join(dir, f)) }));
const t0 = performance.now();
for (let r = 0; r < 4; r++) for (const p of pages) normalizeObject({ key: p.id, body: p.gz, contentType: 'text/html', metadata: {} });
console.log(((performance.now() - t0) / 1000).toFixed(2), 's for', pages.length * 4, 'pages');
