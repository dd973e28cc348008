import { clusterConfig, type ClusterConfig } from './config';
import { titleTerms } from './features';
import { minhashSignature } from './minhash';
import { rulesLanguageOf } from '../tag/language';
import { contentTerms, l2Normalize, stopWordsFor, termRarity, topEntries } from './terms';
import type { ArticleProfile, ProfileInput } from './types';
import type { ActorType } from '../model';

/**
 * The features of one article that clustering compares: weighted terms (sublinear tf x a
 * static rarity proxy, title boosted, top K, L2-normalized), actor saliences, topic scores and
 * a MinHash signature of the text for near-duplicates. Stop words are the article's language's.
 */
export function profileArticle(doc: ProfileInput, overrides?: Partial<ClusterConfig>): ArticleProfile {
  const config = clusterConfig(overrides);
  // The language whose stop words apply: the detected one when the text bears it out (tag/language.ts).
  const language = rulesLanguageOf(doc);
  const stopWords = stopWordsFor(language);
  const counts = new Map<string, number>();
  for (const term of contentTerms(doc.text, config.minTermLength, stopWords)) counts.set(term, (counts.get(term) ?? 0) + 1);
  for (const term of contentTerms(doc.title, config.minTermLength, stopWords)) {
    counts.set(term, (counts.get(term) ?? 0) + config.titleBoost);
  }

  const weights: Record<string, number> = {};
  for (const [term, count] of counts) weights[term] = (1 + Math.log(count)) * termRarity(term, config);
  const terms = l2Normalize(Object.fromEntries(topEntries(weights, config.articleTermCount)));

  const actors: Record<string, number> = {};
  const actorTypes: Record<string, ActorType> = {};
  for (const actor of doc.actors) {
    // The tagger may emit one actor twice (two surface forms): keep the strongest salience.
    actors[actor.id] = Math.max(actors[actor.id] ?? 0, actor.salience);
    actorTypes[actor.id] = actor.type;
  }
  const topics: Record<string, number> = {};
  for (const topic of doc.topics) topics[topic.id] = Math.max(topics[topic.id] ?? 0, topic.score);

  const signatureText = doc.text.trim() ? doc.text : doc.title;
  const signature = minhashSignature(signatureText, config, stopWords);
  // The language rides along only when it is not English, so English profiles stay as they were.
  return { terms, actors, actorTypes, topics, signature, title: titleTerms(doc.title, config, language), ...(language ? { language } : {}) };
}
