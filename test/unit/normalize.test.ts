import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve, basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { RejectedInputError } from '../../lambdas/core/errors';
import type { NormalizedDoc, NormalizeOutcome, RawObject } from '../../lambdas/core/model';
import {
  articleIdFor, countWords, normalizeObject, resolveSource, toIsoDate, type NormalizeConfig,
} from '../../lambdas/core/normalize';

const FIXTURES = resolve(__dirname, '../fixtures/normalize');

/** meta.json of a case: where the input comes from and how it arrives. */
interface CaseMeta {
  /** Input path relative to the case folder, when not `input.*` inside it. */
  input?: string;
  key?: string;
  contentType?: string;
  contentEncoding?: string;
  metadata?: Record<string, string>;
  config?: Partial<NormalizeConfig>;
}

type DocField = 'title' | 'byline' | 'publishedAt' | 'siteName' | 'url' | 'language' | 'format' | 'index' |
  'sourceHint' | 'textSourceHint' | 'headlineOnly';
const DOC_FIELDS: DocField[] = ['title', 'byline', 'publishedAt', 'siteName', 'url', 'language', 'format', 'index',
  'sourceHint', 'textSourceHint', 'headlineOnly'];

/** One expected document; a null field means "absent". */
type ExpectedDoc = { ok?: true } & Partial<Record<DocField, unknown>> & {
  paragraphs?: string[];
  firstParagraph?: string;
  lastParagraph?: string;
  paragraphCount?: number;
  textIncludes?: string[];
  textExcludes?: string[];
  /** Whole paragraphs that must not remain ("on", "World"): substrings would match real words. */
  paragraphsExclude?: string[];
};
type ExpectedFailure = { ok: false; index: number; error: string };
interface Expected {
  rejected?: string;
  outcomes?: (ExpectedDoc | ExpectedFailure)[];
}

function loadCase(name: string): { raw: RawObject; config?: Partial<NormalizeConfig>; expected: Expected } {
  const dir = join(FIXTURES, name);
  const meta: CaseMeta = existsSync(join(dir, 'meta.json')) ? JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) : {};
  const inputPath = meta.input
    ? join(dir, meta.input)
    : join(dir, readdirSync(dir).find((f) => f.startsWith('input.')) ?? 'input-missing');
  const raw: RawObject = {
    key: meta.key ?? `drop/${name}/${basename(inputPath)}`,
    body: new Uint8Array(readFileSync(inputPath)),
    contentType: meta.contentType,
    contentEncoding: meta.contentEncoding,
    metadata: meta.metadata ?? {},
  };
  return { raw, config: meta.config, expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) };
}

function checkDoc(doc: NormalizedDoc, expected: ExpectedDoc): void {
  for (const field of DOC_FIELDS) {
    if (!(field in expected)) continue;
    if (expected[field] === null) expect({ [field]: doc[field] }).toEqual({ [field]: undefined });
    else expect({ [field]: doc[field] }).toEqual({ [field]: expected[field] });
  }
  const paragraphs = doc.text.split('\n\n');
  expect(doc.text).toBe(doc.text.trim());
  if (expected.paragraphs) expect(paragraphs).toEqual(expected.paragraphs);
  if (expected.firstParagraph) expect(paragraphs[0]).toBe(expected.firstParagraph);
  if (expected.lastParagraph) expect(paragraphs[paragraphs.length - 1]).toBe(expected.lastParagraph);
  if (expected.paragraphCount) expect(paragraphs).toHaveLength(expected.paragraphCount);
  for (const text of expected.textIncludes ?? []) expect(doc.text).toContain(text);
  for (const text of expected.textExcludes ?? []) expect(doc.text).not.toContain(text);
  for (const paragraph of expected.paragraphsExclude ?? []) expect(paragraphs).not.toContain(paragraph);
}

describe('normalizeObject on fixture cases (test/fixtures/normalize/<case>)', () => {
  const cases = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

  it('finds the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('%s', (name) => {
    const { raw, config, expected } = loadCase(name);
    if (expected.rejected !== undefined) {
      let thrown: unknown;
      try {
        normalizeObject(raw, config);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(RejectedInputError);
      expect((thrown as Error).message).toContain(expected.rejected);
      return;
    }
    const outcomes: NormalizeOutcome[] = normalizeObject(raw, config);
    expect(outcomes).toHaveLength(expected.outcomes?.length ?? -1);
    outcomes.forEach((outcome, i) => {
      const want = (expected.outcomes ?? [])[i];
      if (want.ok === false) {
        expect(outcome.ok).toBe(false);
        if (outcome.ok) return;
        expect(outcome.index).toBe(want.index);
        expect(outcome.error).toContain(want.error);
      } else {
        if (!outcome.ok) throw new Error(`outcome ${i} failed: ${outcome.error}`);
        checkDoc(outcome.doc, want);
      }
    });
  });
});

