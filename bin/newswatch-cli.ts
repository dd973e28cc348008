import { runCli } from '../lambdas/cli/program';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../package.json') as { version: string };

runCli(process.argv.slice(2), version).then((code) => { process.exitCode = code; });
