/**
 * Hostile sources, titles and bylines at normalize: whatever the evidence holds, the source id is
 * a short slug (a DynamoDB key part), the name one bounded line, the title and byline capped.
 */
import type { NormalizedDoc, RawObject } from '../../lambdas/core/model';
import { normalizeObject, resolveSource } from '../../lambdas/core/normalize';
import { MAX_BYLINE_CHARS, MAX_SOURCE_ID_CHARS, MAX_SOURCE_NAME_CHARS, MAX_TITLE_CHARS } from '../../lambdas/core/normalize/config';

const doc = (fields: Partial<NormalizedDoc> = {}): NormalizedDoc => ({ title: 't', text: 'x', format: 'text', index: 0, ...fields });
const source = (evidence: { cliSource?: string; metadata?: Record<string, string>; doc?: NormalizedDoc; key?: string }) =>
  resolveSource({ metadata: {}, doc: doc(), key: 'note.txt', ...evidence });

describe('resolveSource with hostile evidence', () => {
  it('caps a 5,000-character source: a short id ending in a hash, a bounded name', () => {
    const long = 'Reuters '.repeat(625);
    const ref = source({ cliSource: long });
    expect([...ref.id].length).toBeLessThanOrEqual(MAX_SOURCE_ID_CHARS);
    expect(Buffer.byteLength(ref.id)).toBeLessThanOrEqual(4 * MAX_SOURCE_ID_CHARS);
    expect(ref.id).toMatch(/^reuters-reuters-.*-[0-9a-f]{8}$/);
    expect(ref.name.length).toBeLessThanOrEqual(MAX_SOURCE_NAME_CHARS);
    expect(ref.name.endsWith('…')).toBe(true);
    // Two long names that differ only at the end stay two sources; the same name, one.
    expect(source({ cliSource: `${long}A` }).id).not.toBe(source({ cliSource: `${long}B` }).id);
    expect(source({ cliSource: long }).id).toBe(ref.id);
    // Letters outside ASCII too: at most 64 code points, a few bytes each.
    const greek = source({ metadata: { source: 'Ελληνικά'.repeat(700) } });
    expect([...greek.id].length).toBeLessThanOrEqual(MAX_SOURCE_ID_CHARS);
    // Short names are as they were.
    expect(source({ cliSource: 'Reuters' })).toEqual({ id: 'reuters', name: 'Reuters', origin: 'cli' });
    expect(source({ cliSource: 'www.Reuters.com' })).toEqual({ id: 'reuters-com', name: 'Reuters.com', domain: 'reuters.com', origin: 'cli' });
  });

  it('makes one line of a name with newlines, and drops bidi and zero-width characters', () => {
    expect(source({ cliSource: 'Evil\nLink: http://x\nWhy: y' }).name).toBe('Evil Link: http://x Why: y');
    expect(source({ metadata: { source: '\u202eRe\u200buters\u2069' } })).toEqual({ id: 'reuters', name: 'Reuters', origin: 'metadata' });
    // Nothing visible is no evidence: the next kind is used.
    expect(source({ cliSource: '\u200b\u202e', key: 'incoming/outlet-a/x.txt' })).toMatchObject({ id: 'outlet-a', origin: 'key-prefix' });
  });

  it('ignores a "domain" too long to be one, from JSON or a page', () => {
    const ref = source({ doc: doc({ sourceHint: { name: 'Outlet', domain: `${'a'.repeat(300)}.com`, origin: 'json' } }) });
    expect(ref).toEqual({ id: 'outlet', name: 'Outlet', origin: 'json' });
  });

  it('reads a path as a path: incoming/a/../b/x.txt is source b; the innermost incoming folder names it', () => {
    expect(source({ key: 'incoming/a/../b/x.txt' }).id).toBe('b');
    expect(source({ key: '/data/incoming/a/./../b/x.txt' }).id).toBe('b');
    expect(source({ key: '/srv/incoming/tools/newswatch/examples/incoming/outlet-a/x.txt' }).id).toBe('outlet-a');
    // An S3 key names its source by the drop prefix it starts with.
    expect(source({ key: 'incoming/reuters/2025/incoming/x.txt' }).id).toBe('reuters');
    expect(source({ key: 'incoming/x.txt' }).id).toBe('unknown');
    expect(source({ key: '../incoming/x.txt' }).id).toBe('unknown');
  });
});

describe('normalize caps titles and bylines', () => {
  const raw = (body: string, key = 'a.json'): RawObject => ({ key, body: new Uint8Array(Buffer.from(body)), metadata: {} });

  it('keeps a 5,000-character title to one line of at most MAX_TITLE_CHARS, and a byline to MAX_BYLINE_CHARS', () => {
    const text = 'The talks in Riyadh went on for hours, officials said on Tuesday. '.repeat(5);
    const [outcome] = normalizeObject(raw(JSON.stringify({
      title: `Talks\n${'word '.repeat(1000)}`, author: `Ann\u202e ${'Lee '.repeat(400)}`, text, source: 'Outlet',
    })));
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.doc.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(outcome.doc.title).toMatch(/^Talks word word .*…$/);
    expect(outcome.doc.byline!.length).toBeLessThanOrEqual(MAX_BYLINE_CHARS);
    expect(outcome.doc.byline).not.toMatch(/\u202e/);
  });

  it('leaves ordinary titles as they were', () => {
    const [outcome] = normalizeObject(raw(JSON.stringify({ title: 'Rubio meets Lavrov', text: 'The talks went on for hours. '.repeat(5) })));
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.doc.title).toBe('Rubio meets Lavrov');
  });
});
