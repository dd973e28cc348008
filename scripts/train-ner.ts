/**
 * train:ner — trains the mention model (lambdas/core/tag/ner) on CoNLL-style BIO files.
 *
 *   npm run train:ner -- <file.bio[:split,split]>... [--epochs N] [--bits N] [--seed N] [--out FILE]
 *   npm run train:ner -- --build-lexicon <node_modules dir>
 *
 * A `:train`, `:dev,test` suffix keeps only the GUM documents of that official split (docs.tsv
 * beside the file). Deterministic: documents are shuffled with a seeded generator, features are
 * hashed, and the averaged perceptron has no other randomness. --out FILE.bin writes the raw
 * model (for eval:ner --weights); the default writes lambdas/core/tag/ner/weights.json.
 * --build-lexicon derives lexicon/name-lists.json from the npm packages installed there
 * (@faker-js/faker, compromise; both MIT), see docs/ner.md.
 */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deflateSync } from 'node:zlib';
import { tagConfig } from '../lambdas/core/tag/config';
import { findRuleSpans } from '../lambdas/core/tag/find-name-spans';
import { tokenFeatures, type RuleSpan, type TokenFeatures } from '../lambdas/core/tag/ner/features';
import {
  encodeMentionModel, LABEL_COUNT, LABELS, lineRanges, viterbi, emissionScores, type MentionModel,
} from '../lambdas/core/tag/ner/mention-model';
import { tokenize, type Token } from '../lambdas/core/tag/tokenize';
import { formatDataJson } from './data-json';
import { readBioDocuments, type DocumentText } from './ner-metrics';
import { seededRandom } from './seeded-random';

const WEIGHTS_JSON = join(__dirname, '../lambdas/core/tag/ner/weights.json');
const NAME_LISTS_JSON = join(__dirname, '../lambdas/core/tag/lexicon/name-lists.json');

/** Attribution of the corpora the shipped weights derive from (docs/ner.md). */
const TRAINING_DATA_LICENCE = 'Derived from GUM (CC-BY 4.0) and UNER English-PUD (CC-BY-SA 3.0) annotations: shared under CC-BY-SA 3.0; see docs/ner.md.';

interface Instance {
  tokens: Token[];
  features: TokenFeatures;
  gold: Uint8Array;
  lines: [number, number][];
}

const LABEL_INDEX = new Map<string, number>(LABELS.map((l, i) => [l, i]));
const GOLD_TYPE: Record<string, string> = { PER: 'person', ORG: 'organization', LOC: 'place' };

/** Gold BIO over the product's tokens: a token takes its gold token's label; a split-off piece continues it. */
export function projectLabels(doc: DocumentText, tokens: readonly Token[]): Uint8Array {
  const labels = new Uint8Array(tokens.length);
  let g = 0;
  let previousGold = -1;
  tokens.forEach((t, i) => {
    while (g < doc.offsets.length && doc.offsets[g].end <= t.start) g++;
    const tag = g < doc.offsets.length ? doc.tags[g] : 'O';
    if (tag === 'O') { labels[i] = 0; previousGold = g; return; }
    const type = GOLD_TYPE[tag.slice(2)];
    const begins = tag.startsWith('B-') && previousGold !== g;
    labels[i] = LABEL_INDEX.get(`${begins ? 'B' : 'I'}-${type}`) ?? 0;
    previousGold = g;
  });
  return labels;
}

/** The rule tagger's spans as token ranges, exactly as findNameSpans feeds them to the model. */
export function ruleRanges(text: string, tokens: Token[]): RuleSpan[] {
  const byStart = new Map<number, number>();
  const byEnd = new Map<number, number>();
  tokens.forEach((t, i) => { byStart.set(t.start, i); byEnd.set(t.end, i + 1); });
  const out: RuleSpan[] = [];
  for (const s of findRuleSpans(text, tokens, tagConfig())) {
    const from = byStart.get(s.start);
    const to = byEnd.get(s.end);
    if (from !== undefined && to !== undefined) out.push({ from, to, type: s.type, evidence: s.evidence });
  }
  return out;
}

