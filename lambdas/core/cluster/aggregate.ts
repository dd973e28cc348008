/** Helpers shared by startStory and mergeIntoStory: the story aggregate's bounded parts. */
import type { ClusterConfig } from './config';
import { topEntries } from './terms';
import type { StoryArticle } from './types';
import type { ActorType, Story } from '../model';

type TopActor = Story['topActors'][number];
type TopTopic = Story['topTopics'][number];

/** Headline: the title, else the first words of the text. */
/**
 * True when the article has no title of its own: none, or one derived from the first words of
 * its text (normalize derives it from the first sentence when the source gave none).
 */
export function titleIsTextLead(article: StoryArticle): boolean {
  const title = collapse(article.title).replace(/(…|\.\.\.)$/, '');
  if (!title) return true;
  return article.text !== undefined && collapse(article.text).startsWith(title);
}

function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export function headlineOf(article: StoryArticle, config: ClusterConfig): string {
  const title = article.title.trim();
  if (title) return title;
  const words = (article.text ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '(untitled)';
  const head = words.slice(0, config.headlineWords).join(' ');
  return words.length > config.headlineWords ? `${head}…` : head;
}

/**
 * Top actors by article count; on ties persons and organizations before places, then the
 * story's previous order, then the article's salience: the story's subject stays first.
 */
export function rankActors(
  counts: Record<string, number>,
  known: Map<string, { name: string; type: ActorType }>,
  limit: number,
  tieBreak: { previous: TopActor[]; article: StoryArticle },
): TopActor[] {
  const previousRank = new Map(tieBreak.previous.map((actor, rank) => [actor.id, rank]));
  const salience = new Map<string, number>();
  for (const actor of tieBreak.article.actors) salience.set(actor.id, Math.max(salience.get(actor.id) ?? 0, actor.salience));
  return Object.entries(counts)
    .map(([id, count]) => {
      const meta = known.get(id) ?? { name: nameFromId(id), type: typeFromId(id) };
      return { id, name: meta.name, type: meta.type, count };
    })
    .sort(
      (a, b) =>
        b.count - a.count ||
        Number(a.type === 'place') - Number(b.type === 'place') ||
        (previousRank.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (previousRank.get(b.id) ?? Number.MAX_SAFE_INTEGER) ||
        (salience.get(b.id) ?? 0) - (salience.get(a.id) ?? 0) ||
        compare(a.id, b.id),
    )
    .slice(0, limit);
}

export function rankTopics(scores: Record<string, number>, labels: Map<string, string>, limit: number): TopTopic[] {
  return topEntries(scores, limit).map(([id, score]) => ({ id, label: labels.get(id) ?? id, score: round(score) }));
}

/** Names and types known for the story's actors: its current top list, then the article's tags. */
export function actorMetadata(previous: TopActor[], article: StoryArticle): Map<string, { name: string; type: ActorType }> {
  const known = new Map<string, { name: string; type: ActorType }>();
  for (const actor of previous) known.set(actor.id, { name: actor.name, type: actor.type });
  for (const actor of article.actors) known.set(actor.id, { name: actor.name, type: actor.type });
  return known;
}

export function topicLabels(previous: TopTopic[], article: StoryArticle): Map<string, string> {
  const labels = new Map<string, string>();
  for (const topic of previous) labels.set(topic.id, topic.label);
  for (const topic of article.topics) labels.set(topic.id, topic.label);
  return labels;
}

/** Keeps the last `limit` entries, in insertion order. */
export function keepLast<T>(items: T[], limit: number): T[] {
  return items.length > limit ? items.slice(items.length - limit) : items;
}

/** Ids of the actors the article names, once each. */
export function distinctActorIds(article: StoryArticle): string[] {
  return [...new Set(article.actors.map((actor) => actor.id))];
}

/** Topic id -> the article's best score for it. */
export function topicScores(article: StoryArticle): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const topic of article.topics) scores[topic.id] = Math.max(scores[topic.id] ?? 0, topic.score);
  return scores;
}

export function boundedTerms(terms: Record<string, number>, limit: number): Record<string, number> {
  return Object.fromEntries(topEntries(terms, limit).map(([term, weight]) => [term, round(weight, 6)]));
}

export function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** "p:marco-rubio" -> "Marco Rubio": a readable fallback when no tag named the actor. */
function nameFromId(id: string): string {
  const slug = id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
  return slug
    .split('-')
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}

function typeFromId(id: string): ActorType {
  if (id.startsWith('p:')) return 'person';
  if (id.startsWith('l:')) return 'place';
  return 'organization';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
