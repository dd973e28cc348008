import { Command } from 'commander';
import type { Feed, FeedPollReport } from '../core/feeds';
import type { IngestResult } from '../core/model';
import { addFeed, listFeeds, removeFeed } from '../app/feeds';
import { pollFeeds, pollOnSchedule } from '../local/poll';
import { IngestProgress } from './progress';
import { formatIngestResult } from './format';
import { embeddedOnly, EXIT, examples, printer, withTarget, printList } from './context';

/** `feeds add|list|remove` (either target) and `poll` (this machine; in AWS the poller Lambda polls). */
export function feedsCommands(): Command[] {
  const feeds = new Command('feeds').description('RSS/Atom feeds to poll (docs/feeds.md)');
  feeds.command('add')
    .description('subscribe to an RSS/Atom feed')
    .argument('<url>', 'the feed address')
    .option('--name <name>', 'a name to show (default: the feed title)')
    .option('--full-text', "fetch each item's page for its full text")
    .option('--json', 'the feed as JSON')
    .addHelpText('after', examples('newswatch feeds add https://www.example.com/world/rss.xml --full-text', 'newswatch feeds add https://www.example.com/rss --aws'))
    .action(async (url: string, options, command: Command) => withTarget(command, async (target) => {
      const feed = await addFeed(target, { url, name: options.name, fullText: options.fullText });
      const when = target.kind === 'aws' ? 'polled by the stack within 5 minutes' : 'polled at the next `newswatch poll`';
      printer(options.json)(feed, `feed added: ${feed.id}  ${feed.url}  (${when})`);
    }));
  feeds.command('list')
    .description('feeds with last poll, status, next poll, error and item count')
    .option('--json', 'one JSON object per feed')
    .action(async (options, command: Command) => withTarget(command, async (target) => {
      const found = await listFeeds(target);
      printList(found, { json: options.json, format: formatFeed, empty: 'no feeds: `newswatch feeds add <url>`' });
    }));
  feeds.command('remove')
    .description('stop polling a feed')
    .argument('<id|url>', 'the feed id (from `feeds list`) or its address')
    .option('--json', 'the removed feed as JSON')
    .action(async (idOrUrl: string, options, command: Command) => withTarget(command, async (target) => {
      const feed = await removeFeed(target, idOrUrl);
      printer(options.json)(feed, `feed removed: ${feed.id}  ${feed.url}`);
    }));

  const poll = new Command('poll')
    .description('poll due feeds here and ingest new items (conditional GET, adaptive schedule); runs until Ctrl-C unless --once')
    .option('--once', 'one round, then exit')
    .option('--force', 'poll every feed now (except those under a Retry-After)')
    .option('--track-all', 'track every story')
    .option('--json', 'one JSON object per feed report')
    .option('--quiet', 'no per-article lines')
    .addHelpText('after', examples('newswatch poll --once', 'newswatch poll'))
    .action(async (options, command: Command) => withTarget(command, async (target) => {
      const runtime = embeddedOnly(target, 'in AWS the feed poller Lambda polls every 5 minutes; `newswatch feeds list --aws` shows what it did');
      return pollHere(runtime, options);
    }));
  return [feeds, poll];
}

async function pollHere(
  runtime: Parameters<typeof pollFeeds>[0],
  flags: { once?: boolean; force?: boolean; trackAll?: boolean; json?: boolean; quiet?: boolean },
): Promise<number> {
  // Each new item's line as soon as it is stored; on a terminal, a bar of items done, rate and alerts.
  const progress = new IngestProgress();
  const options = {
    force: flags.force,
    trackAll: flags.trackAll,
    echoAlerts: !flags.json && !flags.quiet,
    echoWrite: (text: string) => progress.printErr(text),
    onReport: (r: FeedPollReport) => progress.println(flags.json ? JSON.stringify(r) : formatReport(r)),
    onDocuments: (count: number) => progress.addDocuments(count),
    onResult: (r: IngestResult) => {
      progress.documentDone(r);
      if (!flags.json && !flags.quiet) progress.println(formatIngestResult(r));
    },
  };
  try {
    if (flags.once) {
      const { reports } = await pollFeeds(runtime, options);
      progress.stop();
      if (!flags.json && reports.length === 0) console.log('no feed is due (`newswatch poll --once --force` polls them all now)');
      return reports.some((r) => r.status === 'error') ? EXIT.partial : EXIT.ok;
    }
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (!flags.json) console.log('polling feeds on their schedule; Ctrl-C stops');
    try {
      await pollOnSchedule(runtime, { ...options, signal: controller.signal });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return EXIT.ok;
  } finally {
    progress.stop();
  }
}

export function formatFeed(f: Feed): string {
  const status = f.lastStatus ? `${f.lastStatus}${f.lastHttpStatus ? ` ${f.lastHttpStatus}` : ''}` : 'never polled';
  const held = f.retryAfterUntil && f.retryAfterUntil > new Date().toISOString() ? `  (Retry-After until ${f.retryAfterUntil.slice(0, 19)})` : '';
  const error = f.lastError ? `\n    error: ${f.lastError}` : '';
  return `${f.id}  ${f.name ?? f.title ?? ''}\n    ${f.url}${f.fullText ? '  [full text]' : ''}\n    last poll ${f.lastPollAt?.slice(0, 19) ?? '-'}  ${status}  next ${f.nextPollAt.slice(0, 19)}  every ${Math.round(f.intervalSec / 60)} min  ${f.itemCount} items${held}${error}`;
}

function formatReport(r: FeedPollReport): string {
  const moved = r.movedTo ? `  moved to ${r.movedTo}` : '';
  const detail = r.status === 'error' ? `  ${r.error}` : r.status === 'ok' ? `  ${r.newItems} new${r.deferredItems ? `, ${r.deferredItems} left for the next poll` : ''}` : '';
  return `${r.status.padEnd(12)} ${r.feedId}${r.httpStatus ? ` (HTTP ${r.httpStatus})` : ''}${detail}${moved}  next ${r.nextPollAt.slice(0, 16)}`;
}
