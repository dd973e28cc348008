import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import * as path from 'node:path';

const PROJECT_ROOT = path.join(__dirname, '..', '..');

/** The Lambda runtime of every newswatch function; the bundle targets the same Node.js version. */
export const HANDLER_RUNTIME = lambda.Runtime.NODEJS_24_X;
const BUNDLE_TARGET = HANDLER_RUNTIME.name.replace(/^nodejs(\d+)\.x$/, 'node$1');

/**
 * What every newswatch Lambda shares: its handler file under lambdas/handlers, Node.js 24 on
 * arm64, bundled by the local esbuild with the pinned AWS SDK inside (not the runtime's copy).
 */
function handlerFunctionProps(handlerFile: string): nodejs.NodejsFunctionProps {
  return {
    entry: path.join(PROJECT_ROOT, 'lambdas', 'handlers', handlerFile),
    handler: 'handler',
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
    runtime: HANDLER_RUNTIME,
    architecture: lambda.Architecture.ARM_64,
    bundling: {
      minify: true,
      sourceMap: true,
      // Stack traces map through names and lines; the sources themselves only bloat the zip.
      sourcesContent: false,
      target: BUNDLE_TARGET,
      format: nodejs.OutputFormat.CJS,
      // The packages' ES module builds first: esbuild drops what a handler never uses (the AWS SDK's
      // commands and protocols it does not call: the ingest bundle is ~300 KB smaller than from their CommonJS builds).
      mainFields: ['module', 'main'],
      // JSON (the tagger's weights and name lists, ~400 KB) goes beside index.js as files, required as the
      // code starts: JSON.parse reads it faster than V8 evaluates the same object as JavaScript.
      loader: { '.json': 'copy' },
      // Two trims of the HTML extractor's dependencies that no handler reaches, and the credential
      // chain cut to what Lambda gives (BUNDLE_ALIASES); non-ASCII text as UTF-8, not \u escapes
      // (franc-min's trigram profiles of other scripts: 170 KB -> 106 KB). The ingest bundle
      // 1,053 KB -> 888 KB, then 700 KB with the extractor beside it, 611 KB with franc-min's profiles as JSON (docs/lambda-bundles.md).
      esbuildArgs: {
        ...Object.fromEntries(Object.entries(BUNDLE_ALIASES).map(([name, file]) => [`--alias:${name}`, file])),
        '--charset': 'utf8',
        // The HTML extractor is a file of its own beside index.js (afterBundling below).
        [`--external:${HTML_LIBRARIES_IMPORT}`]: true,
        // franc-min's trigram profiles, as JSON beside index.js (afterBundling below).
        [`--external:${FRANC_PROFILES_IMPORT}`]: true,
      },
      externalModules: [],
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_inputDir: string, outputDir: string) => [htmlLibrariesCommand(outputDir), francProfilesCommand(outputDir)],
      },
    },
  };
}

/** Bundled in place of packages: two trims of the HTML extractor's dependencies and the credential chain (the files say why). */
const BUNDLE_ALIASES: Record<string, string> = {
  '@acemir/cssom': path.join(PROJECT_ROOT, 'lib', 'bundling', 'no-css-parser.js'),
  htmlparser2: path.join(PROJECT_ROOT, 'lib', 'bundling', 'htmlparser2-parser.js'),
  '@aws-sdk/credential-provider-node': path.join(PROJECT_ROOT, 'lib', 'bundling', 'lambda-credentials.js'),
  'franc-min/data.js': path.join(PROJECT_ROOT, 'lib', 'bundling', 'franc-profiles.js'),
};

/**
 * How franc-min imports its trigram profiles (and, through the alias above, detectLanguage.ts).
 * No other module of any bundle imports a `./data.js` (test/handlers/bundles.test.ts checks it).
 */
const FRANC_PROFILES_IMPORT = './data.js';

