import type { NormalizedDoc } from '../model';
import { cleanBlocks } from './cleanBlocks';
import type { NormalizeConfig } from './config';
import { assembleDoc } from './assembleDoc';
import { normalizeWhitespace } from './whitespace';

/** A plain-text scrape (the seeds): one block per line, boilerplate out, title and hints found. */
export function normalizePlainText(text: string, config: NormalizeConfig): NormalizedDoc {
  const cleaned = cleanBlocks(splitTextBlocks(text, config), config);
  return assembleDoc({ ...cleaned, format: 'text' }, config);
}

/**
 * Each line is a block, except in hard-wrapped text (every line short, paragraphs between
 * blank lines), where the lines of a paragraph are joined back.
 */
export function splitTextBlocks(text: string, config: NormalizeConfig): string[] {
  const lines = normalizeWhitespace(text).split('\n');
  const filled = lines.filter((l) => l.length > 0);
  const hardWrapped = filled.length >= config.hardWrapMinLines &&
    filled.length < lines.length &&
    filled.every((l) => l.length <= config.hardWrapMaxChars);
  if (!hardWrapped) return filled;

  const blocks: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) blocks.push(current.join(' '));
    current = [];
  };
  for (const line of lines) {
    if (line.length === 0 || /^(?:\d{1,2}[.)]|[-*•])\s/u.test(line)) flush();
    if (line.length > 0) current.push(line);
  }
  flush();
  return blocks;
}
