import { RejectedInputError } from '../errors';
import type { InputFormat, NormalizeOutcome, NormalizedDoc, RawObject } from '../model';
import { type NormalizeConfig, resolveNormalizeConfig } from './config';
import { decodeObject } from './decode';
import { detectFormat } from './detectFormat';
import { splitCsv } from './csv';
import { normalizeHtml } from './html';
import { splitJson } from './json';
import { splitJsonLines } from './jsonLines';
import { normalizeMarkdown } from './markdown';
import type { PendingOutcome } from './pending';
import { normalizePlainText } from './plainText';

/**
 * One raw object to its documents: decode (gzip, charset), detect the format, extract.
 * Throws RejectedInputError when the whole object is unusable; a batch reports bad
 * entries as `{ok: false}` outcomes beside the good ones.
 */
export function normalizeObject(raw: RawObject, config?: Partial<NormalizeConfig>): NormalizeOutcome[] {
  return splitObject(raw, config).map((normalize) => normalize());
}

/**
 * The same, each document normalized only when called (ingestObject: a batch's first document is
 * stored while the others wait). What makes the whole object unusable is still thrown here.
 */
export function splitObject(raw: RawObject, config?: Partial<NormalizeConfig>): PendingOutcome[] {
  const settings = resolveNormalizeConfig(config);
  const decoded = decodeObject(raw, settings);
  const format = detectFormat(decoded.logicalKey, raw.contentType, decoded.text);
  switch (format) {
    case 'json':
      return splitJson(decoded.text, settings);
    case 'jsonl':
      return splitJsonLines(decoded.text, settings);
    case 'csv':
      return splitCsv(decoded.text, settings);
    default: {
      const doc = normalizeDocument(format, decoded.text, settings, raw.metadata?.url);
      return [() => ({ ok: true, doc })];
    }
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
