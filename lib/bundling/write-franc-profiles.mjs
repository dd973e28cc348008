// `node write-franc-profiles.mjs <bundle dir>`, after bundling (handler-function.ts): when the
// bundle's index.js requires franc-min's trigram profiles (`./data.js`, left outside it), writes
// them beside it as franc-profiles.json, and data.js that requires it. franc-min ships them as a
// 106 KB JavaScript object literal, which V8 parses with the code at every cold start; JSON.parse
// reads the same data several times faster (docs/lambda-bundles.md).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { data } from 'franc-min/data.js';

const [bundleDir] = process.argv.slice(2);
if (!bundleDir) throw new Error('usage: write-franc-profiles.mjs <bundle dir>');
if (readFileSync(path.join(bundleDir, 'index.js'), 'utf8').includes('require("./data.js")')) {
  writeFileSync(path.join(bundleDir, 'franc-profiles.json'), JSON.stringify(data));
  writeFileSync(path.join(bundleDir, 'data.js'), '"use strict";\n// franc-min\'s trigram profiles (lib/bundling/write-franc-profiles.mjs).\nexports.data = require("./franc-profiles.json");\n');
}
