/** The normalize step: raw objects in, clean documents out. */
export { normalizeObject, splitObject } from './normalizeObject';
export type { PendingOutcome } from './pending';
export { resolveSource, slug } from './resolveSource';
export type { SourceEvidence } from './resolveSource';
export { articleIdFor } from './articleId';
export { countWords } from './countWords';
export { defaultNormalizeConfig, resolveNormalizeConfig } from './config';
export type { NormalizeConfig } from './config';
export { decodeObject } from './decode';
export { detectFormat } from './detectFormat';
export { normalizePlainText } from './plainText';
export { normalizeMarkdown } from './markdown';
export { normalizeHtml } from './html';
export { toIsoDate } from './toIsoDate';
export { declaredLanguage, detectLanguage } from './detectLanguage';
