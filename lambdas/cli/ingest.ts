import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { IngestResult } from '../core/model';
import { resolveFeedPollConfig } from '../core/feeds';
import { HttpFeedFetcher } from '../adapters/feeds';
import { uploadInputs, uploadResults, waitForUploads, type Upload } from '../app/upload';
import type { DeployedTarget } from '../app/target';
import { listStories, showStory } from '../app/stories';
import { formatSkipped, ingestFiles, LOCAL_DOCUMENT_CONCURRENCY, loadLocalConfig, type IngestCommandOptions } from '../local/ingest';
import { IngestProgress } from './progress';
import { extractFiles, extractResultJson, formatExtractResult } from '../local/extract';
import { DEFAULT_DATA_DIR, startEmbedded, type EmbeddedRuntime } from '../targets/embedded';
import { formatHeld, formatIngestResult, formatIngestSummary, formatStory } from './format';
import { EXIT, examples, exitWith, globalOptions, isDeployed, seconds, UsageError, withTarget } from './context';

/** The demo's articles, found from the sources (lambdas/cli) and from the bundle (dist/) alike. */
function examplesDir(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'examples', 'riyadh-talks');
}

interface IngestFlags {
  source?: string;
  trackAll?: boolean;
  json?: boolean;
  quiet?: boolean;
  cooldown?: number;
  slackWebhook?: string;
  waitHeld?: boolean;
  wait?: boolean;
  timeout: number;
  concurrency?: number;
}

/** `ingest` (here, or into the deployed bucket with --aws), `extract`, and `start` (the demo). */
export function ingestCommands(): Command[] {
  const ingest = new Command('ingest')
    .description('ingest files, folders (in file-name order; JSON Lines line by line) and web pages')
    .argument('<input...>', 'files, folders or http(s) addresses')
    .option('--source <name>', 'the source of every input (else: metadata, the page, the incoming/<source>/ folder, the text)')
    .option('--track-all', 'track every story (here; in AWS: deploy with -c trackAll=true)')
    .option('--json', 'one JSON object per article (per upload with --aws)')
    .option('--quiet', 'no line per document: only the closing line (the progress bar stays)')
    .option('--concurrency <n>', `documents of one file racing each other (default ${LOCAL_DOCUMENT_CONCURRENCY}: none: a file's documents go in groups of up to 25, each decided in input order against the group's own writes, the stories of one at a time; more: new stories are announced so racing articles find each other, and which one founds a story can vary)`, positiveInteger)
    .option('--cooldown <seconds>', 'storm control: hold a story\'s new sources this long and send one alert', seconds)
    .option('--wait-held', 'wait until alerts held by storm control are delivered before exiting')
    .option('--slack-webhook <url>', 'also post alerts to this Slack incoming webhook')
    .option('--wait', 'with --aws: follow each upload until the stack has processed it, and print its results')
    .option('--timeout <seconds>', 'with --aws --wait: give up after this long', seconds, 300)
    .addHelpText('after', `${examples(
      'newswatch ingest examples/riyadh-talks/incoming',
      'newswatch ingest today/*.html --source reuters --track-all --json',
      'newswatch ingest https://www.example.com/world/2025/02/18/riyadh-talks',
      'newswatch ingest article.txt --source outlet-a --aws --wait',
    )}
With --aws, each input is uploaded to the stack's drop bucket as incoming/<source>/<name> (source in
x-amz-meta-source) and the deployed pipeline ingests it. Here, each document's line (or JSON object)
is printed as soon as it is stored, in input order (file#index names it); when stderr is a terminal a
progress bar shows documents done/total, rate, ETA and alerts so far. Exit code 2 when an input was rejected or an alert could not be delivered.`)
    .action(async (inputs: string[], flags: IngestFlags, command: Command) => withTarget(command, async (target) => {
      if (isDeployed(target)) return uploadToStack(target, inputs, flags);
      if (flags.wait) throw new UsageError('--wait follows uploads to a deployed stack: use it with --aws (a local ingest always waits)');
      return ingestHere(target as EmbeddedRuntime, inputs, flags);
    }));

  const extract = new Command('extract')
    .description('the normalize step only: title, byline, date, site, URL, language and clean text per input')
    .argument('<input...>', 'files or folders')
    .option('--json', 'one JSON object per document')
    .action(async (inputs: string[], options: { json?: boolean }) => {
      const results = await extractFiles(inputs);
      for (const r of results) console.log(options.json ? extractResultJson(r) : formatExtractResult(r));
      exitWith(results.some((r) => r.error) ? EXIT.partial : EXIT.ok);
    });

  const start = new Command('start')
    .description('the demo: five outlets cover one story, on a fresh in-memory store')
    .option('--cooldown <seconds>', 'storm control window', seconds)
    .option('--slack-webhook <url>', 'also post the alerts to Slack')
    .action(async (flags: { cooldown?: number; slackWebhook?: string }, command: Command) => {
      const config = await loadLocalConfig(path.join(globalOptions(command).dataDir ?? DEFAULT_DATA_DIR, 'demo'));
      exitWith(await demo({ cooldownSeconds: flags.cooldown ?? config.cooldownSeconds, slackWebhook: flags.slackWebhook ?? config.slackWebhook, waitHeld: true, onWait: tellWaiting }));
    });
  return [ingest, extract, start];
}

