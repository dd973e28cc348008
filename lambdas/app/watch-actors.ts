/**
 * How a watch's `--actor` values are understood: looked up the way the tagger looks up a name
 * (folded alias keys, a user's alias first; the built-in gazetteer; a bare surname one known
 * person has) or taken as an actor id; an unknown name gets the nearest known actors.
 */
import { distance } from 'fastest-levenshtein';
import { ConfigurationError } from '../core/errors';
import type { ActorRecord, ActorType } from '../core/model';
import { foldName } from '../core/tag/fold-name';
import { gazetteer } from '../core/tag/gazetteer';
import { actorId } from '../core/tag/resolve-actors';
import type { NewswatchStore } from '../ports/store';
import { orList } from './topics';

export type ActorPorts = Pick<NewswatchStore, 'findActorsByAlias' | 'listActors' | 'resolveActorIds'>;

const MAX_SUGGESTIONS = 3;

/** How one `--actor` was understood. */
export interface ActorResolution {
  /** As given. */
  input: string;
  /** What the watch keeps: the actor's canonical name when known, else the name as given (trimmed). */
  stored: string;
  /**
   * The actor it names: from the registry, or from the tagger's built-in gazetteer (no article
   * named it yet, and the first that does gets this id and name). Absent: unknown.
   */
  actor?: { id: string; name: string; type: ActorType; known: 'registry' | 'gazetteer' };
  /** Unknown name: the nearest known actors, best first (at most 3). */
  suggestions?: { id: string; name: string }[];
  /** A bare surname that several known people have: the watch matches a story naming only one. */
  ambiguous?: { id: string; name: string }[];
}


