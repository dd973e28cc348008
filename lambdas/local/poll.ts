import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  pollDueFeeds, resolveFeedPollConfig, type FeedArticle, type FeedPollConfig, type FeedPollReport,
} from '../core/feeds';
import { ingestObject } from '../core/ingest';
import type { IngestResult } from '../core/model';
import { createFeedParser, extractPageText, HttpFeedFetcher } from '../adapters/feeds';
import type { FeedArticleSink, FeedFetcher } from '../ports/feeds';
import { localIngestConfig, localPublisher } from './ingest';
import type { EmbeddedRuntime } from '../targets/embedded';

/** `newswatch poll` on this machine: the poller's use case with a sink that ingests each new item here (in AWS the poller Lambda drops them into the bucket). */

/**
 * Locally, a new item is written as `<data-dir>/incoming/<feed source>/<item id>.json` (what
 * the poller puts into the drop bucket in AWS) and ingested at once through the same pipeline.
 */
export class LocalFeedArticleSink implements FeedArticleSink {
  readonly results: IngestResult[] = [];

  constructor(
    private readonly runtime: EmbeddedRuntime,
    private readonly options: {
      trackAll?: boolean;
      echoAlerts?: boolean;
      echoWrite?: (text: string) => void;
      clock: () => Date;
      onResult?: (r: IngestResult) => void;
      onDocuments?: (count: number) => void;
    },
  ) {}

  async putArticle(item: FeedArticle): Promise<void> {
    const body = Buffer.from(JSON.stringify(item.article, null, 2));
    const file = path.join(this.runtime.dataDir, ...item.key.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
    const config = localIngestConfig({ trackAll: this.options.trackAll });
    const deps = { store: this.runtime.store, publisher: localPublisher(this.runtime, this.options.echoAlerts ?? false, undefined, this.options.echoWrite) };
    const raw = { key: item.key, body, contentType: 'application/json', metadata: {} };
    await ingestObject(raw, {
      now: this.options.clock().toISOString(),
      config,
      onDocuments: this.options.onDocuments,
      onResult: (result) => {
        this.options.onResult?.(result);
        this.results.push(result);
      },
    }, deps);
  }
}

export interface PollCommandOptions {
  force?: boolean;
  trackAll?: boolean;
  echoAlerts?: boolean;
  clock?: () => Date;
  config?: Partial<FeedPollConfig>;
  /** Tests and the evaluation may pass their own (same HTTP code, other limits). */
  fetcher?: FeedFetcher;
  onReport?: (report: FeedPollReport) => void;
  /** Told of each new item's result as soon as it is stored. */
  onResult?: (result: IngestResult) => void;
  /** Told of each new item as it is fetched (a progress bar's total grows by it). */
  onDocuments?: (count: number) => void;
  /** Where echoed alerts are written (stderr by default). */
  echoWrite?: (text: string) => void;
}

/** One poll run: every due feed (every feed with --force, except those held by a Retry-After). */
export async function pollFeeds(runtime: EmbeddedRuntime, options: PollCommandOptions = {}): Promise<{ reports: FeedPollReport[]; results: IngestResult[] }> {
  const clock = options.clock ?? (() => new Date());
  const config = resolveFeedPollConfig(options.config);
  const sink = new LocalFeedArticleSink(runtime, {
    trackAll: options.trackAll, echoAlerts: options.echoAlerts, echoWrite: options.echoWrite, clock, onResult: options.onResult, onDocuments: options.onDocuments,
  });
  const reports = await pollDueFeeds({ now: clock(), config, force: options.force }, {
    store: runtime.feeds,
    fetcher: options.fetcher ?? new HttpFeedFetcher(config),
    parse: createFeedParser(config.maxFeedBytes),
    sink,
    extractPage: extractPageText,
  });
  reports.forEach((r) => options.onReport?.(r));
  return { reports, results: sink.results };
}

/**
 * The long-running local mode (`newswatch poll` without --once): polls what is due, sleeps until
 * the next feed is due (checking at least every `checkEverySec`), until the signal aborts.
 */
export async function pollOnSchedule(
  runtime: EmbeddedRuntime, options: PollCommandOptions & { signal: AbortSignal; checkEverySec?: number },
): Promise<void> {
  const clock = options.clock ?? (() => new Date());
  let force = options.force;
  while (!options.signal.aborted) {
    await pollFeeds(runtime, { ...options, force });
    force = false;
    const feeds = await runtime.feeds.listFeeds();
    const nextDue = Math.min(...feeds.map((f) => Date.parse(f.retryAfterUntil && f.retryAfterUntil > f.nextPollAt ? f.retryAfterUntil : f.nextPollAt)));
    const waitMs = Math.max(1000, Math.min((options.checkEverySec ?? 60) * 1000, (Number.isFinite(nextDue) ? nextDue : Infinity) - clock().getTime()));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      options.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }
}
