/**
 * Name spans: where a text names someone or something, before the document decides who.
 * Capitalised runs are cut into chunks, each chunk is segmented against the gazetteer and the
 * role vocabulary ("U.S. Secretary of State" + "Marco Rubio"), and each segment is typed by
 * the strongest evidence it has: gazetteer, role, organisation/place head word, given name.
 */
import type { ActorType } from '../model';
import type { TagConfig } from './config';
import { foldName } from './fold-name';
import { gazetteer, type AliasMatch, type KnownActor } from './gazetteer';
import { GIVEN_NAMES } from './lexicon/given-names';
import {
  COMMON_CAPITALISED, CORE_TITLES, DEMONYMS, EVENT_HEADS, NAME_CONNECTORS, NAME_PARTICLES,
  ORGANIZATION_HEADS, ORGANIZATION_OF_HEADS, PLACE_HEADS, PLACE_LINKS, PLACE_OF_HEADS, PLACE_PREPOSITIONS,
  ROLE_MODIFIERS, SPEECH_VERBS,
} from './lexicon/words';
import { findMentions, type TokenMention } from './ner/mention-model';
import type { RuleSpan } from './ner/features';
import type { Token } from './tokenize';

/** known: gazetteer; strong: clear evidence in place; weak: a capital that may only be a heading or sentence start. */
export type Evidence = 'known' | 'strong' | 'weak';

export interface NameSpan {
  start: number;
  end: number;
  surface: string;
  key: string;
  words: number;
  /** Undefined: a lone capitalised word whose type the rest of the document decides. */
  type?: ActorType;
  known?: KnownActor;
  /** Known only through a bare surname: an in-document full name takes precedence. */
  surnameOnly?: boolean;
  role?: string;
  evidence: Evidence;
  /** Context: preceded by "in/at/from…" (place) or followed by "said/told…" (person or organisation). */
  placeCue: boolean;
  speechCue: boolean;
  /** Outside English, a span no name list vouches for (confirm-names.ts): an actor only through others. */
  unconfirmed?: boolean;
}

interface Context {
  text: string;
  chunk: Token[];
  /** Lower-case words the document also writes in lower case: common words, not names. */
  lowerVocabulary: ReadonlySet<string>;
  config: TagConfig;
  /** Memo of longestKnown per chunk position: segmentation asks the same question often. */
  knownAt: Map<number, { to: number; match: AliasMatch } | undefined>;
}

const lower = (t: Token): string => t.text.toLowerCase();
const isJoiner = (t: Token): boolean => !t.isWord;
const isNameWord = (t: Token): boolean => t.isWord && t.capitalised;
const ROMAN_NUMERAL = /^[IVX]+$/;
const BREAKING_CONNECTORS = new Set(['and', '&']);
/** The Persian ezafe link is romanized -e- or -i- ("Mazar-e-Sharif", "Mazar-i-Sharif"): one key for both. */
const EZAFE_E = / e (?=\S)/g;

/**
 * Name spans of a text: the trained mention model (ner/) decides where mentions are and of which
 * type, reading the rule spans below as features; rule spans it confirms keep what the rules
 * know (gazetteer actor, role, cues). config.mentionFinder picks the combination (docs/ner.md).
 */
export function findNameSpans(text: string, tokens: Token[], config: TagConfig): NameSpan[] {
  const rules = findRuleSpans(text, tokens, config);
  if (config.mentionFinder === 'rules') return rules;
  const tokenIndex = tokenIndexByOffset(tokens);
  const ruleRanges = rules.map((s) => toRuleSpan(s, tokenIndex));
  const mentions = propagateMentions(tokens, findMentions(tokens, ruleRanges.filter((r): r is RuleSpan & { span: NameSpan } => !!r)));
  return combineSpans(text, tokens, rules, ruleRanges, mentions, config);
}

/**
 * Document consistency: a name the model found once is the same name where it repeats
 * ("Hong Kong" ... "Hong Kong"), and a person's surname alone is that person ("Steven Seagal"
 * ... "Seagal"), even where the model's local view missed it.
 */
