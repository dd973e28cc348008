import type { Readability } from '@mozilla/readability';

type ReadabilityClass = typeof Readability;

/** The DOM surface the two lookups below need (linkedom's elements and browsers' both have it). */
interface QueryNode {
  tagName: string;
  children: ArrayLike<QueryNode>;
  getElementsByTagName(name: string): ArrayLike<QueryNode>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  className?: string;
}

/** What pruneBoilerplate.ts already removed as hidden (the same test): no element left matches it. */
const HIDDEN_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/**
 * Readability.js 0.6.0 with two of its helpers answered without linkedom's CSS machinery, same
 * results, about a third less of its time on a pruned page (docs/extraction.md, speed):
 * - `_getAllNodesWithTag` runs `querySelectorAll("a,b")`, which parses and compiles a selector
 *   on every call (it is called for each candidate `<div>`, table and list while cleaning): here
 *   getElementsByTagName with the upper-case name gives the same elements in the same document
 *   order (in any case: Readability's renamed elements are "DIV", which getElementsByTagName("div")
 *   misses), and a walk when several names each have some.
 * - `_isProbablyVisible` reads `node.style`, which makes linkedom build a CSSStyleDeclaration for
 *   every node scored: here the style attribute is tested as pruneBoilerplate.ts tests it.
 * Built once, on first use, from the lazily loaded class (domLibraries.ts).
 */
export function tuneReadability(Base: ReadabilityClass): ReadabilityClass {
  const Tuned = class extends (Base as unknown as new (...args: unknown[]) => object) {};
  Object.assign(Tuned.prototype, {
    _getAllNodesWithTag(node: QueryNode, tagNames: string[]): QueryNode[] {
      // Given an upper-case name, linkedom's getElementsByTagName compares upper-cased names (any
      // case matches) along its node list, in document order. Several names: their one list when
      // the others are empty (a list and a <div>'s lists or embeds usually are), else a walk.
      const found = tagNames.map((name) => node.getElementsByTagName(name.toUpperCase())).filter((list) => list.length > 0);
      return found.length <= 1 ? Array.from(found[0] ?? []) : walkForTags(node, tagNames);
    },
    _isProbablyVisible(node: QueryNode): boolean {
      const style = node.getAttribute('style');
      if (style !== null && HIDDEN_STYLE.test(style)) return false;
      if (node.hasAttribute('hidden')) return false;
      // "fallback-image": Readability keeps Wikimedia's math images.
      return node.getAttribute('aria-hidden') !== 'true' || Boolean(node.className?.includes?.('fallback-image'));
    },
  });
  return Tuned as unknown as ReadabilityClass;
}

/** The elements of these names (any case) under `node`, in document order. */
function walkForTags(node: QueryNode, tagNames: string[]): QueryNode[] {
  const wanted = new Set(tagNames.map((name) => name.toUpperCase()));
  const found: QueryNode[] = [];
  const walk = (parent: QueryNode) => {
    for (const child of Array.from(parent.children)) {
      if (wanted.has(child.tagName.toUpperCase())) found.push(child);
      walk(child);
    }
  };
  walk(node);
  return found;
}
