/**
 * tagArticle: the whole tag step for one article, given what the registry already knows about
 * its actor keys (look them up first with actorLookupKeys(extractActors(doc))).
 */
import type { ActorRecord, Tags, Watch } from '../model';
import type { TagConfig } from './config';
import { extractActors, type ArticleText } from './extract-actors';
import { extractKeyphrases } from './extract-keyphrases';
import { resolveActors } from './resolve-actors';
import { tagTopics } from './tag-topics';

export function tagArticle(
  doc: ArticleText,
  watches: Watch[],
  known: Map<string, ActorRecord>,
  config?: Partial<TagConfig>,
): { tags: Tags; registryUpdates: ActorRecord[] } {
  const { actors, registryUpdates } = resolveActors(extractActors(doc, config), known);
  return {
    tags: { actors, topics: tagTopics(doc, watches, config), keyphrases: extractKeyphrases(doc, config) },
    registryUpdates,
  };
}
