import { RejectedInputError, errorMessage } from '../errors';
import type { PendingOutcome } from './pending';
import type { NormalizeConfig } from './config';
import { readJsonArticle } from './jsonArticle';
import { parseJson } from './parseJson';

/**
 * A JSON document: one article, an array of articles, or NewsAPI's {articles: [...]}.
 * A bad entry in a batch is an outcome of its own; a single bad article rejects the object.
 * Each entry is normalized when called (pending.ts).
 */
export function splitJson(text: string, config: NormalizeConfig): PendingOutcome[] {
  const value = parseJson(text);
  const batch = Array.isArray(value) ? value : articlesOf(value);
  if (!batch) {
    const doc = readJsonArticle(value, 0, 'json', config);
    return [() => ({ ok: true, doc })];
  }
  if (batch.length === 0) throw new RejectedInputError('no articles: the JSON batch is empty');
  return batch.map((entry, index) => () => {
    try {
      return { ok: true, doc: readJsonArticle(entry, index, 'json', config) };
    } catch (error) {
      if (!(error instanceof RejectedInputError)) throw error;
      return { ok: false, index, error: `article ${index}: ${errorMessage(error)}` };
    }
  });
}

function articlesOf(value: unknown): unknown[] | undefined {
  const articles = value && typeof value === 'object' ? (value as { articles?: unknown }).articles : undefined;
  return Array.isArray(articles) ? articles : undefined;
}
