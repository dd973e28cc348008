import { clusterConfig, type ClusterConfig } from './config';
import { topEntries } from './terms';
import type { ArticleProfile } from './types';

/**
 * Index keys of an article: the story it joins is stored under them, and the same keys find
 * candidate stories for the next article. Bounded (actors + terms + signature keys), so the
 * lookup cost of an article does not grow with the number of stories.
 *
 * - `actor:<id>`: the most salient actors, persons and organizations before places (a place
 *   such as Ukraine is shared by too many unrelated stories to find the right one first);
 * - `term:<term>`: the most weighted terms, and the most weighted terms of the title (a title
 *   names the story even when the body is mostly about something else);
 * - `sig:<hash>`: the smallest hashes of the near-duplicate sketch, shared by texts that share
 *   wording, so that a copy finds the story of its original even when its tags differ.
 */
export function candidateKeys(profile: ArticleProfile, overrides?: Partial<ClusterConfig>): string[] {
  const config = clusterConfig(overrides);
  const actorIds = Object.entries(profile.actors)
    .map(([id, salience]) => ({ id, salience, isPlace: profile.actorTypes[id] === 'place' }))
    .sort((a, b) => Number(a.isPlace) - Number(b.isPlace) || b.salience - a.salience || compare(a.id, b.id))
    .slice(0, config.maxActorKeys)
    .map(({ id }) => actorIndexKey(id));
  const terms = [...topEntries(profile.terms, config.maxTermKeys), ...topEntries(profile.title ?? {}, config.maxTitleTermKeys)]
    .map(([term]) => `term:${term}`);
  const signatureKeys = profile.signature
    .slice(0, config.maxSignatureKeys)
    .map((hash) => `sig:${hash.toString(16).padStart(8, '0')}`);
  return [...new Set([...actorIds, ...terms, ...signatureKeys])];
}

/** The index key of an actor: the stories that name it are found (and rewritten on a merge) by it. */
export function actorIndexKey(actorId: string): string {
  return `actor:${actorId}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
