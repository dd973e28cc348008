/**
 * extractActors: the people, organisations and places an article names, each once, with every
 * mention. Within the document a surname or a title form joins the full name ("Secretary Rubio",
 * "Rubio" -> Marco Rubio), an acronym joins its expansion ("European Union (EU)"), and the
 * gazetteer supplies canonical spellings. Mentions are exact offsets into `doc.text`; the title
 * only adds salience. In a language other than English, capitals alone make no actor
 * (confirm-names.ts): an actor no name list vouches for comes out `registryOnly`.
 */
import type { ActorCandidate, ActorType, Mention } from '../model';
import { tagConfig, type TagConfig } from './config';
import { confirmNames } from './confirm-names';
import { dropNonActorSpans } from './drop-non-actors';
import { extendHyphenatedNames } from './extend-hyphenated-names';
import { findNameSpans, type NameSpan } from './find-name-spans';
import { foldName } from './fold-name';
import type { KnownActor } from './gazetteer';
import { otherLanguageStopWords, rulesLanguageOf } from './language';
import { GIVEN_NAMES } from './lexicon/given-names';
import { tokenize } from './tokenize';
import { ordinaryWordsOf, trimOrdinaryWords } from './trim-name-spans';

export interface ArticleText {
  title: string;
  text: string;
  /** ISO 639-1 code or `und` (doc.language): English, unknown or absent take the English rules. */
  language?: string;
}

interface ActorGroup {
  known?: KnownActor;
  type?: ActorType;
  spans: NameSpan[];
  /** Folded keys this group answers to within the document. */
  keys: Set<string>;
  titleHits: number;
}

export function extractActors(doc: ArticleText, overrides?: Partial<TagConfig>): ActorCandidate[] {
  const config = tagConfig(overrides);
  const confirm = confirmerFor(rulesLanguageOf(doc));
  const tokens = tokenize(doc.text, config);
  const ordinary = ordinaryWordsOf(tokens);
  const headingStarts = new Set(tokens.filter((t) => t.inHeading).map((t) => t.start));
  const found = extendHyphenatedNames(doc.text, findNameSpans(doc.text, tokens, config));
  const spans = confirm(dropNonActorSpans(doc.text, trimOrdinaryWords(found, ordinary, (s) => headingStarts.has(s.start))));
  const groups = groupSpans(doc.text, spans);
  const titleTokens = doc.title ? tokenize(doc.title, config) : [];
  for (const word of ordinaryWordsOf(titleTokens)) ordinary.add(word);
  const titleSpans = doc.title
    ? confirm(dropNonActorSpans(doc.title, trimOrdinaryWords(findNameSpans(doc.title, titleTokens, config), ordinary, () => true)))
    : [];
  for (const span of titleSpans) {
    const group = findGroup(groups, span) ?? (span.known && !span.surnameOnly ? addKnownGroup(groups, span.known) : undefined);
    if (group) group.titleHits++;
  }
  const textLength = Math.max(1, doc.text.length);
  const kept = groups.filter((g) => g.type && (g.spans.some((s) => s.evidence !== 'weak') || g.titleHits > 0 && g.known));
  const maxMentions = Math.max(1, ...kept.map((g) => g.spans.length));
  return kept
    .map((g) => toCandidate(g, maxMentions, textLength, config))
    .sort((a, b) => b.salience - a.salience || a.name.localeCompare(b.name));
}

/**
 * English (or unknown): every span stands. Another language (rulesLanguageOf: one with a stop-word
 * list): only those a name list vouches for (confirm-names.ts).
 */
function confirmerFor(language: string | undefined): (spans: NameSpan[]) => NameSpan[] {
  const stopWords = otherLanguageStopWords(language);
  if (!stopWords) return (spans) => spans;
  return (spans) => confirmNames(spans, stopWords);
}

