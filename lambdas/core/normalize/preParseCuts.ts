import type { PreParseCuts } from './htmlBounds';
import cuts from './pre-parse-cuts.json';

const READ_ATTRIBUTES: ReadonlySet<string> = new Set(cuts.readAttributes);
const ALL_ATTRIBUTES_OF: ReadonlySet<string> = new Set(cuts.allAttributesOf);
const IMAGE_ATTRIBUTES: ReadonlySet<string> = new Set(cuts.imageAttributes);
const IMAGE_VALUES = new RegExp(cuts.imageValues, 'i');
const ALWAYS_READ_HREF_ON: ReadonlySet<string> = new Set(cuts.alwaysReadHrefOn);
const VALUES_READ: ReadonlyMap<string, RegExp> = new Map(Object.entries(cuts.valuesRead).map(([name, pattern]) => [name, new RegExp(pattern, 'i')]));

/**
 * What is cut from a page in the bounds pass before it is parsed (htmlBounds.ts), from
 * pre-parse-cuts.json: the attributes no step reads (those read, every attribute of the elements
 * whose attributes Readability scans as a whole and an image's sources are kept; an href, rel or
 * style only when its value is one some step looks at), and the whitespace between block tags.
 */
export const preParseCuts: PreParseCuts = {
  keepAttribute(tag, attribute, value) {
    if (ALL_ATTRIBUTES_OF.has(tag)) return true;
    if (tag === 'img' && (IMAGE_ATTRIBUTES.has(attribute) || IMAGE_VALUES.test(value()))) return true;
    if (!READ_ATTRIBUTES.has(attribute)) return false;
    const valuesRead = VALUES_READ.get(attribute);
    return valuesRead === undefined || (attribute === 'href' && ALWAYS_READ_HREF_ON.has(tag)) || valuesRead.test(value());
  },
  blockTags: new Set(cuts.blockTags),
};
