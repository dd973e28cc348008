import { formatIngestResult } from './format';
import { addFeed, listFeeds, pollFeeds, pollOnSchedule, removeFeed } from './feeds';
import type { Feed, FeedPollReport } from '../core/feeds';
import type { EmbeddedRuntime } from './runtime';

/** The terminal side of `newswatch feeds …` and `newswatch poll`. */

export async function feedsCommand(
  runtime: EmbeddedRuntime,
  args: string[],
  flags: { name?: string; fullText?: boolean; json?: boolean },
  usage: (message: string) => Error,
): Promise<number> {
  const [sub, target] = args;
  if (sub === 'add') {
    if (!target) throw usage('usage: newswatch feeds add <url> [--name N] [--full-text]');
    const feed = await addFeed(runtime, { url: target, name: flags.name, fullText: flags.fullText });
    console.log(flags.json ? JSON.stringify(feed) : `feed added: ${feed.id}  ${feed.url}  (polled at the next \`newswatch poll\`)`);
  } else if (sub === 'list') {
    const feeds = await listFeeds(runtime);
    if (flags.json) feeds.forEach((f) => console.log(JSON.stringify(f)));
    else console.log(feeds.length ? feeds.map(formatFeed).join('\n') : 'no feeds: `newswatch feeds add <url>`');
  } else if (sub === 'remove') {
    if (!target) throw usage('usage: newswatch feeds remove <id|url>');
    const feed = await removeFeed(runtime, target);
    if (!flags.json) console.log(`feed removed: ${feed.id}  ${feed.url}`);
  } else {
    throw usage('feeds add|list|remove');
  }
  return 0;
}

export async function pollCommand(
  runtime: EmbeddedRuntime,
  flags: { once?: boolean; force?: boolean; trackAll?: boolean; json?: boolean; quiet?: boolean },
): Promise<number> {
  const options = {
    force: flags.force,
    trackAll: flags.trackAll,
    echoAlerts: !flags.json && !flags.quiet,
    onReport: (r: FeedPollReport) => console.log(flags.json ? JSON.stringify(r) : formatReport(r)),
    onResult: flags.json || flags.quiet ? undefined : (r: Parameters<typeof formatIngestResult>[0]) => console.log(formatIngestResult(r)),
  };
  if (flags.once) {
    const { reports } = await pollFeeds(runtime, options);
    if (!flags.json && reports.length === 0) console.log('no feed is due (`newswatch poll --once --force` polls them all now)');
    return reports.some((r) => r.status === 'error') ? 2 : 0;
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
  return 0;
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
