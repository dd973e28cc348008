import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SNSClient } from '@aws-sdk/client-sns';
import { createDocumentClient, DynamoAlertQueue } from '../adapters/dynamodb';
import { subscribeEmail } from '../adapters/sns';
import { LOCAL_ALERT_COOLDOWN_SECONDS } from '../core/alert';
import { ConfigurationError, FeedFetchError } from '../core/errors';
import { resolveFeedPollConfig } from '../core/feeds';
import { HttpFeedFetcher } from '../adapters/feeds';
import { fetchWebObject, isWebAddress } from '../adapters/local/web-objects';
import type { FeedFetcher } from '../ports/feeds';
import { DEFAULT_INGEST_CONFIG, ingestObject } from '../core/ingest';
import { deliverPendingAlerts } from '../app/alerts';
import { slug } from '../core/normalize';
import { foldName } from '../core/tag';
import type { Alert, Article, IngestResult, RawObject, Story, Watch } from '../core/model';
import { listInputFiles, readLocalObject } from '../adapters/local/file-objects';
import {
  ConsoleAlertPublisher, FanOutAlertPublisher, JsonLinesAlertPublisher, SlackAlertPublisher, SlackWebhookPoster,
} from '../adapters/local/publishers';
import type { AlertPublisher, AlertQueue } from '../ports/alerts';
import { withCurrentActors, withCurrentArticleActors } from './actors';
import { LOCAL_TABLE_NAME, type EmbeddedRuntime } from './runtime';

/**
 * The CLI's use cases over an embedded runtime. They return data; the CLI entry decides
 * how to print it, so tests call these directly.
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

export function localAlertQueue(runtime: EmbeddedRuntime): AlertQueue {
  return new DynamoAlertQueue(createDocumentClient(runtime.client), LOCAL_TABLE_NAME);
}

export async function ingestFiles(runtime: EmbeddedRuntime, inputs: string[], options: IngestCommandOptions = {}): Promise<IngestResult[]> {
  const clock = options.clock ?? (() => new Date());
  const cooldown = options.cooldownSeconds ?? LOCAL_ALERT_COOLDOWN_SECONDS;
  const config = { ...DEFAULT_INGEST_CONFIG, trackAll: options.trackAll ?? false, alertCooldownSeconds: cooldown };
  const deps = {
    store: runtime.store,
    publisher: localPublisher(runtime, options.echoAlerts ?? false, options.slackWebhook),
    alertQueue: localAlertQueue(runtime),
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
  await deliverPendingAlerts(deps, { ...options, clock });
  return results;
}

// Moved to lambdas/app/alerts.ts (typed over the ports); re-exported so existing imports keep working.
export { deliverPendingAlerts } from '../app/alerts';

export interface SubscribeOptions {
  topicArn?: string;
  /** Where `cdk deploy --outputs-file` wrote the stack outputs (default ./cdk-outputs.json). */
  outputsFile?: string;
  email: string;
  /** Watch names or ids: only alerts for stories these watches track. */
  watches?: string[];
}

/** `newswatch subscribe --email … [--watch …]` against a deployed stack's alerts topic. */
export async function subscribeToAlerts(options: SubscribeOptions, client: SNSClient = new SNSClient({})): Promise<{ subscriptionArn?: string; watchIds: string[] }> {
  const topicArn = options.topicArn ?? process.env.NEWSWATCH_TOPIC_ARN ?? (await deployedTopicArn(options.outputsFile ?? 'cdk-outputs.json'));
  if (!topicArn) {
    throw new ConfigurationError('subscribe needs the alerts topic: deploy with `npx cdk deploy --outputs-file cdk-outputs.json`, or pass --topic-arn ARN (the stack output TopicArn), or set NEWSWATCH_TOPIC_ARN');
  }
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(options.email)) throw new ConfigurationError(`"${options.email}" is not an email address`);
  const watchIds = (options.watches ?? []).map(watchIdFor).filter(Boolean);
  const subscriptionArn = await subscribeEmail(client, { topicArn, email: options.email, watchIds });
  return { subscriptionArn, watchIds };
}