async function ingestHere(runtime: EmbeddedRuntime, inputs: string[], flags: IngestFlags): Promise<number> {
  const config = await loadLocalConfig(runtime.dataDir);
  let folded = 0;
  const progress = new IngestProgress();
  const line = (text: string) => progress.println(text);
  let outcome;
  try {
    outcome = await ingestFiles(runtime, inputs, {
      cooldownSeconds: flags.cooldown ?? config.cooldownSeconds,
      slackWebhook: flags.slackWebhook ?? config.slackWebhook,
      waitHeld: flags.waitHeld,
      onWait: flags.json ? undefined : tellWaiting,
      source: flags.source,
      trackAll: flags.trackAll,
      concurrency: flags.concurrency,
      echoAlerts: !flags.json && !flags.quiet,
      echoWrite: (text) => progress.printErr(text),
      onDocuments: (count) => progress.addDocuments(count),
      onResult: (r) => {
        progress.documentDone(r);
        printResult(r, flags, line);
      },
      onDelivered: () => { folded++; },
      onSkipped: (skipped) => {
        if (flags.json) line(JSON.stringify({ file: skipped.file, status: 'skipped', reason: skipped.reason }));
        else if (!flags.quiet) line(formatSkipped(skipped));
      },
    });
  } finally {
    progress.stop();
  }
  if (!flags.json) console.log(formatIngestSummary(outcome.results, folded));
  if (!flags.json && outcome.held.holds > 0) console.log(formatHeld(outcome.held));
  // Alerts a sink refused for good: their articles are ingested; the alerts are marked failed.
  for (const a of outcome.failedAlerts) console.error(`✗ alert ${a.alertId} failed (story ${a.storyId}, ${a.source}): ${a.error}`);
  return outcome.results.some((r) => r.status === 'rejected') || outcome.failedAlerts.length > 0 ? EXIT.partial : EXIT.ok;
}

async function uploadToStack(target: DeployedTarget, inputs: string[], flags: IngestFlags): Promise<number> {
  if (flags.trackAll || flags.cooldown !== undefined || flags.slackWebhook || flags.waitHeld) {
    throw new UsageError('--track-all, --cooldown, --wait-held and --slack-webhook are set on the stack at deploy time (cdk deploy -c trackAll=true -c alertCooldownSeconds=… -c slackWebhookSecret=…), not per upload');
  }
  const uploads = await uploadInputs(inputs, {
    source: flags.source,
    fetcher: new HttpFeedFetcher(resolveFeedPollConfig()),
    onUpload: (u) => {
      if (flags.json) console.log(JSON.stringify(u));
      else if (u.error) console.log(`✗ not uploaded  ${u.input}\n    ${u.error}`);
      else if (u.skipped) { if (!flags.quiet) console.log(formatSkipped({ file: u.input, reason: u.skipped })); }
      else if (!flags.quiet) console.log(`↑ uploaded  ${u.input} → ${target.dropBucket.location}/${u.key}${u.source ? `  (source ${u.source})` : ''}`);
    },
  }, target.dropBucket);
  const failed = uploads.filter((u) => u.error).length;
  const skipped = uploads.filter((u) => u.skipped).length;
  if (!flags.wait) {
    if (!flags.json) console.log(`${uploads.length - failed - skipped} uploaded${failed ? `, ${failed} not` : ''}; the stack ingests them within seconds (\`newswatch stories --aws\`, or \`ingest --aws --wait\` to follow them)`);
    return failed ? EXIT.partial : EXIT.ok;
  }
  const results: IngestResult[] = [];
  await waitForUploads(uploads, target.store, {
    timeoutMs: flags.timeout * 1000,
    onProcessed: (_upload: Upload, record) => {
      for (const result of uploadResults(record)) {
        results.push(result);
        printResult(result, flags);
      }
    },
  });
  if (!flags.json) console.log(formatIngestSummary(results));
  return failed || results.some((r) => r.status === 'rejected') ? EXIT.partial : EXIT.ok;
}

function printResult(result: IngestResult, flags: { json?: boolean; quiet?: boolean }, line: (text: string) => void = console.log): void {
  if (flags.json) line(JSON.stringify(result));
  else if (!flags.quiet) line(formatIngestResult(result));
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number >= 1');
  return n;
}

function tellWaiting({ dueAt, waitMs }: { dueAt: string; waitMs: number }): void {
  console.error(`⏳ holding alerts for storm control until ${dueAt} (${Math.ceil(waitMs / 1000)} s)…`);
}

/** `npm start`: the founding story, on a fresh in-memory store so it reads the same every time. */
async function demo(alertOptions: Partial<IngestCommandOptions>): Promise<number> {
  const runtime = await startEmbedded({ dataDir: path.join(DEFAULT_DATA_DIR, 'demo'), inMemory: true });
  try {
    console.log('newswatch demo: five outlets cover the US–Russia talks in Riyadh (18 Feb 2025); every story tracked.\n');
    const { results } = await ingestFiles(runtime, [path.join(examplesDir(), 'incoming')], {
      ...alertOptions,
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
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}
