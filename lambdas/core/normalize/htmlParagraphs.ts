import { parseHTML } from 'linkedom';
import { collapseSpaces } from './whitespace';

/** Elements that start a new paragraph; their text is never glued to a neighbour's. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN',
  'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD',
  'TR', 'UL', 'BR', 'CENTER',
]);
/** Never article text: code, media, and captions (credits, not prose). */
const SKIPPED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'VIDEO', 'AUDIO',
  'CANVAS', 'FIGCAPTION', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT',
]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** The text of an element as paragraphs: one per block element, inline text kept together. */
export function collectParagraphs(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let buffer = '';
  const flush = () => {
    const paragraph = collapseSpaces(buffer);
    if (paragraph.length > 0) paragraphs.push(paragraph);
    buffer = '';
  };
  const walk = (node: DomNode) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        buffer += child.textContent ?? '';
      } else if (child.nodeType === 1) {
        const tag = child.nodeName.toUpperCase();
        if (SKIPPED_TAGS.has(tag)) continue;
        if (BLOCK_TAGS.has(tag)) {
          flush();
          walk(child);
          flush();
        } else {
          walk(child);
        }
      }
    }
  };
  walk(root);
  flush();
  return paragraphs;
}

/** Paragraphs of an HTML fragment (a JSON field holding markup). */
export function htmlFragmentParagraphs(fragment: string): string[] {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${fragment}</body></html>`);
  return document.body ? collectParagraphs(document.body as unknown as DomNode) : [];
}