function train(instances: Instance[], tableSize: number, epochs: number, seed: number): MentionModel {
  const L = LABEL_COUNT;
  const model: MentionModel = { tableSize, weights: new Float32Array(tableSize * L), transitions: new Float32Array((L + 1) * L) };
  // Averaging: total(w) = sum over steps; kept as w and u = sum(step * delta), average = w - u / steps.
  const uWeights = new Float32Array(model.weights.length);
  const uTransitions = new Float32Array(model.transitions.length);
  let step = 1;
  const random = seededRandom(seed);
  const units: [Instance, number, number][] = instances.flatMap((inst) => inst.lines.map(([a, b]) => [inst, a, b] as [Instance, number, number]));
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let k = units.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [units[k], units[j]] = [units[j], units[k]];
    }
    let errors = 0;
    for (const [inst, from, to] of units) {
      const predicted = new Uint8Array(inst.tokens.length);
      // Only this line's rows (a document of ner-train can be long: a whole wikigold article).
      const emissions = emissionScores(model, inst.features, to, from);
      viterbi(emissions, model.transitions, from, to, predicted);
      for (let i = from; i < to; i++) {
        const gold = inst.gold[i];
        const guess = predicted[i];
        const goldPrev = i === from ? L : inst.gold[i - 1];
        const guessPrev = i === from ? L : predicted[i - 1];
        if (gold !== guess) {
          errors++;
          for (let f = inst.features.offsets[i]; f < inst.features.offsets[i + 1]; f++) {
            const base = inst.features.ids[f] * L;
            model.weights[base + gold] += 1; uWeights[base + gold] += step;
            model.weights[base + guess] -= 1; uWeights[base + guess] -= step;
          }
        }
        if (gold !== guess || goldPrev !== guessPrev) {
          model.transitions[goldPrev * L + gold] += 1; uTransitions[goldPrev * L + gold] += step;
          model.transitions[guessPrev * L + guess] -= 1; uTransitions[guessPrev * L + guess] -= step;
        }
      }
      step++;
    }
    console.error(`epoch ${epoch + 1}: ${errors} token errors`);
  }
  for (let k = 0; k < model.weights.length; k++) model.weights[k] -= uWeights[k] / step;
  for (let k = 0; k < model.transitions.length; k++) model.transitions[k] -= uTransitions[k] / step;
  return model;
}

