import type { NormalizeConfig } from './config';

/** The DOM surface pruning needs (linkedom and browsers both provide it). */
export interface PrunableElement {
  tagName: string;
  children: ArrayLike<PrunableElement>;
  textContent: string | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  remove(): void;
}

/** Elements that are never article content: code, media, widgets. */
const ALWAYS_REMOVED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'CANVAS', 'OBJECT', 'EMBED', 'VIDEO',
  'AUDIO', 'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA', 'FIGCAPTION', 'LINK', 'META', 'DIALOG',
]);
/** Page chrome by element: removed unless it holds a large share of the page's text. */
const CHROME_TAGS = new Set(['NAV', 'FOOTER', 'ASIDE', 'HEADER', 'FORM']);
/** Chrome by ARIA role. */
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar']);
/** Never removed by class or role: the article containers themselves. */
const PROTECTED_TAGS = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);

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

  const visit = (element: PrunableElement) => {
    // A snapshot: removing a child must not skip its sibling.
    for (const child of Array.from(element.children)) {
      if (shouldRemove(child, rules)) child.remove();
      else visit(child);
    }
  };
  visit(body);
}

interface PruneRules {
  guard: number;
  widgetTokens: Set<string>;
  alwaysTokens: Set<string>;
  contentTokens: Set<string>;
  config: NormalizeConfig;
}

function shouldRemove(element: PrunableElement, { guard, widgetTokens, alwaysTokens, contentTokens, config }: PruneRules): boolean {
  const tag = element.tagName.toUpperCase();
  if (ALWAYS_REMOVED.has(tag)) return true;
  if (PROTECTED_TAGS.has(tag) || element.getAttribute('itemprop')?.includes('articleBody')) return false;
  if (isHidden(element)) return true;

  const role = element.getAttribute('role')?.toLowerCase();
  const tokens = classTokens(element);
  if (tokens.some((t) => alwaysTokens.has(t))) return true;
  const chromeByMarkup = CHROME_TAGS.has(tag) || (role !== undefined && CHROME_ROLES.has(role));
  const chromeByName = !chromeByMarkup && tokens.some((t) => widgetTokens.has(t));
  if (!chromeByMarkup && !chromeByName) return false;
  const chars = textLength(element);
  // "content-with-sidebar", "article-body-related": a content word makes a big container the article.
  if (chromeByName && chars >= config.pruneContentMinChars && tokens.some((t) => contentTokens.has(t))) return false;
  return chars < guard;
}

function isHidden(element: PrunableElement): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style');
  return style !== null && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
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
