import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ActorRecord } from '../core/model';
import { addActorAlias, listActors, mergeActors, splitActor } from './actors';
import { startEmbedded, type EmbeddedRuntime } from './runtime';
import { tagJsonLines } from './tag-jsonl';

/** The terminal side of `newswatch actors …` and `newswatch tag --jsonl`. */

export async function actorsCommand(
  runtime: EmbeddedRuntime,
  args: string[],
  flags: { json?: boolean; all?: boolean; alias?: string[]; name?: string },
  usage: (message: string) => Error,
): Promise<number> {
  const [sub, first, second] = args;
  const print = (value: unknown, text: string) => console.log(flags.json ? JSON.stringify(value) : text);
  if (sub === 'list') {
    const actors = await listActors(runtime.store, { all: flags.all });
    if (flags.json) actors.forEach((actor) => console.log(JSON.stringify(actor)));
    else console.log(actors.length ? actors.map(formatActor).join('\n') : 'no actors yet: `newswatch ingest <file>`');
  } else if (sub === 'alias') {
    if (!first || !second) throw usage('usage: newswatch actors alias <id> <surface form>');
    const outcome = await addActorAlias(runtime.store, first, args.slice(2).join(' '));
    const moved = outcome.previousOwner ? ` (moved from ${outcome.previousOwner})` : '';
    print(outcome, `alias "${outcome.key}" -> ${outcome.actor.id} ${outcome.actor.name}${moved}; later articles use it`);
  } else if (sub === 'merge') {
    if (!first || !second) throw usage('usage: newswatch actors merge <fromId> <intoId>');
    const outcome = await mergeActors(runtime.store, first, second);
    print(outcome, `merged ${outcome.from.id} into ${outcome.into.id} ${outcome.into.name}: ${outcome.storiesUpdated} stories and ${outcome.articlesUpdated} articles updated; later articles use it`);
  } else if (sub === 'split') {
    if (!first) throw usage('usage: newswatch actors split <id> --alias <surface form>... [--name <new name>]');
    const outcome = await splitActor(runtime.store, first, flags.alias ?? [], flags.name);
    print(outcome, `split ${outcome.actor.id} ${outcome.actor.name} (aliases: ${outcome.actor.aliases.join(', ')}) off ${outcome.from.id}; later articles use it`);
  } else {
    throw usage('actors list|alias|merge|split');
  }
  return 0;
}

export function formatActor(actor: ActorRecord): string {
  const user = new Set(actor.userAliases ?? []);
  const aliases = actor.aliases.map((alias) => (user.has(alias) ? `${alias} (user)` : alias)).join(', ');
  const redirect = actor.mergedInto ? `  → merged into ${actor.mergedInto}` : '';
  return `${actor.id.padEnd(32)} ${actor.type.padEnd(12)} ${actor.name}${redirect}${aliases ? `\n    aliases: ${aliases}` : ''}`;
}

/**
 * `tag --jsonl [file|-]`: reads standard input (or the file), uses the --data-dir store's
 * registry and watches when that store exists (it is never created for this), else the
 * built-in gazetteer alone. Exit code 0 even with bad lines (each says so on its own line).
 */
export async function tagCommand(dataDir: string, args: string[], flags: { jsonl?: boolean }, usage: (message: string) => Error): Promise<number> {
  if (!flags.jsonl) throw usage('usage: newswatch tag --jsonl [file]   (lines {"id","text"} in, one tagged line out per line)');
  const hasStore = existsSync(path.join(path.resolve(dataDir), 'dynamodb'));
  const runtime = hasStore ? await startEmbedded({ dataDir }) : undefined;
  try {
    const input = args[0] && args[0] !== '-' ? createReadStream(args[0], 'utf8') : process.stdin;
    await tagJsonLines(createInterface({ input, crlfDelay: Infinity }), writeLine, runtime?.store);
  } finally {
    await runtime?.close();
  }
  return 0;
}

/** Writes one line, waiting when stdout's buffer is full (a large batch piped to a slow reader). */
function writeLine(line: string): Promise<void> | void {
  if (process.stdout.write(`${line}\n`)) return;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}
