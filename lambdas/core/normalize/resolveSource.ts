import type { NormalizedDoc, SourceRef } from '../model';

export interface SourceEvidence {
  /** --source on the command line: the user said so. */
  cliSource?: string;
  /** Object metadata (x-amz-meta-source). */
  metadata: Record<string, string>;
  doc: NormalizedDoc;
  /** Object key or local path: "incoming/<source>/…" names the source. */
  key: string;
}

const UNKNOWN: SourceRef = { id: 'unknown', name: 'Unknown source', origin: 'unknown' };

/**
 * Who published the article, strongest evidence first: the CLI, the object's metadata, a
 * JSON field, the page's own metadata, the drop folder, a mention in the prose, else unknown.
 */
export function resolveSource({ cliSource, metadata, doc, key }: SourceEvidence): SourceRef {
  const cli = cliSource?.trim();
  if (cli) return sourceRef(cli, undefined, 'cli');
  const fromMetadata = metadata.source?.trim();
  if (fromMetadata) return sourceRef(fromMetadata, undefined, 'metadata');
  if (doc.sourceHint?.origin === 'json') return sourceRef(doc.sourceHint.name, doc.sourceHint.domain, 'json');
  if (doc.sourceHint?.origin === 'page') return sourceRef(doc.sourceHint.name, doc.sourceHint.domain, 'page');
  const folder = incomingFolder(key);
  if (folder) return sourceRef(folder, undefined, 'key-prefix');
  if (doc.textSourceHint) return sourceRef(doc.textSourceHint.name, doc.textSourceHint.domain, 'text');
  return { ...UNKNOWN };
}

function sourceRef(name: string, domain: string | undefined, origin: SourceRef['origin']): SourceRef {
  const bareDomain = domain?.toLowerCase().replace(/^www\./, '') ?? domainOf(name);
  const displayName = name.replace(/^www\./i, '');
  // The domain is the more stable identity: "Reuters" and "REUTERS" are one outlet, so are their pages.
  const id = slug(bareDomain ?? name) || 'unknown';
  return { id, name: displayName, ...(bareDomain ? { domain: bareDomain } : {}), origin };
}

/** "reuters.com" or "www.reuters.com" names a domain; "Reuters" does not. */
function domainOf(name: string): string | undefined {
  const candidate = name.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, '');
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(candidate) ? candidate : undefined;
}

/** The folder right under an "incoming" segment, in an S3 key or a local path. */
function incomingFolder(key: string): string | undefined {
  const segments = key.split(/[\\/]+/);
  const at = segments.findIndex((s) => s.toLowerCase() === 'incoming');
  // It must be a folder: at least one more segment (the file) after it.
  if (at === -1 || at + 2 >= segments.length) return undefined;
  const folder = segments[at + 1].trim();
  return folder.length > 0 ? folder : undefined;
}

/** Lower-case, non-alphanumerics to "-", trimmed; accents folded so "Le Monde" ≈ "Le Mondé". */
export function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
