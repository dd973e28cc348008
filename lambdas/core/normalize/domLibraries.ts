/**
 * The HTML libraries (linkedom with htmlparser2 and css-select, Readability: about 300 KB
 * minified), loaded on first use instead of imported: a Lambda that never reads a page (a text,
 * JSON or CSV drop) does not evaluate them while it starts. esbuild keeps them in the one bundle
 * behind a lazy require, and since htmlLibraries.ts imports them (ES modules), their ES builds,
 * which it can trim. Measured in docs/lambda-bundles.md.
 */
import { tuneReadability } from './tunedReadability';

type HtmlLibraries = typeof import('./htmlLibraries');

let libraries: HtmlLibraries | undefined;
let tuned: HtmlLibraries['Readability'] | undefined;

function load(): HtmlLibraries {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  libraries ??= require('./htmlLibraries') as HtmlLibraries;
  return libraries;
}

/** linkedom's parseHTML. */
export function parseHTML(html: string): ReturnType<HtmlLibraries['parseHTML']> {
  return load().parseHTML(html);
}

/** Readability's class, with two of its DOM lookups made cheap (tunedReadability.ts). */
export function readabilityClass(): HtmlLibraries['Readability'] {
  tuned ??= tuneReadability(load().Readability);
  return tuned;
}
