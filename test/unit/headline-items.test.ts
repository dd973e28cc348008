/**
 * Headline items and CSV input (issue 16): an item with a title and no body is a headline
 * article (its text is the title, flagged headlineOnly); `.csv` reads a header row with the
 * columns title, url, source, publishedAt, text or their aliases (csv-columns.json).
 * The UCI News Aggregator file (../shared/data/uci-headlines) is read whole, as the CSV it is and
 * as the JSON Lines a news aggregator's export would be.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { RejectedInputError } from '../../lambdas/core/errors';
import type { NormalizedDoc, NormalizeOutcome } from '../../lambdas/core/model';
import { detectFormat, normalizeObject } from '../../lambdas/core/normalize';
import CSV_COLUMNS from '../../lambdas/core/normalize/csv-columns.json';

const UCI = path.join(__dirname, '..', '..', '..', 'shared', 'data', 'uci-headlines', 'news-aggregator-head.csv');

const normalize = (key: string, text: string | Buffer, contentType?: string): NormalizeOutcome[] =>
  normalizeObject({ key, body: typeof text === 'string' ? Buffer.from(text) : text, contentType, metadata: {} });

function docs(outcomes: NormalizeOutcome[]): NormalizedDoc[] {
  return outcomes.map((o) => {
    if (!o.ok) throw new Error(`rejected: ${o.error}`);
    return o.doc;
  });
}

describe('headline items: a title and no body', () => {
  it('are headline articles in JSON Lines and JSON, the title as their text; an item with neither is rejected by line', () => {
    const lines = [
      JSON.stringify({ title: 'Fed holds rates steady as inflation cools', url: 'https://wire.example/fed', source: 'Wire Example', publishedAt: '2014-03-10T16:52:50Z' }),
      JSON.stringify({ url: 'https://wire.example/nothing', source: 'Wire Example' }),
      JSON.stringify({ headline: 'Apple unveils a larger iPhone', link: 'https://tech.example/iphone', source: { name: 'Tech Example' }, text: '' }),
    ].join('\n');
    const outcomes = normalize('feed/export.jsonl', lines);
    expect(outcomes).toHaveLength(3);
    expect(outcomes[0]).toEqual({
      ok: true,
      doc: {
        title: 'Fed holds rates steady as inflation cools', text: 'Fed holds rates steady as inflation cools', headlineOnly: true,
        format: 'jsonl', index: 0, url: 'https://wire.example/fed', publishedAt: '2014-03-10T16:52:50.000Z', language: 'en',
        sourceHint: { name: 'Wire Example', origin: 'json' },
      },
    });
    expect(outcomes[1]).toEqual({ ok: false, index: 1, error: expect.stringMatching(/^line 2: no article text and no title/) });
    expect(outcomes[2]).toMatchObject({ ok: true, doc: { title: 'Apple unveils a larger iPhone', text: 'Apple unveils a larger iPhone', headlineOnly: true, url: 'https://tech.example/iphone' } });

    const [single] = docs(normalize('one.json', JSON.stringify({ title: 'Only a headline', source: 'Example' })));
    expect(single).toMatchObject({ text: 'Only a headline', headlineOnly: true, format: 'json' });
  });

  it('a body that only repeats the title is a headline item too; an article with a body is not one', () => {
    const [repeat, full] = docs(normalize('x.jsonl', [
      JSON.stringify({ title: 'Ukraine talks open in Riyadh', description: 'Ukraine talks open in Riyadh' }),
      JSON.stringify({ title: 'Ukraine talks open in Riyadh', text: 'Diplomats from both sides met on Tuesday in Riyadh, officials said.' }),
    ].join('\n')));
    expect(repeat).toMatchObject({ text: 'Ukraine talks open in Riyadh', headlineOnly: true });
    expect(full.headlineOnly).toBeUndefined();
    expect(full.text).toBe('Diplomats from both sides met on Tuesday in Riyadh, officials said.');
  });
});

describe('CSV input', () => {
  it('is told by extension (.csv, .tsv) or Content-Type, never guessed from a text', () => {
    expect(detectFormat('drop/a.csv', undefined, 'title\nx')).toBe('csv');
    expect(detectFormat('drop/a.tsv', undefined, 'title\tx')).toBe('csv');
    expect(detectFormat('drop/a', 'text/csv; charset=utf-8', 'title\nx')).toBe('csv');
    expect(detectFormat('drop/a.txt', undefined, 'title,url\nx,y')).toBe('text');
  });

  it('reads aliased headers in any case, quoted fields (delimiters, doubled quotes, newlines), BOM, CRLF and ; delimiters', () => {
    const csv = '\uFEFFHeadline;LINK;Publisher;pubDate;Category\r\n' +
      '"Fed says ""no""; rates hold";https://wire.example/fed;Wire Example;1394470370698;b\r\n' +
      '"Two-line\r\nheadline";https://tech.example/2;Tech Example;2024-05-01 10:00;t\r\n';
    const [fed, twoLines] = docs(normalize('export.csv', csv));
    expect(fed).toEqual({
      title: 'Fed says "no"; rates hold', text: 'Fed says "no"; rates hold', headlineOnly: true, format: 'csv', index: 0,
      url: 'https://wire.example/fed', publishedAt: '2014-03-10T16:52:50.698Z', language: 'en', sourceHint: { name: 'Wire Example', origin: 'json' },
    });
    expect(twoLines).toMatchObject({ title: 'Two-line headline', index: 1, publishedAt: '2024-05-01T10:00:00.000Z', url: 'https://tech.example/2' });
  });

  it('reads a text column (body, content, description…) as the article and tab-separated files as CSV', () => {
    const tsv = 'title\tbody\tsource\tpublished_at\tauthor\n' +
      'Ceasefire holds\tThe ceasefire held for a third day on Sunday, monitors said.\tWire Example\t2025-02-18T09:00:00+03:00\tA. Writer\n';
    const [doc] = docs(normalize('export.tsv', tsv));
    expect(doc).toMatchObject({
      title: 'Ceasefire holds', text: 'The ceasefire held for a third day on Sunday, monitors said.', byline: 'A. Writer',
      publishedAt: '2025-02-18T06:00:00.000Z', format: 'csv',
    });
    expect(doc.headlineOnly).toBeUndefined();
    const [described] = docs(normalize('d.csv', 'Title,Description,Source Name\nA,"Officials said on Monday that talks would resume next week in Geneva.",Desk\n'));
    expect(described).toMatchObject({ title: 'A', text: 'Officials said on Monday that talks would resume next week in Geneva.', sourceHint: { name: 'Desk' } });
  });

  it('rejects a row with neither title nor text by its row and line, and goes on with the rows beside it', () => {
    const csv = 'title,url,source\nFirst headline,https://a.example/1,A\n,https://a.example/2,A\n\n"Third, quoted",https://a.example/3,A\n';
    const outcomes = normalize('rows.csv', csv);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toEqual({ ok: false, index: 1, error: expect.stringMatching(/^row 2 \(line 3\): no article text and no title/) });
    expect(outcomes[2]).toMatchObject({ ok: true, doc: { title: 'Third, quoted', index: 2 } });
  });

  it('rejects the whole object when the header names no title or text column, when it has no rows, or when quotes never close', () => {
    expect(() => normalize('a.csv', 'id,url\n1,https://a.example\n')).toThrow(/the CSV header names no title or text column \(got "id", "url"\)/);
    expect(() => normalize('a.csv', 'title,url\n')).toThrow(/no articles: the CSV has a header and no rows/);
    expect(() => normalize('a.csv', 'title,url\n"never closed,x\n')).toThrow(RejectedInputError);
    expect(() => normalize('a.csv', 'title,url\n"never closed,x\n')).toThrow(/malformed CSV: Quote Not Closed/);
  });

  it('knows every alias csv-columns.json lists, and the README documents each of them', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| column |'), readme.indexOf('\n\n', readme.indexOf('| column |')));
    const body = 'Officials met on Monday in Geneva to discuss the terms of the ceasefire.';
    // A value for each field, and where the document shows it.
    const probes: Record<string, [string, (doc: NormalizedDoc) => unknown, unknown]> = {
      title: ['Headline here', (d) => d.title, 'Headline here'],
      text: [body, (d) => d.text, body],
      description: [body, (d) => d.text, body],
      url: ['https://a.example/x', (d) => d.url, 'https://a.example/x'],
      source: ['Desk Name', (d) => d.sourceHint?.name, 'Desk Name'],
      source_domain: ['desk.example', (d) => d.sourceHint?.domain, 'desk.example'],
      publishedAt: ['2024-01-01 12:00', (d) => d.publishedAt, '2024-01-01T12:00:00.000Z'],
      author: ['A. Writer', (d) => d.byline, 'A. Writer'],
      language: ['en', (d) => d.language, 'en'],
    };
    const fields = Object.keys(CSV_COLUMNS).filter((f) => !f.startsWith('_'));
    expect(fields.sort()).toEqual(Object.keys(probes).sort());
    for (const field of fields) {
      const [value, read, expected] = probes[field];
      for (const alias of (CSV_COLUMNS as unknown as Record<string, string[]>)[field]) {
        const csv = field === 'title' ? `${alias.toUpperCase()}\n${value}\n` : `Title,${alias}\nHeadline here,"${value}"\n`;
        const [doc] = docs(normalize('a.csv', csv));
        expect({ alias, value: read(doc) }).toEqual({ alias, value: expected });
        expect({ alias, documented: table.includes(`\`${alias}\``) }).toEqual({ alias, documented: true });
      }
    }
  });
});

describe('the UCI News Aggregator headlines (../shared/data/uci-headlines)', () => {
  const file = readFileSync(UCI);
  const rows = parse(file, { columns: true, bom: true }) as Record<string, string>[];

  it('the file itself, as CSV: one headline article per row, with its URL, publisher and time', () => {
    const outcomes = normalize('news-aggregator-head.csv', file);
    expect(outcomes).toHaveLength(rows.length);
    const read = docs(outcomes);
    expect(read.every((d) => d.headlineOnly === true && d.format === 'csv')).toBe(true);
    for (const i of [0, 1, Math.floor(rows.length / 2), rows.length - 1]) {
      expect(read[i]).toMatchObject({
        index: i, url: rows[i].URL, publishedAt: new Date(Number(rows[i].TIMESTAMP)).toISOString(),
        sourceHint: { name: rows[i].PUBLISHER.trim() },
      });
      expect(read[i].text).toBe(rows[i].TITLE.replace(/\s+/g, ' ').trim());
    }
  });

  it('as JSON Lines with title, url, source and publishedAt and no text: one headline article per line', () => {
    const jsonl = rows.map((r) => JSON.stringify({
      title: r.TITLE, url: r.URL, source: r.PUBLISHER, publishedAt: new Date(Number(r.TIMESTAMP)).toISOString(),
    })).join('\n');
    const read = docs(normalize('uci.jsonl', jsonl));
    expect(read).toHaveLength(rows.length);
    expect(read.filter((d) => d.headlineOnly).length).toBe(rows.length);
    expect(read[3]).toMatchObject({ title: rows[3].TITLE.trim(), url: rows[3].URL, format: 'jsonl', index: 3 });
  });
});