/** "p:marco-rubio", "o:european-union", "l:united-states": what actorId() makes. */
const ACTOR_ID = /^[pol]:[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u;

interface WantedActor {
  input: string;
  /** Trimmed, spaces collapsed. */
  name: string;
  /** Set when the input is an actor id (lower case). */
  id?: string;
  /** Folded alias keys to look up, in the tagger's order: the name, then its gazetteer actor's. */
  keys: string[];
  /** The gazetteer's actor for the name, when it lists one. */
  known?: { key: string; name: string; type: ActorType };
}

/**
 * Resolves names the way the tagger resolves a name in an article (resolve-actors.ts findKnown):
 * a user's alias among the keys first, then the first key the registry knows; else the gazetteer's
 * actor (the id a fresh registry would give); else a bare surname that exactly one known person
 * has. An id is read from the registry, merges followed; an unknown id is an error.
 */
export async function resolveActorNames(store: ActorPorts, inputs: string[]): Promise<ActorResolution[]> {
  const wanted = inputs.map(wantedActor);
  const keys = [...new Set(wanted.flatMap((w) => w.keys))];
  const ids = [...new Set(wanted.flatMap((w) => (w.id ? [w.id] : [])))];
  const [byKey, byId] = await Promise.all([
    keys.length ? store.findActorsByAlias(keys) : new Map<string, ActorRecord>(),
    ids.length ? store.resolveActorIds(ids) : new Map<string, ActorRecord>(),
  ]);
  let registry: Promise<ActorRecord[]> | undefined;
  const listActors = (): Promise<ActorRecord[]> => (registry ??= store.listActors());
  const knownActors = async (): Promise<ActorRecord[]> => (await listActors()).filter((a) => !a.mergedInto);

  const out: ActorResolution[] = [];
  for (const w of wanted) {
    if (w.id) {
      const record = byId.get(w.id);
      if (!record) {
        const near = nearestActors(w.id.slice(2).replace(/-/g, ' '), suggestable(await listActors()));
        const hint = near.length ? `; did you mean ${orList(near.map(actorLabel))}?` : '';
        throw new ConfigurationError(`no actor with id ${w.id}${hint} (\`newswatch actors list\` shows the known ones)`);
      }
      out.push(resolved(w, record, 'registry'));
      continue;
    }
    const record = w.keys.map((k) => byKey.get(k)).find((r, i) => r?.userAliases?.includes(w.keys[i]))
      ?? w.keys.map((k) => byKey.get(k)).find((r): r is ActorRecord => r !== undefined);
    if (record) {
      out.push(resolved(w, record, 'registry'));
      continue;
    }
    if (w.known) {
      out.push(resolved(w, { id: actorId(w.known.type, w.known.name), name: w.known.name, type: w.known.type }, 'gazetteer'));
      continue;
    }
    const key = w.keys[0];
    if (!key.includes(' ')) {
      // A bare surname: the tagger gives it the one known person whose full name ends with it.
      const people = (await knownActors()).filter((a) => a.type === 'person' && a.aliases.some((alias) => alias.includes(' ') && alias.endsWith(` ${key}`)));
      if (people.length === 1) {
        out.push(resolved(w, people[0], 'registry'));
        continue;
      }
      if (people.length > 1) {
        out.push({ input: w.input, stored: w.name, ambiguous: people.slice(0, 5).map(({ id, name }) => ({ id, name })) });
        continue;
      }
    }
    const suggestions = nearestActors(key, suggestable(await listActors())).map(({ id, name }) => ({ id, name }));
    out.push({ input: w.input, stored: w.name, suggestions });
  }
  return out;
}

function wantedActor(input: string): WantedActor {
  const name = input.trim().replace(/\s+/g, ' ');
  if (!name) throw new ConfigurationError('an --actor needs a name, or an actor id such as p:marco-rubio');
  if (ACTOR_ID.test(name.toLowerCase())) return { input, name, id: name.toLowerCase(), keys: [] };
  const key = foldName(name);
  if (!key) throw new ConfigurationError(`--actor "${input}" has no letters or digits`);
  const match = gazetteer().lookup(name);
  const known = match ? { key: match.actor.key, name: match.actor.name, type: match.actor.type } : undefined;
  return { input, name, keys: [...new Set([key, ...(known ? [known.key] : [])])], ...(known ? { known } : {}) };
}

/**
 * The watch keeps the actor's canonical name, not the form typed: match.ts compares a watch's
 * actor with the article's and story's actors by folded canonical name, id slug or a surname
 * unique in the story, and an article's actor carries the registry's canonical name. A form that
 * only the registry knows (a user's alias "Ania Kowalczyk", a short form "Rubio" when the story
 * names two Rubios, a transliteration) would not match there; the canonical name does. (The id
 * would not either: match.ts folds the wanted string, and "p:marco-rubio" folds to "p marco rubio".)
 */
function resolved(w: WantedActor, record: Pick<ActorRecord, 'id' | 'name' | 'type'>, known: 'registry' | 'gazetteer'): ActorResolution {
  return { input: w.input, stored: record.name, actor: { id: record.id, name: record.name, type: record.type, known } };
}

interface SuggestableActor {
  id: string;
  name: string;
  /** Folded name and aliases. */
  keys: string[];
}

/**
 * What a suggestion can name: the registry's actors (merged ones left out), then the gazetteer's
 * that the registry does not hold yet (on a fresh store, "Marco Rubbio" still finds Marco Rubio).
 */
function suggestable(registry: ActorRecord[]): SuggestableActor[] {
  const ids = new Set(registry.map((a) => a.id));
  const fromRegistry = registry
    .filter((a) => !a.mergedInto)
    .map((a) => ({ id: a.id, name: a.name, keys: [...new Set([foldName(a.name), ...a.aliases].filter(Boolean))] }));
  const fromGazetteer = gazetteer().listed()
    .map(({ actor, keys }) => ({ id: actorId(actor.type, actor.name), name: actor.name, keys }))
    .filter((a) => !ids.has(a.id));
  return [...fromRegistry, ...fromGazetteer];
}

/**
 * Up to three known actors near a folded name, best first: within a small edit distance of the
 * name, one of its aliases or (for one word typed) its surname (fastest-levenshtein), then those
 * sharing its surname or with a word starting with what was typed.
 */
function nearestActors(key: string, actors: SuggestableActor[]): SuggestableActor[] {
  const threshold = Math.max(1, Math.round(key.length * 0.25));
  const surnameThreshold = Math.max(1, Math.floor(key.length * 0.25));
  const words = key.split(' ');
  const last = words[words.length - 1];
  const scored: { actor: SuggestableActor; tier: number; d: number }[] = [];
  for (const actor of actors) {
    const keys = actor.keys;
    let d = Math.min(...keys.map((k) => distance(key, k)));
    // One word typed: it may be a misspelt surname ("Zelenskiyy" -> Volodymyr Zelenskyy).
    if (words.length === 1) {
      for (const k of keys) {
        const surname = k.includes(' ') ? k.slice(k.lastIndexOf(' ') + 1) : '';
        const ds = surname.length >= 4 ? distance(key, surname) : Infinity;
        // Ranked after a whole name as near.
        if (ds <= surnameThreshold) d = Math.min(d, ds + 0.5);
      }
    }
    if (d < threshold + 1) {
      scored.push({ actor, tier: 0, d });
      continue;
    }
    const sameSurname = last.length >= 3 && keys.some((k) => k.includes(' ') && k.split(' ').pop() === last);
    const prefix = key.length >= 3 && keys.some((k) => k.startsWith(key) || k.split(' ').some((word) => word.startsWith(key)));
    if (sameSurname || prefix) scored.push({ actor, tier: 1, d });
  }
  return scored
    .sort((a, b) => a.tier - b.tier || a.d - b.d || a.actor.name.localeCompare(b.actor.name))
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => s.actor);
}

function actorLabel(actor: { id: string; name: string }): string {
  return `${actor.name} (${actor.id})`;
}

export function actorWarning(r: ActorResolution): string[] {
  if (r.ambiguous) {
    return [`"${r.stored}" is the surname of ${orList(r.ambiguous.map(actorLabel))}: the watch matches a story that names only one of them; give the full name to pick one`];
  }
  if (r.actor) return [];
  const known = `no actor "${r.stored}" is known yet`;
  return [r.suggestions?.length
    ? `${known}; did you mean ${orList(r.suggestions.map(actorLabel))}? The watch will match it once an article names it.`
    : `${known}: the watch will match it once an article names it.`];
}

