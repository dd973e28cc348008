import { RejectedInputError, errorMessage } from '../errors';
import type { NormalizeOutcome } from '../model';
import type { NormalizeConfig } from './config';
import { readJsonArticle } from './jsonArticle';
import { parseJson } from './parseJson';

/**
 * JSON Lines / NDJSON: one article per line, index = the line's position (0-based). A bad
 * line is an outcome of its own and never stops the lines beside it.
 */
export function normalizeJsonLines(text: string, config: NormalizeConfig): NormalizeOutcome[] {
  const outcomes: NormalizeOutcome[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim().length === 0) return;
    try {
      outcomes.push({ ok: true, doc: readJsonArticle(parseJson(line), index, 'jsonl', config) });
    } catch (error) {
      if (!(error instanceof RejectedInputError)) throw error;
      outcomes.push({ ok: false, index, error: `line ${index + 1}: ${errorMessage(error)}` });
    }
  });
  if (outcomes.length === 0) throw new RejectedInputError('empty object: no JSON lines');
  return outcomes;
}
