import type { NormalizeConfig } from './config';

/** The DOM surface pruning needs (linkedom and browsers both provide it). */
export interface PrunableElement {
  tagName: string;
  children: ArrayLike<PrunableElement>;
  parentElement?: PrunableElement | null;
  textContent: string | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  remove(): void;
}

/**
 * Elements that are never article content: code, media, widgets, and ruby annotations (the
 * readings printed above Japanese or Chinese words, `<rt>`, and their fallback brackets, `<rp>`:
 * left in, each word would be followed by its reading, 子こども).
 */
const ALWAYS_REMOVED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'CANVAS', 'OBJECT', 'EMBED', 'VIDEO',
  'AUDIO', 'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA', 'FIGCAPTION', 'LINK', 'META', 'DIALOG', 'RT', 'RP',
]);
/** Page chrome by element: removed unless it holds a large share of the page's text. */
const CHROME_TAGS = new Set(['NAV', 'FOOTER', 'ASIDE', 'HEADER', 'FORM']);
/** Chrome by ARIA role. */
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar']);
/** Never removed by class or role: the article containers themselves. */
const PROTECTED_TAGS = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);
/** Subheads: an id like "nav_subhead_1" (a table-of-contents anchor) does not make one a menu. */
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/**
 * Removes what is obviously not the article before Readability scores the page: code and
 * media, navigation, footers, sidebars, hidden elements, and widgets named by class or id
 * (share bars, related links, newsletter and cookie boxes, comments, captions). One walk
 * over the tree; a smaller tree also makes Readability faster.
 */
export function pruneBoilerplate(body: PrunableElement, config: NormalizeConfig): void {
  const pageChars = textLength(body);
  // A container holding this much of the page is the article, whatever its class says.
  const guard = Math.max(config.pruneGuardMinChars, pageChars * config.pruneGuardShare);
  const rules: PruneRules = {
    guard,
    widgetTokens: new Set(config.boilerplateClassTokens),
    alwaysTokens: new Set(config.alwaysBoilerplateClassTokens),
    contentTokens: new Set(config.contentClassTokens),
    config,
  };

  const visit = (element: PrunableElement, inArticle: boolean) => {
    // A snapshot: removing a child must not skip its sibling.
    for (const child of Array.from(element.children)) {
      if (shouldRemove(child, rules, inArticle)) child.remove();
      else visit(child, inArticle || ARTICLE_TAGS.has(child.tagName.toUpperCase()));
    }
  };
  visit(body, false);
}

interface PruneRules {
  guard: number;
  widgetTokens: Set<string>;
  alwaysTokens: Set<string>;
  contentTokens: Set<string>;
  config: NormalizeConfig;
}

/** Containers whose own <header> is the article's head (headline, lead), not the page's banner. */
const ARTICLE_TAGS = new Set(['ARTICLE', 'MAIN']);

function shouldRemove(element: PrunableElement, { guard, widgetTokens, alwaysTokens, contentTokens, config }: PruneRules, inArticle: boolean): boolean {
  const tag = element.tagName.toUpperCase();
  if (ALWAYS_REMOVED.has(tag)) return true;
  if (PROTECTED_TAGS.has(tag) || element.getAttribute('itemprop')?.includes('articleBody')) return false;
  if (isHidden(element)) return true;
  if (HEADINGS.has(tag)) return false;
  if (tag === 'HEADER' && inArticle) return false;

  const role = element.getAttribute('role')?.toLowerCase();
  const tokens = classTokens(element);
  if (tokens.some((t) => alwaysTokens.has(t))) return true;
  const chromeByMarkup = CHROME_TAGS.has(tag) || (role !== undefined && CHROME_ROLES.has(role));
  const chromeByName = !chromeByMarkup && tokens.some((t) => widgetTokens.has(t));
  if (!chromeByMarkup && !chromeByName) return false;
  const chars = textLength(element);
  // "content-with-sidebar", "article-body-related": a content word makes a big container the article.
  if (chromeByName && chars >= config.pruneContentMinChars && tokens.some((t) => contentTokens.has(t))) return false;
  if (chars >= guard) return false;
  // Named like a widget ("elementor-widget", "section--ads") or a page header, yet written as
  // paragraphs of prose: widgets are links and short items, a lead or a report section is not.
  // (Only counted when the element has that much text at all: nested widgets would each walk
  // their whole subtree again.)
  const proseMinChars = tag === 'HEADER' ? config.pruneHeaderProseMinChars : config.pruneProseMinChars;
  if ((chromeByName || tag === 'HEADER') && chars >= proseMinChars && proseChars(element, config) >= proseMinChars) return false;
  return true;
}

/** Characters in the element's <p>s that read as prose: long enough, mostly not links. */
function proseChars(element: PrunableElement, config: NormalizeConfig): number {
  let total = 0;
  const walk = (node: PrunableElement) => {
    for (const child of Array.from(node.children)) {
      if (child.tagName.toUpperCase() === 'P') {
        const text = (child.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (text.length >= config.proseParagraphMinChars && /[.!?:]/.test(text) && linkShare(child) < 0.5) total += text.length;
      } else {
        walk(child);
      }
    }
  };
  walk(element);
  return total;
}

function linkShare(element: PrunableElement): number {
  const text = (element.textContent ?? '').length;
  if (text === 0) return 0;
  let linked = 0;
  const walk = (node: PrunableElement) => {
    for (const child of Array.from(node.children)) {
      if (child.tagName.toUpperCase() === 'A') linked += (child.textContent ?? '').length;
      else walk(child);
    }
  };
  walk(element);
  return linked / text;
}

function isHidden(element: PrunableElement): boolean {
  return element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true' || hasHidingStyle(element);
}

const HIDING_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/** An inline style that hides the element (`display: none`, `visibility: hidden`). */
export function hasHidingStyle(element: Pick<PrunableElement, 'getAttribute'>): boolean {
  const style = element.getAttribute('style');
  return style !== null && HIDING_STYLE.test(style);
}

/** "share-bar relatedPosts" -> ["share", "bar", "related", "posts"], from class and id. */
export function classTokens(element: PrunableElement): string[] {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  if (names.trim().length === 0) return [];
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

function textLength(element: PrunableElement): number {
  return (element.textContent ?? '').replace(/\s+/g, ' ').length;
}
