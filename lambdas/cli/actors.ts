import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import type { ActorRecord } from '../core/model';
import { addActorAlias, listActors, mergeActors, splitActor } from '../app/actors';
import { tagJsonLines } from '../app/tag-jsonl';
import type { Target } from '../app/target';
import { collect, examples, globalOptions, printer, UsageError, withTarget, printList } from './context';

/** `actors list|alias|merge|split` and `tag --jsonl`: the actor registry and the tagger alone. */
export function actorsCommands(): Command[] {
  const actors = new Command('actors').description('the actor registry: people, organisations and places under canonical ids');
  actors.command('list')
    .description('actors with their aliases ("(user)" = yours)')
    .option('--all', 'also actors merged into others')
    .option('--json', 'one JSON object per actor')
    .action(async (options, command: Command) => withTarget(command, async (target) => {
      const found = await listActors(target.store, { all: options.all });
      printList(found, { json: options.json, format: formatActor, empty: 'no actors yet: `newswatch ingest <file>`' });
    }));
  actors.command('alias')
    .description('that surface form means this actor from now on')
    .argument('<id>', 'actor id, e.g. p:anna-kowalczyk')
    .argument('<form...>', 'the surface form')
    .option('--json', 'the outcome as JSON')
    .addHelpText('after', examples('newswatch actors alias p:anna-kowalczyk "Ania Kowalczyk"'))
    .action(async (id: string, form: string[], options, command: Command) => withTarget(command, async (target) => {
      const outcome = await addActorAlias(target.store, id, form.join(' '));
      const moved = outcome.previousOwner ? ` (moved from ${outcome.previousOwner})` : '';
      printer(options.json)(outcome, `alias "${outcome.key}" -> ${outcome.actor.id} ${outcome.actor.name}${moved}; later articles use it`);
    }));
  actors.command('merge')
    .description('one actor: stories and later articles follow')
    .argument('<fromId>', 'the actor merged away (becomes a redirect)')
    .argument('<intoId>', 'the actor that stays')
    .option('--json', 'the outcome as JSON')
    .addHelpText('after', examples('newswatch actors merge p:darek-nowak p:dariusz-nowak'))
    .action(async (fromId: string, intoId: string, options, command: Command) => withTarget(command, async (target) => {
      const outcome = await mergeActors(target.store, fromId, intoId);
      printer(options.json)(outcome, `merged ${outcome.from.id} into ${outcome.into.id} ${outcome.into.name}: ${outcome.storiesUpdated} stories and ${outcome.articlesUpdated} articles updated; later articles use it`);
    }));
  actors.command('split')
    .description('move aliases off an actor into a new one (or revive one merged in)')
    .argument('<id>', 'the actor to split')
    .requiredOption('--alias <form>', 'an alias to move (repeatable)', collect, [])
    .option('--name <name>', 'the new actor name')
    .option('--json', 'the outcome as JSON')
    .addHelpText('after', examples('newswatch actors split p:anna-kowalczyk --alias "Ania Kowalczyk" --name "Ania Kowalczyk"'))
    .action(async (id: string, options, command: Command) => withTarget(command, async (target) => {
      const outcome = await splitActor(target.store, id, options.alias, options.name);
      printer(options.json)(outcome, `split ${outcome.actor.id} ${outcome.actor.name} (aliases: ${outcome.actor.aliases.join(', ')}) off ${outcome.from.id}; later articles use it`);
    }));

  const tag = new Command('tag')
    .description('the tagger alone: lines {"id","text"} in, {"id","actors","topics"} out (mention offsets into text)')
    .argument('[file]', 'a JSON Lines file (default: standard input)')
    .option('--jsonl', 'JSON Lines in and out (required)')
    .addHelpText('after', `${examples(`echo '{"id":1,"text":"Rubio met Lavrov in Riyadh."}' | newswatch tag --jsonl`)}
Actors resolve through the target's registry (aliases, merges): the --data-dir store when it exists,
or the deployed stack's with --aws; without either, the built-in gazetteer. Nothing is written.
A line may give "title" and "language" (ISO 639-1, e.g. "de"): outside English a capital alone
makes no actor. Without "language" the English rules apply.`)
    .action(async (file: string | undefined, options, command: Command) => {
      if (!options.jsonl) throw new UsageError('usage: newswatch tag --jsonl [file]   (lines {"id","text"} in, one tagged line out per line)');
      const tagAll = (target?: Target) => {
        const input = file && file !== '-' ? createReadStream(file, 'utf8') : process.stdin;
        return tagJsonLines(createInterface({ input, crlfDelay: Infinity }), writeLine, target?.store);
      };
      const { aws, dataDir } = globalOptions(command);
      // A store is never created just to tag: without one, the gazetteer's ids are the answer.
      if (aws || existsSync(path.join(path.resolve(dataDir), 'dynamodb'))) await withTarget(command, tagAll);
      else await tagAll();
    });
  return [actors, tag];
}

export function formatActor(actor: ActorRecord): string {
  const user = new Set(actor.userAliases ?? []);
  const aliases = actor.aliases.map((alias) => (user.has(alias) ? `${alias} (user)` : alias)).join(', ');
  const redirect = actor.mergedInto ? `  → merged into ${actor.mergedInto}` : '';
  return `${actor.id.padEnd(32)} ${actor.type.padEnd(12)} ${actor.name}${redirect}${aliases ? `\n    aliases: ${aliases}` : ''}`;
}

/** Writes one line, waiting when stdout's buffer is full (a large batch piped to a slow reader). */
function writeLine(line: string): Promise<void> | void {
  if (process.stdout.write(`${line}\n`)) return;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}
