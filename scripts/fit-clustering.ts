/**
 * `npx tsx scripts/fit-clustering.ts <dataset>... [--eval-only] [--l2=L] [--keep-report] [--timeless=T] [--diagnose]`
 *
 * Fits the join-or-create model (lambdas/core/cluster/features.ts) and prints the weights to
 * paste into lambdas/core/cluster/config.ts (joinModel). Training pairs come from a replay of
 * the `fit` half of the events of each data set, in publication order, through the real
 * normalize and tag steps and the cluster step's own profile, keys and features, with the
 * gold story given (so errors do not compound): every (article, candidate story found by the
 * index keys) pair is one example, labelled by whether the candidate is the article's event.
 * Logistic regression by Newton's method with a small L2 penalty; each data set weighs the same.
 * Then replays both halves with the fitted model (in memory, no store) and prints B-cubed F1.
 */
import { writeFileSync } from 'node:fs';
import { candidateKeys, mergeIntoStory, profileArticle, startStory, assignStory, clusterConfig } from '../lambdas/core/cluster';
import { candidateFeatures, JOIN_FEATURES, type JoinFeatures, type JoinModel } from '../lambdas/core/cluster/features';
import type { ArticleProfile, ClusterConfig, StoryArticle } from '../lambdas/core/cluster';
import { DEFAULT_INGEST_CONFIG } from '../lambdas/core/ingest';
import type { Story } from '../lambdas/core/model';
import { normalizeObject } from '../lambdas/core/normalize';
import { extractActors, resolveActors, tagTopics } from '../lambdas/core/tag';
import { interleaveStories, readDataset, toJsonLine, type LabelledArticle } from './clustering-data';
import { bcubed, splitOf } from './clustering-metrics';

interface Prepared extends LabelledArticle {
  member: StoryArticle;
  profile: ArticleProfile;
  keys: string[];
}

function prepare(articles: LabelledArticle[]): Prepared[] {
  const out: Prepared[] = [];
  for (const a of articles) {
    const outcome = normalizeObject({ key: `fit/${a.id}.jsonl`, body: Buffer.from(`${toJsonLine(a)}\n`), metadata: {} })[0];
    if (!outcome?.ok) continue;
    const doc = outcome.doc;
    const { actors } = resolveActors(extractActors(doc), new Map());
    const topics = tagTopics(doc, []);
    const profile = profileArticle({ title: doc.title, text: doc.text, actors, topics });
    const source = { id: a.source.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name: a.source, origin: 'cli' as const };
    const member: StoryArticle = { id: a.id, title: doc.title, text: doc.text, publishedAt: a.publishedAt, source, profile, actors, topics };
    out.push({ ...a, member, profile, keys: candidateKeys(profile) });
  }
  return out;
}

/** The store's index, in memory, with the same bounds as the ingest use case (newest per key, capped). */
class MemoryIndex {
  private readonly byKey = new Map<string, string[]>();
  readonly stories = new Map<string, Story>();
  candidates(keys: string[]): Story[] {
    const found = new Map<string, { lastSeen: string; keys: number }>();
    for (const key of new Set(keys)) {
      const newest = (this.byKey.get(key) ?? []).map((id) => this.stories.get(id)!).sort((x, y) => (x.lastSeen < y.lastSeen ? 1 : -1))
        .slice(0, DEFAULT_INGEST_CONFIG.candidateLimitPerKey);
      for (const s of newest) found.set(s.id, { lastSeen: s.lastSeen, keys: (found.get(s.id)?.keys ?? 0) + 1 });
    }
    return [...found].sort((x, y) => y[1].keys - x[1].keys || (x[1].lastSeen < y[1].lastSeen ? 1 : -1))
      .slice(0, DEFAULT_INGEST_CONFIG.maxCandidates).map(([id]) => this.stories.get(id)!);
  }
  put(story: Story, keys: string[]): void {
    this.stories.set(story.id, story);
    for (const key of keys) {
      const ids = this.byKey.get(key) ?? [];
      if (!ids.includes(story.id)) ids.push(story.id);
      this.byKey.set(key, ids);
    }
  }
}

