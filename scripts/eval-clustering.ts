/**
 * `npm run eval:clustering -- <dataset> [--part all|fit|holdout] [--limit N] [--interleave] [--json]`
 *
 * Replays a labelled data set in publication order through the real pipeline (normalize, tag,
 * cluster, alert: ingestObject) on an in-memory embedded store (dynalite + the DynamoDB
 * adapter), each article as one JSON Lines record with the dataset's publisher as its source,
 * every story tracked. Prints B-cubed precision/recall/F1 of the stories against the labels,
 * precision/recall of `new-source` alerts against the ground truth (an article is a true new
 * source when its labelled story already had an article and none from its publisher), and
 * articles per second.
 *
 * `--part fit|holdout` replays only the events of one half of a fixed split (a hash of the
 * label): the decision constants were fitted on the `fit` half of news-cluster-dev
 * (see docs/clustering.md), so `holdout` is an honest figure.
 *
 * `--headline-items` sends each headline-only article (UCI) as a headline item, `{title, url,
 * source, publishedAt}` with no text, the way a news aggregator's export arrives (issue 16):
 * normalize makes it a headline article; the default sends the headline as the text.
 *
 * `--interleave` replays every story at once (the k-th article of each story in turn, times
 * spread over the same span): a stress test of the time model on a concurrent stream.
 */
import { DEFAULT_INGEST_CONFIG, ingestObject } from '../lambdas/core/ingest';
import type { Alert, IngestResult } from '../lambdas/core/model';
import { startEmbedded } from '../lambdas/targets/embedded';
import { interleaveStories, readDataset, toHeadlineItem, toJsonLine, type LabelledArticle } from './clustering-data';
import { bcubed, splitOf, trueNewSources, type Part } from './clustering-metrics';

interface Options {
  dataset: string;
  part: Part;
  limit?: number;
  interleave: boolean;
  headlineItems: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { dataset: '', part: 'all', interleave: false, headlineItems: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--part') options.part = argv[++i] as Part;
    else if (arg === '--limit') options.limit = Number(argv[++i]);
    else if (arg === '--json') options.json = true;
    else if (arg === '--interleave') options.interleave = true;
    else if (arg === '--headline-items') options.headlineItems = true;
    else if (!arg.startsWith('--')) options.dataset = arg;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!options.dataset) {
    throw new Error('usage: npm run eval:clustering -- <dataset folder or csv> [--part all|fit|holdout] [--limit N] [--interleave] [--headline-items] [--json]');
  }
  if (!['all', 'fit', 'holdout'].includes(options.part)) throw new Error(`--part must be all, fit or holdout`);
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const dataset = readDataset(options.dataset);
  let articles = dataset.articles.filter((a) => options.part === 'all' || splitOf(a.label) === options.part);
  if (options.limit) articles = articles.slice(0, options.limit);
  if (options.interleave) articles = interleaveStories(articles);

  const runtime = await startEmbedded({ dataDir: '.newswatch-eval', inMemory: true });
  const delivered: Alert[] = [];
  const publisher = { publish: async (alert: Alert) => { delivered.push(alert); } };
  const config = { ...DEFAULT_INGEST_CONFIG, trackAll: true };
  const assigned = new Map<string, string>();
  const alerted = new Set<string>();
  const copies: { article: LabelledArticle; copyOf: string }[] = [];
  let rejected = 0;
  const started = process.hrtime.bigint();
  try {
    for (const [index, article] of articles.entries()) {
      const line = options.headlineItems && article.title === undefined ? toHeadlineItem(article) : toJsonLine(article);
      const raw = { key: `eval/${dataset.name}/${index}.jsonl`, body: Buffer.from(`${line}\n`), metadata: {} };
      const results: IngestResult[] = await ingestObject(raw, { cliSource: article.source, now: article.publishedAt, config }, { store: runtime.store, publisher });
      const result = results[0];
      if (!result || result.status === 'rejected' || !result.storyId) {
        rejected++;
        continue;
      }
      assigned.set(article.id, result.storyId);
      if (result.copyOf) copies.push({ article, copyOf: result.copyOf });
      if ((result.alerts ?? []).some((alert) => alert.kind === 'new-source')) alerted.add(article.id);
    }
  } finally {
    await runtime.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const scored = articles.filter((a) => assigned.has(a.id));
  const b3 = bcubed(scored.map((a) => ({ id: a.id, label: a.label, cluster: assigned.get(a.id)! })));
  const truth = trueNewSources(scored);
  const tp = [...alerted].filter((id) => truth.has(id)).length;
  const alertPrecision = alerted.size === 0 ? 1 : tp / alerted.size;
  const alertRecall = truth.size === 0 ? 1 : tp / truth.size;
  const figures = {
    dataset: dataset.name,
    part: options.part,
    articles: scored.length,
    rejected,
    events: new Set(scored.map((a) => a.label)).size,
    stories: new Set(assigned.values()).size,
    bcubed: { precision: round(b3.precision), recall: round(b3.recall), f1: round(b3.f1) },
    newSourceAlerts: {
      precision: round(alertPrecision), recall: round(alertRecall), f1: round(f1(alertPrecision, alertRecall)),
      alerts: alerted.size, trueNewSources: truth.size, correct: tp,
    },
    copies: copies.length,
    articlesPerSecond: round(articles.length / seconds, 1),
    seconds: round(seconds, 1),
  };
  if (options.json) {
    console.log(JSON.stringify(figures));
    return;
  }
  console.log(`${figures.dataset} (${figures.part}${options.interleave ? ', interleaved' : ''}${options.headlineItems ? ', headline items' : ''}): ${figures.articles} articles (${rejected} rejected), ${figures.events} events -> ${figures.stories} stories`);
  console.log(`B-cubed            P ${fmt(b3.precision)}  R ${fmt(b3.recall)}  F1 ${fmt(b3.f1)}`);
  console.log(`new-source alerts  P ${fmt(alertPrecision)}  R ${fmt(alertRecall)}  F1 ${fmt(f1(alertPrecision, alertRecall))}  (${alerted.size} alerts, ${truth.size} true new sources, ${tp} correct)`);
  console.log(`copies labelled    ${copies.length}`);
  console.log(`speed              ${figures.articlesPerSecond} articles/s (${figures.seconds} s, whole pipeline on the embedded store)`);
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function round(value: number, digits = 3): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

function fmt(value: number): string {
  return value.toFixed(3);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
