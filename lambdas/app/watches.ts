/**
 * The watch use cases (`newswatch watch add|update|remove|list`), over the store's ports only, so
 * the CLI runs them on the embedded store or on a deployed stack's table alike.
 *
 * A watch says what it will do: each `--actor` is looked up in the actor registry the way the
 * tagger looks up a name (folded alias keys, a user's alias first; the built-in gazetteer; a bare
 * surname one known person has) or taken as an actor id ("p:marco-rubio"), and the outcome says
 * which actor it named; a name nobody knows yet is accepted with a warning naming the nearest
 * known actors. Each `--topic` must be an IPTC topic the tagger gives (lambdas/app/topics.ts) or
 * the keyword topic of a watch (`watch:<id>`), else the watch is refused with suggestions.
 * Keywords are trimmed, must hold a letter or digit, and are kept once each.
 *
 * `--query` is the boolean language of core/alert/query.ts: it is parsed here (a malformed one is
 * refused with its column), its `actor:` terms resolved like `--actor` and its `topic:` terms
 * like `--topic`, and it is stored as text with those names resolved (what the matcher reads).
 * `--on` says which alerts the watch wants: new-source (the default), new-story or both.
 */
import { distance } from 'fastest-levenshtein';
import { matchWatches, testQuery, watchQuery } from '../core/alert/match';
import { evaluateQuery, formatQuery, mapQueryTerms, parseQuery, queryTerms, QueryParseError, type QueryNode, type QueryTerm } from '../core/alert/query';
import { ConfigurationError } from '../core/errors';
import { DIGEST_FREQUENCIES } from '../core/alert/digest';
import type { Article, DigestFrequency, Story, Watch, WatchAlertOn } from '../core/model';
import { foldName } from '../core/tag/fold-name';
import type { NewswatchStore } from '../ports/store';
import { FILTERED_STORY_WINDOW, listStories } from './stories';
import type { Target } from './target';
import { orList, resolveTopic, topicLabel } from './topics';
import { actorWarning, resolveActorNames, type ActorPorts, type ActorResolution } from './watch-actors';

export type { ActorResolution };

/**
 * What `watch add` and `watch update` are given. For `add`, absent lists are empty. For `update`,
 * a list given replaces the watch's list (an empty one clears it) and an absent one keeps it;
 * `all: true` sets "track every story", `all: false` clears it, absent keeps it.
 */
export interface WatchSpec {
  name: string;
  all?: boolean;
  actors?: string[];
  topics?: string[];
  keywords?: string[];
  /** A boolean query (core/alert/query.ts). For `update`, an empty string removes the watch's query. */
  query?: string;
  /** Which alerts the watch wants; `add` defaults to new-source. */
  on?: WatchAlertOn;
  /** Each alert as it happens (the default), or one digest per hour, day or week (core/alert/digest.ts). */
  digest?: DigestFrequency;
}

/** `--digest`: one of DIGEST_FREQUENCIES, or a ConfigurationError naming them. */
function digestFrequency(value: string): DigestFrequency {
  const known = DIGEST_FREQUENCIES.find((frequency) => frequency === value);
  if (!known) throw new ConfigurationError(`--digest is one of ${DIGEST_FREQUENCIES.join(', ')}, not "${value}"`);
  return known;
}

/** The values `--on` takes. */
export const WATCH_ALERT_ON: readonly WatchAlertOn[] = ['new-source', 'new-story', 'both'];

/** How one `--topic` was understood: the id the watch keeps, and its label. */
export interface TopicResolution {
  input: string;
  id: string;
  label: string;
}

export interface WatchOutcome {
  watch: Watch;
  /** Things to tell the user (unknown actors, ambiguous surnames, `--all` beside other criteria). */
  warnings: string[];
  /** The `--actor` values given, in order (an update that keeps the actors gives none). */
  actors: ActorResolution[];
  /** The `--topic` values given, in order. */
  topics: TopicResolution[];
}

export type WatchPorts = Pick<NewswatchStore, 'listWatches' | 'putWatch'> & ActorPorts;

const MAX_SUGGESTIONS = 3;

