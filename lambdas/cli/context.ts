import { InvalidArgumentError, type Command } from 'commander';
import { ConfigurationError } from '../core/errors';
import type { DeployedTarget, Target } from '../app/target';
import { openAwsTarget } from '../targets/aws';
import { DEFAULT_DATA_DIR, startEmbedded, type EmbeddedRuntime } from '../targets/embedded';
import { DEFAULT_OUTPUTS_FILE } from '../targets/stack-outputs';

/** Exit codes, documented in `newswatch --help` and the README. */
export const EXIT = { ok: 0, error: 1, partial: 2 } as const;

let exitCode: number = EXIT.ok;

/** An action's outcome when it is not plain success (2: partial); commander drops return values. */
export function exitWith(code: number): void {
  exitCode = code;
}

/** The code the last action asked for (read once the command line ran). */
export function actionExitCode(): number {
  return exitCode;
}

/** The options every command takes (declared once, on the program). */
export interface GlobalOptions {
  dataDir: string;
  aws: boolean;
  outputs: string;
  stack?: string;
  waitLock?: boolean;
}

/** A command used in a way it does not support (a wrong argument, a target it cannot act on). */
export class UsageError extends ConfigurationError {}

export function globalOptions(command: Command): GlobalOptions {
  const all = command.optsWithGlobals() as Partial<GlobalOptions>;
  return {
    dataDir: all.dataDir ?? DEFAULT_DATA_DIR,
    aws: Boolean(all.aws) || process.env.NEWSWATCH_TARGET === 'aws',
    outputs: all.outputs ?? DEFAULT_OUTPUTS_FILE,
    stack: all.stack,
    waitLock: all.waitLock,
  };
}

/** The command's full name for messages and the lock file: "watch add". */
export function commandName(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * Opens the target the global options choose (the one place that asks which), runs `use`, and
 * closes it. Embedded: the store under --data-dir, locked to this process. AWS: the stack in
 * the outputs file, with the SDK's credentials.
 */
export async function withTarget(command: Command, use: (target: Target) => Promise<unknown>, force: { aws?: boolean } = {}): Promise<void> {
  const options = globalOptions(command);
  const target: Target = options.aws || force.aws
    ? await openAwsTarget({ outputsFile: options.outputs, stackName: options.stack })
    : await startEmbedded({ dataDir: options.dataDir, waitLock: options.waitLock, command: commandName(command) });
  try {
    const result = await use(target);
    if (typeof result === 'number') exitWith(result);
  } finally {
    await target.close();
  }
}

export function isDeployed(target: Target): target is DeployedTarget {
  return target.kind === 'aws';
}

export function isEmbedded(target: Target): target is EmbeddedRuntime {
  return target.kind === 'embedded';
}

/** For commands that only make sense on one side (polling here; the drop bucket there). */
export function embeddedOnly(target: Target, why: string): EmbeddedRuntime {
  if (!isEmbedded(target)) throw new UsageError(why);
  return target;
}

/** Prints one value: JSON on one line with --json, else the text rendering. */
export function printer(json: boolean | undefined) {
  return (value: unknown, text?: string) => console.log(json ? JSON.stringify(value) : text ?? String(value));
}

/** A listing: one JSON line per item with --json, else one rendering per item, or what to do when empty. */
export function printList<T>(items: T[], options: { json?: boolean; format: (item: T) => string; empty: string; asJson?: (item: T) => unknown }): void {
  if (options.json) items.forEach((item) => console.log(JSON.stringify(options.asJson ? options.asJson(item) : item)));
  else console.log(items.length ? items.map(options.format).join('\n') : options.empty);
}

/** "Examples:" after a command's help. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
}

/** For repeatable options: `--actor A --actor B`. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a whole number above 0');
  return n;
}

export function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('a number of seconds >= 0');
  return n;
}
