import type { Story } from '../model';

/**
 * Whether the story's own id list names every article it counts: until the list is capped
 * (`storyArticleIdLimit`, which keeps the newest), the list alone tells whether an article is in
 * it. A module of its own: the store imports it, and the Lambdas that only deliver alerts carry
 * the store but not the clustering code.
 */
export function listsEveryArticle(story: Pick<Story, 'articleIds' | 'articleCount'>): boolean {
  return story.articleIds.length >= story.articleCount;
}
