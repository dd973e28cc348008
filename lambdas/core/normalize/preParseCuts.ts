import type { PreParseCuts } from './htmlBounds';
import cuts from './pre-parse-cuts.json';

const READ_ATTRIBUTES: ReadonlySet<string> = new Set(cuts.readAttributes);
const ALL_ATTRIBUTES_OF: ReadonlySet<string> = new Set(cuts.allAttributesOf);

/**
 * What is cut from a page in the bounds pass before it is parsed (htmlBounds.ts), from
 * pre-parse-cuts.json: the attributes no step reads (those read, and every attribute of the
 * elements whose attributes Readability scans as a whole, are kept), and the whitespace between
 * block tags.
 */
export const preParseCuts: PreParseCuts = {
  keepAttribute: (tag, attribute) => READ_ATTRIBUTES.has(attribute) || ALL_ATTRIBUTES_OF.has(tag),
  blockTags: new Set(cuts.blockTags),
};
