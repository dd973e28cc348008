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
 */
import { distance } from 'fastest-levenshtein';
import { ConfigurationError } from '../core/errors';
import type { Watch } from '../core/model';
import { foldName } from '../core/tag/fold-name';
import type { NewswatchStore } from '../ports/store';
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
}

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
    createdAt: now.toISOString(),
  };
  requireCriterion(watch, `watch "${name}" needs at least one --actor, --topic or --keyword (or --all)`);
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
  if (spec.all === undefined && !spec.actors && !spec.topics && !spec.keywords) {
    throw new ConfigurationError(`nothing to change in watch "${existing.name}": give --actor, --topic, --keyword, --all or --no-all`);
  }
  const criteria = await resolveCriteria(store, spec, { selfId: id, watches });
  const all = spec.all ?? existing.all ?? false;
  const { all: _previousAll, ...rest } = existing;
  const watch: Watch = {
    ...rest,
    ...(all ? { all: true } : {}),
    actors: criteria.actors ?? existing.actors ?? [],
    topics: criteria.topics ?? existing.topics ?? [],
    keywords: criteria.keywords ?? existing.keywords ?? [],
    createdAt: existing.createdAt,
    updatedAt: now.toISOString(),
  };
  requireCriterion(watch, `watch "${existing.name}" would have no --actor, --topic or --keyword left (and no --all): remove it instead with \`newswatch watch remove ${shellWord(name)}\``);
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
  if (watch.all) return 'tracks every story';
  const parts: string[] = [];
  if (watch.actors?.length) parts.push(`name ${orList(watch.actors)}`);
  if (watch.topics?.length) parts.push(`are about ${orList(watch.topics.map(describeTopic))}`);
  if (watch.keywords?.length) parts.push(`mention ${orList(watch.keywords.map((k) => `"${k}"`))}`);
  return parts.length ? `tracks stories that ${parts.join(', or ')}` : 'tracks nothing';
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
  warnings: string[];
  actorResolutions: ActorResolution[];
  topicResolutions: TopicResolution[];
}

async function resolveCriteria(store: ActorPorts, spec: WatchSpec, context: { selfId: string; watches: Watch[] }): Promise<ResolvedCriteria> {
  // Topics and keywords first: they can refuse the watch, and cost no read.
  const topicResolutions = spec.topics ? resolveTopics(spec.topics, context) : [];
  const keywords = spec.keywords ? normalizeKeywords(spec.keywords) : undefined;
  const actorResolutions = spec.actors ? await resolveActorNames(store, spec.actors) : [];
  const warnings = actorResolutions.flatMap(actorWarning);
  return {
    ...(spec.actors ? { actors: uniqueBy(actorResolutions.map((r) => r.stored), foldName) } : {}),
    ...(spec.topics ? { topics: uniqueBy(topicResolutions.map((t) => t.id), (id) => id.toLowerCase()) } : {}),
    ...(keywords ? { keywords } : {}),
    warnings,
    actorResolutions,
    topicResolutions,
  };
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
  if (!watch.all && watch.actors.length + watch.topics.length + watch.keywords.length === 0) throw new ConfigurationError(message);
}

function allWarnings(watch: Watch): string[] {
  if (!watch.all || watch.actors.length + watch.topics.length + watch.keywords.length === 0) return [];
  return [`watch "${watch.name}" tracks every story (--all): its actors, topics and keywords change nothing until --all is cleared`];
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
