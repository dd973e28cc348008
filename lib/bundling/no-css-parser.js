// In place of @acemir/cssom in the Lambda bundles (handler-function.ts): linkedom imports it only for
// HTMLStyleElement.sheet, which neither Readability nor newswatch reads. 80 KB of parser left out.
export function parse() {
  throw new Error('newswatch Lambda bundles carry no CSS parser: HTMLStyleElement.sheet is not available');
}