function propagateMentions(tokens: readonly Token[], mentions: TokenMention[]): TokenMention[] {
  const covered = new Uint8Array(tokens.length);
  const byKey = new Map<string, ActorType>();
  let longest = 1;
  for (const m of mentions) {
    for (let k = m.from; k < m.to; k++) covered[k] = 1;
    const words = tokens.slice(m.from, m.to);
    byKey.set(words.map(lower).join(' '), m.type);
    longest = Math.max(longest, m.to - m.from);
    const last = words[words.length - 1];
    if (m.type === 'person' && words.length > 1 && last.capitalised && last.text.length >= 3) byKey.set(lower(last), byKey.get(lower(last)) ?? 'person');
  }
  const added: TokenMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i] || !tokens[i].capitalised) continue;
    for (let to = Math.min(tokens.length, i + longest); to > i; to--) {
      if (tokens[to - 1].line !== tokens[i].line || covered[to - 1]) continue;
      const type = byKey.get(tokens.slice(i, to).map(lower).join(' '));
      const next = tokens[to];
      // Only whole names: not the first words of a longer capitalised run.
      if (!type || next && next.capitalised && next.line === tokens[i].line) continue;
      added.push({ from: i, to, type });
      i = to - 1;
      break;
    }
  }
  return added.length ? [...mentions, ...added].sort((a, b) => a.from - b.from) : mentions;
}

function tokenIndexByOffset(tokens: readonly Token[]): { byStart: Map<number, number>; byEnd: Map<number, number> } {
  const byStart = new Map<number, number>();
  const byEnd = new Map<number, number>();
  tokens.forEach((t, i) => { byStart.set(t.start, i); byEnd.set(t.end, i + 1); });
  return { byStart, byEnd };
}

function toRuleSpan(span: NameSpan, index: ReturnType<typeof tokenIndexByOffset>): (RuleSpan & { span: NameSpan }) | undefined {
  const from = index.byStart.get(span.start);
  const to = index.byEnd.get(span.end);
  if (from === undefined || to === undefined) return undefined;
  return { from, to, type: span.type, evidence: span.evidence, span };
}

/**
 * The model's mentions, each carrying what a rule span over the same tokens knows. A mention
 * the rules did not see gets its gazetteer actor when the gazetteer lists it with that type.
 * With 'model+known', a gazetteer span the model left out is kept as well.
 */
function combineSpans(
  text: string, tokens: readonly Token[], rules: readonly NameSpan[], ruleRanges: readonly ((RuleSpan & { span: NameSpan }) | undefined)[],
  mentions: readonly TokenMention[], config: TagConfig,
): NameSpan[] {
  const byRange = new Map<string, NameSpan>();
  for (const r of ruleRanges) if (r) byRange.set(`${r.from}:${r.to}`, r.span);
  const covered = new Uint8Array(tokens.length);
  const out: NameSpan[] = [];
  // The model never saw "Mazar-i-Sharif" glued (its corpora are tokenized): the rules' compound stands.
  const linkedPlaces = ruleRanges.filter((r): r is RuleSpan & { span: NameSpan } => !!r && isLinkedPlace(tokens, r));
  for (const m of mentions) {
    const place = linkedPlaces.find((r) => r.from < m.to && m.from < r.to);
    if (place) {
      if (!covered[place.from]) out.push(place.span);
      for (let k = place.from; k < place.to; k++) covered[k] = 1;
      continue;
    }
    for (let k = m.from; k < m.to; k++) covered[k] = 1;
    const rule = byRange.get(`${m.from}:${m.to}`);
    if (rule && (!rule.known || rule.known.type === m.type)) {
      out.push({ ...rule, type: m.type, evidence: rule.evidence === 'weak' ? 'strong' : rule.evidence });
      continue;
    }
    if (rule?.known && config.mentionFinder === 'model+known') { out.push(rule); continue; }
    const titled = personAfterRole(m, ruleRanges);
    if (titled) { out.push(titled); continue; }
    const parts = gluedParts(tokens, m, ruleRanges);
    if (parts) { out.push(...parts); continue; }
    out.push(modelSpan(text, tokens, m));
  }
  if (config.mentionFinder === 'model+known') {
    ruleRanges.forEach((r, k) => {
      if (!r || !rules[k].known && !linkedPlaces.includes(r)) return;
      for (let i = r.from; i < r.to; i++) if (covered[i]) return;
      out.push(rules[k]);
    });
    out.sort((a, b) => a.start - b.start);
  }
  return out;
}

