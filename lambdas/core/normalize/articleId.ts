import { createHash } from 'node:crypto';

/**
 * The article id: the same text from the same source is the same article, whatever the
 * file name, whitespace or letter case of the upload.
 */
export function articleIdFor(sourceId: string, text: string): string {
  const canonicalText = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${sourceId}\n${canonicalText}`).digest('hex').slice(0, 20);
}