function groupSpans(text: string, spans: NameSpan[]): ActorGroup[] {
  const groups: ActorGroup[] = [];
  const acronymOwner = linkParentheticalAcronyms(text, spans);
  const isSingle = (s: NameSpan): boolean => s.words === 1 && !(s.known && !s.surnameOnly);
  const ordered = [
    ...spans.filter((s) => s.known && !s.surnameOnly),
    // Longer names first: "Kim Jong" then finds "Kim Jong Un" to join.
    ...spans.filter((s) => !s.known && !isSingle(s) && s.evidence !== 'weak').sort((a, b) => b.words - a.words || a.start - b.start),
    ...spans.filter((s) => isSingle(s) && s.evidence !== 'weak'),
    ...spans.filter((s) => !s.known && s.evidence === 'weak'),
  ];
  for (const span of ordered) {
    const owner = acronymOwner.get(span);
    const group = (owner && findGroup(groups, owner)) ?? findGroup(groups, span) ?? newGroup(groups, span);
    if (!group) continue;
    group.spans.push(span);
    group.keys.add(span.key);
    group.type ??= span.type;
  }
  for (const g of groups) if (!g.type) g.type = typeFromContext(g.spans);
  return groups;
}

/** "European Union (EU)": the acronym in brackets right after a name belongs to that name. */
function linkParentheticalAcronyms(text: string, spans: NameSpan[]): Map<NameSpan, NameSpan> {
  const owners = new Map<NameSpan, NameSpan>();
  for (let i = 1; i < spans.length; i++) {
    const span = spans[i];
    const previous = spans[i - 1];
    if (span.words !== 1 || span.surface !== span.surface.toUpperCase()) continue;
    if (/^\s*\(\s*$/.test(text.slice(previous.end, span.start)) && text[span.end] === ')') {
      owners.set(span, previous);
    }
  }
  return owners;
}

function initials(key: string): string {
  return key.split(' ').filter((w) => !['of', 'the', 'for', 'and', 'de'].includes(w)).map((w) => w[0]).join('');
}

/** The group a span belongs to: same known actor, same key, surname of a full name, or acronym. */
function findGroup(groups: ActorGroup[], span: NameSpan): ActorGroup | undefined {
  if (span.known && !span.surnameOnly) {
    const same = groups.find((g) => g.known?.key === span.known?.key && g.known?.type === span.known?.type);
    if (same) return same;
  }
  const byKey = groups.find((g) => g.keys.has(span.key) || g.known?.key === span.key);
  if (byKey) return byKey;
  const byNamePart = personByNamePart(groups, span);
  if (byNamePart) return byNamePart;
  if (span.words === 1) {
    if (span.surface === span.surface.toUpperCase() && span.key.length >= 2) {
      const byInitials = groups.filter((g) => g.type === 'organization' && [...g.keys].some((k) => k.includes(' ') && initials(k) === span.key));
      if (byInitials.length === 1) return byInitials[0];
    }
  }
  if (span.surnameOnly && span.known) {
    return groups.find((g) => g.known?.key === span.known?.key && g.known?.type === span.known?.type);
  }
  return undefined;
}

/** "U.N.", "AP": an acronym is never a part of a person's name. */
const isAcronym = (span: NameSpan): boolean => span.surface.includes('.') || span.surface.length <= 3 && span.surface === span.surface.toUpperCase();

/**
 * The person a short form in the document refers to: a surname ("Tarantino"), or the first
 * words of a full name (a given name, "Uma", "Quentin"; a family name written first, "Kim",
 * "Kim Jong" for Kim Jong Un). A surname must be unambiguous; a leading part goes to the person
 * named most often so far, the first named on a tie (an article introduces its main person first).
 */
function personByNamePart(groups: ActorGroup[], span: NameSpan): ActorGroup | undefined {
  if (isAcronym(span)) return undefined;
  const parts = span.key.split(' ');
  const namesOf = (g: ActorGroup): string[][] => [...g.keys, g.known?.key ?? ''].map((k) => k.split(' ')).filter((w) => w.length > parts.length);
  const persons = groups.filter((g) => g.type === 'person');
  const bySurname = persons.filter((g) => namesOf(g).some((w) => w.slice(-parts.length).join(' ') === span.key));
  if (bySurname.length === 1) return bySurname[0];
  if (bySurname.length > 1 || span.known && !span.surnameOnly || span.type && span.type !== 'person') return undefined;
  const byLeadingPart = persons.filter((g) => namesOf(g).some((w) => w.slice(0, parts.length).join(' ') === span.key));
  if (!byLeadingPart.length) return undefined;
  const firstMention = (g: ActorGroup): number => Math.min(...g.spans.map((s) => s.start), Number.MAX_SAFE_INTEGER);
  return byLeadingPart.reduce((best, g) => (g.spans.length > best.spans.length || g.spans.length === best.spans.length && firstMention(g) < firstMention(best) ? g : best));
}

function addKnownGroup(groups: ActorGroup[], known: KnownActor): ActorGroup {
  const group: ActorGroup = { known, type: known.type, spans: [], keys: new Set([known.key]), titleHits: 0 };
  groups.push(group);
  return group;
}

function newGroup(groups: ActorGroup[], span: NameSpan): ActorGroup | undefined {
  if (span.evidence === 'weak') return undefined;
  if (span.known) return addKnownGroup(groups, span.known);
  const group: ActorGroup = { type: span.type, spans: [], keys: new Set(), titleHits: 0 };
  groups.push(group);
  return group;
}

/**
 * A lone capitalised word nothing else explains: a given name, a title before it or "said"
 * after it make a person, "in/at/from" before it a place. Otherwise a person: on news NER
 * (ner-dev) that default scored better than organisation (short texts name people by surname).
 */
function typeFromContext(spans: NameSpan[]): ActorType | undefined {
  let person = 0;
  let place = 0;
  for (const s of spans) {
    if (s.role || s.speechCue || GIVEN_NAMES.has(s.key)) person++;
    if (s.placeCue) place++;
  }
  return place > person ? 'place' : 'person';
}

/** The spans that vouch for the group: outside English, the confirmed ones when it has any (confirm-names.ts). */
function vouchingSpans(group: ActorGroup): NameSpan[] {
  const confirmed = group.spans.filter((s) => !s.unconfirmed);
  return confirmed.length ? confirmed : group.spans;
}

function canonicalName(group: ActorGroup): string {
  if (group.known) return group.known.name;
  const strong = vouchingSpans(group).filter((s) => s.evidence !== 'weak');
  const pool = strong.length ? strong : vouchingSpans(group);
  return pool.reduce((best, s) => (s.words > best.words || s.words === best.words && s.surface.length > best.surface.length ? s : best)).surface;
}

function toCandidate(group: ActorGroup, maxMentions: number, textLength: number, config: TagConfig): ActorCandidate {
  const name = canonicalName(group);
  // Keys (future aliases) only from spans that vouch for the actor: "Leandra Lou – Der" is no alias of Leandra Lou.
  const keys = [...new Set([foldName(name), ...(group.known ? [group.known.key] : []), ...vouchingSpans(group).map((s) => s.key)])].filter(Boolean);
  const seen = new Set<number>();
  const mentions: Mention[] = group.spans
    .filter((s) => !seen.has(s.start) && seen.add(s.start))
    .sort((a, b) => a.start - b.start)
    .map((s) => ({ start: s.start, end: s.end, text: s.surface }));
  const roles = group.spans.map((s) => s.role).filter((r): r is string => !!r);
  const role = roles.reduce<string | undefined>((best, r) => (!best || r.length > best.length ? r : best), undefined);
  const first = mentions.length ? mentions[0].start : textLength;
  const salience = config.salienceMentionWeight * Math.min(1, mentions.length / maxMentions)
    + config.salienceEarlinessWeight * (mentions.length ? 1 - first / textLength : 0)
    + config.salienceTitleWeight * (group.titleHits > 0 ? 1 : 0);
  const candidate: ActorCandidate = {
    name,
    type: group.type ?? 'person',
    keys,
    mentions,
    salience: Math.round(Math.min(1, salience) * 1000) / 1000,
  };
  if (role) candidate.role = role;
  if (group.spans.length > 0 && group.spans.every((s) => s.unconfirmed)) candidate.registryOnly = true;
  return candidate;
}
