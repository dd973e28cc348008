import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HttpFeedFetcher } from '../adapters/feeds';
import { readInputs } from '../adapters/local/inputs';
import {
  ConsoleAlertPublisher, FanOutAlertPublisher, JsonLinesAlertPublisher, SlackAlertPublisher, SlackWebhookPoster,
} from '../adapters/local/publishers';
import { deliverPendingAlerts, describeHeldAlerts, flushHeldAlerts, type HeldAlertsSummary } from '../app/alerts';
import { LOCAL_ALERT_COOLDOWN_SECONDS } from '../core/alert';
import { AlertDeliveryError, ConfigurationError, errorMessage, isAlertDeliveryFailure } from '../core/errors';
import { resolveFeedPollConfig } from '../core/feeds';
import { DEFAULT_INGEST_CONFIG, ingestObject, type IngestConfig } from '../core/ingest';
import type { Alert, FailedAlert, IngestResult, Story } from '../core/model';
import type { AlertPublisher } from '../ports/alerts';
import type { FeedFetcher } from '../ports/feeds';
import type { EmbeddedRuntime } from '../targets/embedded';

/**
 * `newswatch ingest` on this machine: files and pages read here, alerts to alerts.jsonl, the
 * terminal and an optional Slack webhook. (With --aws, inputs go to the bucket: app/upload.ts.)
 */

export interface IngestCommandOptions {
  source?: string;
  trackAll?: boolean;
  /** Print alerts to the terminal as they are delivered (off with --json or --quiet). */
  echoAlerts?: boolean;
  /** Where echoed alerts are written (stderr by default; the CLI's keeps its progress bar whole). */
  echoWrite?: (text: string) => void;
  clock?: () => Date;
  /** Told of each document's result as soon as it is stored (per object, in document order). */
  onResult?: (result: IngestResult) => void;
  /** Told how many documents each input holds once it is read (a progress bar's total grows by it). */
  onDocuments?: (count: number) => void;
  /** Documents of one input in flight at once (`--concurrency`); LOCAL_DOCUMENT_CONCURRENCY by default. */
  concurrency?: number;
  /** Storm control window in seconds (`--cooldown`); 0, the local default, delivers at once. */
  cooldownSeconds?: number;
  /** Also post alerts to this Slack incoming webhook (`--slack-webhook`). */
  slackWebhook?: string;
  /** How the one-shot run waits out a cooldown (tests pass one that advances their clock). */
  sleep?: (ms: number) => Promise<void>;
  /** Told before the run waits for a cooldown to end. */
  onWait?: (info: { storyId: string; dueAt: string; waitMs: number }) => void;
  /** Wait for alerts held by storm control to come due and deliver them (`--wait-held`); else only those due now. */
  waitHeld?: boolean;
  /** Told of every folded alert delivered when a cooldown ends. */
  onDelivered?: (alert: Alert) => void;
  /** Fetches the http(s) addresses among the inputs (the poller's fetcher by default). */
  fetcher?: Pick<FeedFetcher, 'fetchPage'>;
  /** Told of what a folder holds that is not read (a dotfile, a symbolic link); by default a note on stderr. */
  onSkipped?: (skipped: SkippedInput) => void;
}

/** Found in a folder and not read, on purpose: it gets a line, not a result (the exit code is unchanged). */
export interface SkippedInput {
  file: string;
  reason: string;
}

/** The line of a skipped input, in the style of the result lines: "- skipped   <file>" and why. */
export function formatSkipped({ file, reason }: SkippedInput): string {
  const shown = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  return `- skipped   ${shown}\n    ${reason}`;
}

function printSkipped(skipped: SkippedInput): void {
  process.stderr.write(`${formatSkipped(skipped)}\n`);
}

/** `<data-dir>/config.json`, optional: defaults for flags the user does not repeat every run. */
export interface LocalConfig {
  slackWebhook?: string;
  cooldownSeconds?: number;
}

export async function loadLocalConfig(dataDir: string): Promise<LocalConfig> {
  const file = path.join(dataDir, 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {};
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigurationError(`${file} is not valid JSON`, { cause: error });
  }
  const config: LocalConfig = {};
  if (parsed.slackWebhook !== undefined) config.slackWebhook = String(parsed.slackWebhook);
  if (parsed.cooldownSeconds !== undefined) config.cooldownSeconds = parseCooldown(String(parsed.cooldownSeconds), `${file}: cooldownSeconds`);
  return config;
}

export function parseCooldown(value: string, what = '--cooldown'): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new ConfigurationError(`${what} must be a number of seconds >= 0, not "${value}"`);
  return seconds;
}

export function localPublisher(runtime: EmbeddedRuntime, echo: boolean, slackWebhook?: string, echoWrite?: (text: string) => void): AlertPublisher {
  const sinks: AlertPublisher[] = [new JsonLinesAlertPublisher(path.join(runtime.dataDir, 'alerts.jsonl'))];
  if (echo) sinks.push(new ConsoleAlertPublisher(echoWrite));
  if (slackWebhook) sinks.push(alertOwnsItsFailure(new SlackAlertPublisher(new SlackWebhookPoster(slackWebhook))));
  return new FanOutAlertPublisher(sinks);
}

