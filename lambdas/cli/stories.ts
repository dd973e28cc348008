import { Command } from 'commander';
import {
  isFiltering, searchStories, showArticle, showStory, storySummary, type StoryQuery, type StoryRow,
} from '../app/stories';
import { formatArticle, formatStory } from './format';
import { collect, examples, positiveInt, printer, withTarget, printList } from './context';

/** `stories`, `story <id>`, `article <id>`: reading what was ingested. */
export function storiesCommands(): Command[] {
  const stories = new Command('stories')
    .description('stories, most recently updated first (★ = tracked); filters all hold; no Scan, paged by cursor')
    .option('-q, --search <words>', 'every word in the headline (case and accents ignored)')
    .option('--tracked', 'only stories a watch tracks')
    .option('--watch <name>', 'tracked by this watch (repeatable: any of them)', collect, [])
    .option('--actor <name>', 'naming this actor, by name or id (repeatable: all of them)', collect, [])
    .option('--source <name>', 'covered by this source (name or id)')
    .option('--since <date>', 'active on or after this ISO date or time')
    .option('--until <date>', 'active on or before this ISO date (the whole day) or time')
    .option('--cursor <cursor>', 'go on where the previous listing stopped (it prints the cursor)')
    .option('--limit <n>', 'at most this many', positiveInt, 100)
    .option('--json', 'one JSON object per story')
    .addHelpText('after', examples(
      'newswatch stories --tracked',
      'newswatch stories -q "rubio riyadh" --since 2025-02-01',
      'newswatch stories --actor "Marco Rubio" --source reuters --json',
      'newswatch stories --cursor WyIyMDI1LTAyLTE4VDEw...',
      'newswatch stories --aws',
    ))
    .action(async (options, command: Command) => withTarget(command, async (target) => {
      const query: StoryQuery = {
        q: options.search, tracked: options.tracked, watches: options.watch, actors: options.actor, source: options.source,
        from: options.since, to: options.until,
      };
      const rows: StoryRow[] = [];
      let cursor: string | undefined = options.cursor;
      do {
        const page = await searchStories(target, query, { cursor, limit: options.limit - rows.length });
        rows.push(...page.stories);
        cursor = page.next;
      } while (cursor && rows.length < options.limit);
      const filtering = Boolean(options.search || options.since || options.until || isFiltering(query));
      printList(rows, {
        json: options.json, asJson: storyRowJson, format: formatStoryRow,
        empty: filtering || options.cursor ? 'no story matches' : 'no stories yet: `newswatch ingest <file>`',
      });
      // On stderr, so that stdout stays one story per line.
      if (cursor) console.error(`more stories: --cursor ${cursor}`);
    }));

  const story = new Command('story')
    .description('one story: headline, sources, actors, topics, articles, alerts')
    .argument('<id>', 'the story id (from `newswatch stories`)')
    .option('--json', 'the story as JSON')
    .addHelpText('after', examples('newswatch story 0c39877c729673d61d84'))
    .action(async (id: string, options, command: Command) => withTarget(command, async (target) => {
      const detail = await showStory(target, id);
      printer(options.json)(
        { ...storySummary(detail.story), ...detail.story, alerts: detail.alerts, coverage: detail.coverage },
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

/** `stories --json`: the fields it always printed, then the row's others. */
function storyRowJson(row: StoryRow) {
  const { storyId, headline, sources, articleIds, articleCount, tracked, ...rest } = row;
  return { storyId, headline, sources, articleIds, articleCount, tracked, ...rest };
}

function formatStoryRow(row: StoryRow): string {
  const tracked = row.tracked ? '★' : ' ';
  const headline = row.headline.length > 70 ? `${row.headline.slice(0, 69)}…` : row.headline;
  return `${tracked} ${row.storyId}  ${String(row.sourceIds.length).padStart(2)} sources  ${String(row.articleCount).padStart(3)} articles  ${row.lastSeen.slice(0, 16)}  ${headline}`;
}
