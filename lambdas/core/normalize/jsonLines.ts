import { RejectedInputError, errorMessage } from '../errors';
import type { PendingOutcome } from './pending';
import type { NormalizeConfig } from './config';
import { readJsonArticle } from './jsonArticle';
import { parseJson } from './parseJson';

/**
 * JSON Lines / NDJSON: one article per line, index = the line's position (0-based). A bad
 * line is an outcome of its own and never stops the lines beside it. Each line is normalized
 * when called (pending.ts): a long file's first line is ready before the rest are read.
 */
export function splitJsonLines(text: string, config: NormalizeConfig): PendingOutcome[] {
  const pending: PendingOutcome[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim().length === 0) return;
    pending.push(() => {
      try {
        return { ok: true, doc: readJsonArticle(parseJson(line), index, 'jsonl', config) };
      } catch (error) {
        if (!(error instanceof RejectedInputError)) throw error;
        return { ok: false, index, error: `line ${index + 1}: ${errorMessage(error)}` };
      }
    });
  });
  if (pending.length === 0) throw new RejectedInputError('empty object: no JSON lines');
  return pending;
}
