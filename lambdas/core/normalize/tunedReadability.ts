import type { Readability } from '@mozilla/readability';
import { hasHidingStyle } from './pruneBoilerplate';

type ReadabilityClass = typeof Readability;

/** The DOM surface the two lookups below need (linkedom's elements and browsers' both have it). */
interface QueryNode {
  tagName: string;
  localName: string;
  firstElementChild: QueryNode | null;
  nextElementSibling: QueryNode | null;
  nodeType: number;
  textContent: string | null;
  children: ArrayLike<QueryNode>;
  childNodes: ArrayLike<QueryNode>;
  firstChild: QueryNode | null;
  parentNode: QueryNode | null;
  appendChild(node: QueryNode): QueryNode;
  replaceChild(node: QueryNode, old: QueryNode): QueryNode;
  getElementsByTagName(name: string): ArrayLike<QueryNode>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  className?: string;
}

/** The part of Readability the tuned methods call back into. */
interface ReadabilityInternals {
  _doc: { createTextNode(text: string): QueryNode; createElement(name: string): QueryNode };
  _getAllNodesWithTag(node: QueryNode, tagNames: string[]): QueryNode[];
  REGEXPS: { byline: RegExp };
  TEXT_NODE: number;
}


/**
 * Readability.js 0.6.0 with four of its helpers made cheap, same text (docs/extraction.md, speed):
 * - `_getAllNodesWithTag` runs `querySelectorAll("a,b")`, which parses and compiles a selector
 *   on every call (it is called for each candidate `<div>`, table and list while cleaning): here
 *   getElementsByTagName with the upper-case name gives the same elements in the same document
 *   order (in any case: Readability's renamed elements are "DIV", which getElementsByTagName("div")
 *   misses), and one walk over the elements for several names.
 * - `_isProbablyVisible` reads `node.style`, which makes linkedom build a CSSStyleDeclaration for
 *   every node scored: here the style attribute is tested as pruneBoilerplate.ts tests it.
 * - `_isValidByline` reads the text of every element it is asked about (the whole page for
 *   `<html>`, each ancestor again) before looking at its name: here the name first, then the text.
 * - `_fixRelativeUris` resolves every link and image URL with `new URL`: newswatch reads the
 *   article's text, never its URLs, so only its one change to the text stays (a `javascript:`
 *   link becomes plain text).
 * Built once, on first use, from the lazily loaded class (domLibraries.ts).
 */
export function tuneReadability(Base: ReadabilityClass): ReadabilityClass {
  const Tuned = class extends (Base as unknown as new (...args: unknown[]) => object) {};
  Object.assign(Tuned.prototype, {
    _getAllNodesWithTag(node: QueryNode, tagNames: string[]): QueryNode[] {
      // Given an upper-case name, linkedom's getElementsByTagName compares upper-cased names (any
      // case matches) along its node list, in document order. Several names (up to twelve, for
      // each element whose text density is weighed): one walk, not one list per name.
      return tagNames.length === 1 ? Array.from(node.getElementsByTagName(tagNames[0].toUpperCase())) : walkForTags(node, tagNames);
    },
    _isProbablyVisible(node: QueryNode): boolean {
      // pruneBoilerplate.ts's test of a hiding style (it removed those already: none is left).
      if (hasHidingStyle(node) || node.hasAttribute('hidden')) return false;
      // "fallback-image": Readability keeps Wikimedia's math images.
      return node.getAttribute('aria-hidden') !== 'true' || Boolean(node.className?.includes?.('fallback-image'));
    },
    _isValidByline(this: ReadabilityInternals, node: QueryNode, matchString: string): boolean {
      const itemprop = node.getAttribute('itemprop');
      if (!(node.getAttribute('rel') === 'author' || itemprop?.includes('author') || this.REGEXPS.byline.test(matchString))) return false;
      const bylineLength = (node.textContent ?? '').trim().length;
      return bylineLength > 0 && bylineLength < 100;
    },
    _fixRelativeUris(this: ReadabilityInternals, articleContent: QueryNode): void {
      for (const link of this._getAllNodesWithTag(articleContent, ['a'])) {
        const href = link.getAttribute('href');
        if (!href?.startsWith('javascript:')) continue;
        // Readability's own replacement: a text node for a link of one text, else a <span> of its children.
        if (link.childNodes.length === 1 && link.childNodes[0].nodeType === this.TEXT_NODE) {
          link.parentNode?.replaceChild(this._doc.createTextNode(link.textContent ?? ''), link);
        } else {
          const container = this._doc.createElement('span');
          while (link.firstChild) container.appendChild(link.firstChild);
          link.parentNode?.replaceChild(container, link);
        }
      }
    },
  });
  return Tuned as unknown as ReadabilityClass;
}

/** The elements of these names (any case) under `node`, in document order. */
function walkForTags(node: QueryNode, tagNames: string[]): QueryNode[] {
  const wanted = new Set(tagNames.map((name) => name.toUpperCase()));
  // Whether a local name is wanted, upper-cased once per distinct name ("div", "DIV", "p"…).
  const isWanted = new Map<string, boolean>();
  const found: QueryNode[] = [];
  const walk = (parent: QueryNode) => {
    for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
      const name = child.localName;
      let hit = isWanted.get(name);
      if (hit === undefined) {
        hit = wanted.has(name.toUpperCase());
        isWanted.set(name, hit);
      }
      if (hit) found.push(child);
      walk(child);
    }
  };
  walk(node);
  return found;
}