describe('normalizeObject edge cases', () => {
  const article = 'Talks in Riyadh\n\nThe United States and Russia agreed on Tuesday to restore embassy staffing after talks in Riyadh.\n';

  it('rejects a gzip that expands past the size limit', () => {
    const bomb = gzipSync(Buffer.alloc(200_000, 'a'));
    expect(() => normalizeObject({ key: 'x.txt.gz', body: bomb, metadata: {} }, { maxObjectBytes: 10_000 }))
      .toThrow(/too large: more than 10000 bytes once decompressed/);
  });

  it('rejects a corrupt gzip named .gz', () => {
    const body = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03]);
    expect(() => normalizeObject({ key: 'a.txt.gz', body, metadata: {} })).toThrow(/corrupt gzip/);
  });

  it('gunzips on Content-Encoding alone and reads text/plain by sniffing', () => {
    const body = gzipSync(Buffer.from(article));
    const [outcome] = normalizeObject({ key: 'drop/obj', body, contentEncoding: 'gzip', contentType: 'text/plain', metadata: {} });
    expect(outcome.ok && outcome.doc.title).toBe('Talks in Riyadh');
  });

  it('normalizes CRLF, NBSP and zero-width characters', () => {
    const messy = 'Talks\u00a0in Riyadh\r\n\r\nThe United\u200b States and\u00a0\u00a0Russia agreed on Tuesday to restore\tembassy staffing after talks in Riyadh.\r\n';
    const [outcome] = normalizeObject({ key: 'a.txt', body: Buffer.from(messy), metadata: {} });
    expect(outcome.ok && outcome.doc).toMatchObject({
      title: 'Talks in Riyadh',
      text: 'The United States and Russia agreed on Tuesday to restore embassy staffing after talks in Riyadh.',
    });
  });

  it('reads NDJSON saved as .json as a batch', () => {
    const lines = [
      JSON.stringify({ title: 'One', text: 'First article text about the talks in Riyadh.' }),
      JSON.stringify({ title: 'Two', text: 'Second article text about the talks in Riyadh.' }),
    ].join('\n');
    const outcomes = normalizeObject({ key: 'batch.json', body: Buffer.from(lines), metadata: {} });
    expect(outcomes.map((o) => o.ok && o.doc.format)).toEqual(['jsonl', 'jsonl']);
  });

  it('unwraps hard-wrapped plain text into paragraphs', () => {
    const wrapped = [
      'Embassies to reopen',
      '',
      'The United States and Russia agreed on Tuesday to restore',
      'embassy staffing after four and a half hours of talks in',
      'Riyadh, officials from both sides said.',
      '',
      'A high-level team will negotiate an end to the war in',
      'Ukraine, Secretary of State Marco Rubio told reporters.',
    ].join('\n');
    const [outcome] = normalizeObject({ key: 'a.txt', body: Buffer.from(wrapped), metadata: {} });
    expect(outcome.ok && outcome.doc.text.split('\n\n')).toEqual([
      'The United States and Russia agreed on Tuesday to restore embassy staffing after four and a half hours of talks in Riyadh, officials from both sides said.',
      'A high-level team will negotiate an end to the war in Ukraine, Secretary of State Marco Rubio told reporters.',
    ]);
  });

  it('rejects an HTML page with no text', () => {
    const html = '<!DOCTYPE html><html><head><title>x</title></head><body><nav><a href="/">Home</a></nav></body></html>';
    expect(() => normalizeObject({ key: 'a.html', body: Buffer.from(html), metadata: {} })).toThrow(/no article text/);
  });
});

