import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '../core/errors';

/** The outputs `cdk deploy --outputs-file` writes for one newswatch stack. */
export interface StackOutputs {
  stackName: string;
  TableName: string;
  BucketName?: string;
  TopicArn?: string;
  [output: string]: string | undefined;
}

export const DEFAULT_OUTPUTS_FILE = 'cdk-outputs.json';

const DEPLOY_HINT = 'deploy with `npx cdk deploy --outputs-file cdk-outputs.json` (or pass --outputs FILE)';

/**
 * The newswatch stack's outputs from the file `cdk deploy --outputs-file` wrote: the stack
 * object holding `TableName`, or the one named `stackName` when the file lists several.
 */
export async function readStackOutputs(file: string = DEFAULT_OUTPUTS_FILE, stackName?: string): Promise<StackOutputs> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ConfigurationError(`no ${file} here: ${DEPLOY_HINT}`, { cause: error });
    throw new ConfigurationError(`${file} could not be read`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${file} is not the JSON cdk deploy writes`, { cause: error });
  }
  if (!parsed || typeof parsed !== 'object') throw new ConfigurationError(`${file} is not the JSON cdk deploy writes`);
  const stacks = Object.entries(parsed as Record<string, unknown>)
    .filter((entry): entry is [string, Record<string, unknown>] => typeof entry[1] === 'object' && entry[1] !== null && typeof (entry[1] as Record<string, unknown>).TableName === 'string');
  if (stackName) {
    const named = stacks.find(([name]) => name === stackName);
    if (!named) throw new ConfigurationError(`${file} has no newswatch stack named ${stackName} (it has: ${stacks.map(([n]) => n).join(', ') || 'none'})`);
    return outputsOf(named);
  }
  if (stacks.length === 0) throw new ConfigurationError(`${file} names no newswatch stack (no TableName output): ${DEPLOY_HINT}`);
  if (stacks.length > 1) throw new ConfigurationError(`${file} lists ${stacks.length} newswatch stacks (${stacks.map(([n]) => n).join(', ')}): pick one with --stack NAME`);
  return outputsOf(stacks[0]);
}

function outputsOf([stackName, outputs]: [string, Record<string, unknown>]): StackOutputs {
  const strings = Object.fromEntries(Object.entries(outputs).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  return { ...strings, stackName, TableName: strings.TableName };
}

/** The region an ARN names (arn:aws:sns:<region>:<account>:<name>), if any. */
export function regionOfArn(arn: string | undefined): string | undefined {
  return arn?.split(':')[3] || undefined;
}
