import path from 'node:path';
import { parseArgs } from 'node:util';
import { NewswatchError, errorMessage } from '../lambdas/core/errors';
import {
  addWatch, ingestFiles, isFiltering, listStories, removeWatch, showArticle, showStory, storySummary,
} from '../lambdas/local/commands';
import { loadLocalConfig, parseCooldown, subscribeToAlerts, type IngestCommandOptions } from '../lambdas/local/commands';
import { extractFiles, extractResultJson, formatExtractResult } from '../lambdas/local/extract';
import { formatArticle, formatIngestResult, formatIngestSummary, formatStory, formatStoryLine, formatWatch } from '../lambdas/local/format';
import { DEFAULT_DATA_DIR, startEmbedded, type EmbeddedRuntime } from '../lambdas/local/runtime';
import { feedsCommand, pollCommand } from '../lambdas/local/feeds-cli';
import { actorsCommand, tagCommand } from '../lambdas/local/actors-cli';

const USAGE = `newswatch — news monitoring: articles in, stories and new-source alerts out

Usage:
  newswatch start                         the demo: ingest the bundled Riyadh-talks articles (in memory)
  newswatch ingest <file|dir|url>... [--source NAME] [--track-all] [--json] [--quiet]
  newswatch extract <file|dir>... [--json]  normalize only: title, byline, date, site, url, language, text
  newswatch stories [--tracked] [--watch W]... [--actor NAME]... [--source S] [--json]
                                          stories, most recently updated first; filtered
  newswatch story <id> [--json]           one story: sources, actors, topics, articles, alerts
  newswatch article <id> [--json]         one stored article with its tags and clean text
  newswatch watch add <name> [--actor NAME]... [--topic TOPIC]... [--keyword WORD]... [--all]
  newswatch watch list [--json]
  newswatch watch remove <name>
  newswatch feeds add <url> [--name N] [--full-text]   subscribe to an RSS/Atom feed
  newswatch feeds list [--json]           feeds with last poll, status, next poll, error, item count
  newswatch feeds remove <id|url>
  newswatch poll [--once] [--force] [--track-all] [--json]   poll due feeds (--force: all, except Retry-After)
  newswatch subscribe --email ADDRESS [--watch NAME]... [--topic-arn ARN]   (else the TopicArn in ./cdk-outputs.json)
                                          email alerts from a deployed stack (only those watches' stories)
  newswatch actors list [--all] [--json]  actors with their aliases (--all: merged ones too)
  newswatch actors alias <id> <surface form>          that form means this actor from now on
  newswatch actors merge <fromId> <intoId>            one actor; stories and later articles follow
  newswatch actors split <id> --alias FORM... [--name NAME]   move aliases to a new actor
  newswatch tag --jsonl [file]            lines {"id","text"} on stdin -> {"id","actors","topics"} per line
                                          (mention offsets into text; the --data-dir registry if it exists)

Alerts: ingest and start take --cooldown SECONDS (storm control: a story's new sources are held
that long and sent as one alert; default 0 here, 600 in AWS; a one-shot ingest waits it out) and
--slack-webhook URL (also post alerts to Slack). <data-dir>/config.json may set
{"cooldownSeconds": 60, "slackWebhook": "https://hooks.slack.com/services/…"}.

Every command takes --data-dir DIR (default ${DEFAULT_DATA_DIR}/): the embedded store lives there,
with alerts.jsonl, the log of delivered alerts.`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  source: { type: 'string' },
  'track-all': { type: 'boolean' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  actor: { type: 'string', multiple: true },
  topic: { type: 'string', multiple: true },
  keyword: { type: 'string', multiple: true },
  all: { type: 'boolean' },
  name: { type: 'string' },
  'full-text': { type: 'boolean' },
  once: { type: 'boolean' },
  force: { type: 'boolean' },
  cooldown: { type: 'string' },
  'slack-webhook': { type: 'string' },
  email: { type: 'string' },
  watch: { type: 'string', multiple: true },
  'topic-arn': { type: 'string' },
  alias: { type: 'string', multiple: true },
  jsonl: { type: 'boolean' },
  tracked: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const EXAMPLES_DIR = path.join(__dirname, '..', 'examples', 'riyadh-talks');

async function main(argv: string[]): Promise<number> {
  const { values: flags, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [command, ...args] = positionals;
  if (flags.help || !command) {
    console.log(USAGE);
    return command || flags.help ? 0 : 1;
  }
  if (command === 'start') return demo(await alertOptions(path.join(DEFAULT_DATA_DIR, 'demo'), flags));
  if (command === 'subscribe') return subscribe(flags);
  if (command === 'extract') return extract(args, flags.json ?? false);
  if (command === 'tag') return tagCommand(flags['data-dir'] ?? DEFAULT_DATA_DIR, args, flags, usage);
  const runtime = await startEmbedded({ dataDir: flags['data-dir'] ?? DEFAULT_DATA_DIR });
  try {
    return await run(runtime, command, args, flags);
  } finally {
    await runtime.close();
  }
}

async function run(runtime: EmbeddedRuntime, command: string, args: string[], flags: Flags): Promise<number> {
  const print = (value: unknown) => console.log(flags.json ? JSON.stringify(value) : value);
  switch (command) {
    case 'ingest': {
      if (args.length === 0) throw usage('ingest needs at least one file, folder or web address');
      let folded = 0;
      const results = await ingestFiles(runtime, args, {
        ...(await alertOptions(runtime.dataDir, flags, !flags.json)),
        source: flags.source,
        trackAll: flags['track-all'],
        echoAlerts: !flags.json && !flags.quiet,
        onResult: (r) => print(flags.json ? r : formatIngestResult(r)),
        onDelivered: () => { folded++; },
      });
      if (!flags.json) console.log(formatIngestSummary(results, folded));
      return results.some((r) => r.status === 'rejected') ? 2 : 0;
    }
    case 'stories': {
      const filter = { tracked: flags.tracked, watches: flags.watch, actors: flags.actor, source: flags.source };
      const stories = await listStories(runtime, 100, filter);
      if (flags.json) stories.forEach((s) => print(storySummary(s)));
      else if (stories.length) console.log(stories.map(formatStoryLine).join('\n'));
      else console.log(isFiltering(filter) ? 'no story matches' : 'no stories yet: `newswatch ingest <file>`');
      return 0;
    }
    case 'story': {
      const detail = await showStory(runtime, requireArg(args, 'story <id>'));
      print(flags.json ? { ...storySummary(detail.story), ...detail.story, alerts: detail.alerts } : formatStory(detail.story, detail.alerts, detail.articles));
      return 0;
    }
    case 'article': {
      const article = await showArticle(runtime, requireArg(args, 'article <id>'));
      print(flags.json ? article : formatArticle(article));
      return 0;
    }
    case 'feeds':
      return feedsCommand(runtime, args, { name: flags.name, fullText: flags['full-text'], json: flags.json }, (m) => usage(m));
    case 'poll':
      return pollCommand(runtime, { once: flags.once, force: flags.force, trackAll: flags['track-all'], json: flags.json, quiet: flags.quiet });
    case 'watch':
      return watchCommand(runtime, args, flags, print);
    case 'actors':
      return actorsCommand(runtime, args, flags, usage);
    default:
      throw usage(`unknown command "${command}"`);
  }
}

async function watchCommand(runtime: EmbeddedRuntime, args: string[], flags: Flags, print: (v: unknown) => void): Promise<number> {
  const [sub, name] = args;
  if (sub === 'add') {
    const watch = await addWatch(runtime, { name: requireArg([name], 'watch add <name>'), all: flags.all, actors: flags.actor, topics: flags.topic, keywords: flags.keyword });
    print(flags.json ? watch : `watch added: ${formatWatch(watch)}`);
  } else if (sub === 'list') {
    const watches = await runtime.store.listWatches();
    if (flags.json) watches.forEach(print);
    else console.log(watches.length ? watches.map(formatWatch).join('\n') : 'no watches: `newswatch watch add <name> --actor "Marco Rubio"`');
  } else if (sub === 'remove') {
    await removeWatch(runtime, requireArg([name], 'watch remove <name>'));
    if (!flags.json) console.log(`watch removed: ${name}`);
  } else {
    throw usage('watch add|list|remove');
  }
  return 0;
}

/** --cooldown and --slack-webhook, over <data-dir>/config.json; progress of a held run on stderr. */
async function alertOptions(dataDir: string, flags: Flags, talk = true): Promise<Partial<IngestCommandOptions>> {
  const config = await loadLocalConfig(dataDir);
  const options: Partial<IngestCommandOptions> = {
    cooldownSeconds: flags.cooldown !== undefined ? parseCooldown(flags.cooldown) : config.cooldownSeconds,
    slackWebhook: flags['slack-webhook'] ?? config.slackWebhook,
  };
  if (talk) {
    options.onWait = ({ dueAt, waitMs }) => console.error(`⏳ holding alerts for storm control until ${dueAt} (${Math.ceil(waitMs / 1000)} s)…`);
  }
  return options;
}

async function subscribe(flags: Flags): Promise<number> {
  if (!flags.email) throw usage('usage: newswatch subscribe --email ADDRESS [--watch NAME]... [--topic-arn ARN]');
  const { subscriptionArn, watchIds } = await subscribeToAlerts({ topicArn: flags['topic-arn'], email: flags.email, watches: flags.watch });
  const filter = watchIds.length ? ` for stories tracked by ${watchIds.join(', ')}` : ' for every alert';
  console.log(`subscribed ${flags.email}${filter} (${subscriptionArn ?? 'pending confirmation'}); confirm with the link AWS mails to it.`);
  return 0;
}

/** Runs only the normalize step: what newswatch reads out of each file (no store needed). */
async function extract(inputs: string[], json: boolean): Promise<number> {
  if (inputs.length === 0) throw usage('extract needs at least one file or folder');
  const results = await extractFiles(inputs);
  for (const r of results) console.log(json ? extractResultJson(r) : formatExtractResult(r));
  return results.some((r) => r.error) ? 2 : 0;
}

/** `npm start`: the founding story, on a fresh in-memory store so it reads the same every time. */
async function demo(alertOpts: Partial<IngestCommandOptions> = {}): Promise<number> {
  const runtime = await startEmbedded({ dataDir: path.join(DEFAULT_DATA_DIR, 'demo'), inMemory: true });
  try {
    console.log('newswatch demo: five outlets cover the US–Russia talks in Riyadh (18 Feb 2025); every story tracked.\n');
    const results = await ingestFiles(runtime, [path.join(EXAMPLES_DIR, 'incoming')], {
      ...alertOpts,
      trackAll: true,
      echoAlerts: true,
      onResult: (r) => console.log(formatIngestResult(r)),
    });
    const stories = await listStories(runtime);
    console.log(`\n${formatIngestSummary(results)}\n`);
    for (const story of stories) {
      const detail = await showStory(runtime, story.id);
      console.log(formatStory(detail.story, detail.alerts, detail.articles) + '\n');
    }
    const alerts = results.flatMap((r) => r.alerts ?? []).filter((a) => a.kind === 'new-source').length;
    console.log(`${stories.length} ${stories.length === 1 ? 'story' : 'stories'}, covered by ${stories.map((s) => s.sources.length).join(' + ')} sources; ${alerts} new-source alerts.`);
    console.log('Next: `npx newswatch ingest <file|dir> --track-all` keeps its data in .newswatch/; `npx newswatch --help`.');
    return 0;
  } finally {
    await runtime.close();
  }
}

function requireArg(args: (string | undefined)[], what: string): string {
  if (!args[0]) throw usage(`usage: newswatch ${what}`);
  return args[0];
}

class UsageError extends NewswatchError {
  readonly retryable = false;
}
function usage(message: string): UsageError {
  return new UsageError(message);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    console.error(`newswatch: ${errorMessage(error)}`);
    if (!(error instanceof NewswatchError) && process.env.NEWSWATCH_DEBUG) console.error(error);
    process.exitCode = error instanceof UsageError ? 64 : 1;
  },
);
