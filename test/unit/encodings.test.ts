import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RejectedInputError } from '../../lambdas/core/errors';
import type { RawObject } from '../../lambdas/core/model';
import { decodeObject, defaultNormalizeConfig, normalizeObject } from '../../lambdas/core/normalize';

const FIXTURES = resolve(__dirname, '../fixtures/encodings');
const raw = (key: string, body: Uint8Array, contentType?: string): RawObject => ({ key, body, contentType, metadata: {} });
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const decode = (name: string, body = fixture(name), contentType?: string) =>
  decodeObject(raw(name, body, contentType), defaultNormalizeConfig);

/** UTF-8 read as Latin-1 ("CafÃ©", "â€™") or as windows-1251 ("Ð°"), and the replacement character. */
const MOJIBAKE = /\uFFFD|Ã[\u0080-\u00BF]|Ã©|â€|Ð[°-¿]|Ñ[\u0080-\u008F]/u;

describe('charset decoding on miniflux test pages', () => {
  it.each([
    ['iso-8859-1.html', 'Frédéric', 'Café'],
    ['iso-8859-1-meta-after-1024.html', 'Frédéric', 'Café'],
    ['utf8.html', 'Café', 'Café'],
    ['utf8-meta-after-1024.html', 'Frédéric', 'Café'],
  ])('%s reads as an article: title %s, text %s', (name, title, text) => {
    const [outcome] = normalizeObject(raw(name, fixture(name)));
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.doc.title).toBe(title);
    expect(outcome.doc.text).toContain(text);
    expect(`${outcome.doc.title} ${outcome.doc.text}`).not.toMatch(MOJIBAKE);
  });

  it.each([
    ['koi8r.xml', 'koi8-r', ['Пример RSS ленты', 'Тестовая лента в кодировке KOI8-R', 'Первая новость']],
    ['encoding_WINDOWS-1251.xml', 'windows-1251', ['Новый цитатник Рунета', 'Цитата #17703']],
    ['windows-1252.xml', 'windows-1252', ['Euro €']],
    ['iso88591_utf8_mismatch.xml', 'windows-1252', ['Anaïs', 'Jürgen']],
    ['no_encoding_ISO-8859-1.xml', 'windows-1252', ["nombre d'études", 'pourraient être à l']],
  ])('%s decodes from %s', (name, charset, words) => {
    const decoded = decode(name);
    expect(decoded.charset).toBe(charset);
    for (const word of words) expect(decoded.text).toContain(word);
    expect(decoded.text).not.toMatch(MOJIBAKE);
  });

  it('guesses KOI8-R and windows-1251 when nothing is declared', () => {
    const undeclared = (name: string) => {
      const text = Buffer.from(fixture(name)).toString('latin1').replace(/<\?xml[^>]*\?>/, '');
      return new Uint8Array(Buffer.from(text, 'latin1'));
    };
    expect(decode('koi8r.xml', undeclared('koi8r.xml')).text).toContain('Первая новость');
    expect(decode('encoding_WINDOWS-1251.xml', undeclared('encoding_WINDOWS-1251.xml')).text).toContain('Новый цитатник Рунета');
  });

  it('takes the charset from the Content-Type header', () => {
    const body = new Uint8Array(Buffer.from('<p>Caf\xe9 cr\xe8me</p>', 'latin1'));
    expect(decode('page.html', body, 'text/html; charset=ISO-8859-1').text).toBe('<p>Café crème</p>');
  });

  it('rejects bytes no charset explains, with a clear reason, instead of storing mojibake', () => {
    const stray = new Uint8Array([...Buffer.from('Talks in Riyadh '), 0xc3, 0x28, 0xa0, 0xa1, ...Buffer.from(' on Tuesday.')]);
    expect(() => decode('note.txt', stray)).toThrow(RejectedInputError);
    expect(() => decode('note.txt', stray)).toThrow(/undecodable text: not valid UTF-8/);
    const unknownCharset = new Uint8Array(Buffer.from('<meta charset="x-klingon"><p>caf\xe9</p>', 'latin1'));
    expect(() => decode('page.html', unknownCharset)).toThrow(/declared charset "x-klingon" is not supported/);
  });

  it('decodes a page that declares UTF-8 but carries a few Latin-1 bytes as a browser does, with U+FFFD', () => {
    const page = (declaration: string) => new Uint8Array(Buffer.concat([
      Buffer.from(`<html><head>${declaration}<title>Jürgen in Riyadh</title></head><body><p>Jürgen Müller met officials in Riyadh on Tuesday — `),
      Buffer.from('the caf\xe9 on the corner was closed, and the talks went on for hours.</p></body></html>', 'latin1'),
    ]));
    for (const [body, contentType] of [
      [page('<meta charset="utf-8">'), undefined],
      [page(''), 'text/html; charset=UTF-8'],
      [page(''), undefined], // nothing declared, evidently UTF-8: as many valid sequences as stray bytes, or more
    ] as const) {
      const decoded = decode('page.html', body, contentType);
      expect(decoded.charset).toBe('utf-8');
      expect(decoded.text).toContain('Jürgen Müller met officials in Riyadh on Tuesday — the caf\uFFFD on the corner');
    }
    const [outcome] = normalizeObject(raw('page.html', page('<meta charset="utf-8">')));
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.doc.title).toBe('Jürgen in Riyadh');

    // Declared UTF-8 and no charset explains the stray bytes: still shown as a browser shows them.
    const stray = new Uint8Array([...Buffer.from('<meta charset="utf-8"><p>Talks in Riyadh '), 0xc3, 0x28, 0xa0, 0xa1, ...Buffer.from(' on Tuesday.</p>')]);
    expect(decode('page.html', stray).text).toBe('<meta charset="utf-8"><p>Talks in Riyadh \uFFFD(\uFFFD\uFFFD on Tuesday.</p>');
    // A declared legacy charset with bytes it has no character for: U+FFFD there, the rest read.
    const shiftJis = new Uint8Array([...Buffer.from('<meta charset="shift_jis"><p>Tokyo '), 0x93, 0x8c, 0x8b, 0x9e, 0x85, 0xff, ...Buffer.from(' talks</p>')]);
    const decoded = decode('page.html', shiftJis);
    expect(decoded.charset).toBe('shift_jis');
    expect(decoded.text).toContain('Tokyo 東京');
    expect(decoded.text).toContain('\uFFFD');
    // A UTF-8 byte order mark is a declaration too.
    expect(decode('note.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('caf'), 0xe9, ...Buffer.from(' au lait')])).text).toBe('caf\uFFFD au lait');
  });

  it('still refuses binary input, whatever it declares', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Buffer.from('<meta charset="utf-8">')]);
    expect(() => decode('page.html', png, 'text/html; charset=utf-8')).toThrow(/binary content \(PNG image\)/);
    const nul = new Uint8Array([...Buffer.from('<meta charset="utf-8"><p>text'), 0, 0, 0, 0xe9, ...Buffer.from('</p>')]);
    expect(() => decode('page.html', nul)).toThrow(/binary content: NUL bytes/);
    const noise = new Uint8Array(4096);
    for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 7919 + 13) % 256 || 1;
    expect(() => decode('page.html', new Uint8Array([...Buffer.from('<meta charset="utf-8">'), ...noise]))).toThrow(/binary content/);
  });
});