/** A place name whose capitalised parts a place link joins ("Mazar-i-Sharif", "Stratford-upon-Avon"). */
function isLinkedPlace(tokens: readonly Token[], r: RuleSpan & { span: NameSpan }): boolean {
  return r.span.type === 'place' && tokens.slice(r.from, r.to).some((t) => t.hyphenBefore && t.hyphenAfter && PLACE_LINKS.has(t.text));
}

/** "Lt. Gen. Keith Kellogg": a person's title is no part of the name; the rule span after the role keeps it as the role. */
function personAfterRole(m: TokenMention, ruleRanges: readonly ((RuleSpan & { span: NameSpan }) | undefined)[]): NameSpan | undefined {
  if (m.type !== 'person') return undefined;
  const rule = ruleRanges.find((r) => r && r.to === m.to && r.from > m.from && r.span.role && (!r.span.type || r.span.type === 'person'));
  return rule ? { ...rule.span, type: 'person', evidence: rule.span.evidence === 'weak' ? 'strong' : rule.span.evidence } : undefined;
}

/** "U.S.-Russia": a mention made of known names glued by hyphens is those names, each its own actor. */
function gluedParts(
  tokens: readonly Token[], m: TokenMention, ruleRanges: readonly ((RuleSpan & { span: NameSpan }) | undefined)[],
): NameSpan[] | undefined {
  const inside = ruleRanges.filter((r): r is RuleSpan & { span: NameSpan } => !!r && r.from >= m.from && r.to <= m.to && !!r.span.known);
  if (inside.length < 2) return undefined;
  let k = m.from;
  for (const r of inside) {
    if (r.from !== k && !(r.from === k + 1 && HYPHENS.has(tokens[k].text))) return undefined;
    k = r.to;
  }
  return k === m.to ? inside.map((r) => r.span) : undefined;
}

const HYPHENS = new Set(['-', '‐', '‑']);

function modelSpan(text: string, tokens: readonly Token[], m: TokenMention): NameSpan {
  const start = tokens[m.from].start;
  const end = tokens[m.to - 1].end;
  const surface = text.slice(start, end);
  const match = gazetteer().lookup(surface);
  const known = match && match.actor.type === m.type ? match : undefined;
  return {
    start, end, surface,
    key: foldName(surface),
    words: tokens.slice(m.from, m.to).filter((t) => t.isWord).length,
    type: m.type,
    ...(known ? { known: known.actor, surnameOnly: known.surnameOnly } : {}),
    evidence: known ? 'known' : 'strong',
    placeCue: false,
    speechCue: false,
  };
}

/** The rule tagger alone: capitalised runs segmented against the gazetteer and the role vocabulary. */
export function findRuleSpans(text: string, tokens: Token[], config: TagConfig): NameSpan[] {
  const lowerVocabulary = new Set<string>();
  for (const t of tokens) if (t.isWord && !t.capitalised) lowerVocabulary.add(lower(t));
  const spans: NameSpan[] = [];
  for (const { from, to } of chunks(tokens)) {
    const chunk = tokens.slice(from, to);
    const found = segmentChunk({ text, chunk, lowerVocabulary, config, knownAt: new Map() });
    const before = tokens[from - 1];
    const after = tokens[to]?.possessive ? tokens[to + 1] : tokens[to];
    for (const span of found) {
      span.placeCue = !!before && PLACE_PREPOSITIONS.has(lower(before)) && span.start === chunk[0].start;
      span.speechCue = !!after && SPEECH_VERBS.has(lower(after)) && span.end === chunk[chunk.length - 1].end;
      spans.push(span);
    }
  }
  return spans;
}

/** Maximal runs of capitalised words on one line, with name connectors and glued hyphens inside. */
function chunks(tokens: Token[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isNameWord(tokens[i])) { i++; continue; }
    let j = i;
    for (;;) {
      const next = extension(tokens, j);
      if (next === undefined) break;
      j = next;
    }
    out.push({ from: i, to: j + 1 });
    i = j + 1;
  }
  return out;
}

