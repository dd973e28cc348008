import type { NormalizeConfig } from './config';
import { collapseSpaces } from './whitespace';

export interface CleanedBlocks {
  title?: string;
  byline?: string;
  /** Article paragraphs, boilerplate and title removed. */
  paragraphs: string[];
  textSourceHint?: { name: string; domain?: string };
}

export interface CleanOptions {
  /** A title the format already gave (HTML metadata, Markdown heading): no guessing. */
  knownTitle?: string;
}

const LIST_ITEM = /^(?:\d{1,2}[.)]|[-*•–])\s+\S/u;
const SENTENCE_END = /[.!?]["'”’)]*$/u;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** A dateline alone on its line ("18 February 2025", "Published Feb. 18, 2025 10:05 AM"): page chrome. */
const DATE_LINE = new RegExp(
  `^(?:(?:published|updated|posted)(?: on)?:?\\s+)?(?:[a-z]+day,?\\s+)?` +
  `(?:\\d{1,2}\\s+${MONTH}|${MONTH}\\s+\\d{1,2},?)\\s+\\d{4}` +
  `(?:,?\\s+(?:at\\s+)?\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s+[a-z]{2,4})?)?$`, 'i');

/**
 * Cleans the blocks (lines or paragraphs) of a scraped article: site chrome, tables of
 * contents, head labels and junk, self-promotion at the end, the byline and the title line
 * come out; headings, lists and the article paragraphs stay.
 */
export function cleanBlocks(rawBlocks: string[], config: NormalizeConfig, options: CleanOptions = {}): CleanedBlocks {
  // Canonical composition (NFC): a page may spell "য়" or "ü" as a letter and a combining mark;
  // the same words must compare, match keywords and hash alike however they were typed.
  let blocks = rawBlocks.map((b) => collapseSpaces(b).normalize('NFC')).filter((b) => b.length > 0);
  blocks = dropPromotions(blocks, config);
  blocks = blocks.filter((b) => !isChromeLine(b, config));
  blocks = dropTablesOfContents(blocks, config);
  blocks = dropHeadJunk(blocks, config, options.knownTitle === undefined);

  const promotion = dropSelfPromotion(blocks, config);
  blocks = promotion.blocks;
  const byline = takeByline(blocks, config);
  blocks = byline.blocks;

  let title = options.knownTitle;
  if (title === undefined) {
    const found = takeTitleLine(blocks, config);
    title = found.title;
    blocks = found.blocks;
  } else if (blocks.length > 1 && sameText(blocks[0], title)) {
    blocks = blocks.slice(1); // The page repeats its headline above the body (unless it is all there is).
  }

  const promoted = promotion.site ? { name: promotion.site } : undefined;
  return {
    title,
    byline: byline.name,
    paragraphs: blocks,
    textSourceHint: findTextSource(blocks, config) ?? promoted,
  };
}

/**
 * "Read more:" / "Trending Right Now:" and the teaser headlines under it: other stories' titles,
 * whose names and words must not tag this article (a teaser line ends no sentence).
 */
function dropTeaserLists(blocks: string[], config: NormalizeConfig): string[] {
  const kept: string[] = [];
  for (let i = 0; i < blocks.length; i += 1) {
    if (!config.teaserListLabels.some((label) => label.test(blocks[i]))) {
      kept.push(blocks[i]);
      continue;
    }
    while (i + 1 < blocks.length && !SENTENCE_END.test(blocks[i + 1])) i += 1;
  }
  return kept;
}

/**
 * Promotion lines and teaser lists, unless they are the whole text: a headline item reading
 * "Watch: a new trailer for Game of Thrones" is a video's own headline, not a promotion in a body.
 */
function dropPromotions(blocks: string[], config: NormalizeConfig): string[] {
  const kept = dropTeaserLists(blocks, config).filter((b) => !config.promotionLinePatterns.some((pattern) => pattern.test(b)));
  return kept.length > 0 ? kept : blocks;
}

function isChromeLine(block: string, config: NormalizeConfig): boolean {
  const key = block.toLowerCase().replace(/[\s.:!|»›>…]+$/u, '');
  if (config.boilerplateLines.includes(key) || DATE_LINE.test(block)) return true;
  const lower = block.toLowerCase();
  return block.length < config.minParagraphChars && config.boilerplatePrefixes.some((p) => lower.startsWith(p));
}

/** "Article Subheadings" and the numbered list under it: navigation, not content. */
function dropTablesOfContents(blocks: string[], config: NormalizeConfig): string[] {
  const kept: string[] = [];
  for (let i = 0; i < blocks.length; i += 1) {
    const header = blocks[i].toLowerCase().replace(/[\s:]+$/u, '');
    if (!config.tableOfContentsHeaders.includes(header)) {
      kept.push(blocks[i]);
      continue;
    }
    while (i + 1 < blocks.length && LIST_ITEM.test(blocks[i + 1])) i += 1;
  }
  return kept;
}

/**
 * Before the first body paragraph: section labels ("World"), lone lower-case tokens left by
 * the scraper ("runio") and, when the title must be found, short label lines above it.
 */
function dropHeadJunk(blocks: string[], config: NormalizeConfig, titleUnknown: boolean): string[] {
  const bodyStart = blocks.findIndex((b) => isBodyParagraph(b, config));
  const headEnd = bodyStart === -1 ? blocks.length : bodyStart;
  let titleSeen = !titleUnknown;
  const kept: string[] = [];
  blocks.forEach((block, i) => {
    if (i >= headEnd) {
      kept.push(block);
      return;
    }
    const words = block.split(' ');
    const isSectionLabel = config.sectionLabels.includes(block.toLowerCase());
    const isJunkToken = words.length === 1 && block.length <= config.headJunkMaxChars && /^[\p{Ll}\p{N}]+$/u.test(block);
    const isLabelAboveTitle = !titleSeen && words.length <= config.headLabelMaxWords && !SENTENCE_END.test(block);
    if (isSectionLabel || isJunkToken || isLabelAboveTitle) return;
    if (isTitleShaped(block, config)) titleSeen = true;
    kept.push(block);
  });
  return kept;
}

/** An author/outlet self-description near the end ("As the News Editor at News Journos, I …"). */
function dropSelfPromotion(blocks: string[], config: NormalizeConfig): { blocks: string[]; site?: string } {
  const tailStart = Math.max(0, blocks.length - config.tailBlocks);
  let site: string | undefined;
  const kept = blocks.filter((block, i) => {
    if (i < tailStart) return true;
    for (const pattern of config.selfPromotionPatterns) {
      const match = pattern.exec(block);
      if (match) {
        site ??= match.groups?.site?.trim();
        return false;
      }
    }
    return true;
  });
  return { blocks: kept, site };
}

/** A "By Firstname Lastname" line among the first or last few blocks. */
function takeByline(blocks: string[], config: NormalizeConfig): { blocks: string[]; name?: string } {
  const edge = 3;
  for (let i = 0; i < blocks.length; i += 1) {
    if (i >= edge && i < blocks.length - edge) continue;
    const name = config.bylinePattern.exec(blocks[i])?.groups?.name;
    if (name) return { blocks: blocks.filter((_, j) => j !== i), name };
  }
  return { blocks };
}

/** A short first line without a final period, followed by body text, is the headline. */
function takeTitleLine(blocks: string[], config: NormalizeConfig): { blocks: string[]; title?: string } {
  if (blocks.length < 2 || !isTitleShaped(blocks[0], config)) return { blocks };
  if (!blocks.slice(1).some((b) => isBodyParagraph(b, config))) return { blocks };
  return { blocks: blocks.slice(1), title: blocks[0] };
}

function isTitleShaped(block: string, config: NormalizeConfig): boolean {
  const words = block.split(' ').length;
  return words >= config.titleMinWords && block.length <= config.titleMaxChars &&
    !/[.:;,]["'”’)]*$/u.test(block) && !LIST_ITEM.test(block);
}

function isBodyParagraph(block: string, config: NormalizeConfig): boolean {
  return block.length >= config.minParagraphChars && /[.!?]/.test(block);
}

/** "…, Caliber.Az reports via foreign media." names the outlet that published the text. */
function findTextSource(paragraphs: string[], config: NormalizeConfig): { name: string; domain?: string } | undefined {
  for (const paragraph of paragraphs) {
    for (const pattern of config.textSourcePatterns) {
      const name = pattern.exec(paragraph)?.groups?.name?.trim();
      if (!name || config.notSourceNames.includes(name.toLowerCase())) continue;
      const domain = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}$/iu.test(name) ? name.toLowerCase() : undefined;
      return domain ? { name, domain } : { name };
    }
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return fold(a) === fold(b);
}
