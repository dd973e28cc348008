// In place of htmlparser2's index in the Lambda bundles (handler-function.ts): linkedom takes only
// its Parser (`import * as HTMLParser2 …; const {Parser} = HTMLParser2`), and the namespace import
// keeps everything else the index re-exports (domutils, dom-serializer and a second copy of the
// entities tables: about 85 KB). The bundles test reads an HTML page with the bundle.
export { Parser } from '../../node_modules/htmlparser2/dist/esm/Parser.js';