/** The index of the last token that extends the chunk ending at j, if any. */
function extension(tokens: Token[], j: number): number | undefined {
  const current = tokens[j];
  const next = tokens[j + 1];
  if (!next || next.line !== current.line) return undefined;
  if (current.hyphenAfter) {
    const glued = tokens[j + 2];
    if (glued && isNameWord(glued)) return j + 2;
    // "Mazar-i-Sharif", "Stratford-upon-Avon", "Aix-en-Provence": a place name's lower-case link
    // glued between two capitalised words keeps the compound one name.
    const after = tokens[j + 4];
    return glued && glued.hyphenAfter && PLACE_LINKS.has(glued.text) && after && isNameWord(after) ? j + 4 : undefined;
  }
  if (isNameWord(next) && !next.sentenceStart) return j + 1;
  // Up to two lower-case connectors or particles between capitalised words ("Bank of the West", "bin Salman", "al-Assad").
  let k = j + 1;
  let steps = 0;
  while (k < tokens.length && steps < 3 && tokens[k].isWord && !tokens[k].capitalised
    && (NAME_CONNECTORS.has(lower(tokens[k])) || NAME_PARTICLES.has(lower(tokens[k])))) {
    k += tokens[k].hyphenAfter ? 2 : 1;
    steps++;
  }
  if (steps === 0 || k >= tokens.length) return undefined;
  const target = tokens[k];
  return isNameWord(target) && target.line === current.line && !target.sentenceStart ? k : undefined;
}

function surfaceOf(ctx: Context, from: number, to: number): string {
  return ctx.text.slice(ctx.chunk[from].start, ctx.chunk[to - 1].end);
}

/** Longest gazetteer alias starting at `from` (not crossing a word that starts a sentence). */
function longestKnown(ctx: Context, from: number): { to: number; match: AliasMatch } | undefined {
  if (isJoiner(ctx.chunk[from])) return undefined;
  if (ctx.knownAt.has(from)) return ctx.knownAt.get(from);
  const found = searchKnown(ctx, from);
  ctx.knownAt.set(from, found);
  return found;
}

function searchKnown(ctx: Context, from: number): { to: number; match: AliasMatch } | undefined {
  const firstKey = foldName(ctx.chunk[from].text);
  // Aliases are stored without a leading "the": "The Hague" is looked up as "hague".
  if (firstKey !== 'the' && !gazetteer().startsAlias(firstKey)) return undefined;
  const limit = Math.min(ctx.chunk.length, from + ctx.config.maxGazetteerTokens * 2);
  for (let to = limit; to > from; to--) {
    const last = ctx.chunk[to - 1];
    if (isJoiner(last) || !last.capitalised && !/^\p{N}/u.test(last.text)) continue;
    const match = gazetteer().lookup(surfaceOf(ctx, from, to));
    if (match) return { to, match };
  }
  return undefined;
}

/** End of a role ("U.S. Secretary of State", "Lt. Gen.") starting at `from`, or `from` when there is none. */
function roleEnd(ctx: Context, from: number): number {
  const { chunk } = ctx;
  let k = from;
  const lead = longestKnown(ctx, from);
  if (lead && lead.match.actor.type === 'place') k = lead.to;
  else if (DEMONYMS.has(lower(chunk[from]))) k = from + 1;
  const titleStart = k;
  let hasCore = false;
  while (k < chunk.length && chunk[k].isWord) {
    const w = lower(chunk[k]);
    if (CORE_TITLES.has(w)) hasCore = true;
    else if (!ROLE_MODIFIERS.has(w)) break;
    k++;
  }
  while (k > titleStart && ['of', 'the', 'for', 'and'].includes(lower(chunk[k - 1]))) k--;
  return hasCore && k > titleStart ? k : from;
}

/**
 * End of an organisation name running from `from` to a head word ("Moscow State University"),
 * or `from`. The head must close the name: "The United States" is no organisation "The United".
 */
function organizationEnd(ctx: Context, from: number): number {
  const { chunk } = ctx;
  let end = from;
  for (let k = from + 1; k < chunk.length; k++) {
    const t = chunk[k];
    if (isJoiner(t) || BREAKING_CONNECTORS.has(lower(t))) break;
    if (!t.capitalised) {
      // "Institute for…", "Bank of the…" go on; "Dariusz Nowak of the…" stops.
      const head = lower(chunk[k - 1]);
      if (head !== 'of' && head !== 'for' && !ORGANIZATION_HEADS.has(head) && !ORGANIZATION_OF_HEADS.has(head)) break;
      continue;
    }
    if (!ORGANIZATION_HEADS.has(lower(t))) continue;
    const next = chunk[k + 1];
    if (!next || isJoiner(next) || BREAKING_CONNECTORS.has(lower(next)) || lower(next) === 'of' || CORE_TITLES.has(lower(next))) end = k + 1;
  }
  return end;
}

