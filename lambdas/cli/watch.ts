import { Command, Option } from 'commander';
import { DIGEST_FREQUENCIES } from '../core/alert/digest';
import type { DigestFrequency, WatchAlertOn } from '../core/model';
import { addWatch, listWatches, removeWatch, testWatch, updateWatch, WATCH_ALERT_ON, type WatchPreview, type WatchSpec } from '../app/watches';
import { listTopics } from '../app/topics';
import { formatWatch, formatWatchOutcome } from './format';
import { collect, examples, printer, withTarget, printList } from './context';

interface WatchFlags {
  actor: string[];
  topic: string[];
  keyword: string[];
  query?: string;
  on?: WatchAlertOn;
  digest?: DigestFrequency;
  all?: boolean;
  json?: boolean;
}

/** `watch add|update|list|remove|test` and `topics list`: what makes a story tracked. */
export function watchCommands(): Command[] {
  const watch = new Command('watch').description('watches: the stories they match are tracked, and their new sources alerted');
  withCriteria(watch.command('add'))
    .description('add a watch (a name that exists is refused: use `watch update`)')
    .addHelpText('after', examples(
      'newswatch watch add rubio --actor "Marco Rubio"',
      'newswatch watch add ukraine --topic "war" --keyword Ukraine --keyword Kyiv',
      `newswatch watch add rubio-ukraine --query 'actor:"Marco Rubio" AND (Ukraine OR Kyiv) NOT source:tass.com'`,
      'newswatch watch add launches --keyword "Falcon Heavy" --on both',
      'newswatch watch add rubio --actor "Marco Rubio" --digest daily',
      'newswatch watch add everything --all --aws',
    ))
    .action(async (name: string, flags: WatchFlags, command: Command) => withTarget(command, async (target) => {
      const outcome = await addWatch(target.store, specOf(name, flags));
      outcome.warnings.forEach((w) => console.error(`warning: ${w}`));
      printer(flags.json)(outcome.watch, formatWatchOutcome('added', outcome));
    }));
  withCriteria(watch.command('update'))
    .description('change a watch: the criteria given replace those of the same kind; the others stay')
    .option('--no-all', 'stop tracking every story')
    .addHelpText('after', examples('newswatch watch update rubio --actor "Marco Rubio" --actor "Sergey Lavrov"', 'newswatch watch update ukraine --keyword Kyiv'))
    .action(async (name: string, flags: WatchFlags, command: Command) => withTarget(command, async (target) => {
      const outcome = await updateWatch(target.store, specOf(name, flags));
      outcome.warnings.forEach((w) => console.error(`warning: ${w}`));
      printer(flags.json)(outcome.watch, formatWatchOutcome('updated', outcome));
    }));
  watch.command('list')
    .description('the watches')
    .option('--json', 'one JSON object per watch')
    .action(async (flags: { json?: boolean }, command: Command) => withTarget(command, async (target) => {
      const watches = await listWatches(target.store);
      printList(watches, { json: flags.json, format: formatWatch, empty: 'no watches: `newswatch watch add <name> --actor "Marco Rubio"`' });
    }));
  watch.command('test')
    .description('the stored stories the watch would track, and why (the most recently updated 1000 looked through)')
    .argument('<name>', 'the watch name or id')
    .option('--json', 'one JSON object per story')
    .addHelpText('after', examples('newswatch watch test rubio-ukraine'))
    .action(async (name: string, flags: { json?: boolean }, command: Command) => withTarget(command, async (target) => {
      const preview = await testWatch(target, name);
      printList(preview.stories, {
        json: flags.json,
        format: (item) => `${item.story.id}  ${String(item.story.sources.length).padStart(3)} sources  ${item.story.headline}\n    ${item.reason}`,
        asJson: (item) => ({ storyId: item.story.id, headline: item.story.headline, sources: item.story.sources.map((id) => item.story.sourceNames[id] ?? id), reason: item.reason }),
        empty: `no stored story matches watch "${preview.watch.name}"`,
      });
      if (!flags.json) console.log(previewFooter(preview));
    }));
  watch.command('remove')
    .description('remove a watch (stories it tracked stay tracked)')
    .argument('<name>', 'the watch name or id')
    .action(async (name: string, _flags: unknown, command: Command) => withTarget(command, async (target) => {
      await removeWatch(target.store, name);
      console.log(`watch removed: ${name}`);
    }));

  const topics = new Command('topics').description('the IPTC Media Topics a watch can name');
  topics.command('list')
    .description('every topic id and label')
    .option('--json', 'one JSON object per topic')
    .action((flags: { json?: boolean }) => {
      for (const topic of listTopics()) printer(flags.json)(topic, `${topic.id.padEnd(16)} ${topic.label}`);
    });
  return [watch, topics];
}

function withCriteria(command: Command): Command {
  return command
    .argument('<name>', 'the watch name (its id is the name in lower case with dashes)')
    .option('--actor <name>', 'an actor, by name or id (repeatable)', collect, [])
    .option('--topic <topic>', 'an IPTC topic label or id, see `newswatch topics list` (repeatable)', collect, [])
    .option('--keyword <word>', 'a word or phrase in the title or text (repeatable)', collect, [])
    .option('--query <query>', 'a boolean query: "phrases", AND OR NOT -term ( ), actor: topic: source: lang: (docs/watches.md); update: \'\' removes it')
    .addOption(new Option('--on <kind>', 'alert on new sources of a tracked story, on new tracked stories, or both (add: new-source)').choices([...WATCH_ALERT_ON]))
    .addOption(new Option('--digest <frequency>', 'send each alert as it happens, or one digest per hour, day or week instead (`alerts digest`)').choices([...DIGEST_FREQUENCIES]))
    .option('--all', 'track every story')
    .option('--json', 'the watch as JSON');
}

function specOf(name: string, flags: WatchFlags): WatchSpec {
  const given = (values: string[]) => (values.length ? values : undefined);
  return { name, all: flags.all, actors: given(flags.actor), topics: given(flags.topic), keywords: given(flags.keyword), query: flags.query, on: flags.on, digest: flags.digest };
}

function previewFooter(preview: WatchPreview): string {
  return `${preview.stories.length} of the ${preview.examined} most recently updated stories (${preview.articlesRead} articles read)`;
}
