/**
 * `npm run eval:watches -- [dataset] [--watches file] [--json] [--markdown] [--explain] [--on new-source|new-story|both]`
 *
 * Scores watches against labelled events: the watches in scripts/data/eval-watches.json (each
 * about one EventId of news-cluster-dev: people, organizations, places, keywords, boolean
 * queries) are added with the real use case (`addWatch`: actors resolved, queries parsed), then
 * the data set is replayed in publication order through the real ingest (ingestObject on an
 * in-memory embedded store, as eval-clustering does), each article a JSON Lines record with its
 * publisher as source, no track-all. Per watch, over the alerts naming it (`new-source`, and
 * `new-story` for a watch `on` new-story or both; an article causes one of them at most):
 *
 * - precision: alerts on an article of the watch's event / alerts;
 * - recall: the event's true new sources (its labelled story already had an article, and none
 *   from this publisher: clustering-metrics trueNewSources) alerted for the watch / true new sources.
 *
 * It prints the table and whether each watch meets issue 15's bar (P >= 0.95, R >= 0.90).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addWatch } from '../lambdas/app/watches';
import { DEFAULT_INGEST_CONFIG, ingestObject } from '../lambdas/core/ingest';
import type { Alert, IngestResult, WatchAlertOn } from '../lambdas/core/model';
import { startEmbedded } from '../lambdas/targets/embedded';
import { readDataset, toJsonLine, type LabelledArticle } from './clustering-data';
import { trueNewSources } from './clustering-metrics';

const DEFAULT_DATASET = path.join(__dirname, '..', '..', 'shared', 'data', 'news-cluster-dev');
const DEFAULT_WATCHES = path.join(__dirname, 'data', 'eval-watches.json');
/** Issue 15's acceptance bar, per watch. */
const REQUIRED = { precision: 0.95, recall: 0.9 };

interface EvalWatch {
  name: string;
  /** The EventId the watch is about. */
  event: string;
  /** person, organization, place, keyword, query: what a user meant to follow. */
  kind: string;
  actors?: string[];
  topics?: string[];
  keywords?: string[];
  query?: string;
  /** Which alerts the watch asks for (`watch add --on`); new-source when absent. */
  on?: WatchAlertOn;
}

interface Options {
  dataset: string;
  watches: string;
  json: boolean;
  /** The table in Markdown (docs/watches.md holds it). */
  markdown: boolean;
  /** Every watch asks for these alerts, whatever the file says (to compare new-source alone with both). */
  on?: WatchAlertOn;
  /** Also list each watch's missed true new sources and off-event alerts (title, publisher, story). */
  explain: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { dataset: DEFAULT_DATASET, watches: DEFAULT_WATCHES, json: false, explain: false, markdown: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--watches') options.watches = argv[++i];
    else if (arg === '--json') options.json = true;
    else if (arg === '--explain') options.explain = true;
    else if (arg === '--markdown') options.markdown = true;
    else if (arg === '--on') options.on = argv[++i] as WatchAlertOn;
    else if (!arg.startsWith('--')) options.dataset = arg;
    else throw new Error(`unknown option ${arg}; usage: npm run eval:watches -- [dataset folder] [--watches file.json] [--json] [--markdown] [--explain] [--on new-source|new-story|both]`);
  }
  return options;
}

interface WatchScore {
  watch: string;
  kind: string;
  event: string;
  alerts: number;
  onEvent: number;
  trueNewSources: number;
  alertedTrue: number;
  precision: number;
  recall: number;
  pass: boolean;
  /** Alerts on other events: their labels, for reading a failure. */
  offEvent: string[];
  /** With --explain: the misses and the off-event alerts, one line each. */
  details?: string[];
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const dataset = readDataset(options.dataset);
  const watches = (JSON.parse(readFileSync(options.watches, 'utf8')) as { watches: EvalWatch[] }).watches;

