import type { NormalizeOutcome } from '../model';

/**
 * One document of an object, normalized when called. Splitting an object into its documents is
 * cheap; normalizing one (language detection above all) is not: a drop of 6,000 JSON Lines took
 * seconds to normalize whole before its first document could be stored (docs/performance.md).
 * Called once each, in any order; a bad document is an `{ok: false}` outcome, as before.
 */
export type PendingOutcome = () => NormalizeOutcome;
