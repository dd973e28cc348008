import { Command } from 'commander';
import { isFiltering, listStories, showArticle, showStory, storySummary } from '../app/stories';
import { formatArticle, formatStory, formatStoryLine } from './format';
import { collect, examples, positiveInt, printer, withTarget, printList } from './context';

/** `stories`, `story <id>`, `article <id>`: reading what was ingested. */
export function storiesCommands(): Command[] {
  const stories = new Command('stories')
    .description('stories, most recently updated first (★ = tracked)')
    .option('--tracked', 'only stories a watch tracks')
    .option('--watch <name>', 'tracked by this watch (repeatable: any of them)', collect, [])
    .option('--actor <name>', 'naming this actor, by name or id (repeatable: all of them)', collect, [])
    .option('--source <name>', 'covered by this source')
    .option('--limit <n>', 'at most this many', positiveInt, 100)
    .option('--json', 'one JSON object per story')
    .addHelpText('after', examples('newswatch stories --tracked', 'newswatch stories --actor "Marco Rubio" --source reuters --json', 'newswatch stories --aws'))
    .action(async (options, command: Command) => withTarget(command, async (target) => {
      const filter = { tracked: options.tracked, watches: options.watch, actors: options.actor, source: options.source };
      const found = await listStories(target, options.limit, filter);
      printList(found, {
        json: options.json, asJson: storySummary, format: formatStoryLine,
        empty: isFiltering(filter) ? 'no story matches' : 'no stories yet: `newswatch ingest <file>`',
      });
    }));

  const story = new Command('story')
    .description('one story: headline, sources, actors, topics, articles, alerts')
    .argument('<id>', 'the story id (from `newswatch stories`)')
    .option('--json', 'the story as JSON')
    .addHelpText('after', examples('newswatch story 0c39877c729673d61d84'))
    .action(async (id: string, options, command: Command) => withTarget(command, async (target) => {
      const detail = await showStory(target, id);
      printer(options.json)(
        { ...storySummary(detail.story), ...detail.story, alerts: detail.alerts },
        formatStory(detail.story, detail.alerts, detail.articles),
      );
    }));

  const article = new Command('article')
    .description('one stored article with its tags and clean text')
    .argument('<id>', 'the article id')
    .option('--json', 'the article as JSON')
    .action(async (id: string, options, command: Command) => withTarget(command, async (target) => {
      const found = await showArticle(target, id);
      printer(options.json)(found, formatArticle(found));
    }));

  return [stories, story, article];
}
