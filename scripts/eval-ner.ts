/**
 * eval:ner — entity-level P/R/F1 of the product's actor tagger on CoNLL-style BIO files.
 *
 *   npm run eval:ner -- <file.bio[:split,split]> [more.bio] [--rounds N] [--json] [--weights model.bin] [--finder F] [--errors]
 *
 * "gum/news.bio:dev,test" keeps the documents of those official GUM splits (docs.tsv).
 * --weights tags with a model trained by `train:ner -- --out model.bin` instead of the shipped one;
 * --finder overrides the tag config's mentionFinder (model, model+known, rules).
 * Each document is rebuilt as text (tokens joined by spaces, sentences by newlines) and tagged
 * by extractActors, the function ingest calls; every actor mention is mapped back to the
 * tokens it overlaps. PER/ORG/LOC <-> person/organization/place; MISC counts as O.
 * --errors also lists every missed (-) and spurious (+) entity with its text, for error analysis.
 * Speed is tagging time only (after one warm-up pass), best of N rounds, on one core.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ActorType } from '../lambdas/core/model';
import { extractActors, type TagConfig } from '../lambdas/core/tag';
import { decodeMentionModel, useMentionModel } from '../lambdas/core/tag/ner/mention-model';
import {
  countMatches, emptyCounts, entitiesOfTags, mentionsToTokenEntities, microCounts, mismatches, NER_TYPES,
  readBioDocuments, scores, type CharMention, type DocumentText, type NerType, type TokenEntity,
} from './ner-metrics';

const TYPE_OF: Record<ActorType, NerType> = { person: 'PER', organization: 'ORG', place: 'LOC' };

const USAGE = 'usage: npm run eval:ner -- <file.bio[:split,split]> [more.bio] [--rounds N] [--json] [--weights model.bin] [--finder model|model+known|rules] [--errors]';

function parseArgs(argv: string[]): { files: string[]; rounds: number; json: boolean; errors: boolean; weights?: string; finder?: string } {
  const files: string[] = [];
  let rounds = 3;
  let json = false;
  let errors = false;
  let weights: string | undefined;
  let finder: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') json = true;
    else if (argv[i] === '--errors') errors = true;
    else if (argv[i] === '--rounds') rounds = Math.max(1, Number(argv[++i]) || 1);
    else if (argv[i] === '--weights') weights = argv[++i];
    else if (argv[i] === '--finder') finder = argv[++i];
    else files.push(argv[i]);
  }
  if (!files.length) {
    console.error(USAGE);
    process.exit(2);
  }
  return { files, rounds, json, errors, weights, finder };
}

const overrides: Partial<TagConfig> = {};

function tagDocument(text: string): CharMention[] {
  const out: CharMention[] = [];
  for (const actor of extractActors({ title: '', text }, overrides)) {
    for (const m of actor.mentions) out.push({ start: m.start, end: m.end, type: TYPE_OF[actor.type] });
  }
  return out;
}

function main(): void {
  const { files, rounds, json, errors, weights, finder } = parseArgs(process.argv.slice(2));
  if (weights) useMentionModel(decodeMentionModel(readFileSync(weights)));
  if (finder) Object.assign(overrides, { mentionFinder: finder });
  const docs: DocumentText[] = readBioDocuments(files);
  const tokens = docs.reduce((n, d) => n + d.offsets.length, 0);

  const counts = emptyCounts();
  for (const doc of docs) {
    const predicted = mentionsToTokenEntities(tagDocument(doc.text), doc.offsets);
    const gold = entitiesOfTags(doc.tags);
    countMatches(gold, predicted, counts);
    if (errors) printErrors(doc, gold, predicted);
  }
  const roundSeconds: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    for (const doc of docs) tagDocument(doc.text);
    roundSeconds.push((performance.now() - started) / 1000);
  }
  const best = Math.min(...roundSeconds);
  const result = {
    files,
    documents: docs.length,
    tokens,
    byType: Object.fromEntries(NER_TYPES.map((t) => [t, scores(counts[t])])),
    micro: scores(microCounts(counts)),
    tokensPerSecond: Math.round(tokens / best),
    roundSeconds: roundSeconds.map((s) => Math.round(s * 1000) / 1000),
  };
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  const f = (x: number): string => x.toFixed(3);
  console.log(`${files.join(' ')}: ${docs.length} documents, ${tokens} tokens`);
  console.log('type   gold  pred    tp  precision recall  F1');
  for (const t of NER_TYPES) {
    const s = result.byType[t];
    console.log(`${t.padEnd(5)} ${String(s.tp + s.fn).padStart(5)} ${String(s.tp + s.fp).padStart(5)} ${String(s.tp).padStart(5)}  ${f(s.precision)}     ${f(s.recall)}  ${f(s.f1)}`);
  }
  const m = result.micro;
  console.log(`micro ${String(m.tp + m.fn).padStart(5)} ${String(m.tp + m.fp).padStart(5)} ${String(m.tp).padStart(5)}  ${f(m.precision)}     ${f(m.recall)}  ${f(m.f1)}`);
  console.log(`speed: ${result.tokensPerSecond} tokens/s (best of ${rounds} rounds after a warm-up pass: ${result.roundSeconds.join(', ')} s)`);
}

/** Missed (-) and spurious (+) entities of one document, each with its text. */
function printErrors(doc: DocumentText, gold: TokenEntity[], predicted: TokenEntity[]): void {
  const text = (e: TokenEntity) => doc.text.slice(doc.offsets[e.start].start, doc.offsets[e.end - 1].end);
  const { missed, spurious } = mismatches(gold, predicted);
  for (const e of missed) console.log(`- ${e.type} ${text(e)}`);
  for (const e of spurious) console.log(`+ ${e.type} ${text(e)}`);
}

main();
