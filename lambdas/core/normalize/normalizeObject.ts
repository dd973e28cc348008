import { RejectedInputError } from '../errors';
import type { InputFormat, NormalizeOutcome, NormalizedDoc, RawObject } from '../model';
import { type NormalizeConfig, resolveNormalizeConfig } from './config';
import { decodeObject } from './decode';
import { detectFormat } from './detectFormat';
import { normalizeCsv } from './csv';
import { normalizeHtml } from './html';
import { normalizeJson } from './json';
import { normalizeJsonLines } from './jsonLines';
import { normalizeMarkdown } from './markdown';
import { normalizePlainText } from './plainText';

/**
 * One raw object to its documents: decode (gzip, charset), detect the format, extract.
 * Throws RejectedInputError when the whole object is unusable; a batch reports bad
 * entries as `{ok: false}` outcomes beside the good ones.
 */
export function normalizeObject(raw: RawObject, config?: Partial<NormalizeConfig>): NormalizeOutcome[] {
  const settings = resolveNormalizeConfig(config);
  const decoded = decodeObject(raw, settings);
  const format = detectFormat(decoded.logicalKey, raw.contentType, decoded.text);
  switch (format) {
    case 'json':
      return normalizeJson(decoded.text, settings);
    case 'jsonl':
      return normalizeJsonLines(decoded.text, settings);
    case 'csv':
      return normalizeCsv(decoded.text, settings);
    default:
      return [{ ok: true, doc: normalizeDocument(format, decoded.text, settings, raw.metadata?.url) }];
  }
}

function normalizeDocument(format: InputFormat, text: string, config: NormalizeConfig, url: string | undefined): NormalizedDoc {
  switch (format) {
    case 'html':
      // Object metadata "url" (x-amz-meta-url, the poller's fetch URL): where the page came from.
      return normalizeHtml(text, config, { url });
    case 'markdown':
      return normalizeMarkdown(text, config);
    case 'text':
      return normalizePlainText(text, config);
    default:
      throw new RejectedInputError(`unsupported format: ${format} files are not articles normalize can read`);
  }
}
