import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NormalizedDoc } from '../../lambdas/core/model';
import { normalizeObject } from '../../lambdas/core/normalize';

const FIXTURES = resolve(__dirname, '../fixtures/extraction-metadata');

/** What a reader found on each page (see NOTE.md): a field is absent when the page does not say. */
interface Expected {
  url: string;
  title: string[];
  byline?: string;
  publishedAt?: string;
}

const expected: Record<string, Expected> = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function extract(file: string, url: string): NormalizedDoc {
  const [outcome] = normalizeObject({ key: file, body: new Uint8Array(readFileSync(join(FIXTURES, file))), metadata: { url } });
  if (!outcome.ok) throw new Error(`${file}: ${outcome.error}`);
  return outcome.doc;
}

type Field = 'title' | 'byline' | 'publishedAt';
const checks: Record<Field, (doc: NormalizedDoc, want: Expected) => boolean | undefined> = {
  title: (doc, want) => want.title.some((t) => fold(t) === fold(doc.title)),
  byline: (doc, want) => (want.byline === undefined ? undefined : fold(doc.byline ?? '').includes(fold(want.byline))),
  publishedAt: (doc, want) => (want.publishedAt === undefined ? undefined : doc.publishedAt?.slice(0, 10) === want.publishedAt),
};

describe('HTML metadata on pages from the article-extraction benchmark', () => {
  const files = Object.keys(expected).sort();
  const docs = new Map(files.map((f) => [f, extract(f, expected[f].url)]));

  it('has at least 20 pages', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(Object.keys(checks) as Field[])('%s is right on at least 90% of the pages that state it', (field) => {
    const wrong: string[] = [];
    let scored = 0;
    for (const file of files) {
      const doc = docs.get(file) as NormalizedDoc;
      const right = checks[field](doc, expected[file]);
      if (right === undefined) continue;
      scored += 1;
      if (!right) wrong.push(`${file.slice(0, 8)}: got ${JSON.stringify(doc[field])}, expected ${JSON.stringify(expected[file][field])}`);
    }
    if (wrong.length > 0) console.log(`${field}: ${wrong.length}/${scored} wrong\n${wrong.join('\n')}`);
    expect(scored).toBeGreaterThanOrEqual(10);
    expect((scored - wrong.length) / scored).toBeGreaterThanOrEqual(0.9);
  });
});
