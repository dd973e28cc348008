#!/usr/bin/env node
// The `newswatch` command: runs the TypeScript CLI through tsx's loader, so there is no build step.

// The AWS SDK warns on every start that its 2027 releases will need Node 22; locally on Node 20
// that is noise for a CLI user (the Lambdas run on Node 22). Other warnings still show.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  if (String(warning).startsWith('NodeVersionSupportWarning')) return;
  return emitWarning.call(process, warning, ...rest);
};

require('tsx/cjs');
require('./newswatch-cli.ts');