/**
 * A remote sink on this machine: no queue retries a delivery later, so once the sink has used
 * its own retries (the Slack poster: 429/5xx/network, with back-off) a failure is the alert's
 * (AlertDeliveryError: the alert is marked failed and the run goes on), never the run's.
 */
export function alertOwnsItsFailure(sink: AlertPublisher): AlertPublisher {
  return {
    async publish(alert: Alert, story: Story): Promise<void> {
      try {
        await sink.publish(alert, story);
      } catch (error) {
        if (isAlertDeliveryFailure(error)) throw error;
        throw new AlertDeliveryError(errorMessage(error), { cause: error });
      }
    },
  };
}

/**
 * The delivery lease of a local run: 0 s. One process holds a data dir at a time (its lock), so
 * a lease a run finds was left by a process that died: the next run takes it at once.
 */
export const LOCAL_DELIVERY_LEASE_SECONDS = 0;

export interface LocalIngestOutcome {
  results: IngestResult[];
  /** Alerts still held by storm control when the run ended (without --wait-held). */
  held: HeldAlertsSummary;
  /** Alerts an endpoint refused for good during the run (marked failed); their articles are ingested. */
  failedAlerts: FailedAlert[];
}

/**
 * Documents of one input (a JSON Lines file) racing each other by default (`--concurrency`):
 * none. Racing articles of one event change which one founds a story: measured in
 * docs/performance.md (`npm run bench:ingest`), with the story quality it gives.
 */
export const LOCAL_DOCUMENT_CONCURRENCY = 1;

/**
 * Documents of one input ingested as a group when they do not race (`--concurrency` 1): the
 * group's reads and writes merged (core/ingest/ingestGroup.ts), the stories and alerts those of
 * one document at a time (docs/performance.md).
 */
export const LOCAL_INGEST_GROUP_SIZE = 25;

/** The pipeline's configuration for a run on this machine (ingest, poll). */
export function localIngestConfig(options: { trackAll?: boolean; cooldownSeconds?: number; racingWriters?: boolean }): IngestConfig {
  return {
    ...DEFAULT_INGEST_CONFIG,
    racingWriters: options.racingWriters ?? true,
    trackAll: options.trackAll ?? false,
    alertCooldownSeconds: options.cooldownSeconds ?? LOCAL_ALERT_COOLDOWN_SECONDS,
    deliveryLeaseSeconds: LOCAL_DELIVERY_LEASE_SECONDS,
  };
}

/**
 * Ingests files, folders and web pages here, through the same pipeline as the Lambda, with the
 * local alert sinks. Alerts held by storm control are delivered before it returns only with
 * `waitHeld`; otherwise those due are, and the rest are reported (`alerts flush` sends them).
 * A sink refusing an alert for good marks that alert failed: the run goes on with the next
 * input and returns the failed alerts. Any other failure stops the run; running it again
 * resumes (the articles done are duplicates, the one cut short is finished).
 */
export async function ingestFiles(runtime: EmbeddedRuntime, inputs: string[], options: IngestCommandOptions = {}): Promise<LocalIngestOutcome> {
  const clock = options.clock ?? (() => new Date());
  const cooldown = options.cooldownSeconds ?? LOCAL_ALERT_COOLDOWN_SECONDS;
  const racing = (options.concurrency ?? LOCAL_DOCUMENT_CONCURRENCY) > 1;
  // Alone on the data dir (its lock), decisions in input order: no racing writer to look out for.
  const config = localIngestConfig({ trackAll: options.trackAll, cooldownSeconds: cooldown, racingWriters: racing });
  const deps = {
    store: runtime.store,
    publisher: localPublisher(runtime, options.echoAlerts ?? false, options.slackWebhook, options.echoWrite),
    alertQueue: runtime.alertQueue,
  };
  const results: IngestResult[] = [];
  const report = (result: IngestResult) => {
    options.onResult?.(result);
    results.push(result);
  };
  const fetcher = options.fetcher ?? new HttpFeedFetcher(resolveFeedPollConfig());
  // Each result is reported as it is stored, not when its input ends: a long file shows progress.
  // Every input has its line: a missing or unreadable path or an unfetched page is rejected,
  // what a folder holds that is not an article (a dotfile, a symbolic link) is skipped with a note.
  for await (const input of readInputs(inputs, fetcher)) {
    if (input.kind === 'skipped') (options.onSkipped ?? printSkipped)({ file: input.path, reason: input.reason });
    else if (input.kind === 'rejected') report({ file: input.path, status: 'rejected', error: input.error });
    else {
      await ingestObject(input.raw, {
        cliSource: options.source,
        now: clock().toISOString(),
        config,
        concurrency: options.concurrency,
        groupSize: racing ? undefined : LOCAL_INGEST_GROUP_SIZE,
        onDocuments: options.onDocuments,
        onResult: report,
      }, deps);
    }
  }
  // A failed alert is told at the end; its article is ingested and the next input went on.
  const failedAlerts = results.flatMap((r) => r.failedAlerts ?? []);
  const onFailed = (alert: FailedAlert) => { failedAlerts.push(alert); };
  if (options.waitHeld) {
    await deliverPendingAlerts(deps, { ...options, clock, onFailed });
  } else {
    await flushHeldAlerts(deps, clock().toISOString(), { onDelivered: options.onDelivered, onFailed });
  }
  return { results, held: await describeHeldAlerts(runtime.alertQueue, clock().toISOString()), failedAlerts };
}