/** The TopicArn output of the deployed stack, from the file `cdk deploy --outputs-file` wrote; undefined when absent. */
async function deployedTopicArn(outputsFile: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(outputsFile, 'utf8');
  } catch (error) {
    // No file: not deployed from here. Any other failure to read it is worth saying.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigurationError(`${outputsFile} could not be read`, { cause: error });
  }
  let outputs: Record<string, Record<string, unknown>>;
  try {
    outputs = JSON.parse(text) as Record<string, Record<string, unknown>>;
  } catch (error) {
    throw new ConfigurationError(`${outputsFile} is not the JSON cdk deploy writes`, { cause: error });
  }
  const arns = Object.values(outputs).map((stack) => stack?.TopicArn).filter((arn): arn is string => typeof arn === 'string');
  if (arns.length > 1) throw new ConfigurationError(`${outputsFile} lists ${arns.length} stacks with a TopicArn: pass --topic-arn`);
  return arns[0];
}

/** `newswatch stories` filters; all that are given must hold. */
export interface StoryFilter {
  tracked?: boolean;
  /** Tracked by any of these watches (names or ids). */
  watches?: string[];
  /** Names (or ids) of actors that must all be among the story's actors. */
  actors?: string[];
  /** A source covering the story (name or id). */
  source?: string;
}

/** A filtered listing looks through this many of the most recently updated stories (one Query, never a Scan). */
export const FILTERED_STORY_WINDOW = 1000;

export function isFiltering(filter: StoryFilter): boolean {
  return Boolean(filter.tracked || filter.watches?.length || filter.actors?.length || filter.source);
}

export async function listStories(runtime: EmbeddedRuntime, limit = 100, filter: StoryFilter = {}): Promise<Story[]> {
  const stories = await withCurrentActors(runtime.store, await runtime.store.listStories(isFiltering(filter) ? FILTERED_STORY_WINDOW : limit));
  return stories.filter((story) => matchesStoryFilter(story, filter)).slice(0, limit);
}

export function matchesStoryFilter(story: Story, filter: StoryFilter): boolean {
  if (filter.tracked && !story.tracked) return false;
  if (filter.watches?.length && !filter.watches.some((w) => story.trackedBy.includes(watchIdFor(w)))) return false;
  const namesActor = (wanted: string) => wanted in story.profile.actors
    || story.topActors.some((a) => a.id === wanted || foldName(a.name) === foldName(wanted));
  if (filter.actors?.length && !filter.actors.every(namesActor)) return false;
  if (filter.source) {
    const wanted = slug(filter.source);
    if (!story.sources.some((id) => id === wanted || slug(story.sourceNames[id] ?? '') === wanted)) return false;
  }
  return true;
}

export interface StoryDetail {
  story: Story;
  alerts: Alert[];
  articles: Article[];
}

export async function showStory(runtime: EmbeddedRuntime, id: string): Promise<StoryDetail> {
  const stored = await runtime.store.getStory(id);
  if (!stored) throw new ConfigurationError(`no story with id ${id} (see \`newswatch stories\`)`);
  const [story] = await withCurrentActors(runtime.store, [stored]);
  const [alerts, articles] = await Promise.all([
    runtime.store.listAlerts(id),
    Promise.all(story.articleIds.map((a) => runtime.store.getArticle(a))),
  ]);
  return { story, alerts, articles: articles.filter((a): a is Article => a !== undefined) };
}

export async function showArticle(runtime: EmbeddedRuntime, id: string): Promise<Article> {
  const article = await runtime.store.getArticle(id);
  if (!article) throw new ConfigurationError(`no article with id ${id}`);
  return withCurrentArticleActors(runtime.store, article);
}

// The watch use cases live in lambdas/app/watches.ts, over the store's ports (registry-checked
// actors, IPTC-checked topics, duplicate names refused); these keep the runtime signatures.
import { addWatch as addWatchTo, removeWatch as removeWatchFrom, watchIdFor, type WatchSpec } from '../app/watches';
export { watchIdFor, type WatchSpec };

export async function addWatch(runtime: EmbeddedRuntime, spec: WatchSpec, now: Date = new Date()): Promise<Watch> {
  return (await addWatchTo(runtime.store, spec, now)).watch;
}

export async function removeWatch(runtime: EmbeddedRuntime, name: string): Promise<void> {
  await removeWatchFrom(runtime.store, name);
}

/** The one-line JSON shape of `stories --json`. */
export function storySummary(s: Story) {
  return { storyId: s.id, headline: s.headline, sources: s.sources.map((id) => s.sourceNames[id] ?? id), articleIds: s.articleIds, articleCount: s.articleCount, tracked: s.tracked };
}
