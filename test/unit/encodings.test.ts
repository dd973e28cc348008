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
});
