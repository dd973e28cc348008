/**
 * Synthetic stories for the benchmarks (`npm run bench`, `npm run bench:stories`): a store filled
 * fast with N stories written directly through BatchWriteItem in the shapes the adapter writes
 * (story item, summary item, search postings, index heads), from Zipf-distributed vocabularies that overlap real
 * articles' keys (common actors and terms are shared by thousands of stories, as in a real archive).
 *
 * Synthetic stories are realistic in what costs: a profile of 100 terms, 4-8 actors, 4 stored
 * sketches, ~18 index keys (their heads written once, as the adapter keeps them), and a few
 * hours of activity.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../lambdas/adapters/dynamodb';
import { DYNAMO_STORE_DEFAULTS } from '../lambdas/adapters/dynamodb/config';
import { searchPostingItems, storyItem, summaryItem } from '../lambdas/adapters/dynamodb/store';
import { addActivity } from '../lambdas/core/cluster';
import { contentTerms } from '../lambdas/core/cluster/terms';
import type { Story } from '../lambdas/core/model';
import type { startEmbedded } from '../lambdas/targets/embedded';
import type { LabelledArticle } from './clustering-data';
import { seededRandom } from './seeded-random';

/** Index of a Zipf-like draw over `n` items: item k is drawn about 1/(k+1) as often as item 0. */
export function zipf(rand: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n + 1)) - 1));
}

export interface Vocabulary {
  terms: string[];
  actors: string[];
}

/** Terms and actor ids of the real articles first (so real lookups hit crowded keys), then synthetic ones. */
export function vocabulary(articles: LabelledArticle[]): Vocabulary {
  const termCounts = new Map<string, number>();
  for (const a of articles) for (const t of contentTerms(`${a.title ?? ''} ${a.text}`, 2)) termCounts.set(t, (termCounts.get(t) ?? 0) + 1);
  const real = [...termCounts].sort((x, y) => y[1] - x[1]).map(([t]) => t);
  const terms = [...real, ...Array.from({ length: 50_000 }, (_, i) => `w${i.toString(36)}`)];
  const actors = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? `l:place-${i}` : i % 3 === 1 ? `p:person-${i}` : `o:org-${i}`));
  return { terms, actors };
}

export function syntheticStory(i: number, vocab: Vocabulary, rand: () => number): { story: Story; keys: string[] } {
  const id = `synthetic-${i.toString(36)}`;
  const terms: Record<string, number> = {};
  while (Object.keys(terms).length < 100) terms[vocab.terms[zipf(rand, vocab.terms.length)]] = Math.round(rand() * 1e4) / 1e5;
  const actorCount = 4 + Math.floor(rand() * 5);
  const actors: Record<string, number> = {};
  while (Object.keys(actors).length < actorCount) actors[vocab.actors[zipf(rand, vocab.actors.length)]] = 1 + Math.floor(rand() * 3);
  const signatures: Record<string, number[]> = {};
  for (let s = 0; s < 4; s++) {
    signatures[`${id}-a${s}`] = Array.from({ length: 128 }, () => Math.floor(rand() * 2 ** 32)).sort((a, b) => a - b);
  }
  // Spread over two years before the replayed articles; the gap model sees them as old news.
  const lastSeen = new Date(Date.UTC(2016, 0, 1) + Math.floor(rand() * 730) * 86_400_000).toISOString();
  const sources = ['reuters-com', 'apnews-com', 'bbc-co-uk', 'cnn-com'].slice(0, 1 + Math.floor(rand() * 4));
  const story: Story = {
    id,
    headline: Object.keys(terms).slice(0, 8).join(' '),
    firstSeen: lastSeen,
    lastSeen,
    articleCount: Object.keys(signatures).length,
    sources,
    sourceNames: Object.fromEntries(sources.map((s) => [s, s])),
    articleIds: Object.keys(signatures),
    topActors: Object.keys(actors).map((a) => ({ id: a, name: a, type: a.startsWith('l:') ? 'place' : a.startsWith('p:') ? 'person' : 'organization', count: actors[a] })),
    topTopics: [{ id: 'iptc:11000000', label: 'politics', score: 1 }],
    tracked: true,
    trackedBy: ['all'],
    profile: { terms, actors, topics: { 'iptc:11000000': 1 } },
    signatures,
    activity: Object.keys(signatures).reduce<Record<string, number>>(
      (activity, _, k) => addActivity(activity, new Date(Date.parse(lastSeen) - k * 3_600_000 * Math.floor(1 + rand() * 6)).toISOString(), 240), {}),
  };
  const keys = [
    ...Object.keys(actors).slice(0, 4).map((a) => `actor:${a}`),
    ...Object.keys(terms).slice(0, 6).map((t) => `term:${t}`),
    ...signatures[`${id}-a0`].slice(0, 8).map((h) => `sig:${h.toString(16).padStart(8, '0')}`),
  ];
  return { story, keys };
}

/** Writes the stories as the adapter would (story item, its summary, index items), 25 per BatchWriteItem, several in flight. */
export async function populate(runtime: Awaited<ReturnType<typeof startEmbedded>>, count: number, vocab: Vocabulary): Promise<void> {
  const doc = createDocumentClient(runtime.client);
  const rand = seededRandom(count); // the same stores every run
  const items: Record<string, unknown>[] = [];
  const flush = async (all: boolean) => {
    const batches: Record<string, unknown>[][] = [];
    while (items.length >= 25 || (all && items.length > 0)) batches.push(items.splice(0, 25));
    await Promise.all(batches.map(async (batch) => {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { newswatch: pending } }));
        pending = (out.UnprocessedItems?.newswatch ?? []) as typeof pending;
      }
    }));
  };
  // Index heads are built in memory (newest indexHeadSize per key) and written once at the end.
  const heads = new Map<string, { id: string; lastSeen: string }[]>();
  for (let i = 0; i < count; i++) {
    const { story, keys } = syntheticStory(i, vocab, rand);
    items.push(storyItem(story, 1), summaryItem({ ...story, version: 1 }), ...searchPostingItems(story));
    for (const key of new Set(keys)) {
      const head = heads.get(key) ?? [];
      head.push({ id: story.id, lastSeen: story.lastSeen });
      if (head.length > 4 * DYNAMO_STORE_DEFAULTS.indexHeadSize) trimHead(head);
      heads.set(key, head);
    }
    if (items.length >= 25 * 16) await flush(false);
  }
  for (const [key, head] of heads) {
    trimHead(head);
    items.push({ pk: `INDEX#${key}`, sk: 'HEAD', key, stories: Object.fromEntries(head.map(({ id, lastSeen }) => [id, lastSeen])) });
    if (items.length >= 25 * 16) await flush(false);
  }
  await flush(true);
}

function trimHead(head: { id: string; lastSeen: string }[]): void {
  head.sort((a, b) => (a.lastSeen === b.lastSeen ? (a.id < b.id ? -1 : 1) : a.lastSeen < b.lastSeen ? 1 : -1));
  head.length = Math.min(head.length, DYNAMO_STORE_DEFAULTS.indexHeadSize);
}

