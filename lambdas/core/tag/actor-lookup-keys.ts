import type { ActorCandidate } from '../model';

/** The folded keys to look up in the actor registry: every key of every candidate, once. */
export function actorLookupKeys(candidates: ActorCandidate[]): string[] {
  return [...new Set(candidates.flatMap((c) => c.keys).filter(Boolean))];
}
