import { defaultNormalizeConfig } from './config';
import { parseHTML } from './domLibraries';
import { boundHtml, type HtmlBounds } from './htmlBounds';
import { collapseSpaces } from './whitespace';

/** Elements that start a new paragraph; their text is never glued to a neighbour's. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN',
  'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD',
  'TR', 'UL', 'BR', 'CENTER',
]);
/** Never article text: code, media, captions (credits, not prose) and ruby readings (pruneBoilerplate.ts). */
const SKIPPED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'VIDEO', 'AUDIO',
  'CANVAS', 'FIGCAPTION', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'RT', 'RP',
]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** One paragraph of a page, with how much of it is link text (navigation and promos are all links). */
export interface TextBlock {
  text: string;
  /** Share of the block's characters inside <a> elements, 0..1. */
  linkDensity: number;
  /** The block is a heading (h1-h6). */
  heading: boolean;
}

const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** The text of an element as blocks: one per block element, inline text kept together. */
export function collectBlocks(root: DomNode): TextBlock[] {
  const blocks: TextBlock[] = [];
  let buffer = '';
  let chars = 0;
  let linked = 0;
  let heading = 0;
  let linkDepth = 0;
  const flush = () => {
    const text = collapseSpaces(buffer);
    if (text.length > 0) {
      blocks.push({ text, linkDensity: chars > 0 ? linked / chars : 0, heading: heading > 0 });
    }
    buffer = '';
    chars = 0;
    linked = 0;
  };
  const walk = (node: DomNode) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        const value = child.textContent ?? '';
        buffer += value;
        // Visible characters only: indentation between tags must not dilute the density.
        const visible = countVisible(value);
        chars += visible;
        if (linkDepth > 0) linked += visible;
      } else if (child.nodeType === 1) {
        const tag = child.nodeName.toUpperCase();
        if (SKIPPED_TAGS.has(tag)) continue;
        const isBlock = BLOCK_TAGS.has(tag);
        // A table row reads as one line: its cells are separated, not split into paragraphs.
        if (tag === 'TD' || tag === 'TH') buffer += ' ';
        const isHeading = HEADINGS.has(tag);
        if (isBlock) flush();
        if (tag === 'A') linkDepth += 1;
        if (isHeading) heading += 1;
        walk(child);
        if (isHeading) heading -= 1;
        if (tag === 'A') linkDepth -= 1;
        if (isBlock) flush();
      }
    }
  };
  walk(root);
  flush();
  return blocks;
}

function countVisible(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 32) count += 1;
  return count;
}

/** The text of an element as paragraphs: one per block element, inline text kept together. */
export function collectParagraphs(root: DomNode): string[] {
  return collectBlocks(root).map((b) => b.text);
}

/**
 * Paragraphs of an HTML fragment (a JSON field holding markup, a JSON-LD articleBody), brought
 * within the HTML bounds first (htmlBounds.ts; RejectedInputError past the size ones).
 */
export function htmlFragmentParagraphs(fragment: string, bounds: HtmlBounds = defaultNormalizeConfig): string[] {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${boundHtml(fragment, bounds)}</body></html>`);
  return document.body ? collectParagraphs(document.body as unknown as DomNode) : [];
}
