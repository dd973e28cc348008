import { Command, Option } from 'commander';
import { DIGEST_FREQUENCIES } from '../core/alert/digest';
import type { DigestFrequency } from '../core/model';
import { deliverPendingAlerts, describeHeldAlerts, flushHeldAlerts, listAlerts, type AlertView } from '../app/alerts';
import { subscribeByEmail } from '../app/subscribe';
import { digestCommand } from './digest';
import { localPublisher } from '../local/ingest';
import { collect, embeddedOnly, examples, isDeployed, positiveInt, UsageError, withTarget, printList } from './context';
import { formatAlertLine, formatHeld } from './format';

/** `alerts` (the log), `alerts flush` (deliver held alerts that are due) and `subscribe`. */
export function alertsCommands(): Command[] {
  const alerts = new Command('alerts')
    .description('recent alerts, newest first: sent, held by storm control, failed')
    .option('--pending', 'only alerts not sent yet (held or failed)')
    .option('--since <iso>', 'created at or after this time, e.g. 2026-11-27 or 2026-11-27T09:00Z', isoTime)
    .option('--story <id>', "one story's alerts")
    .option('--limit <n>', 'at most this many', positiveInt, 100)
    .option('--json', 'one JSON object per alert')
    .addHelpText('after', examples('newswatch alerts --pending', 'newswatch alerts --since 2026-11-27 --aws --json', 'newswatch alerts flush'))
    .action(async (flags: { pending?: boolean; since?: string; story?: string; limit: number; json?: boolean }, command: Command) => withTarget(command, async (target) => {
      const found = await listAlerts(target.store, { pending: flags.pending, since: flags.since, storyId: flags.story, limit: flags.limit });
      printList(found, { json: flags.json, format: formatAlertLine, empty: 'no alerts' });
      if (!flags.json) {
        const held = await describeHeldAlerts(target.alertQueue, new Date().toISOString());
        if (held.holds > 0) console.log(formatHeld(held));
      }
    }));
  alerts.addCommand(digestCommand());
  alerts.command('flush')
    .description('deliver the held alerts that are due (in AWS the flusher Lambda does it every minute)')
    .option('--wait', 'also wait for holds not yet due, and deliver them')
    .action(async (flags: { wait?: boolean }, command: Command) => withTarget(command, async (target) => {
      // One flusher folds a story's held alerts: in AWS that is the flusher Lambda (concurrency 1).
      const runtime = embeddedOnly(target, 'in AWS the flusher Lambda delivers held alerts every minute; `newswatch alerts --pending --aws` lists them');
      const deps = { store: runtime.store, alertQueue: runtime.alertQueue, publisher: localPublisher(runtime, true) };
      const delivered = flags.wait
        ? await deliverPendingAlerts(deps, { onWait: ({ dueAt }) => console.error(`⏳ waiting until ${dueAt}…`) })
        : await flushHeldAlerts(deps, new Date().toISOString());
      console.log(`${delivered.length} alert${delivered.length === 1 ? '' : 's'} delivered`);
      const held = await describeHeldAlerts(target.alertQueue, new Date().toISOString());
      if (held.holds > 0) console.log(formatHeld(held));
    }));

  const subscribe = new Command('subscribe')
    .description("email alerts from the deployed stack's topic, optionally only for some watches")
    .requiredOption('--email <address>', 'where AWS mails the confirmation link, then the alerts')
    .option('--watch <name>', 'only stories this watch tracks (repeatable: any of them)', collect, [])
    .addOption(new Option('--digest <frequency>', 'each alert as it happens, or one digest per watch and hour, day or week instead').choices([...DIGEST_FREQUENCIES]).default('as-it-happens'))
    .addHelpText('after', `${examples('newswatch subscribe --email ana@example.com --watch rubio --watch ukraine', 'newswatch subscribe --email ana@example.com --digest daily')}
The topic is the TopicArn output in cdk-outputs.json (--outputs, --stack); this always acts on the stack.`)
    .action(async (flags: { email: string; watch: string[]; digest: DigestFrequency }, command: Command) => withTarget(command, async (target) => {
      if (!isDeployed(target)) throw new UsageError('subscribe needs the deployed stack');
      const { subscriptionArn, watchIds, delivery } = await subscribeByEmail(target, { email: flags.email, watches: flags.watch, delivery: flags.digest });
      const filter = watchIds.length ? ` for stories tracked by ${watchIds.join(', ')}` : ' for every alert';
      const how = delivery === 'as-it-happens' ? ', as they happen' : `, as a ${delivery} digest per watch`;
      console.log(`subscribed ${flags.email}${filter}${how} (${subscriptionArn ?? 'pending confirmation'}); confirm with the link AWS mails to it.`);
    }, { aws: true }));
  return [alerts, subscribe];
}

function isoTime(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new UsageError(`--since wants a date or time (ISO 8601), not "${value}"`);
  return new Date(time).toISOString();
}

export type { AlertView };
