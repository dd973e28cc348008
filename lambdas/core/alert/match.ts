import { slug } from '../normalize/resolveSource';
import type { ActorTag, SourceRef, Story, TopicTag, Watch, WatchAlertOn } from '../model';
import { DEFAULT_ALERT_CONFIG } from './config';
import { evaluateQuery, matchedTerms, QueryCache, type QueryNode, type QueryTerm, type Truth } from './query';

export interface WatchMatch {
  watchIds: string[];
  reasons: string[];
  /**
   * Watches whose query this article's source or language alone rules out
   * (`… NOT source:tass.com` and the article is from tass.com): they track the story as before,
   * but this article's alerts are not theirs.
   */
  excludedWatchIds?: string[];
  /** What each watch in force alerts on (absent: new sources only). */
  alertOn?: Record<string, WatchAlertOn>;
}

export interface WatchSubject {
  story: Story;
  article: { title: string; text: string; actors: ActorTag[]; topics: TopicTag[]; source?: SourceRef; language?: string };
}

interface NamedActor {
  id: string;
  name: string;
}

/** Parsed watch queries, by text: shared by every evaluation in this process (see QueryCache). */
const queries = new QueryCache(DEFAULT_ALERT_CONFIG.queryCacheSize);

/** The parsed query of a watch; undefined when it has none, or a stored one that no longer parses. */
export function watchQuery(watch: Pick<Watch, 'query'>): QueryNode | undefined {
  if (!watch.query) return undefined;
  const parsed = queries.get(watch.query);
  // A stored query was parsed when it was saved; one that fails now (a newer grammar) matches
  // nothing rather than failing every article of the pipeline.
  return parsed instanceof Error ? undefined : parsed;
}

/**
 * The watches that track this story, each with a readable reason. A watch matches on any of
 * its criteria: everything (`all`), an actor (full name, id slug, or an unambiguous surname),
 * a topic (id, label or bare IPTC code), a keyword (whole word or phrase in title or text), or
 * its query (core/alert/query.ts; terms read as those criteria are, `source:` and `lang:` the
 * article's). Actors and topics are looked up on the article and on the story's top lists, so a
 * story stays matchable by what it is mostly about, not only by its latest article.
 */
export function matchWatches(watches: Watch[], subject: WatchSubject, foldName: (s: string) => string): WatchMatch {
  const context = matchContext(subject, foldName);
  const watchIds: string[] = [];
  const reasons: string[] = [];
  const excludedWatchIds: string[] = [];
  const alertOn: Record<string, WatchAlertOn> = {};
  for (const watch of watches) {
    if (watch.on) alertOn[watch.id] = watch.on;
    const reason = matchOne(watch, context);
    if (reason) {
      watchIds.push(watch.id);
      reasons.push(`watch "${watch.name}" ${reason}`);
    } else if (excludesArticle(watch, context)) {
      excludedWatchIds.push(watch.id);
    }
  }
  return {
    watchIds,
    reasons,
    ...(excludedWatchIds.length > 0 ? { excludedWatchIds } : {}),
    ...(Object.keys(alertOn).length > 0 ? { alertOn } : {}),
  };
}

/**
 * Evaluates one query against an article in its story, three-valued: a term is undefined when
 * `known` leaves its field out (the preview asks what the story alone decides before reading
 * articles; match asks what the source and language alone decide).
 */
export function testQuery(query: QueryNode, subject: WatchSubject, foldName: (s: string) => string, known?: ReadonlySet<QueryTerm['field']>): Truth {
  return evaluateQuery(query, termTest(matchContext(subject, foldName), known));
}

interface MatchContext {
  actorIndex: ActorIndex;
  topics: { id: string; label: string }[];
  /** Title and text, accents folded (once: every keyword and query term reads it). */
  text: string;
  source?: SourceRef;
  language?: string;
  foldName: (s: string) => string;
}

function matchContext(subject: WatchSubject, foldName: (s: string) => string): MatchContext {
  const actors = distinctActors([...subject.article.actors, ...subject.story.topActors]);
  const topics = distinctTopics([...subject.article.topics, ...subject.story.topTopics]);
  return {
    actorIndex: indexActors(actors, foldName),
    topics,
    text: foldAccents(`${subject.article.title}\n${subject.article.text}`),
    source: subject.article.source,
    language: subject.article.language,
    foldName,
  };
}

interface ActorIndex {
  /** Folded full names and id slugs -> actor. */
  exact: Map<string, NamedActor>;
  /** Folded last name -> every actor with that last name (ambiguous when more than one). */
  surname: Map<string, NamedActor[]>;
}

function matchOne(watch: Watch, context: MatchContext): string | undefined {
  if (watch.all) return 'tracks every story';
  for (const wanted of watch.actors ?? []) {
    const actor = findActor(wanted, context.actorIndex, context.foldName);
    if (actor) return `matched actor ${actor.name}`;
  }
  for (const wanted of watch.topics ?? []) {
    const topic = context.topics.find((candidate) => topicMatches(wanted, candidate));
    if (topic) return `matched topic ${topic.label}`;
  }
  for (const keyword of watch.keywords ?? []) {
    if (containsFoldedPhrase(context.text, keyword)) return `matched keyword "${keyword.trim()}"`;
  }
  const query = watchQuery(watch);
  if (query) {
    const test = termTest(context);
    if (evaluateQuery(query, test)) return `matched its query (${matchedTerms(query, test).map((t) => describeTerm(t, context)).join(', ') || watch.query})`;
  }
  return undefined;
}

/** The article's source or language alone makes the watch's query false, whatever the other terms. */
function excludesArticle(watch: Watch, context: MatchContext): boolean {
  const query = watchQuery(watch);
  return query !== undefined && evaluateQuery(query, termTest(context, ARTICLE_FIELDS)) === false;
}