function segmentChunk(ctx: Context): NameSpan[] {
  const { chunk } = ctx;
  const spans: NameSpan[] = [];
  let role: string | undefined;
  let a = 0;
  while (a < chunk.length) {
    const t = chunk[a];
    if (isJoiner(t) || !t.capitalised) { a++; continue; }
    const known = longestKnown(ctx, a);
    // "The", "However", "Between": not the start of a name unless the gazetteer says so.
    if (!known && COMMON_CAPITALISED.has(lower(t)) && !CORE_TITLES.has(lower(t)) && t.sentenceStart) { a++; continue; }
    const orgEnd = organizationEnd(ctx, a);
    if (known && orgEnd <= known.to) {
      const end = roleEnd(ctx, a);
      if (known.match.actor.type === 'place' && end > known.to && end < chunk.length) {
        role = surfaceOf(ctx, a, end);
        a = end;
        continue;
      }
      spans.push(knownSpan(ctx, a, known.to, known.match, role));
      role = undefined;
      a = known.to;
      continue;
    }
    const end = orgEnd > a ? a : roleEnd(ctx, a);
    if (end > a) {
      role = surfaceOf(ctx, a, end);
      a = end;
      continue;
    }
    const runEnd = orgEnd > a ? orgEnd : unknownRunEnd(ctx, a);
    const span = unknownSpan(ctx, a, runEnd, role);
    if (span) spans.push(span);
    role = undefined;
    a = Math.max(runEnd, a + 1);
  }
  return spans;
}

/** Where a run of unknown capitalised words ends: at a known name, a role, a common word or "and". */
function unknownRunEnd(ctx: Context, from: number): number {
  const { chunk } = ctx;
  let k = from + 1;
  while (k < chunk.length) {
    const t = chunk[k];
    const w = lower(t);
    if (isJoiner(t)) {
      // "Jean-Claude" stays one name; "U.S.-Russia" splits where a known name follows, but a bare
      // surname inside a compound is no person ("Mazar-i-Sharif" is not Shehbaz Sharif).
      const glued = longestKnown(ctx, k + 1);
      if (glued && !glued.match.surnameOnly) break;
      k++;
      continue;
    }
    if (!t.capitalised) {
      if (BREAKING_CONNECTORS.has(w)) break;
      const head = lower(chunk[k - 1]);
      // "of" continues only after a head word: "Bank of England", "Gulf of Mexico".
      if (w === 'of' && !ORGANIZATION_OF_HEADS.has(head) && !PLACE_OF_HEADS.has(head)) break;
      if (w === 'of') return chunk.length;
      k++;
      continue;
    }
    if (COMMON_CAPITALISED.has(w) && !CORE_TITLES.has(w)) break;
    const known = longestKnown(ctx, k);
    if (known && !GIVEN_NAMES.has(lower(chunk[k - 1])) && !(known.match.surnameOnly && isJoiner(chunk[k - 1]))) break;
    const end = roleEnd(ctx, k);
    if (end > k && end < chunk.length) break;
    k++;
  }
  while (k > from + 1 && (!chunk[k - 1].capitalised || isJoiner(chunk[k - 1]))) k--;
  return k;
}

function baseSpan(ctx: Context, from: number, to: number): NameSpan {
  const surface = surfaceOf(ctx, from, to);
  return {
    start: ctx.chunk[from].start,
    end: ctx.chunk[to - 1].end,
    surface,
    key: foldName(surface),
    words: ctx.chunk.slice(from, to).filter((t) => t.isWord).length,
    evidence: 'strong',
    placeCue: false,
    speechCue: false,
  };
}

function knownSpan(ctx: Context, from: number, to: number, match: AliasMatch, role?: string): NameSpan {
  return {
    ...baseSpan(ctx, from, to),
    type: match.actor.type,
    known: match.actor,
    surnameOnly: match.surnameOnly,
    role: match.actor.type === 'person' ? role : undefined,
    evidence: 'known',
  };
}

