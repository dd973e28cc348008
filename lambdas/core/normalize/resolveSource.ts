import { createHash } from 'node:crypto';
import { sanitizeField } from '../alert/sanitize';
import type { NormalizedDoc, SourceRef } from '../model';
import { defaultNormalizeConfig, MAX_DOMAIN_CHARS, type NormalizeConfig } from './config';

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
 *
 * Whatever the evidence holds, the source fits: its name is one line without invisible
 * characters, at most maxSourceNameChars; its id a slug of at most maxSourceIdChars (a longer
 * one ends in a hash of the whole), so it is a valid DynamoDB key part and two long names stay
 * two sources. Evidence with nothing visible in it counts as no evidence.
 */
export function resolveSource(
  { cliSource, metadata, doc, key }: SourceEvidence,
  config: Pick<NormalizeConfig, 'maxSourceNameChars' | 'maxSourceIdChars'> = defaultNormalizeConfig,
): SourceRef {
  const ref = (name: string | undefined, domain: string | undefined, origin: SourceRef['origin']) => sourceRef(name, domain, origin, config);
  return ref(cliSource, undefined, 'cli')
    ?? ref(metadata.source, undefined, 'metadata')
    ?? (doc.sourceHint?.origin === 'json' ? ref(doc.sourceHint.name, doc.sourceHint.domain, 'json') : undefined)
    ?? (doc.sourceHint?.origin === 'page' ? ref(doc.sourceHint.name, doc.sourceHint.domain, 'page') : undefined)
    ?? ref(incomingFolder(key), undefined, 'key-prefix')
    ?? (doc.textSourceHint ? ref(doc.textSourceHint.name, doc.textSourceHint.domain, 'text') : undefined)
    ?? { ...UNKNOWN };
}

function sourceRef(
  rawName: string | undefined, rawDomain: string | undefined, origin: SourceRef['origin'],
  config: Pick<NormalizeConfig, 'maxSourceNameChars' | 'maxSourceIdChars'>,
): SourceRef | undefined {
  const name = sanitizeField(rawName);
  if (!name) return undefined;
  const domain = sanitizeField(rawDomain).toLowerCase().replace(/^www\./, '');
  const bareDomain = (domain && domain.length <= MAX_DOMAIN_CHARS ? domain : undefined) ?? domainOf(name);
  const displayName = sanitizeField(name.replace(/^www\./i, ''), config.maxSourceNameChars);
  // The domain is the more stable identity: "Reuters" and "REUTERS" are one outlet, so are their pages.
  const id = capSlug(slug(bareDomain ?? name), config.maxSourceIdChars) || 'unknown';
  return { id, name: displayName, ...(bareDomain ? { domain: bareDomain } : {}), origin };
}

/** A slug of at most `max` code points: a longer one is cut and ends in 8 hex characters of its hash. */
function capSlug(id: string, max: number): string {
  const chars = [...id];
  if (chars.length <= max) return id;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  return `${chars.slice(0, Math.max(0, max - hash.length - 1)).join('').replace(/-+$/, '')}-${hash}`;
}

/** "reuters.com" or "www.reuters.com" names a domain; "Reuters" does not. */
function domainOf(name: string): string | undefined {
  const candidate = name.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, '');
  return candidate.length <= MAX_DOMAIN_CHARS && /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(candidate) ? candidate : undefined;
}

/**
 * The folder right under an "incoming" segment: in an S3 key, the drop prefix it starts with;
 * in a local path (resolved: "incoming/a/../b/x.txt" is /…/incoming/b/x.txt), the innermost
 * one, the folder nearest the file (as `ingest --aws` picks the key: app/upload.ts).
 */
function incomingFolder(key: string): string | undefined {
  // "." and ".." are read as a path would be, even in a key that was not resolved before.
  const segments: string[] = [];
  for (const segment of key.split(/[\\/]+/)) {
    if (segment === '.') continue;
    const last = segments[segments.length - 1];
    if (segment === '..' && last !== undefined && last !== '..' && last !== '') segments.pop();
    else segments.push(segment);
  }
  const isIncoming = (s: string) => s.toLowerCase() === 'incoming';
  // It must be a folder: at least one more segment (the file) after it.
  const hasFolder = (at: number) => at !== -1 && at + 2 < segments.length;
  let at = isIncoming(segments[0]) ? 0 : -1;
  for (let i = segments.length - 3; !hasFolder(at) && i >= 0; i -= 1) if (isIncoming(segments[i])) at = i;
  if (!hasFolder(at)) return undefined;
  const folder = segments[at + 1].trim();
  return folder.length > 0 && folder !== '.' && folder !== '..' ? folder : undefined;
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
