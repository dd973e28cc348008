import type { ActorTag, Story, TopicTag, Watch } from '../model';

export interface WatchMatch {
  watchIds: string[];
  reasons: string[];
}

export interface WatchSubject {
  story: Story;
  article: { title: string; text: string; actors: ActorTag[]; topics: TopicTag[] };
}

interface NamedActor {
  id: string;
  name: string;
}

/**
 * The watches that track this story, each with a readable reason. A watch matches on any of
 * its criteria: everything (`all`), an actor (full name, id slug, or an unambiguous surname),
 * a topic (id, label or bare IPTC code) or a keyword (whole word or phrase in title or text).
 * Actors and topics are looked up on the article and on the story's top lists, so a story
 * stays matchable by what it is mostly about, not only by its latest article.
 */
export function matchWatches(watches: Watch[], subject: WatchSubject, foldName: (s: string) => string): WatchMatch {
  const actors = distinctActors([...subject.article.actors, ...subject.story.topActors]);
  const topics = distinctTopics([...subject.article.topics, ...subject.story.topTopics]);
  const actorIndex = indexActors(actors, foldName);
  const text = `${subject.article.title}\n${subject.article.text}`;

  const watchIds: string[] = [];
  const reasons: string[] = [];
  for (const watch of watches) {
    const reason = matchOne(watch, { actorIndex, topics, text, foldName });
    if (reason) {
      watchIds.push(watch.id);
      reasons.push(`watch "${watch.name}" ${reason}`);
    }
  }
  return { watchIds, reasons };
}

interface ActorIndex {
  /** Folded full names and id slugs -> actor. */
  exact: Map<string, NamedActor>;
  /** Folded last name -> every actor with that last name (ambiguous when more than one). */
  surname: Map<string, NamedActor[]>;
}

function matchOne(
  watch: Watch,
  context: { actorIndex: ActorIndex; topics: { id: string; label: string }[]; text: string; foldName: (s: string) => string },
): string | undefined {
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
    if (containsPhrase(context.text, keyword)) return `matched keyword "${keyword.trim()}"`;
  }
  return undefined;
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
 * Whole word or phrase, case-insensitive; a space in the phrase matches any whitespace within
 * a paragraph (a line break too), not a paragraph break.
 */
function containsPhrase(text: string, phrase: string): boolean {
  const words = phrase.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return false;
  const pattern = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(?:[^\\S\\n]+|[^\\S\\n]*\\n[^\\S\\n]*)');
  return new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}