function trainingPairs(articles: Prepared[], config: ClusterConfig): { x: JoinFeatures; y: number }[] {
  const index = new MemoryIndex();
  const pairs: { x: JoinFeatures; y: number }[] = [];
  for (const a of articles) {
    const candidates = index.candidates(a.keys);
    candidateFeatures(a.profile, a.publishedAt, candidates, config).forEach((x, i) => {
      pairs.push({ x, y: candidates[i].id === `gold:${a.label}` ? 1 : 0 });
    });
    const id = `gold:${a.label}`;
    const existing = index.stories.get(id);
    index.put(existing ? mergeIntoStory(existing, a.member, config) : startStory(a.member, id, config), a.keys);
  }
  return pairs;
}

/** The articles with every story at once (interleaveStories), their members' times moved too. */
function interleaved(articles: Prepared[]): Prepared[] {
  return interleaveStories(articles).map((a) => ({ ...a, member: { ...a.member, publishedAt: a.publishedAt } }));
}

/** Positive pairs with strong text, moved days later (see --timeless). */
function timelessCopies(pairs: { x: JoinFeatures; y: number }[], minText: number): { x: JoinFeatures; y: number }[] {
  return pairs.filter((p) => p.y === 1 && p.x.text >= minText).map((p) => ({ y: 1, x: { ...p.x, recency: 0 } }));
}

/**
 * The blended model is linear in its parameters: z = (1-s)(b_r + w_r.x) + s(b_h + w_h.x), so one
 * weighted logistic regression over the expanded row [(1-s), (1-s)x, s, s x] fits both at once.
 * Newton's method; L2 penalty on the weights, not on the two biases.
 */
function expand(x: JoinFeatures): number[] {
  const s = x.shortText;
  const v = JOIN_FEATURES.map((f) => x[f]);
  return [1 - s, ...v.map((xi) => (1 - s) * xi), s, ...v.map((xi) => s * xi)];
}
/** The expanded row; with a fixed report model its part is an offset instead of columns. */
function expandRow(x: JoinFeatures, fixedReport?: JoinModel['report']): { x: number[]; offset: number } {
  const row = expand(x);
  if (!fixedReport) return { x: row, offset: 0 };
  const n = JOIN_FEATURES.length + 1;
  const reportLogit = JOIN_FEATURES.reduce((z, f) => z + (fixedReport.weights[f] ?? 0) * x[f], fixedReport.bias);
  return { x: row.map((v, i) => (i < n ? 0 : v)), offset: (1 - x.shortText) * reportLogit };
}
const BIAS_COLUMNS = new Set([0, JOIN_FEATURES.length + 1]);

function fitLogistic(rows: { x: number[]; y: number; w: number; offset?: number }[], lambda = 0.01): number[] {
  const d = rows[0].x.length;
  let beta = new Array<number>(d).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const { x: v, y, w, offset = 0 } of rows) {
      const z = offset + v.reduce((s, xi, i) => s + xi * beta[i], 0);
      const p = 1 / (1 + Math.exp(-z));
      for (let i = 0; i < d; i++) {
        if (v[i] === 0) continue;
        grad[i] += w * (p - y) * v[i];
        for (let j = 0; j < d; j++) hess[i][j] += w * p * (1 - p) * v[i] * v[j];
      }
    }
    for (let i = 0; i < d; i++) {
      const penalty = BIAS_COLUMNS.has(i) ? 1e-6 : lambda;
      grad[i] += penalty * beta[i];
      hess[i][i] += penalty;
    }
    const step = solve(hess, grad);
    beta = beta.map((b, i) => b - step[i]);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return beta;
}

function toModel(beta: number[]): JoinModel {
  const n = JOIN_FEATURES.length;
  const part = (offset: number) => ({
    bias: r4(beta[offset]),
    weights: Object.fromEntries(JOIN_FEATURES.map((f, i) => [f, r4(beta[offset + 1 + i])])),
  });
  return { report: part(0), headline: part(n + 1) };
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || m[c][c] === 0) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n] / row[i]));
}