  const runtime = await startEmbedded({ dataDir: '.newswatch-eval', inMemory: true });
  const delivered: Alert[] = [];
  const publisher = { publish: async (alert: Alert) => { delivered.push(alert); } };
  const config = { ...DEFAULT_INGEST_CONFIG, trackAll: false };
  const byArticleId = new Map<string, LabelledArticle>();
  const storyOf = new Map<string, string>();
  const scored: LabelledArticle[] = [];
  const ids = new Map<string, string>();
  const started = process.hrtime.bigint();
  try {
    for (const spec of watches) {
      const { watch, warnings } = await addWatch(runtime.store, { ...spec, on: options.on ?? spec.on });
      ids.set(spec.name, watch.id);
      for (const warning of warnings) console.error(`warning: ${warning}`);
    }
    for (const [index, article] of dataset.articles.entries()) {
      const raw = { key: `eval/${dataset.name}/${index}.jsonl`, body: Buffer.from(`${toJsonLine(article)}\n`), metadata: {} };
      const results: IngestResult[] = await ingestObject(raw, { cliSource: article.source, now: article.publishedAt, config }, { store: runtime.store, publisher });
      const result = results[0];
      if (!result || result.status === 'rejected' || !result.articleId) continue;
      byArticleId.set(result.articleId, article);
      if (result.storyId) storyOf.set(article.id, result.storyId);
      scored.push(article);
    }
  } finally {
    await runtime.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const truth = trueNewSources(scored);
  const scores: WatchScore[] = watches.map((spec) => {
    const id = ids.get(spec.name)!;
    const alerted = delivered
      .filter((alert) => alert.watchIds.includes(id))
      .map((alert) => byArticleId.get(alert.articleId))
      .filter((article): article is LabelledArticle => article !== undefined);
    const onEvent = alerted.filter((article) => article.label === spec.event);
    const eventTruth = scored.filter((article) => article.label === spec.event && truth.has(article.id));
    const alertedTrue = eventTruth.filter((article) => onEvent.includes(article)).length;
    const precision = alerted.length === 0 ? 1 : onEvent.length / alerted.length;
    const recall = eventTruth.length === 0 ? 1 : alertedTrue / eventTruth.length;
    return {
      watch: spec.name,
      kind: spec.kind,
      event: spec.event,
      alerts: alerted.length,
      onEvent: onEvent.length,
      trueNewSources: eventTruth.length,
      alertedTrue,
      precision: round(precision),
      recall: round(recall),
      pass: precision >= REQUIRED.precision && recall >= REQUIRED.recall,
      offEvent: alerted.filter((article) => article.label !== spec.event).map((article) => article.label),
      ...(options.explain ? {
        details: [
          ...eventTruth.filter((article) => !onEvent.includes(article)).map((a) => `missed   ${describeArticle(a, storyOf)}`),
          ...alerted.filter((article) => article.label !== spec.event).map((a) => `off-event ${describeArticle(a, storyOf)}`),
        ],
      } : {}),
    };
  });

  if (options.json) {
    console.log(JSON.stringify({ dataset: dataset.name, articles: scored.length, on: options.on, seconds: round(seconds, 1), watches: scores }));
    return;
  }
  if (options.markdown) {
    console.log('| watch | kind | event | alerts | on the event | true new sources | alerted | P | R | P ≥ 0.95 and R ≥ 0.90 |');
    console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---|');
    for (const s of scores) {
      console.log(`| ${s.watch} | ${s.kind} | ${s.event} | ${s.alerts} | ${s.onEvent} | ${s.trueNewSources} | ${s.alertedTrue} | ${s.precision.toFixed(2)} | ${s.recall.toFixed(2)} | ${s.pass ? 'yes' : '**no**'} |`);
    }
    console.log(`\n${scores.filter((s) => s.pass).length}/${scores.length} watches meet the bar (${scored.length} articles, ${round(seconds, 1)} s).`);
    return;
  }
  console.log(`${dataset.name}: ${scored.length} articles replayed with ${watches.length} watches${options.on ? `, each on ${options.on}` : ''} (${round(seconds, 1)} s, whole pipeline on the embedded store)`);
  console.log(`${'watch'.padEnd(22)} ${'kind'.padEnd(12)} ${'event'.padStart(5)}  ${'alerts'.padStart(6)} ${'on event'.padStart(8)} ${'true new'.padStart(8)} ${'alerted'.padStart(7)}   P      R      ≥0.95/0.90`);
  for (const s of scores) {
    const off = s.offEvent.length ? `  (off-event alerts: events ${[...new Set(s.offEvent)].join(', ')})` : '';
    console.log(`${s.watch.padEnd(22)} ${s.kind.padEnd(12)} ${s.event.padStart(5)}  ${String(s.alerts).padStart(6)} ${String(s.onEvent).padStart(8)} ${String(s.trueNewSources).padStart(8)} ${String(s.alertedTrue).padStart(7)}   ${s.precision.toFixed(2)}   ${s.recall.toFixed(2)}   ${s.pass ? 'yes' : 'NO'}${off}`);
    for (const line of s.details ?? []) console.log(`    ${line}`);
  }
  const passed = scores.filter((s) => s.pass).length;
  console.log(`${passed}/${scores.length} watches meet P >= ${REQUIRED.precision} and R >= ${REQUIRED.recall}`);
}

function describeArticle(article: LabelledArticle, storyOf: Map<string, string>): string {
  return `event ${article.label}  ${article.source}  story ${storyOf.get(article.id) ?? '-'}  "${(article.title ?? article.text).slice(0, 70)}"`;
}

function round(value: number, digits = 3): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