function unknownSpan(ctx: Context, from: number, to: number, role?: string): NameSpan | undefined {
  let a = from;
  const { chunk } = ctx;
  // A sentence's first word is capitalised anyway: drop it when it looks like an ordinary word.
  while (a < to && chunk[a].sentenceStart && !role && looksOrdinary(ctx, chunk[a])) {
    a++;
    while (a < to && (!chunk[a].capitalised || isJoiner(chunk[a]))) a++;
  }
  if (a >= to) return undefined;
  const span = baseSpan(ctx, a, to);
  const words = chunk.slice(a, to).filter((t) => t.isWord);
  const names = words.filter((t) => t.capitalised).map(lower);
  const first = names[0];
  const last = names[names.length - 1];
  const weak = words.some((t) => t.inHeading);

  if (role) return { ...span, type: 'person', role, evidence: weak ? 'weak' : 'strong' };
  if (names.some((w) => EVENT_HEADS.has(w))) return undefined;
  const hasOf = words.some((t) => lower(t) === 'of');
  if (hasOf && PLACE_OF_HEADS.has(first) && !ORGANIZATION_OF_HEADS.has(first)) return { ...span, type: 'place', evidence: weak ? 'weak' : 'strong' };
  if (names.length >= 2 && ORGANIZATION_HEADS.has(last) || hasOf && ORGANIZATION_OF_HEADS.has(first)) {
    return { ...span, type: 'organization', evidence: weak ? 'weak' : 'strong' };
  }
  if (names.length >= 2 && PLACE_HEADS.has(last)) return { ...span, type: 'place', evidence: weak ? 'weak' : 'strong' };
  // Capitalised words joined by a place link ("Mazar-i-Sharif", "Rostov-on-Don") name a place.
  if (names.length >= 2 && words.some((t) => t.hyphenBefore && t.hyphenAfter && PLACE_LINKS.has(t.text))) {
    return { ...span, key: span.key.replace(EZAFE_E, ' i '), type: 'place', evidence: weak ? 'weak' : 'strong' };
  }
  if (names.length === 1) return singleWordSpan(ctx, span, words[0]);
  if (GIVEN_NAMES.has(first) && !DEMONYMS.has(last)) return { ...span, type: 'person', evidence: weak ? 'weak' : 'strong' };
  if (words.every((t) => nameLike(ctx, t))) return { ...span, type: 'person', evidence: weak ? 'weak' : 'strong' };
  return undefined;
}

function singleWordSpan(ctx: Context, span: NameSpan, t: Token): NameSpan | undefined {
  const w = lower(t);
  if (COMMON_CAPITALISED.has(w) || DEMONYMS.has(w) || ROMAN_NUMERAL.test(t.text) || w.length < 2) return undefined;
  if (ORGANIZATION_HEADS.has(w) || PLACE_HEADS.has(w) || CORE_TITLES.has(w) || ROLE_MODIFIERS.has(w)) return undefined;
  const weak = t.sentenceStart || t.inHeading || t.hyphenAfter;
  if (t.allCaps) return { ...span, type: 'organization', evidence: weak ? 'weak' : 'strong' };
  if (/\.\p{L}/u.test(t.text)) return { ...span, type: 'organization', evidence: weak ? 'weak' : 'strong' };
  if (ctx.lowerVocabulary.has(w)) return { ...span, evidence: 'weak' };
  return { ...span, evidence: weak ? 'weak' : 'strong' };
}

function looksOrdinary(ctx: Context, t: Token): boolean {
  const w = lower(t);
  if (GIVEN_NAMES.has(w)) return false;
  return COMMON_CAPITALISED.has(w) || DEMONYMS.has(w) || ctx.lowerVocabulary.has(w) || /(?:ing|ly|ed)$/.test(w);
}

function nameLike(ctx: Context, t: Token): boolean {
  const w = lower(t);
  if (!t.capitalised) return NAME_PARTICLES.has(w);
  return !COMMON_CAPITALISED.has(w) && !DEMONYMS.has(w) && !ctx.lowerVocabulary.has(w) && !t.allCaps;
}
