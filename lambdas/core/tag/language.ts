/**
 * What the tag and cluster steps need to know of an article's language (`doc.language`, an ISO
 * 639-1 code or `und`, from core/normalize/detectLanguage): whether the English rules apply.
 * Unknown (`und`, absent) reads as English, as every article did before languages were
 * detected, so English behaviour and old callers stay as they were.
 */

/** The article's language when it is one other than English ("de" for "de-AT"); undefined for English or unknown. */
export function otherLanguageOf(language: string | undefined): string | undefined {
  const primary = language?.trim().toLowerCase().split(/[-_]/)[0];
  if (!primary || primary === 'en' || primary === 'und') return undefined;
  return primary;
}