/**
 * franc-min's trigram profiles (106 KB of a JavaScript object literal, V8 parsing them at every
 * cold start) written as JSON beside index.js with the data.js that requires them, in the bundles
 * that use them (ingest, feed poller): lib/bundling/write-franc-profiles.mjs.
 */
function francProfilesCommand(outputDir: string): string {
  const script = path.join(PROJECT_ROOT, 'lib', 'bundling', 'write-franc-profiles.mjs');
  return `node ${shellQuote(script)} ${shellQuote(outputDir)}`;
}

/** One argument of an afterBundling shell command. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** How domLibraries.ts requires the HTML libraries, on first use. */
const HTML_LIBRARIES_IMPORT = './htmlLibraries';

/**
 * The HTML extractor (linkedom, htmlparser2, css-select, Readability: ~190 KB minified) as
 * htmlLibraries.js beside index.js, built with the same settings, in the bundles that require it
 * (ingest, feed poller). domLibraries.ts requires it when the first page is read, so a cold start
 * for a text, JSON or CSV drop does not even parse it: the ingest bundle's load took 7% more CPU
 * than the four SDK clients with it inside, 7% less without (docs/lambda-bundles.md).
 */
function htmlLibrariesCommand(outputDir: string): string {
  const esbuild = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'esbuild');
  const entry = path.join(PROJECT_ROOT, 'lambdas', 'core', 'normalize', 'htmlLibraries.ts');
  const args = [
    '--bundle', '--platform=node', `--target=${BUNDLE_TARGET}`, '--format=cjs', '--minify', '--sourcemap', '--sources-content=false',
    '--main-fields=module,main', '--charset=utf8', '--log-level=warning',
    ...Object.entries(BUNDLE_ALIASES).map(([name, file]) => `--alias:${name}=${file}`),
    `--outfile=${path.join(outputDir, 'htmlLibraries.js')}`,
  ];
  const index = shellQuote(path.join(outputDir, 'index.js'));
  return `if grep -q 'require("${HTML_LIBRARIES_IMPORT}")' ${index}; then ${shellQuote(esbuild)} ${shellQuote(entry)} ${args.map(shellQuote).join(' ')}; fi`;
}

/** What a construct says of its own Lambda: sizing, limits, retries and its environment. */
export type HandlerFunctionOptions = Omit<nodejs.NodejsFunctionProps, 'entry' | 'handler' | 'logGroup' | 'environment' | 'role'> & {
  readonly environment: Record<string, string>;
};

/**
 * A newswatch Lambda (`Function` in `scope`) with the shared props above, its own log group
 * (`LogGroup`, kept a month), stack traces mapped through the bundle's source maps, and its own
 * role (`ServiceRole`) that starts empty: no AWS managed policy, only the right to write to
 * that one log group. Each construct grants what its handler uses, nothing more.
 */
export function newHandlerFunction(scope: Construct, handlerFile: string, options: HandlerFunctionOptions): { function: nodejs.NodejsFunction; logGroup: logs.LogGroup; role: iam.Role } {
  const logGroup = new logs.LogGroup(scope, 'LogGroup', { retention: logs.RetentionDays.ONE_MONTH });
  const role = new iam.Role(scope, 'ServiceRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `newswatch ${handlerFile.replace(/\.ts$/, '')} Lambda`,
  });
  // What AWSLambdaBasicExecutionRole would give, narrowed to this function's own log group
  // (the group exists before the function: no logs:CreateLogGroup).
  logGroup.grantWrite(role);
  const fn = new nodejs.NodejsFunction(scope, 'Function', {
    ...handlerFunctionProps(handlerFile),
    ...options,
    role,
    logGroup,
    // No NODE_OPTIONS=--enable-source-maps: Node would read and parse the map at every cold start;
    // each handler maps its stack traces on the first one instead (lambdas/handlers/source-mapped-stacks.ts).
  });
  return { function: fn, logGroup, role };
}