describe('resolveSource', () => {
  const doc: NormalizedDoc = { title: 't', text: 'x', format: 'text', index: 0 };
  const withJson: NormalizedDoc = { ...doc, sourceHint: { name: 'Reuters', domain: 'www.reuters.com', origin: 'json' } };
  const withPage: NormalizedDoc = { ...doc, sourceHint: { name: 'The Daily Courier', domain: 'dailycourier.example', origin: 'page' } };
  const withText: NormalizedDoc = { ...doc, textSourceHint: { name: 'Caliber.Az', domain: 'caliber.az' } };
  const key = 'incoming/apnews/2025-02-18.txt';

  it('follows cli > metadata > json > page > key prefix > text > unknown', () => {
    const all = { ...withJson, textSourceHint: withText.textSourceHint };
    expect(resolveSource({ cliSource: 'My Feed', metadata: { source: 'meta-src' }, doc: all, key }))
      .toEqual({ id: 'my-feed', name: 'My Feed', origin: 'cli' });
    expect(resolveSource({ metadata: { source: 'TASS' }, doc: all, key }))
      .toEqual({ id: 'tass', name: 'TASS', origin: 'metadata' });
    expect(resolveSource({ metadata: {}, doc: all, key }))
      .toEqual({ id: 'reuters-com', name: 'Reuters', domain: 'reuters.com', origin: 'json' });
    expect(resolveSource({ metadata: {}, doc: withPage, key }))
      .toEqual({ id: 'dailycourier-example', name: 'The Daily Courier', domain: 'dailycourier.example', origin: 'page' });
    expect(resolveSource({ metadata: {}, doc: withText, key }))
      .toEqual({ id: 'apnews', name: 'apnews', origin: 'key-prefix' });
    expect(resolveSource({ metadata: {}, doc: withText, key: 'drop/a.txt' }))
      .toEqual({ id: 'caliber-az', name: 'Caliber.Az', domain: 'caliber.az', origin: 'text' });
    expect(resolveSource({ metadata: {}, doc, key: 'a.txt' }))
      .toEqual({ id: 'unknown', name: 'Unknown source', origin: 'unknown' });
  });

  it('finds the folder after an incoming segment in a local path, but not a file named after it', () => {
    expect(resolveSource({ metadata: {}, doc, key: '/home/me/news/incoming/Kyiv Post/a.txt' }))
      .toEqual({ id: 'kyiv-post', name: 'Kyiv Post', origin: 'key-prefix' });
    expect(resolveSource({ metadata: {}, doc, key: 'C:\\drops\\incoming\\bbc\\a.txt' }).id).toBe('bbc');
    expect(resolveSource({ metadata: {}, doc, key: 'incoming/a.txt' }).origin).toBe('unknown');
  });

  it('treats a domain as a domain, without www.', () => {
    expect(resolveSource({ cliSource: 'www.BBC.co.uk', metadata: {}, doc, key }))
      .toEqual({ id: 'bbc-co-uk', name: 'BBC.co.uk', domain: 'bbc.co.uk', origin: 'cli' });
  });
});

describe('articleIdFor', () => {
  const text = 'The United States and Russia agreed on Tuesday.\n\nA second paragraph.';

  it('is a stable 20-hex-char id, the same for a re-upload with other whitespace or case', () => {
    const id = articleIdFor('reuters-com', text);
    expect(id).toMatch(/^[0-9a-f]{20}$/);
    expect(articleIdFor('reuters-com', `  ${text.toUpperCase().replace('\n\n', '\n \n')} `)).toBe(id);
    expect(id).toBe(articleIdFor('reuters-com', text));
  });

  it('differs by source and by text', () => {
    const id = articleIdFor('reuters-com', text);
    expect(articleIdFor('tass', text)).not.toBe(id);
    expect(articleIdFor('reuters-com', `${text} More.`)).not.toBe(id);
  });
});

describe('countWords and toIsoDate', () => {
  it('counts words as a reader does', () => {
    expect(countWords('The U.S. didn’t agree — 4.5 hours, Zelenskyy said.')).toBe(8);
    expect(countWords('')).toBe(0);
  });

  it('reads dates without depending on the host zone', () => {
    expect(toIsoDate('2025-02-18 17:30:00')).toBe('2025-02-18T17:30:00.000Z');
    expect(toIsoDate('2025-02-18T16:45:00+03:00')).toBe('2025-02-18T13:45:00.000Z');
    expect(toIsoDate('Tue, 18 Feb 2025 10:00:00 GMT')).toBe('2025-02-18T10:00:00.000Z');
    expect(toIsoDate('February 18, 2025')).toBe('2025-02-18T00:00:00.000Z');
    expect(toIsoDate('None')).toBeUndefined();
    expect(toIsoDate('soon')).toBeUndefined();
  });
});
