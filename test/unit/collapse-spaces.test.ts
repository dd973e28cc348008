import { collapseSpaces, normalizeWhitespace } from '../../lambdas/core/normalize/whitespace';

/** The definition collapseSpaces shortens: normalizeWhitespace, then runs of whitespace as one space. */
const byDefinition = (text: string) => normalizeWhitespace(text).replace(/\s+/g, ' ').trim();

describe('collapseSpaces', () => {
  it('gives what normalizeWhitespace and one space per run give, for every kind of space, break and invisible mark', () => {
    const marks = ['\r\n', '\r', '\n', '\u2028', '\u2029', '\u0085', '\t', '\v', '\f', '\u00A0', '\u1680', '\u2003', '\u200A',
      '\u202F', '\u205F', '\u3000', '\u200B', '\u200E', '\u200F', '\u2060', '\uFEFF', '\u00AD', '\u200C', '\u200D', ' ', '  '];
    const cases: string[] = [];
    for (const a of marks) for (const b of marks) cases.push(`${a}Wort${b}${a}word${b}`, `${b}x${a}`, `a${a}${b}b`);
    for (const text of cases) expect(collapseSpaces(text)).toBe(byDefinition(text));
    expect(collapseSpaces(' Ein\u00A0 Satz\r\n über\u00ADall  \u200Bhin. ')).toBe('Ein Satz überall hin.');
  });
});
