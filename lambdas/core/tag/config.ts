/** Tuning constants of the tag step, named in one place. Callers may override any of them. */
export interface TagConfig {
  /** Longest alias, in tokens, tried against the gazetteers. */
  maxGazetteerTokens: number;
  /** Longest capitalised run, in tokens, still taken as one name. */
  maxNameTokens: number;
  /** A line with at most this many words and no sentence punctuation at its end is a heading. */
  headingMaxWords: number;
  /** Share of capitalised content words that makes a short line a heading (title case). */
  headingCapitalisedShare: number;
  /** Salience = weights of (mention share, earliness, presence in the title); they sum to 1. */
  salienceMentionWeight: number;
  salienceEarlinessWeight: number;
  salienceTitleWeight: number;
  /** Topics: a topic is returned when its normalized score reaches this. */
  topicThreshold: number;
  /** Cue evidence (sum of cue weights, title hits counted extra) that maps to score 1. */
  topicSaturation: number;
  /** A cue found in the title counts this many times its weight. */
  topicTitleBoost: number;
  /** A child topic lifts its parent to this share of its own score. */
  topicParentLift: number;
  /** Watch keyword hits (title hits boosted) that map to score 1. */
  watchKeywordSaturation: number;
  /** At most this many IPTC topics per article. */
  maxTopics: number;
  /** Keyphrases returned. */
  maxKeyphrases: number;
  /** Longest keyphrase, in words. */
  maxKeyphraseWords: number;
  /** Extra weight for a phrase seen in the title or the first paragraph. */
  keyphraseTitleBoost: number;
  keyphraseLeadBoost: number;
  /** A single word counts this much per occurrence; an n-word phrase counts n. */
  keyphraseSingleWordWeight: number;
  /**
   * Who finds name mentions: 'model' the trained mention model (reading the rule spans as
   * features), 'model+known' the same plus gazetteer spans it left out, 'rules' the rules alone.
   */
  mentionFinder: 'model' | 'model+known' | 'rules';
}

export const DEFAULT_TAG_CONFIG: TagConfig = {
  maxGazetteerTokens: 6,
  maxNameTokens: 6,
  headingMaxWords: 14,
  headingCapitalisedShare: 0.6,
  salienceMentionWeight: 0.55,
  salienceEarlinessWeight: 0.2,
  salienceTitleWeight: 0.25,
  topicThreshold: 0.3,
  topicSaturation: 6,
  topicTitleBoost: 2,
  topicParentLift: 0.8,
  watchKeywordSaturation: 2,
  maxTopics: 8,
  maxKeyphrases: 10,
  maxKeyphraseWords: 3,
  keyphraseTitleBoost: 2,
  keyphraseLeadBoost: 0.5,
  keyphraseSingleWordWeight: 0.6,
  mentionFinder: 'model+known',
};

export function tagConfig(overrides?: Partial<TagConfig>): TagConfig {
  return { ...DEFAULT_TAG_CONFIG, ...overrides };
}
