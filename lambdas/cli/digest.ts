import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import {
  ConsoleDigestPublisher, FanOutDigestPublisher, JsonLinesDigestPublisher, SlackDigestPublisher,
} from '../adapters/local/digest-publishers';
import { SlackWebhookPoster } from '../adapters/slack';
import { runDigests, type DigestReport } from '../app/digest';
import { watchIdFor } from '../app/watches';
import type { Target } from '../app/target';
import type { DigestPeriod } from '../core/alert/digest';
import { renderDigest } from '../core/alert/digest-render';
import { DEFAULT_INGEST_CONFIG } from '../core/ingest';
import type { DigestPublisher } from '../ports/digests';
import { LOCAL_DELIVERY_LEASE_SECONDS, loadLocalConfig } from '../local/ingest';
import { collect, EXIT, examples, isDeployed, isEmbedded, UsageError, withTarget } from './context';

interface DigestFlags {
  period?: DigestPeriod;
  send?: boolean;
  allWatches?: boolean;
  watch: string[];
  at?: string;
  slackWebhook?: string;
  json?: boolean;
}

const PERIOD_NAMES: Record<string, DigestPeriod> = { hour: 'hourly', hourly: 'hourly', day: 'daily', daily: 'daily', week: 'weekly', weekly: 'weekly' };

/** `alerts digest`: compose (and with --send, send once) the digests of the last complete period. */
export function digestCommand(): Command {
  return new Command('digest')
    .description('the digest of the last complete hour, day or week (UTC): per watch, the tracked stories that gained coverage')
    .option('--period <period>', 'hour, day or week (default: day)', parsePeriod)
    .option('--send', 'record, send and mark sent (a period already sent sends nothing); without it, only print')
    .option('--all-watches', 'every watch with alerts in the period, not only those set to this digest (`watch add --digest daily`)')
    .option('--watch <name>', 'only this watch (repeatable)', collect, [])
    .option('--at <time>', 'run as if it were this time (ISO 8601): the period is the last one ended by then', isoTime)
    .option('--slack-webhook <url>', 'locally, also post the digests to this Slack incoming webhook (default: config.json)')
    .option('--json', 'one JSON object per digest, with what became of it')
    .addHelpText('after', `${examples(
      'newswatch alerts digest --period day',
      'newswatch alerts digest --period day --send',
      'newswatch alerts digest --period week --all-watches --aws',
    )}
Locally a sent digest goes to <data-dir>/digests.jsonl, the terminal and Slack (--slack-webhook or
config.json); with --aws to the alerts topic, as the scheduled digest Lambda sends it.`)
    .action(async (flags: DigestFlags, command: Command) => withTarget(command, async (target) => {
      const now = new Date().toISOString();
      if (flags.at && flags.at > now && flags.send) {
        console.error(`warning: --at ${flags.at} is in the future: alerts recorded after now in that period will be in no digest`);
      }
      const report = await runDigests(
        { store: target.store, digests: target.digests, publisher: flags.send ? await publisherFor(target, flags) : undefined },
        {
          period: flags.period ?? 'daily',
          now: flags.at ?? now,
          send: Boolean(flags.send),
          watches: flags.allWatches ? 'all' : 'digest',
          only: flags.watch.map(watchIdFor),
          deliveryLeaseSeconds: isDeployed(target) ? DEFAULT_INGEST_CONFIG.deliveryLeaseSeconds : LOCAL_DELIVERY_LEASE_SECONDS,
        },
      );
      printReport(report, flags);
      return report.digests.some((d) => d.outcome === 'failed') ? EXIT.partial : EXIT.ok;
    }));
}

async function publisherFor(target: Target, flags: DigestFlags): Promise<DigestPublisher> {
  if (isDeployed(target)) return target.digestPublisher;
  if (!isEmbedded(target)) throw new UsageError('digests are sent from the embedded store or the deployed stack');
  const slackWebhook = flags.slackWebhook ?? (await loadLocalConfig(target.dataDir)).slackWebhook;
  const sinks: DigestPublisher[] = [new JsonLinesDigestPublisher(path.join(target.dataDir, 'digests.jsonl'))];
  if (!flags.json) sinks.push(new ConsoleDigestPublisher());
  if (slackWebhook) sinks.push(new SlackDigestPublisher(new SlackWebhookPoster(slackWebhook)));
  return new FanOutDigestPublisher(sinks);
}

function printReport(report: DigestReport, flags: DigestFlags): void {
  const { window } = report;
  if (flags.json) {
    for (const { digest, outcome } of report.digests) console.log(JSON.stringify({ outcome, ...digest }));
    return;
  }
  const span = `${window.period} digest ${window.start} to ${window.end}`;
  if (report.digests.length === 0) {
    console.log(`${span}: nothing to send (${report.quiet.length} watch${report.quiet.length === 1 ? '' : 'es'} without new coverage${flags.allWatches ? '' : `; watches on another digest are left out: --all-watches`})`);
    return;
  }
  for (const { digest, outcome, recorded } of report.digests) {
    if (outcome === 'preview') {
      const { subject, text } = renderDigest(digest);
      const state = !recorded ? 'not sent: --send sends it' : digest.status === 'sent' ? `sent ${digest.sentAt ?? ''}`.trim() : `recorded, ${digest.status}`;
      console.log(`\n${subject}   [${state}]\n${text.replace(/^/gm, '   ')}`);
      continue;
    }
    const what = `watch ${digest.watchName}: ${digest.storyCount} stor${digest.storyCount === 1 ? 'y' : 'ies'}, ${digest.newSourceCount} new sources`;
    if (outcome === 'sent') console.log(`✓ sent          ${what}`);
    else if (outcome === 'already-sent') console.log(`= already sent  ${what} (at ${digest.sentAt ?? '?'}): nothing sent again`);
    else console.log(`✗ failed        ${what}: ${digest.error ?? 'refused'}`);
  }
  const sent = report.digests.filter((d) => d.outcome === 'sent').length;
  if (flags.send) console.log(`${span}: ${sent} digest${sent === 1 ? '' : 's'} sent`);
}

function parsePeriod(value: string): DigestPeriod {
  const period = PERIOD_NAMES[value.toLowerCase()];
  if (!period) throw new InvalidArgumentError('hour, day or week');
  return period;
}

function isoTime(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new InvalidArgumentError(`a date or time (ISO 8601), not "${value}"`);
  return new Date(time).toISOString();
}
