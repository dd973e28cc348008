/** The DOM surface the gathering needs (linkedom and browsers both provide it). */
export interface StrayNode {
  nodeType: number;
  tagName?: string;
  childNodes: ArrayLike<StrayNode>;
}

export interface StrayDocument {
  documentElement: (StrayNode & { childNodes: ArrayLike<StrayNode> }) | null;
  body: (StrayNode & { prepend(...nodes: StrayNode[]): void; append(...nodes: StrayNode[]): void }) | null;
}

/** Head elements: where they stand outside the head they are still not text. */
const HEAD_ONLY = new Set(['HEAD', 'META', 'LINK', 'TITLE', 'BASE', 'STYLE', 'SCRIPT', 'NOSCRIPT', 'TEMPLATE']);

/**
 * Content that linkedom leaves beside the body, moved into it where a browser puts it: a page
 * with a second `<head>` or a `<link>` after `</head>` gets its `<div>`s as siblings of an empty
 * `<body>`, a second `<body>` tag a second body element; the article read as empty. Elements
 * before the body go first, in order; a stray body gives its children. Only the root's own
 * children are looked at.
 */
export function gatherStrayContent(document: StrayDocument): void {
  const root = document.documentElement;
  const body = document.body;
  if (!root || !body) return;
  const before: StrayNode[] = [];
  const after: StrayNode[] = [];
  let seenBody = false;
  for (const node of Array.from(root.childNodes)) {
    if (node === body) {
      seenBody = true;
      continue;
    }
    if (node.nodeType !== 1 || HEAD_ONLY.has((node.tagName ?? '').toUpperCase())) continue;
    const moved = (node.tagName ?? '').toUpperCase() === 'BODY' ? Array.from(node.childNodes) : [node];
    (seenBody ? after : before).push(...moved);
  }
  if (before.length > 0) body.prepend(...before);
  if (after.length > 0) body.append(...after);
}
