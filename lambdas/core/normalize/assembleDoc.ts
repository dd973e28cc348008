import { sanitizeField } from '../alert/sanitize';
import { RejectedInputError } from '../errors';
import type { InputFormat, NormalizedDoc } from '../model';
import type { NormalizeConfig } from './config';
import { deriveTitle } from './deriveTitle';
import { detectLanguage } from './detectLanguage';
import { joinParagraphs } from './whitespace';

export interface DocParts {
  format: InputFormat;
  paragraphs: string[];
  title?: string;
  byline?: string;
  publishedAt?: string;
  siteName?: string;
  url?: string;
  language?: string;
  sourceHint?: NormalizedDoc['sourceHint'];
  textSourceHint?: NormalizedDoc['textSourceHint'];
  index?: number;
}

/**
 * The NormalizedDoc from its parts: text joined, a title derived when none was found. Title,
 * byline and site name are one line each, without invisible characters, within their caps
 * (maxTitleChars, maxBylineChars): whatever the input, they fit a key, a store item and an alert.
 */
export function assembleDoc(parts: DocParts, config: NormalizeConfig): NormalizedDoc {
  const text = joinParagraphs(parts.paragraphs);
  if (text.length === 0) throw new RejectedInputError('no article text after extraction');
  const title = sanitizeField(parts.title, config.maxTitleChars) || sanitizeField(deriveTitle(text.split('\n\n')[0], config), config.maxTitleChars);
  const doc: NormalizedDoc = { title, text, format: parts.format, index: parts.index ?? 0 };
  // Only defined fields: the doc is compared, stored and printed as plain JSON.
  const byline = sanitizeField(parts.byline, config.maxBylineChars);
  if (byline) doc.byline = byline;
  if (parts.publishedAt) doc.publishedAt = parts.publishedAt;
  const siteName = sanitizeField(parts.siteName, config.maxBylineChars);
  if (siteName) doc.siteName = siteName;
  if (parts.url) doc.url = parts.url;
  doc.language = detectLanguage({ title, text, declared: parts.language });
  if (parts.sourceHint) doc.sourceHint = parts.sourceHint;
  if (parts.textSourceHint) doc.textSourceHint = parts.textSourceHint;
  return doc;
}
