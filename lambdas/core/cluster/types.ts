import type { ActorTag, ActorType, SourceRef, TopicTag } from '../model';

/** What the cluster step compares: computed once per article by profileArticle. */
export interface ArticleProfile {
  /** Top weighted terms, L2-normalized (term -> weight). */
  terms: Record<string, number>;
  /** Actor id -> salience (0..1). */
  actors: Record<string, number>;
  /** Actor id -> type, so places can weigh less than persons and organizations. */
  actorTypes: Record<string, ActorType>;
  /** Topic id -> score. */
  topics: Record<string, number>;
  /** MinHash of the text's word shingles, for near-duplicate detection. */
  signature: number[];
  /** The title's content terms (term -> rarity), compared with a story's headline. */
  title?: Record<string, number>;
  /** The article's language when it is not English (639-1): the stop words its terms were read with. */
  language?: string;
}

/** The text and tags profileArticle reads. */
export interface ProfileInput {
  title: string;
  text: string;
  /** ISO 639-1 code or `und` (doc.language): picks the stop words; English when absent. */
  language?: string;
  actors: ActorTag[];
  topics: TopicTag[];
}

/** The article as the story aggregate needs it (startStory, mergeIntoStory). */
export interface StoryArticle {
  id: string;
  title: string;
  /** Article time (published, or ingested when unknown), ISO 8601. */
  publishedAt: string;
  source: SourceRef;
  profile: ArticleProfile;
  actors: ActorTag[];
  topics: TopicTag[];
  /** Used for a headline when the title is empty, and to tell a title derived from it (titleIsTextLead). */
  text?: string;
}

export type StoryAssignment =
  | {
      action: 'join';
      storyId: string;
      score: number;
      reason: string;
      /** The story's article this one rewrites or syndicates. */
      copyOf?: string;
      copySimilarity?: number;
    }
  | { action: 'create'; reason: string; bestScore?: number };
