/**
 * The pages of a snippet set's folder (web-extraction-dev/pages: .html, .htm, gzipped or not),
 * each through the normalize step as `newswatch extract` runs it. Pages it rejects are skipped
 * (`extract` says why); `extracted` counts the rest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { NormalizedDoc } from '../lambdas/core/model';
import { normalizeObject } from '../lambdas/core/normalize';

export const DEFAULT_PAGES_FOLDER = path.join(__dirname, '..', '..', 'shared', 'data', 'web-extraction-dev', 'pages');

export function pageFiles(folder: string): string[] {
  return readdirSync(folder).filter((f) => /\.html?(\.gz)?$/.test(f)).sort();
}

export function* extractedPages(folder: string): Generator<{ file: string; body: Buffer; doc: NormalizedDoc }> {
  for (const file of pageFiles(folder)) {
    const raw = readFileSync(path.join(folder, file));
    const body = file.endsWith('.gz') ? gunzipSync(raw) : raw;
    let outcome: ReturnType<typeof normalizeObject>[number] | undefined;
    try {
      [outcome] = normalizeObject({ key: file.replace(/\.gz$/, ''), body, metadata: {} });
    } catch {
      continue;
    }
    if (outcome?.ok) yield { file, body, doc: outcome.doc };
  }
}
