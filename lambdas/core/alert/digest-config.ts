/**
 * Tuning constants of digests (core/alert/digest.ts). Kept apart from config.ts only because a
 * digest is its own message; the per-field caps (titles, names, links) are the alerts' own.
 */
export interface DigestConfig {
  /**
   * Stories a digest keeps, most new sources first; the rest are counted ("and N more stories").
   * With newSourcesPerStory and the field caps this bounds a stored digest well under DynamoDB's
   * 400 KB item: 25 × 8 × (200-character title + 1,000-character link) ≈ 240 KB at worst.
   */
  storyLimit: number;
  /** New sources listed per story; the rest are counted. */
  newSourcesPerStory: number;
  /** Hex characters of the sha256 kept in a digest id. */
  digestIdLength: number;
  /**
   * Alerts one run reads for its period at most (a key-range Query, paged): a week of a busy
   * deployment. Past it the oldest are composed and the rest are left out of that digest.
   */
  maxAlertsPerRun: number;
}

export const DEFAULT_DIGEST_CONFIG: Readonly<DigestConfig> = Object.freeze({
  storyLimit: 25,
  newSourcesPerStory: 8,
  digestIdLength: 32,
  maxAlertsPerRun: 20_000,
});

export function digestConfig(overrides?: Partial<DigestConfig>): DigestConfig {
  return { ...DEFAULT_DIGEST_CONFIG, ...overrides };
}