function buildLexicon(modules: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const faker = require(join(modules, '@faker-js/faker'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const compromise = require(join(modules, 'compromise'));
  const nlp = compromise.default ?? compromise;
  const lexicon: Record<string, string | string[]> = nlp.world().model.one.lexicon;
  const byTag = new Map<string, string[]>();
  for (const [word, tags] of Object.entries(lexicon)) {
    for (const tag of Array.isArray(tags) ? tags : [tags]) byTag.set(tag, [...(byTag.get(tag) ?? []), word]);
  }
  const tagged = (...tags: string[]): string[] => tags.flatMap((t) => byTag.get(t) ?? []);
  const flat = (x: unknown): string[] => (Array.isArray(x) ? x.flat(3) : x && typeof x === 'object' ? Object.values(x).flatMap(flat) : []).filter((s): s is string => typeof s === 'string');
  const latin = (s: string): boolean => /^[\p{Script=Latin}][\p{Script=Latin}'’ .-]*$/u.test(s) && !/[{}#]/.test(s);
  const locales = ['fakerEN', 'fakerEN_GB', 'fakerEN_IN', 'fakerEN_NG', 'fakerDE', 'fakerFR', 'fakerES', 'fakerIT', 'fakerNL', 'fakerPL', 'fakerPT_BR', 'fakerSV', 'fakerTR'];
  const first = new Set<string>();
  const last = new Set<string>();
  const places = new Set<string>();
  for (const name of locales) {
    const defs = faker[name]?.rawDefinitions;
    for (const n of flat(defs?.person?.first_name)) if (latin(n)) first.add(n.toLowerCase());
    for (const n of flat(defs?.person?.last_name)) if (latin(n)) last.add(n.toLowerCase());
  }
  const en = faker.fakerEN.rawDefinitions.location;
  for (const p of [...flat(en.city_name), ...flat(en.country), ...flat(en.state)]) if (latin(p)) places.add(p);
  for (const n of tagged('MaleName', 'FemaleName', 'FirstName')) first.add(n);
  for (const n of tagged('LastName')) last.add(n);
  for (const p of tagged('City', 'Country', 'Region')) places.add(p);
  const persons = new Set(tagged('Person'));
  // Abbreviations ("inc", "dept") are head words, not organisations.
  const organizations = new Set([...tagged('Organization', 'SportsTeam')].filter((o) => o.length > 3 || /\d/.test(o)));
  const sorted = (s: Set<string>): string[] => [...s].map((x) => x.trim()).filter(Boolean).sort();
  writeFileSync(NAME_LISTS_JSON, formatDataJson({
    about: `Generated by npm run train:ner -- --build-lexicon <node_modules>: name lists derived from @faker-js/faker 9.9.0 (MIT; person first/last names of ${locales.length} Latin-script locales, en city/country/state names) and compromise 14.17.0 (MIT; lexicon words tagged MaleName, FemaleName, FirstName, LastName, City, Country, Region, Person, Organization, SportsTeam). Lower case. Features of the mention model only (ner/name-lexicon.ts); see docs/ner.md.`,
    firstNames: sorted(first),
    surnames: sorted(last),
    persons: sorted(persons),
    organizations: sorted(organizations),
    places: sorted(places),
  }));
  console.log(`${NAME_LISTS_JSON}: ${first.size} first names, ${last.size} surnames, ${persons.size} persons, ${organizations.size} organisations, ${places.size} places`);
}

function main(): void {
  const argv = process.argv.slice(2);
  const option = (name: string, fallback: string): string => {
    const k = argv.indexOf(name);
    if (k < 0) return fallback;
    const value = argv[k + 1];
    argv.splice(k, 2);
    return value;
  };
  const lexiconDir = option('--build-lexicon', '');
  if (lexiconDir) { buildLexicon(lexiconDir); return; }
  const epochs = Number(option('--epochs', '10'));
  const bits = Number(option('--bits', '18'));
  const seed = Number(option('--seed', '7'));
  const out = option('--out', WEIGHTS_JSON);
  if (!argv.length) {
    console.error('usage: npm run train:ner -- <file.bio[:split,split]>... [--epochs N] [--bits N] [--seed N] [--out FILE]');
    process.exit(2);
  }
  const tableSize = 1 << bits;
  const config = tagConfig();
  const instances: Instance[] = readBioDocuments(argv).map((doc) => {
    const tokens = tokenize(doc.text, config);
    return {
      tokens,
      features: tokenFeatures(tokens, ruleRanges(doc.text, tokens), tableSize),
      gold: projectLabels(doc, tokens),
      lines: lineRanges(tokens),
    };
  });
  const tokenCount = instances.reduce((n, i) => n + i.tokens.length, 0);
  console.error(`training on ${instances.length} documents, ${tokenCount} tokens, ${epochs} epochs, 2^${bits} feature rows`);
  const model = train(instances, tableSize, epochs, seed);
  const bytes = encodeMentionModel(model, (b) => deflateSync(b, { level: 9 }));
  if (out.endsWith('.bin')) {
    writeFileSync(out, bytes);
  } else {
    writeFileSync(out, formatDataJson({
      about: `Generated by scripts/train-ner.ts: the shipped mention model (deflated int16 weights, base64). Trained on: ${argv.map((f) => relative(process.cwd(), f)).join(' ')} (${instances.length} documents, ${tokenCount} tokens, ${epochs} epochs, 2^${bits} rows, seed ${seed}). ${TRAINING_DATA_LICENCE}`,
      base64: Buffer.from(bytes).toString('base64'),
    }));
  }
  console.error(`${out}: ${bytes.length} bytes`);
}

main();
