import path from 'node:path';
import { ConfigurationError } from '../core/errors';
import { DEFAULT_INGEST_CONFIG, ingestObject } from '../core/ingest';
import type { Alert, Article, IngestResult, Story, Watch } from '../core/model';
import { listInputFiles, readLocalObject } from '../adapters/local/file-objects';
import { ConsoleAlertPublisher, FanOutAlertPublisher, JsonLinesAlertPublisher } from '../adapters/local/publishers';
import type { AlertPublisher } from '../ports/alerts';
import type { EmbeddedRuntime } from './runtime';

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
}

export function localPublisher(runtime: EmbeddedRuntime, echo: boolean): AlertPublisher {
  const sinks: AlertPublisher[] = [new JsonLinesAlertPublisher(path.join(runtime.dataDir, 'alerts.jsonl'))];
  if (echo) sinks.push(new ConsoleAlertPublisher());
  return new FanOutAlertPublisher(sinks);
}

export async function ingestFiles(runtime: EmbeddedRuntime, inputs: string[], options: IngestCommandOptions = {}): Promise<IngestResult[]> {
  const clock = options.clock ?? (() => new Date());
  const config = { ...DEFAULT_INGEST_CONFIG, trackAll: options.trackAll ?? false };
  const deps = { store: runtime.store, publisher: localPublisher(runtime, options.echoAlerts ?? false) };
  const results: IngestResult[] = [];
  for (const file of await listInputFiles(inputs)) {
    const raw = await readLocalObject(file);
    for (const result of await ingestObject(raw, { cliSource: options.source, now: clock().toISOString(), config }, deps)) {
      options.onResult?.(result);
      results.push(result);
    }
  }
  return results;
}

export async function listStories(runtime: EmbeddedRuntime, limit = 100): Promise<Story[]> {
  return runtime.store.listStories(limit);
}

export interface StoryDetail {
  story: Story;
  alerts: Alert[];
  articles: Article[];
}

export async function showStory(runtime: EmbeddedRuntime, id: string): Promise<StoryDetail> {
  const story = await runtime.store.getStory(id);
  if (!story) throw new ConfigurationError(`no story with id ${id} (see \`newswatch stories\`)`);
  const [alerts, articles] = await Promise.all([
    runtime.store.listAlerts(id),
    Promise.all(story.articleIds.map((a) => runtime.store.getArticle(a))),
  ]);
  return { story, alerts, articles: articles.filter((a): a is Article => a !== undefined) };
}

export async function showArticle(runtime: EmbeddedRuntime, id: string): Promise<Article> {
  const article = await runtime.store.getArticle(id);
  if (!article) throw new ConfigurationError(`no article with id ${id}`);
  return article;
}

export interface WatchSpec {
  name: string;
  all?: boolean;
  actors?: string[];
  topics?: string[];
  keywords?: string[];
}

export async function addWatch(runtime: EmbeddedRuntime, spec: WatchSpec, now: Date = new Date()): Promise<Watch> {
  const watch: Watch = {
    id: watchIdFor(spec.name),
    name: spec.name,
    all: spec.all || undefined,
    actors: spec.actors ?? [],
    topics: spec.topics ?? [],
    keywords: spec.keywords ?? [],
    createdAt: now.toISOString(),
  };
  if (!watch.all && watch.actors.length + watch.topics.length + watch.keywords.length === 0) {
    throw new ConfigurationError(`watch "${spec.name}" needs at least one --actor, --topic or --keyword (or --all)`);
  }
  if (!watch.id) throw new ConfigurationError(`watch name "${spec.name}" has no letters or digits`);
  await runtime.store.putWatch(watch);
  return watch;
}

export async function removeWatch(runtime: EmbeddedRuntime, name: string): Promise<void> {
  if (!(await runtime.store.deleteWatch(watchIdFor(name)))) throw new ConfigurationError(`no watch named "${name}"`);
}

export function watchIdFor(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The one-line JSON shape of `stories --json`. */
export function storySummary(s: Story) {
  return { storyId: s.id, headline: s.headline, sources: s.sources.map((id) => s.sourceNames[id] ?? id), articleIds: s.articleIds, articleCount: s.articleCount, tracked: s.tracked };
}
