import type { AttributeFilter } from './htmlBounds';
import readAttributes from './read-attributes.json';

const EVERY_ELEMENT: ReadonlySet<string> = new Set(readAttributes.everyElement);
const ALL_ATTRIBUTES_OF: ReadonlySet<string> = new Set(readAttributes.allAttributesOf);

/**
 * The attributes kept when a page is parsed: those some step reads (read-attributes.json), and
 * every attribute of the elements whose attributes Readability scans as a whole. The rest are
 * cut in the bounds pass (htmlBounds.ts): each would be a linkedom node.
 */
export const keptAttributes: AttributeFilter = {
  keep: (tag, attribute) => EVERY_ELEMENT.has(attribute) || ALL_ATTRIBUTES_OF.has(tag),
};
