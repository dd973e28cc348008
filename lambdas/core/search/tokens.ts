import type { Story } from '../model';
import { slug } from '../normalize/resolveSource';
import { foldName } from '../tag/fold-name';

/**
 * Search tokens of a story: what a story query can ask for, folded the way the query is (case,
 * accents and punctuation dropped), each prefixed by its kind so that a word never matches an
 * actor id. The store keeps them on the story's summary item and a query keeps the stories whose
 * tokens contain all the query's (a filter on a string set: exact, no ranking).
 */
export const TOKEN_PREFIX = {
  /** A word of the headline. */
  word: 'w:',
  /** An actor the story names (its current id). */
  actor: 'a:',
  /** A covering source: its id, and the slug of its name. */
  source: 's:',
  /** A watch that tracks the story. */
  watch: 't:',
} as const;

type TokenSource = Pick<Story, 'headline' | 'sources' | 'sourceNames' | 'topActors' | 'trackedBy'> & { profile?: Pick<Story['profile'], 'actors'> };

export function storySearchTokens(story: TokenSource): string[] {
  const tokens = new Set<string>();
  // Elided words are kept both ways: "l'Élection" is found by "l'election" and by "election".
  const split = story.headline.replace(/['’ʼ`´](?![sS](?![\p{L}\p{N}]))/gu, ' ');
  for (const word of [...headlineWords(story.headline), ...headlineWords(split)]) tokens.add(TOKEN_PREFIX.word + word);
  for (const actor of story.topActors) tokens.add(TOKEN_PREFIX.actor + actor.id);
  for (const id of Object.keys(story.profile?.actors ?? {})) tokens.add(TOKEN_PREFIX.actor + id);
  for (const id of story.sources) {
    tokens.add(TOKEN_PREFIX.source + id);
    const name = slug(story.sourceNames[id] ?? '');
    if (name) tokens.add(TOKEN_PREFIX.source + name);
  }
  for (const id of story.trackedBy) tokens.add(TOKEN_PREFIX.watch + id);
  return [...tokens].sort();
}

/** The folded words of a headline or of a query's text (`q`), once each. */
export function headlineWords(text: string): string[] {
  const folded = foldName(text);
  return folded ? [...new Set(folded.split(' '))] : [];
}

export function wordTokens(text: string): string[] {
  return headlineWords(text).map((word) => TOKEN_PREFIX.word + word);
}

export function actorToken(actorId: string): string {
  return TOKEN_PREFIX.actor + actorId;
}

/** A source given by id or name: both are kept as tokens, as slugs. */
export function sourceToken(source: string): string {
  return TOKEN_PREFIX.source + slug(source);
}

export function watchToken(watchId: string): string {
  return TOKEN_PREFIX.watch + watchId;
}
