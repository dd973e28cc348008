import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { classTokens } from '../lambdas/core/normalize/pruneBoilerplate';
const id = process.argv[2]; const needle = process.argv[3];
const f = require('node:fs').readdirSync('/work/shared/data/extraction/html').find((x: string) => x.startsWith(id));
const { document } = parseHTML(gunzipSync(readFileSync(`/work/shared/data/extraction/html/${f}`)).toString('utf8'));
let el: any = [...document.querySelectorAll('p, div')].find((e: any) => e.textContent.includes(needle) && e.tagName === 'P') ;
while (el) { console.log(el.tagName, JSON.stringify(classTokens(el)), el.getAttribute('role'), el.getAttribute('style')?.slice(0,60), el.hasAttribute('hidden'), el.getAttribute('aria-hidden'), el.textContent.length); el = el.parentElement; }
