import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HttpFeedFetcher } from '../adapters/feeds';
import { listInputFiles, readLocalObject } from '../adapters/local/file-objects';
import {
  ConsoleAlertPublisher, FanOutAlertPublisher, JsonLinesAlertPublisher, SlackAlertPublisher, SlackWebhookPoster,
} from '../adapters/local/publishers';
import { fetchWebObject, isWebAddress } from '../adapters/local/web-objects';
import { deliverPendingAlerts, describeHeldAlerts, flushHeldAlerts, type HeldAlertsSummary } from '../app/alerts';
import { LOCAL_ALERT_COOLDOWN_SECONDS } from '../core/alert';
import { ConfigurationError, FeedFetchError } from '../core/errors';
import { resolveFeedPollConfig } from '../core/feeds';
import { DEFAULT_INGEST_CONFIG, ingestObject } from '../core/ingest';
import type { Alert, IngestResult, RawObject } from '../core/model';
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
  clock?: () => Date;
  onResult?: (result: IngestResult) => void;
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

export function localPublisher(runtime: EmbeddedRuntime, echo: boolean, slackWebhook?: string): AlertPublisher {
  const sinks: AlertPublisher[] = [new JsonLinesAlertPublisher(path.join(runtime.dataDir, 'alerts.jsonl'))];
  if (echo) sinks.push(new ConsoleAlertPublisher());
  if (slackWebhook) sinks.push(new SlackAlertPublisher(new SlackWebhookPoster(slackWebhook)));
  return new FanOutAlertPublisher(sinks);
}

export interface LocalIngestOutcome {
  results: IngestResult[];
  /** Alerts still held by storm control when the run ended (without --wait-held). */
  held: HeldAlertsSummary;
}

/**
 * Ingests files, folders and web pages here, through the same pipeline as the Lambda, with the
 * local alert sinks. Alerts held by storm control are delivered before it returns only with
 * `waitHeld`; otherwise those due are, and the rest are reported (`alerts flush` sends them).
 */
export async function ingestFiles(runtime: EmbeddedRuntime, inputs: string[], options: IngestCommandOptions = {}): Promise<LocalIngestOutcome> {
  const clock = options.clock ?? (() => new Date());
  const cooldown = options.cooldownSeconds ?? LOCAL_ALERT_COOLDOWN_SECONDS;
  const config = { ...DEFAULT_INGEST_CONFIG, trackAll: options.trackAll ?? false, alertCooldownSeconds: cooldown };
  const deps = {
    store: runtime.store,
    publisher: localPublisher(runtime, options.echoAlerts ?? false, options.slackWebhook),
    alertQueue: runtime.alertQueue,
  };
  const results: IngestResult[] = [];
  const report = (result: IngestResult) => {
    options.onResult?.(result);
    results.push(result);
  };
  const fetcher = options.fetcher ?? new HttpFeedFetcher(resolveFeedPollConfig());
  // In the order given: web addresses as they are, folders expanded into their files.
  const inOrder: string[] = [];
  for (const input of inputs) inOrder.push(...(isWebAddress(input) ? [input] : await listInputFiles([input])));
  for (const input of inOrder) {
    let raw: RawObject;
    try {
      raw = isWebAddress(input) ? await fetchWebObject(input, fetcher) : await readLocalObject(input);
    } catch (error) {
      // A page that cannot be fetched is reported like a rejected file, and the others go on.
      if (!(error instanceof FeedFetchError)) throw error;
      report({ file: input, status: 'rejected', error: error.message });
      continue;
    }
    for (const result of await ingestObject(raw, { cliSource: options.source, now: clock().toISOString(), config }, deps)) report(result);
  }
  if (options.waitHeld) {
    await deliverPendingAlerts(deps, { ...options, clock });
  } else {
    for (const alert of await flushHeldAlerts(deps, clock().toISOString())) options.onDelivered?.(alert);
  }
  return { results, held: await describeHeldAlerts(runtime.alertQueue, clock().toISOString()) };
}
