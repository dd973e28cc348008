import type { Story } from '../../core/model';

/**
 * Copies of stories this store instance read or wrote, each at its version: a story read again
 * is then checked by its version alone (a projection of a few bytes) and taken from here when
 * the version is the same. Every write of a story item sets a new version (createStory,
 * addArticleToStory, saveStoryActors), so an unchanged version is an unchanged story, whoever
 * else writes the table: the check is the same in AWS, where other Lambdas write.
 *
 * Why: a story item grows to 8–12 KB (profile, sources, signatures, article ids) and a document
 * reads up to 8 candidates, mostly the same few busy stories again and again; reading them whole
 * was most of the bytes the SDK and the engine handled (docs/performance.md, third pass).
 *
 * Least recently used goes first past `limit`: a Map keeps insertion order, and a copy used is
 * moved to the end (a dependency for these few lines was not worth it).
 */
export class StoryCopies {
  private readonly copies = new Map<string, Story>();

  constructor(private readonly limit: number) {}

  get(id: string): Story | undefined {
    const copy = this.copies.get(id);
    if (copy) {
      this.copies.delete(id);
      this.copies.set(id, copy);
    }
    return copy;
  }

  /** The story as stored, with the version it is stored at. */
  remember(story: Story): void {
    if (story.version === undefined) return;
    this.copies.delete(story.id);
    this.copies.set(story.id, story);
    if (this.copies.size > this.limit) this.copies.delete(this.copies.keys().next().value!);
  }

  forget(id: string): void {
    this.copies.delete(id);
  }
}
