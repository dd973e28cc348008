import type { InputFormat } from '../model';

const BY_CONTENT_TYPE: [RegExp, InputFormat][] = [
  [/^(?:text\/html|application\/xhtml\+xml)$/, 'html'],
  [/^(?:text\/(?:csv|tab-separated-values)|application\/(?:x-)?csv)$/, 'csv'],
  [/^text\/(?:x-)?markdown$/, 'markdown'],
  [/^application\/(?:x-)?(?:ndjson|jsonl|jsonlines|json-seq)$/, 'jsonl'],
  [/^(?:application|text)\/(?:[\w.-]+\+)?json$/, 'json'],
  [/^(?:application\/(?:rss|atom)\+xml|application\/xml|text\/xml)$/, 'feed'],
];

const BY_EXTENSION: Record<string, InputFormat> = {
  html: 'html', htm: 'html', xhtml: 'html', md: 'markdown', markdown: 'markdown', mdown: 'markdown',
  json: 'json', jsonl: 'jsonl', ndjson: 'jsonl', jsonlines: 'jsonl', txt: 'text', text: 'text',
  xml: 'feed', rss: 'feed', atom: 'feed', csv: 'csv', tsv: 'csv',
};

/**
 * The input format: a specific Content-Type, else the file extension, else the content itself.
 * Generic types (text/plain, octet-stream) say nothing, S3 clients set them by default.
 */
export function detectFormat(key: string, contentType: string | undefined, text: string): InputFormat {
  const mime = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  const declared = BY_CONTENT_TYPE.find(([pattern]) => pattern.test(mime))?.[1] ??
    BY_EXTENSION[/\.([a-z]+)$/i.exec(key)?.[1].toLowerCase() ?? ''];
  const format = declared ?? sniffFormat(text);
  // NDJSON is often saved as .json: one object per line is not one JSON document.
  return format === 'json' && looksLikeJsonLines(text) ? 'jsonl' : format;
}

function sniffFormat(text: string): InputFormat {
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  const head = start.slice(0, 2048);
  if (/^(?:<\?xml[^>]*>\s*(?:<!--[\s\S]*?-->\s*)*)?<(?:rss|feed|rdf:RDF)\b/i.test(head)) return 'feed';
  if (/^</.test(start) && /<(?:!doctype html|html|head|body|article|main|p|div)\b/i.test(head)) return 'html';
  if (looksLikeMarkdown(start)) return 'markdown';
  return 'text';
}

function looksLikeMarkdown(text: string): boolean {
  if (/^---\n[\s\S]*?\n---\n/.test(text) || /^#{1,6}\s+\S/.test(text)) return true;
  const signals = [
    /^#{1,6}\s+\S/m, /\[[^\]\n]+\]\((?:https?:|\/)[^)\s]*\)/, /^\s*[-*+]\s+\S/m,
    /\*\*[^*\n]+\*\*/, /^>\s/m, /^```/m,
  ];
  return signals.filter((s) => s.test(text)).length >= 2;
}

function looksLikeJsonLines(text: string): boolean {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  return lines.length >= 2 && lines.every((l) => l.startsWith('{')) && lines[0].endsWith('}');
}
