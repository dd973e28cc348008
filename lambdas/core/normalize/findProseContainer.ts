import type { NormalizeConfig } from './config';
import { collectBlocks, type TextBlock } from './htmlParagraphs';
import { classTokens } from './pruneBoilerplate';
import { comparableText } from './whitespace';

/** The DOM surface the prose search needs (linkedom and browsers both provide it). */
export interface ProseElement {
  tagName: string;
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  children: ArrayLike<ProseElement>;
  childNodes: ArrayLike<ProseElement>;
  parentElement: ProseElement | null;
  getAttribute(name: string): string | null;
}

/** Reader comments: prose, but never the article (a long reply must not outweigh a short post). */
const COMMENT_TOKENS = new Set(['comment', 'comments', 'commentlist', 'reply', 'replies', 'respond', 'discussion']);

/** Where a page's prose is, read before Readability rewrites the tree. */
export interface ProseMap {
  /** The prose paragraphs of the article container, whitespace collapsed. */
  paragraphs: string[];
  /** Their characters summed. */
  chars: number;
  /** The container's blocks; empty when the page has too little prose. */
  containerBlocks: TextBlock[];
  /**
   * The lead: prose paragraphs between the headline and the container, in the part of the
   * page they share (an article's <header> with its intro), which Readability often leaves out.
   */
  lead: string[];
  /**
   * Where the article is, for Readability to search: the smallest element holding nearly all of
   * the page's prose (readabilityScopeProseShare), a few levels up (readabilityScopeLevels) for
   * its headline and lead; absent when the page has too little prose to tell.
   */
  scope?: ProseElement;
}

/**
 * The page's prose paragraphs (`<p>`s of a sentence or more, mostly not links), the element
 * that holds the most of them as its own paragraphs (the article body; a comment thread is many
 * small ones), widened to the ancestors that add its head and subheads but little other prose:
 * the article, when Readability chose a list of names, a table or a box beside it. Its blocks
 * are read now, because Readability moves and removes the nodes it scores.
 */
export function findProseContainer(body: ProseElement, config: NormalizeConfig): ProseMap {
  const own = new Map<ProseElement, { chars: number; paragraphs: string[] }>();
  const held = new Map<ProseElement, number>();
  const visit = (element: ProseElement) => {
    for (const child of Array.from(element.children)) {
      if (child.tagName.toUpperCase() !== 'P') {
        if (!classTokens(child as unknown as Parameters<typeof classTokens>[0]).some((t) => COMMENT_TOKENS.has(t))) visit(child);
        continue;
      }
      const text = (child.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!isProse(child, text, config)) continue;
      const entry = own.get(element) ?? { chars: 0, paragraphs: [] };
      entry.chars += text.length;
      entry.paragraphs.push(text);
      own.set(element, entry);
      for (let at: ProseElement | null = element; at; at = at.parentElement) held.set(at, (held.get(at) ?? 0) + text.length);
    }
  };
  visit(body);
  let best: ProseElement | undefined;
  let bestChars = 0;
  for (const [element, entry] of own) {
    if (entry.chars > bestChars) {
      best = element;
      bestChars = entry.chars;
    }
  }
  if (!best || bestChars < config.proseContainerMinChars) return { paragraphs: [], chars: 0, containerBlocks: [], lead: [] };
  const lead = findLead(best, body, config);
  const scope = findScope(best, body, held, config);
  const split = findSplitArticle(best, body, held, config);
  if (split) {
    const paragraphs = [...own].filter(([element]) => isWithin(element, split)).flatMap(([, entry]) => entry.paragraphs);
    if (paragraphs.length >= config.proseContainerMinParagraphs) return { paragraphs, chars: held.get(split)!, containerBlocks: collectBlocks(split), lead, scope };
  }
  if (own.get(best)!.paragraphs.length < config.proseContainerMinParagraphs) return { paragraphs: [], chars: 0, containerBlocks: [], lead };
  let container: ProseElement = best;
  for (let parent = container.parentElement; parent && parent !== body && (held.get(parent) ?? 0) <= bestChars * config.proseContainerSlack; parent = parent.parentElement) {
    container = parent;
  }
  const { paragraphs } = own.get(best)!;
  return { paragraphs, chars: bestChars, containerBlocks: collectBlocks(container), lead, scope };
}

/**
 * An article split into boxes of one kind (a CMS's "paragraph" fields, each a few `<p>`s, a
 * tweet or a file link between them): the nearest ancestor of the prose element, at most
 * splitArticleMaxLevels up, whose children that hold prose are all alike (same tag and class) and
 * at least two; Readability takes one box, the first or the longest.
 */
