import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as path from 'node:path';

const PROJECT_ROOT = path.join(__dirname, '..', '..');

/**
 * What every newswatch Lambda shares: its handler file under lambdas/handlers, Node.js 22 on
 * arm64, bundled by the local esbuild with the pinned AWS SDK inside (not the runtime's copy).
 */
export function handlerFunctionProps(handlerFile: string): nodejs.NodejsFunctionProps {
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
