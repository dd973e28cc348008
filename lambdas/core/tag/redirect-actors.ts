/**
 * After `newswatch actors merge`, stored tags and stories still name the merged actor's id.
 * These rewrite them to the actor the id stands for now, so views, watch matching and alert
 * attributes show one id. Pure: the redirects (old id -> current actor) come from the registry.
 */
import type { ActorRecord, ActorTag, ActorType, Mention, Story } from '../model';

export interface ActorIdentity {
  id: string;
  name: string;
  type: ActorType;
}

/** Old id -> current identity, for the ids whose identity changed (merged or renamed). */
export type ActorRedirects = Map<string, ActorIdentity>;

/** The redirects worth applying out of what the registry resolved (id -> current record). */
export function findRedirects(resolved: Map<string, ActorRecord>, current: { id: string; name: string; type: ActorType }[]): ActorRedirects {
  const redirects: ActorRedirects = new Map();
  for (const actor of current) {
    const record = resolved.get(actor.id);
    if (record && (record.id !== actor.id || record.name !== actor.name || record.type !== actor.type)) {
      redirects.set(actor.id, { id: record.id, name: record.name, type: record.type });
    }
  }
  return redirects;
}

/** An article's actor tags with redirected ids; two tags that become one actor are joined. */
export function redirectActorTags(actors: ActorTag[], redirects: ActorRedirects): ActorTag[] {
  if (!actors.some((actor) => redirects.has(actor.id))) return actors;
  const byId = new Map<string, ActorTag>();
  for (const actor of actors) {
    const target = redirects.get(actor.id);
    const tag: ActorTag = target ? { ...actor, id: target.id, name: target.name, type: target.type } : actor;
    const seen = byId.get(tag.id);
    byId.set(tag.id, seen ? joinTags(seen, tag) : tag);
  }
  return [...byId.values()].sort((a, b) => b.salience - a.salience || a.name.localeCompare(b.name));
}

/**
 * A story's actor lists with redirected ids. Article counts of two ids that become one are
 * added, capped at the story's article count (an article may have named both).
 */
export function redirectStoryActors(story: Story, redirects: ActorRedirects): Story {
  const touched = story.topActors.some((actor) => redirects.has(actor.id)) || Object.keys(story.profile.actors).some((id) => redirects.has(id));
  if (!touched) return story;
  const cap = (count: number): number => Math.min(Math.max(1, story.articleCount), count);

  const counts: Record<string, number> = {};
  for (const [id, count] of Object.entries(story.profile.actors)) {
    const target = redirects.get(id)?.id ?? id;
    counts[target] = cap((counts[target] ?? 0) + count);
  }
  const top = new Map<string, Story['topActors'][number]>();
  for (const actor of story.topActors) {
    const target = redirects.get(actor.id);
    const entry = target ? { ...actor, id: target.id, name: target.name, type: target.type } : actor;
    const seen = top.get(entry.id);
    top.set(entry.id, seen ? { ...seen, count: cap(seen.count + entry.count) } : entry);
  }
  // Stable sort: equal counts keep the story's previous order.
  const topActors = [...top.values()].sort((a, b) => b.count - a.count);
  return { ...story, topActors, profile: { ...story.profile, actors: counts } };
}

function joinTags(a: ActorTag, b: ActorTag): ActorTag {
  const byStart = new Map<number, Mention>(a.mentions.map((m) => [m.start, m]));
  for (const m of b.mentions) if (!byStart.has(m.start)) byStart.set(m.start, m);
  const joined: ActorTag = {
    ...a,
    mentions: [...byStart.values()].sort((x, y) => x.start - y.start),
    salience: Math.max(a.salience, b.salience),
  };
  const role = a.role ?? b.role;
  if (role) joined.role = role;
  return joined;
}
