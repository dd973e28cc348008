import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import * as path from 'node:path';

const PROJECT_ROOT = path.join(__dirname, '..', '..');

/**
 * What every newswatch Lambda shares: its handler file under lambdas/handlers, Node.js 22 on
 * arm64, bundled by the local esbuild with the pinned AWS SDK inside (not the runtime's copy).
 */
function handlerFunctionProps(handlerFile: string): nodejs.NodejsFunctionProps {
  return {
    entry: path.join(PROJECT_ROOT, 'lambdas', 'handlers', handlerFile),
    handler: 'handler',
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    bundling: {
      minify: true,
      sourceMap: true,
      // Stack traces map through names and lines; the sources themselves only bloat the zip.
      sourcesContent: false,
      target: 'node22',
      format: nodejs.OutputFormat.CJS,
      externalModules: [],
    },
  };
}

/** What a construct says of its own Lambda: sizing, limits, retries and its environment. */
export type HandlerFunctionOptions = Omit<nodejs.NodejsFunctionProps, 'entry' | 'handler' | 'logGroup' | 'environment'> & {
  readonly environment: Record<string, string>;
};

/**
 * A newswatch Lambda (`Function` in `scope`) with the shared props above, its own log group
 * (`LogGroup`, kept a month) and stack traces mapped through the bundle's source maps.
 */
export function newHandlerFunction(scope: Construct, handlerFile: string, options: HandlerFunctionOptions): { function: nodejs.NodejsFunction; logGroup: logs.LogGroup } {
  const logGroup = new logs.LogGroup(scope, 'LogGroup', { retention: logs.RetentionDays.ONE_MONTH });
  const fn = new nodejs.NodejsFunction(scope, 'Function', {
    ...handlerFunctionProps(handlerFile),
    ...options,
    logGroup,
    environment: { ...options.environment, NODE_OPTIONS: '--enable-source-maps' },
  });
  return { function: fn, logGroup };
}