/** Replays with the model deciding (no gold), as the pipeline does; returns B-cubed. */
function replay(articles: Prepared[], config: ClusterConfig, diagnose = false) {
  const index = new MemoryIndex();
  const assigned: { id: string; label: string; cluster: string }[] = [];
  const majority = new Map<string, string>(); // label -> first cluster id it went to
  const stats = { wrongCreate: 0, goldAbsent: 0, guard: 0, lowP: 0, wrongJoin: 0 };
  for (const a of articles) {
    const candidates = index.candidates(a.keys);
    const decision = assignStory({ profile: a.profile, publishedAt: a.publishedAt }, candidates, config);
    if (diagnose) {
      const goldCluster = majority.get(a.label);
      if (decision.action === 'create' && goldCluster) {
        stats.wrongCreate++;
        const gold = candidates.find((c) => c.id === goldCluster);
        if (!gold) stats.goldAbsent++;
        else if ((decision.bestScore ?? 0) >= config.joinProbability) stats.guard++;
        else stats.lowP++;
      }
      if (decision.action === 'join' && goldCluster && decision.storyId !== goldCluster) stats.wrongJoin++;
    }
    const id = decision.action === 'join' ? decision.storyId : a.id;
    const existing = index.stories.get(id);
    index.put(existing ? mergeIntoStory(existing, a.member, config) : startStory(a.member, id, config), a.keys);
    assigned.push({ id: a.id, label: a.label, cluster: id });
    if (!majority.has(a.label)) majority.set(a.label, id);
  }
  if (diagnose) console.log(`  diagnose: ${JSON.stringify(stats)}`);
  return bcubed(assigned);
}

function main(): void {
  const args = process.argv.slice(2);
  const evalOnly = args.includes('--eval-only');
  // --keep-report: refit the headline model only; the report model stays as shipped (an offset).
  const keepReport = args.includes('--keep-report');
  // --timeless=T: a gap of days does not by itself end a story: every positive pair whose text
  // cosine reaches T is also taught as a positive two days later (no recency bonus).
  const timelessArg = args.find((a) => a.startsWith('--timeless='))?.split('=')[1];
  const timeless = timelessArg === undefined ? undefined : Number(timelessArg);
  const sets = args.filter((a) => !a.startsWith('--')).map((location) => {
    const dataset = readDataset(location);
    return { name: dataset.name, articles: prepare(dataset.articles) };
  });
  let config = clusterConfig();
  if (!evalOnly) {
    const rows: { x: number[]; y: number; w: number }[] = [];
    for (const set of sets) {
      const pairs = trainingPairs(set.articles.filter((a) => splitOf(a.label) === 'fit'), config);
      console.log(`${set.name}: ${pairs.length} training pairs (${pairs.filter((p) => p.y).length} positive)`);
      const dump = args.find((a) => a.startsWith('--dump='))?.split('=')[1];
      if (dump) writeFileSync(`${dump}.${set.name}.json`, JSON.stringify(pairs));
      const share = Number(args.find((a) => a.startsWith(`--weight-${set.name}=`))?.split('=')[1] ?? 1);
      if (timeless !== undefined) pairs.push(...timelessCopies(pairs, timeless));
      for (const p of pairs) rows.push({ ...expandRow(p.x, keepReport ? config.joinModel.report : undefined), y: p.y, w: (1000 * share) / pairs.length });
    }
    const lambda = Number(args.find((a) => a.startsWith("--l2="))?.split("=")[1] ?? 0.01);
    const fitted = toModel(fitLogistic(rows, lambda));
    const model = keepReport ? { ...fitted, report: config.joinModel.report } : fitted;
    console.log(`joinModel: ${JSON.stringify(model)}`);
    config = clusterConfig({ joinModel: model });
  }
  for (const set of sets) {
    for (const part of ['fit', 'holdout'] as const) {
      const b3 = replay(set.articles.filter((a) => splitOf(a.label) === part), config);
      console.log(`${set.name} ${part}: B-cubed P ${b3.precision.toFixed(3)} R ${b3.recall.toFixed(3)} F1 ${b3.f1.toFixed(3)}`);
    }
    const all = replay(set.articles, config, args.includes('--diagnose'));
    console.log(`${set.name} all: B-cubed P ${all.precision.toFixed(3)} R ${all.recall.toFixed(3)} F1 ${all.f1.toFixed(3)}`);
    const mixed = replay(interleaved(set.articles), config);
    console.log(`${set.name} all, interleaved: B-cubed P ${mixed.precision.toFixed(3)} R ${mixed.recall.toFixed(3)} F1 ${mixed.f1.toFixed(3)}`);
  }
}

function r4(v: number): number {
  return Math.round(v * 10000) / 10000;
}

main();
