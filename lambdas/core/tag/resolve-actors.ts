/**
 * resolveActors: gives each candidate its registry actor. A candidate takes the actor of the
 * first of its keys the registry knows (full name first; a key a user set as an alias before any
 * other); a bare surname ("Lavrov") takes the one known actor whose full name ends with it;
 * anything else becomes a new actor with a deterministic id, so the same name gets the same id
 * in every document and every process; except a `registryOnly` candidate, which is dropped.
 */
import type { ActorCandidate, ActorRecord, ActorTag, ActorType, Mention } from '../model';
import { foldName, slugOfKey } from './fold-name';
import { foldingKeeps } from './gazetteer';

export interface ResolvedActors {
  actors: ActorTag[];
  /** New actors, and known ones that gained aliases: what the registry must save. */
  registryUpdates: ActorRecord[];
}

const TYPE_INITIAL: Record<ActorType, string> = { person: 'p', organization: 'o', place: 'l' };

/** "p:marco-rubio", "o:european-union", "l:united-states". */
export function actorId(type: ActorType, name: string): string {
  return `${TYPE_INITIAL[type]}:${slugOfKey(foldName(name))}`;
}

export function resolveActors(candidates: ActorCandidate[], known: Map<string, ActorRecord>): ResolvedActors {
  const merged = new Map<string, { record: ActorRecord; tag: ActorTag; isNew: boolean; aliases: Set<string> }>();
  for (const candidate of candidates) {
    const existing = findKnown(candidate, known);
    if (!existing && candidate.registryOnly) continue;
    const record = existing ?? { id: actorId(candidate.type, candidate.name), name: candidate.name, type: candidate.type, aliases: [] };
    const entry = merged.get(record.id);
    if (entry) {
      mergeInto(entry.tag, candidate);
      for (const key of candidate.keys) entry.aliases.add(key);
      continue;
    }
    merged.set(record.id, {
      record,
      isNew: !existing,
      aliases: new Set(candidate.keys),
      tag: {
        id: record.id,
        name: record.name,
        type: record.type,
        mentions: [...candidate.mentions],
        salience: candidate.salience,
        ...(candidate.role ? { role: candidate.role } : {}),
      },
    });
  }

  const actors: ActorTag[] = [];
  const registryUpdates: ActorRecord[] = [];
  for (const { record, tag, isNew, aliases } of merged.values()) {
    actors.push(tag);
    const all = [...new Set([...record.aliases, ...aliases])];
    if (isNew || all.length > record.aliases.length) registryUpdates.push({ ...record, aliases: all });
  }
  actors.sort((a, b) => b.salience - a.salience || a.name.localeCompare(b.name));
  return { actors, registryUpdates };
}

function findKnown(candidate: ActorCandidate, known: Map<string, ActorRecord>): ActorRecord | undefined {
  // "Store" is not a folded "Støre": a key that is an ordinary word counts only when written otherwise.
  const keys = candidate.keys.filter((key) => candidate.mentions.length === 0 || candidate.mentions.some((m) => foldingKeeps(key, m.text)));
  // A user's alias (`newswatch actors alias|split`) wins over whatever the tagger recorded.
  for (const key of keys) {
    const record = known.get(key);
    if (record?.userAliases?.includes(key)) return record;
  }
  for (const key of keys) {
    const record = known.get(key);
    if (record) return record;
  }
  // A bare surname: the single known person whose full alias ends with it.
  if (candidate.type === 'person' && keys.length && keys.every((k) => !k.includes(' '))) {
    const surname = keys[0];
    const matches = new Map<string, ActorRecord>();
    for (const record of known.values()) {
      if (record.type === 'person' && record.aliases.some((a) => a.includes(' ') && a.endsWith(` ${surname}`))) matches.set(record.id, record);
    }
    if (matches.size === 1) return [...matches.values()][0];
  }
  return undefined;
}

function mergeInto(tag: ActorTag, candidate: ActorCandidate): void {
  const byStart = new Map<number, Mention>(tag.mentions.map((m) => [m.start, m]));
  for (const m of candidate.mentions) if (!byStart.has(m.start)) byStart.set(m.start, m);
  tag.mentions = [...byStart.values()].sort((a, b) => a.start - b.start);
  tag.salience = Math.max(tag.salience, candidate.salience);
  if (!tag.role && candidate.role) tag.role = candidate.role;
}