/** The watch's id: its name folded to a slug ("Marco Rubio" -> "marco-rubio"). */
export function watchIdFor(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Watches by name. */
export async function listWatches(store: Pick<NewswatchStore, 'listWatches'>): Promise<Watch[]> {
  return (await store.listWatches()).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** `watch add`: a new watch; a name whose id is taken is refused (`watch update` changes a watch). */
export async function addWatch(store: WatchPorts, spec: WatchSpec, now: Date = new Date()): Promise<WatchOutcome> {
  const { name, id } = watchName(spec.name);
  const watches = await store.listWatches();
  const existing = watches.find((w) => w.id === id);
  if (existing) {
    throw new ConfigurationError(
      `a watch "${existing.name}" already exists (id ${id}): change it with \`newswatch watch update ${shellWord(name)} …\`, or remove it first with \`newswatch watch remove ${shellWord(name)}\``,
    );
  }
  const criteria = await resolveCriteria(store, spec, { selfId: id, watches });
  const watch: Watch = {
    id,
    name,
    ...(spec.all ? { all: true } : {}),
    actors: criteria.actors ?? [],
    topics: criteria.topics ?? [],
    keywords: criteria.keywords ?? [],
    ...(criteria.query ? { query: criteria.query } : {}),
    ...(spec.on ? { on: alertOn(spec.on) } : {}),
    ...(spec.digest && spec.digest !== 'as-it-happens' ? { digest: digestFrequency(spec.digest) } : {}),
    createdAt: now.toISOString(),
  };
  requireCriterion(watch, `watch "${name}" needs at least one --actor, --topic, --keyword or --query (or --all)`);
  await store.putWatch(watch);
  return { watch, warnings: [...criteria.warnings, ...allWarnings(watch)], actors: criteria.actorResolutions, topics: criteria.topicResolutions };
}

/**
 * `watch update`: the lists given replace the watch's, the others are kept (see WatchSpec). The
 * watch keeps its name, id and createdAt; updatedAt is set.
 */
export async function updateWatch(store: WatchPorts, spec: WatchSpec, now: Date = new Date()): Promise<WatchOutcome> {
  const { name, id } = watchName(spec.name);
  const watches = await store.listWatches();
  const existing = watches.find((w) => w.id === id);
  if (!existing) {
    throw new ConfigurationError(`no watch named "${name}"${didYouMeanWatch(id, watches)}: create it with \`newswatch watch add ${shellWord(name)} …\``);
  }
  if (spec.all === undefined && !spec.actors && !spec.topics && !spec.keywords && spec.query === undefined && !spec.on && !spec.digest) {
    throw new ConfigurationError(`nothing to change in watch "${existing.name}": give --actor, --topic, --keyword, --query, --on, --digest, --all or --no-all`);
  }
  const criteria = await resolveCriteria(store, spec, { selfId: id, watches });
  const all = spec.all ?? existing.all ?? false;
  const { all: _previousAll, query: previousQuery, digest: previousDigest, ...rest } = existing;
  const digest = spec.digest ? digestFrequency(spec.digest) : previousDigest;
  const query = spec.query === undefined ? previousQuery : criteria.query;
  const watch: Watch = {
    ...rest,
    ...(all ? { all: true } : {}),
    actors: criteria.actors ?? existing.actors ?? [],
    topics: criteria.topics ?? existing.topics ?? [],
    keywords: criteria.keywords ?? existing.keywords ?? [],
    ...(query ? { query } : {}),
    ...(spec.on ? { on: alertOn(spec.on) } : {}),
    ...(digest && digest !== 'as-it-happens' ? { digest } : {}),
    createdAt: existing.createdAt,
    updatedAt: now.toISOString(),
  };
  requireCriterion(watch, `watch "${existing.name}" would have no --actor, --topic, --keyword or --query left (and no --all): remove it instead with \`newswatch watch remove ${shellWord(name)}\``);
  await store.putWatch(watch);
  return { watch, warnings: [...criteria.warnings, ...allWarnings(watch)], actors: criteria.actorResolutions, topics: criteria.topicResolutions };
}

/** `watch remove`: the watch removed; a ConfigurationError (with the nearest names) when there is none. */
export async function removeWatch(store: Pick<NewswatchStore, 'listWatches' | 'deleteWatch'>, name: string): Promise<Watch> {
  const id = watchIdFor(name);
  const watches = await store.listWatches();
  const existing = watches.find((w) => w.id === id);
  if (!existing || !(await store.deleteWatch(id))) {
    throw new ConfigurationError(`no watch named "${name.trim()}"${didYouMeanWatch(id, watches)} (see \`newswatch watch list\`)`);
  }
  return existing;
}

/**
 * What the watch does, in a sentence: "tracks every story", or "tracks stories that name Marco
 * Rubio, or are about election (iptc:20000574), or mention "ceasefire"".
 */
export function describeWatch(watch: Watch): string {
  const on = watch.on && watch.on !== 'new-source' ? `; alerts on ${watch.on === 'both' ? 'new stories and new sources' : 'new stories'}` : '';
  const alerts = watch.digest && watch.digest !== 'as-it-happens' ? `${on}; sent as a ${watch.digest} digest` : on;
  if (watch.all) return `tracks every story${alerts}`;
  const parts: string[] = [];
  if (watch.actors?.length) parts.push(`name ${orList(watch.actors)}`);
  if (watch.topics?.length) parts.push(`are about ${orList(watch.topics.map(describeTopic))}`);
  if (watch.keywords?.length) parts.push(`mention ${orList(watch.keywords.map((k) => `"${k}"`))}`);
  if (watch.query) parts.push(`match ${watch.query}`);
  return `${parts.length ? `tracks stories that ${parts.join(', or ')}` : 'tracks nothing'}${alerts}`;
}

function describeTopic(topic: string): string {
  const label = topicLabel(topic);
  return label ? `${label} (${topic})` : topic;
}

// ---- criteria -------------------------------------------------------------------------------

interface ResolvedCriteria {
  /** Present when the spec gave the list. */
  actors?: string[];
  topics?: string[];
  keywords?: string[];
  /** The query with its actor and topic terms resolved, as text; '' when the spec removes it. */
  query?: string;
  warnings: string[];
  actorResolutions: ActorResolution[];
  topicResolutions: TopicResolution[];
}

async function resolveCriteria(store: ActorPorts, spec: WatchSpec, context: { selfId: string; watches: Watch[] }): Promise<ResolvedCriteria> {
  // Topics and keywords first: they can refuse the watch, and cost no read.
  const topicResolutions = spec.topics ? resolveTopics(spec.topics, context) : [];
  const keywords = spec.keywords ? normalizeKeywords(spec.keywords) : undefined;
  const parsed = spec.query?.trim() ? parseWatchQuery(spec.query) : undefined;
  const queryTopics = parsed ? resolveQueryTopics(parsed, context) : new Map<QueryTerm, TopicResolution>();
  const actorResolutions = spec.actors ? await resolveActorNames(store, spec.actors) : [];
  const queryActorTerms = parsed ? queryTerms(parsed).filter((t) => t.field === 'actor') : [];
  const queryActors = queryActorTerms.length ? await resolveActorNames(store, queryActorTerms.map((t) => t.value)) : [];
  const warnings = [...actorResolutions, ...queryActors].flatMap(actorWarning);
  const query = parsed
    ? formatQuery(mapQueryTerms(parsed, (term) => {
      if (term.field === 'actor') return { ...term, value: queryActors[queryActorTerms.indexOf(term)].stored, quoted: true };
      const topic = queryTopics.get(term);
      return topic ? { ...term, value: topic.id } : term;
    }))
    : spec.query !== undefined ? '' : undefined;
  return {
    ...(spec.actors ? { actors: uniqueBy(actorResolutions.map((r) => r.stored), foldName) } : {}),
    ...(spec.topics ? { topics: uniqueBy(topicResolutions.map((t) => t.id), (id) => id.toLowerCase()) } : {}),
    ...(keywords ? { keywords } : {}),
    ...(query !== undefined ? { query } : {}),
    warnings,
    actorResolutions: [...actorResolutions, ...queryActors],
    topicResolutions: [...topicResolutions, ...queryTopics.values()],
  };
}

/**
 * A query as a watch may keep it: it parses; each `lang:` is a language code; and it needs a
 * term that must be present (a query of negations alone, `NOT source:tass.com`, would track
 * every other story: that is `--all`, said plainly).
 */
export function parseWatchQuery(query: string): QueryNode {
  const parsed = parseQuery(query);
  for (const term of queryTerms(parsed)) {
    if (term.field === 'lang' && !/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(term.value)) {
      throw new QueryParseError(query, term.column, `lang: takes a language code such as en or de, not "${term.value}"`);
    }
  }
  if (evaluateQuery(parsed, () => false)) {
    throw new QueryParseError(query, 1, 'the query matches an article that has none of its terms (negations alone track every other story): add a term that must be present, or use --all');
  }
  return parsed;
}

/** Each `topic:` term resolved like `--topic` (an unknown one refused with suggestions and its column). */
function resolveQueryTopics(parsed: QueryNode, context: { selfId: string; watches: Watch[] }): Map<QueryTerm, TopicResolution> {
  const out = new Map<QueryTerm, TopicResolution>();
  for (const term of queryTerms(parsed).filter((t) => t.field === 'topic')) {
    try {
      out.set(term, resolveTopics([term.value], context)[0]);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      throw new ConfigurationError(`in the query at column ${term.column}: ${error.message}`, { cause: error });
    }
  }
  return out;
}

function alertOn(value: string): WatchAlertOn {
  if (!(WATCH_ALERT_ON as readonly string[]).includes(value)) {
    throw new ConfigurationError(`--on takes ${orList(WATCH_ALERT_ON.map((v) => `"${v}"`))}, not "${value}"`);
  }
  return value as WatchAlertOn;
}

function resolveTopics(inputs: string[], context: { selfId: string; watches: Watch[] }): TopicResolution[] {
  return inputs.map((input) => {
    const trimmed = input.trim();
    const watchTopic = /^watch:(.*)$/i.exec(trimmed);
    if (watchTopic) {
      // The keyword topic the tagger gives an article when a watch's keywords occur in it.
      const id = watchIdFor(watchTopic[1]);
      const watch = context.watches.find((w) => w.id === id);
      if (!watch && id !== context.selfId) {
        throw new ConfigurationError(`unknown topic "${trimmed}": no watch "${watchTopic[1]}"${didYouMeanWatch(id, context.watches)} (watch:<id> is the topic of a watch's keywords)`);
      }
      return { input, id: `watch:${id}`, label: watch?.name ?? id };
    }
    // Stored as the IPTC id: it is what the tagger gives articles (match.ts compares ids exactly),
    // and it outlives a relabelling of the topic.
    const topic = resolveTopic(trimmed);
    return { input, id: topic.id, label: topic.label };
  });
}

function normalizeKeywords(inputs: string[]): string[] {
  const keywords = inputs.map((input) => {
    const keyword = input.trim().replace(/\s+/g, ' ');
    if (!foldName(keyword)) throw new ConfigurationError(`a --keyword needs a word or phrase with a letter or digit, not "${input}"`);
    return keyword;
  });
  // match.ts compares keywords case-insensitively: "Ceasefire" and "ceasefire" are one keyword.
  return uniqueBy(keywords, (k) => k.toLowerCase());
}

// ---- helpers --------------------------------------------------------------------------------

function watchName(input: string): { name: string; id: string } {
  const name = input.trim();
  const id = watchIdFor(name);
  if (!id) throw new ConfigurationError(`watch name "${input}" has no letters or digits`);
  return { name, id };
}

function requireCriterion(watch: Watch, message: string): void {
  if (!watch.all && !watch.query && watch.actors.length + watch.topics.length + watch.keywords.length === 0) throw new ConfigurationError(message);
}

function allWarnings(watch: Watch): string[] {
  if (!watch.all || (!watch.query && watch.actors.length + watch.topics.length + watch.keywords.length === 0)) return [];
  return [`watch "${watch.name}" tracks every story (--all): its actors, topics, keywords and query change nothing until --all is cleared`];
}

function didYouMeanWatch(id: string, watches: Watch[]): string {
  const threshold = Math.max(1, Math.round(id.length * 0.34));
  const near = watches
    .map((w) => ({ w, d: Math.min(distance(id, w.id), w.id.startsWith(id) || id.startsWith(w.id) ? 1 : Infinity) }))
    .filter((c) => c.d <= threshold)
    .sort((a, b) => a.d - b.d || a.w.name.localeCompare(b.w.name))
    .slice(0, MAX_SUGGESTIONS);
  return near.length ? ` (did you mean ${orList(near.map((c) => `"${c.w.name}"`))}?)` : '';
}

/** The name as one shell word, for the commands the messages suggest. */
function shellWord(name: string): string {
  return /^[\w.:@%+=,/-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---- preview ----------------------------------------------------------------------------------

/** A stored story a watch would track, and the rule that says so. */
export interface WatchPreviewItem {
  story: Story;
  reason: string;
}

export interface WatchPreview {
  watch: Watch;
  stories: WatchPreviewItem[];
  /** Stories looked through: the most recently updated ones (FILTERED_STORY_WINDOW, one Query). */
  examined: number;
  /** Articles read to decide (keywords and text terms need the text; the story's lists do not). */
  articlesRead: number;
}

/** Articles read at once while previewing. */
const PREVIEW_READ_CONCURRENCY = 8;

/**
 * `watch test NAME` and the dashboard's watch form (an unsaved watch): the stored stories the
 * watch would track, as the ingest decides it. A story is tracked when one of its articles,
 * read together with the story's top actors and topics, matches the watch (core/alert/match.ts).
 * The story's lists decide first: an actor or topic watch needs no article, and a query that
 * the lists alone make false (its actor is not in the story) reads none; only keywords and text
 * terms need the articles' text, read by id. No Scan: the stories are the most recently updated
 * (listStories, one Query).
 */
export async function previewWatch(target: Pick<Target, 'store'>, watch: Watch): Promise<WatchPreview> {
  if (watch.query) parseWatchQuery(watch.query); // an unsaved watch's query may be malformed: say where
  const stories = await listStories(target, FILTERED_STORY_WINDOW);
  const found: WatchPreviewItem[] = [];
  let articlesRead = 0;
  const noArticle = { title: '', text: '', actors: [], topics: [] };
  for (const story of stories) {
    // The story's lists alone: classic actors and topics; the query with text, source and language unknown.
    const byLists = matchWatches([{ ...watch, keywords: [], query: undefined }], { story, article: noArticle }, foldName);
    if (byLists.reasons.length > 0) {
      found.push({ story, reason: byLists.reasons[0] });
      continue;
    }
    const query = watch.query ? watchQuery(watch) : undefined;
    const byQuery = query === undefined ? false : testQuery(query, { story, article: noArticle }, foldName, STORY_FIELDS);
    if (byQuery === true) {
      // True whatever the articles say (actor: and topic: terms alone): no article to read.
      found.push({ story, reason: matchWatches([{ ...watch, keywords: [] }], { story, article: noArticle }, foldName).reasons[0] ?? `watch "${watch.name}" matched its query` });
      continue;
    }
    if (byQuery === false && !(watch.keywords?.length)) continue;
    // A few articles at a time, stopping at the first that matches.
    for (let i = 0; i < story.articleIds.length; i += PREVIEW_READ_CONCURRENCY) {
      const batch = (await Promise.all(story.articleIds.slice(i, i + PREVIEW_READ_CONCURRENCY).map((id) => target.store.getArticle(id))))
        .filter((a): a is Article => a !== undefined);
      articlesRead += batch.length;
      const reason = firstMatch(watch, story, batch);
      if (reason) {
        found.push({ story, reason });
        break;
      }
    }
  }
  return { watch, stories: found, examined: stories.length, articlesRead };
}

const STORY_FIELDS: ReadonlySet<QueryTerm['field']> = new Set(['actor', 'topic']);

function firstMatch(watch: Watch, story: Story, articles: Article[]): string | undefined {
  for (const article of articles) {
    const match = matchWatches([watch], { story, article }, foldName);
    if (match.reasons.length > 0) return `${match.reasons[0]} in "${article.title}" (${article.source.name})`;
  }
  return undefined;
}

/** `watch test NAME`: the stored watch's preview; a ConfigurationError (with near names) when there is none. */
export async function testWatch(target: Pick<Target, 'store'>, name: string): Promise<WatchPreview> {
  const id = watchIdFor(name);
  const watches = await target.store.listWatches();
  const watch = watches.find((w) => w.id === id);
  if (!watch) throw new ConfigurationError(`no watch named "${name.trim()}"${didYouMeanWatch(id, watches)} (see \`newswatch watch list\`)`);
  return previewWatch(target, watch);
}