function findSplitArticle(best: ProseElement, body: ProseElement, held: Map<ProseElement, number>, config: NormalizeConfig): ProseElement | undefined {
  let child: ProseElement = best;
  for (let level = 1; level <= config.splitArticleMaxLevels && child.parentElement && child.parentElement !== body; level += 1) {
    const parent: ProseElement = child.parentElement;
    const signature = signatureOf(child);
    const holding = Array.from(parent.children).filter((sibling) => (held.get(sibling) ?? 0) > 0);
    if (holding.length >= 2 && holding.every((sibling) => signatureOf(sibling) === signature)) return parent;
    child = parent;
  }
  return undefined;
}

function signatureOf(element: ProseElement): string {
  return `${element.tagName.toUpperCase()} ${element.getAttribute('class') ?? ''}`;
}

function isWithin(element: ProseElement, ancestor: ProseElement): boolean {
  for (let at: ProseElement | null = element; at; at = at.parentElement) if (at === ancestor) return true;
  return false;
}

function findScope(best: ProseElement, body: ProseElement, held: Map<ProseElement, number>, config: NormalizeConfig): ProseElement | undefined {
  if (config.readabilityScopeLevels < 0) return undefined;
  const pageProse = held.get(body) ?? 0;
  let scope: ProseElement = best;
  while (scope.parentElement && scope !== body && (held.get(scope) ?? 0) < pageProse * config.readabilityScopeProseShare) scope = scope.parentElement;
  for (let level = 0; level < config.readabilityScopeLevels && scope !== body && scope.parentElement; level += 1) scope = scope.parentElement;
  return scope === body ? undefined : scope;
}

/**
 * The prose paragraphs after the page's h1 and before the article body, inside the nearest
 * ancestor of the body (at most leadMaxLevels up) that holds the h1 too: not the page's body or
 * a wrapper far above (a site banner's h1 followed by teasers says nothing about the article).
 */
function findLead(container: ProseElement, body: ProseElement, config: NormalizeConfig): string[] {
  let scope: ProseElement | null = container.parentElement;
  let headline: ProseElement | undefined;
  for (let level = 1; scope && scope !== body && level <= config.leadMaxLevels; scope = scope.parentElement, level += 1) {
    headline = firstHeadline(scope);
    if (headline) break;
  }
  if (!scope || scope === body || !headline) return [];
  const lead: string[] = [];
  let afterHeadline = false;
  let done = false;
  const walk = (element: ProseElement) => {
    for (const child of Array.from(element.children)) {
      if (done) return;
      if (child === container) {
        done = true;
        return;
      }
      if (child === headline) {
        afterHeadline = true;
        continue;
      }
      const tag = child.tagName.toUpperCase();
      if (afterHeadline && (tag === 'P' || tag === 'LI')) {
        const text = (child.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (text.length >= config.leadMinChars && isProse(child, text, config)) lead.push(text);
        if (lead.length >= config.leadMaxParagraphs) done = true;
        continue;
      }
      walk(child);
    }
  };
  walk(scope);
  return done || lead.length > 0 ? lead : [];
}

function firstHeadline(scope: ProseElement): ProseElement | undefined {
  for (const child of Array.from(scope.children)) {
    if (child.tagName.toUpperCase() === 'H1') return child;
    const found = firstHeadline(child);
    if (found) return found;
  }
  return undefined;
}

function isProse(paragraph: ProseElement, text: string, config: Pick<NormalizeConfig, 'proseParagraphMinChars' | 'proseMaxLinkShare'>): boolean {
  if (text.length < config.proseParagraphMinChars || !/[.!?:;]/.test(text)) return false;
  let linked = 0;
  const walk = (node: ProseElement) => {
    for (const child of Array.from(node.children)) {
      if (child.tagName.toUpperCase() === 'A') linked += (child.textContent ?? '').replace(/\s+/g, ' ').length;
      else walk(child);
    }
  };
  walk(paragraph);
  return linked / text.length < config.proseMaxLinkShare;
}

/** The share of the prose's characters that made it into the extracted blocks. */
export function proseCoverage(prose: ProseMap, blocks: TextBlock[]): number {
  if (prose.chars === 0) return 1;
  const extracted = comparableText(blocks.map((b) => b.text).join(' '));
  let covered = 0;
  for (const paragraph of prose.paragraphs) if (extracted.includes(comparableText(paragraph))) covered += paragraph.length;
  return covered / prose.chars;
}
