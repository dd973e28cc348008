#!/usr/bin/env node
// The `newswatch` command: runs the TypeScript CLI through tsx's loader, so there is no build step.
require('tsx/cjs');
require('./newswatch-cli.ts');
