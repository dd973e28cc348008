import { RejectedInputError } from '../errors';
import type { InputFormat, NormalizedDoc } from '../model';
import type { NormalizeConfig } from './config';
import { deriveTitle } from './deriveTitle';
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

/** The NormalizedDoc from its parts: text joined, a title derived when none was found. */
export function assembleDoc(parts: DocParts, config: NormalizeConfig): NormalizedDoc {
  const text = joinParagraphs(parts.paragraphs);
  if (text.length === 0) throw new RejectedInputError('no article text after extraction');
  const title = parts.title?.trim() || deriveTitle(text.split('\n\n')[0], config);
  const doc: NormalizedDoc = { title, text, format: parts.format, index: parts.index ?? 0 };
  // Only defined fields: the doc is compared, stored and printed as plain JSON.
  if (parts.byline) doc.byline = parts.byline;
  if (parts.publishedAt) doc.publishedAt = parts.publishedAt;
  if (parts.siteName) doc.siteName = parts.siteName;
  if (parts.url) doc.url = parts.url;
  if (parts.language) doc.language = parts.language;
  if (parts.sourceHint) doc.sourceHint = parts.sourceHint;
  if (parts.textSourceHint) doc.textSourceHint = parts.textSourceHint;
  return doc;
}