const ARTICLE_FIELDS: ReadonlySet<QueryTerm['field']> = new Set(['source', 'lang']);

/** Each term's truth on this article in its story; fields outside `known` are unknown. */
function termTest(context: MatchContext, known?: ReadonlySet<QueryTerm['field']>): (term: QueryTerm) => Truth {
  return (term) => {
    if (known && !known.has(term.field)) return undefined;
    switch (term.field) {
      case 'text':
        return containsFoldedPhrase(context.text, term.value);
      case 'actor':
        return findActor(term.value, context.actorIndex, context.foldName) !== undefined;
      case 'topic':
        return context.topics.some((candidate) => topicMatches(term.value, candidate));
      case 'source':
        return context.source !== undefined && sourceMatches(term.value, context.source);
      case 'lang':
        return languageMatches(term.value, context.language);
    }
  };
}

/** How a reason names a term that matched: "actor Marco Rubio", "topic election", ""Kyiv"". */
function describeTerm(term: QueryTerm, context: MatchContext): string {
  switch (term.field) {
    case 'text':
      return `"${term.value}"`;
    case 'actor':
      return `actor ${findActor(term.value, context.actorIndex, context.foldName)?.name ?? term.value}`;
    case 'topic':
      return `topic ${context.topics.find((candidate) => topicMatches(term.value, candidate))?.label ?? term.value}`;
    case 'source':
      return `source ${context.source?.name ?? term.value}`;
    case 'lang':
      return `language ${term.value}`;
  }
}

/**
 * `source:` names an outlet as users know it: its domain ("tass.com", a subdomain of it too:
 * "edition.cnn.com" is cnn.com), its id ("tass-com") or its name ("TASS").
 */
function sourceMatches(wanted: string, source: SourceRef): boolean {
  const value = wanted.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, '');
  if (!value) return false;
  const domain = source.domain?.toLowerCase();
  if (domain && (domain === value || domain.endsWith(`.${value}`))) return true;
  const id = slug(value);
  return id === source.id || id === slug(source.name);
}

/** `lang:en` matches "en", "en-US", "EN"; an article of unknown language matches no `lang:`. */
function languageMatches(wanted: string, language: string | undefined): boolean {
  if (!language) return false;
  const want = wanted.trim().toLowerCase();
  const have = language.trim().toLowerCase();
  return have === want || have.split(/[-_]/)[0] === want;
}

function distinctActors(actors: NamedActor[]): NamedActor[] {
  const byId = new Map<string, NamedActor>();
  for (const actor of actors) if (!byId.has(actor.id)) byId.set(actor.id, { id: actor.id, name: actor.name });
  return [...byId.values()];
}

function distinctTopics(topics: { id: string; label: string }[]): { id: string; label: string }[] {
  const byId = new Map<string, { id: string; label: string }>();
  for (const topic of topics) if (!byId.has(topic.id)) byId.set(topic.id, { id: topic.id, label: topic.label });
  return [...byId.values()];
}

/** "p:marco-rubio" -> "marco rubio". */
function slugWords(id: string): string {
  return (id.includes(':') ? id.slice(id.indexOf(':') + 1) : id).replace(/-/g, ' ');
}

function indexActors(actors: NamedActor[], foldName: (s: string) => string): ActorIndex {
  const exact = new Map<string, NamedActor>();
  const surname = new Map<string, NamedActor[]>();
  for (const actor of actors) {
    for (const key of [foldName(actor.name), foldName(slugWords(actor.id))]) if (key && !exact.has(key)) exact.set(key, actor);
    const words = actor.name.trim().split(/\s+/);
    // A one-word name ("Kremlin") is already an exact key; surnames are for multi-word names.
    if (words.length < 2) continue;
    const last = foldName(words[words.length - 1]);
    if (!last) continue;
    const list = surname.get(last) ?? [];
    list.push(actor);
    surname.set(last, list);
  }
  return { exact, surname };
}

function findActor(wanted: string, index: ActorIndex, foldName: (s: string) => string): NamedActor | undefined {
  const key = foldName(wanted);
  if (!key) return undefined;
  const exact = index.exact.get(key);
  if (exact) return exact;
  const bySurname = index.surname.get(key);
  return bySurname && bySurname.length === 1 ? bySurname[0] : undefined;
}

/** Topic id, label, or the bare code of an IPTC id ("11000000" for "iptc:11000000"), case-insensitive. */
function topicMatches(wanted: string, topic: { id: string; label: string }): boolean {
  const w = wanted.trim().toLowerCase();
  if (!w) return false;
  const id = topic.id.toLowerCase();
  const code = id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
  return w === id || w === code || w === topic.label.trim().toLowerCase();
}

/**
 * Whole word or phrase, case- and accent-insensitive ("Kyiv" finds "Kyïv", "Kiev" does not); a
 * space in the phrase matches any whitespace within a paragraph (a line break too), not a
 * paragraph break.
 */
export function containsPhrase(text: string, phrase: string): boolean {
  return containsFoldedPhrase(foldAccents(text), phrase);
}

function containsFoldedPhrase(foldedText: string, phrase: string): boolean {
  const words = foldAccents(phrase).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return false;
  const pattern = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(?:[^\\S\\n]+|[^\\S\\n]*\\n[^\\S\\n]*)');
  return new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'iu').test(foldedText);
}

/** Combining marks dropped after NFD: one code point per letter, so word boundaries are kept. */
function foldAccents(text: string): string {
  return /[^\u0000-\u007f]/.test(text) ? text.normalize('NFD').replace(/\p{M}+/gu, '') : text;
}
