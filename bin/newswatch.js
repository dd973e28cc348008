#!/usr/bin/env node
// The `newswatch` command. It runs the prebuilt bundle (dist/, made by `npm install`: see
// scripts/build-cli.mjs) while none of the sources it was built from changed since, and the
// TypeScript sources through tsx's loader otherwise: fast to start, never stale.

// The AWS SDK warns on every start that its 2027 releases will need Node 22; locally on Node 20
// that is noise for a CLI user (the Lambdas run on Node 22). Other warnings still show.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  if (String(warning).startsWith('NodeVersionSupportWarning')) return;
  return emitWarning.call(process, warning, ...rest);
};

const fs = require('node:fs');
const path = require('node:path');

function freshBundle() {
  const dist = path.join(__dirname, '..', 'dist');
  try {
    const { builtAt, inputs } = JSON.parse(fs.readFileSync(path.join(dist, 'newswatch-cli.inputs.json'), 'utf8'));
    const unchanged = inputs.every((input) => fs.statSync(path.join(dist, input)).mtimeMs <= builtAt);
    return unchanged ? path.join(dist, 'newswatch-cli.js') : undefined;
  } catch {
    return undefined; // no bundle, or an input moved: the sources it is
  }
}

const bundle = process.env.NEWSWATCH_FROM_SOURCE ? undefined : freshBundle();
if (process.env.NEWSWATCH_DEBUG) console.error(`newswatch: running ${bundle ? 'the bundle dist/newswatch-cli.js' : 'the sources through tsx'}`);
if (bundle) {
  require(bundle);
} else {
  require('tsx/cjs');
  require('./newswatch-cli.ts');
}
