/**
 * The first sentence of a paragraph. A period ends a sentence unless it closes an
 * abbreviation ("Lt.", "Gen.") or an initialism ("U.S.", "J.") followed by more of the name.
 */
export function firstSentence(paragraph: string, abbreviations: string[]): string {
  const known = new Set(abbreviations);
  const boundary = /([.!?])["'”’)]*\s+(?=["'“‘(]?[\p{Lu}\p{N}])/gu;
  for (let match = boundary.exec(paragraph); match; match = boundary.exec(paragraph)) {
    const end = match.index + match[0].trimEnd().length;
    if (match[1] === '.' && endsWithAbbreviation(paragraph.slice(0, match.index + 1), known)) continue;
    return paragraph.slice(0, end).trim();
  }
  return paragraph.trim();
}

function endsWithAbbreviation(textUpToPeriod: string, known: Set<string>): boolean {
  const lastToken = /(\S+)\.$/.exec(textUpToPeriod)?.[1] ?? '';
  if (/^(?:\p{L}\.)*\p{L}$/u.test(lastToken) && lastToken.replace(/\./g, '').length <= 3 && /\p{Lu}/u.test(lastToken)) {
    return true; // "U.S", "J", "U.K": initials and initialisms.
  }
  return known.has(lastToken.toLowerCase());
}
