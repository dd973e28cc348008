import { errorMessage } from '../core/errors';
import type { NormalizedDoc } from '../core/model';
import { normalizeObject } from '../core/normalize';
import { listInputs, readLocalObject } from '../adapters/local/file-objects';

/** What `newswatch extract` prints per document: the normalize step's output, nothing stored. */
export type ExtractResult = Partial<Pick<NormalizedDoc, 'title' | 'byline' | 'publishedAt' | 'siteName' | 'url' | 'language' | 'text'>> & {
  file: string;
  /** Position in a batch file (JSON Lines, JSON array); absent for a single document. */
  index?: number;
  /** Why the input (or this entry of it) could not be read; the other fields are then absent. */
  error?: string;
};

/**
 * Runs only the normalize step over files and folders (gzip inputs decompressed by it) and
 * returns one result per document. A bad file gives an `error` result, not a thrown error,
 * so the files beside it are still extracted.
 */
export async function extractFiles(inputs: string[]): Promise<ExtractResult[]> {
  const results: ExtractResult[] = [];
  for (const entry of await listInputs(inputs)) {
    if (entry.kind === 'rejected') results.push({ file: entry.path, error: entry.error });
    if (entry.kind !== 'file') continue;
    const file = entry.path;
    let outcomes: ReturnType<typeof normalizeObject>;
    try {
      outcomes = normalizeObject(await readLocalObject(file));
    } catch (error) {
      results.push({ file, error: errorMessage(error) });
      continue;
    }
    const batch = outcomes.length > 1;
    for (const outcome of outcomes) {
      if (!outcome.ok) {
        results.push({ file, index: outcome.index, error: outcome.error });
        continue;
      }
      const { doc } = outcome;
      results.push({
        file,
        ...(batch ? { index: doc.index } : {}),
        title: doc.title,
        byline: doc.byline,
        publishedAt: doc.publishedAt,
        siteName: doc.siteName,
        url: doc.url,
        language: doc.language,
        text: doc.text,
      });
    }
  }
  return results;
}

/** The readable form: a header of the metadata found, then the clean text. */
export function formatExtractResult(result: ExtractResult): string {
  const where = result.index === undefined ? result.file : `${result.file} #${result.index}`;
  if (result.error) return `${where}: rejected: ${result.error}`;
  const fields: [string, string | undefined][] = [
    ['byline', result.byline], ['published', result.publishedAt], ['site', result.siteName],
    ['url', result.url], ['language', result.language],
  ];
  const header = fields.filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`);
  return [`== ${where}`, `# ${result.title ?? ''}`, ...header, '', result.text ?? '', ''].join('\n');
}

const JSON_FIELDS = ['file', 'title', 'byline', 'publishedAt', 'siteName', 'url', 'language', 'text'] as const;

/** One JSON line with every field present (null when not found), so consumers get a fixed shape. */
export function extractResultJson(result: ExtractResult): string {
  const line: Record<string, unknown> = {};
  for (const field of JSON_FIELDS) line[field] = result[field] ?? null;
  if (result.index !== undefined) line.index = result.index;
  if (result.error !== undefined) line.error = result.error;
  return JSON.stringify(line);
}
