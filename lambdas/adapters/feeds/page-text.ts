import { decodeObject, defaultNormalizeConfig, normalizeHtml } from '../../core/normalize';
import type { PageTextExtractor } from '../../ports/feeds';

/** --full-text: the linked page's main text, with the same extraction as dropped HTML (Readability). */
export const extractPageText: PageTextExtractor = (page) => {
  try {
    const { text } = decodeObject({ key: 'page.html', body: page.body, contentType: page.contentType, metadata: {} }, defaultNormalizeConfig);
    const doc = normalizeHtml(text, defaultNormalizeConfig);
    return doc.text.trim() || undefined;
  } catch {
    return undefined;
  }
};
