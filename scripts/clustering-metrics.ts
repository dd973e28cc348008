/** Scoring shared by the clustering evaluation and the fitting notes: B-cubed, true new sources, the event split. */
import { fnv1a } from '../lambdas/core/cluster/minhash';

export type Part = 'all' | 'fit' | 'holdout';

/** The fixed half an event belongs to: a hash of its label, so the split never depends on order. */
export function splitOf(label: string): 'fit' | 'holdout' {
  return fnv1a(label) % 2 === 0 ? 'fit' : 'holdout';
}

/** B-cubed precision/recall/F1 (Bagga & Baldwin): per item, averaged over items. */
export function bcubed(items: { id: string; label: string; cluster: string }[]): { precision: number; recall: number; f1: number } {
  if (items.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const clusterSize = new Map<string, number>();
  const labelSize = new Map<string, number>();
  const both = new Map<string, number>();
  for (const item of items) {
    clusterSize.set(item.cluster, (clusterSize.get(item.cluster) ?? 0) + 1);
    labelSize.set(item.label, (labelSize.get(item.label) ?? 0) + 1);
    const key = `${item.cluster}\u0000${item.label}`;
    both.set(key, (both.get(key) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  for (const item of items) {
    const shared = both.get(`${item.cluster}\u0000${item.label}`)!;
    precision += shared / clusterSize.get(item.cluster)!;
    recall += shared / labelSize.get(item.label)!;
  }
  precision /= items.length;
  recall /= items.length;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/**
 * Ids of the articles that are true new sources, replaying in the given order: the labelled
 * story already had an article, and none from this article's publisher.
 */
export function trueNewSources(articles: { id: string; label: string; source: string }[]): Set<string> {
  const sourcesByLabel = new Map<string, Set<string>>();
  const truth = new Set<string>();
  for (const article of articles) {
    const sources = sourcesByLabel.get(article.label) ?? new Set<string>();
    if (sources.size > 0 && !sources.has(article.source)) truth.add(article.id);
    sources.add(article.source);
    sourcesByLabel.set(article.label, sources);
  }
  return truth;
}
