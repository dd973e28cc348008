import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';

/**
 * Stack traces of the bundled Lambdas name the TypeScript files and lines, as Node's
 * `--enable-source-maps` would, but each bundle's source map is read when a stack trace is first
 * formatted instead of when the bundle loads. Node reads and parses the map of every file it
 * loads under that flag: for the ingest bundle (a 1 MB map) about a tenth of each cold start,
 * for maps that are used only when something fails (docs/lambda-bundles.md).
 *
 * The map is parsed by Node's own `SourceMap` (node:module), the parser the flag uses: no
 * dependency (source-map-support would bring the `source-map` package into every bundle). A
 * frame of a file with no readable map beside it is left as V8 writes it.
 */
const maps = new Map<string, SourceMap | undefined>();

function sourceMapOf(file: string): SourceMap | undefined {
  if (!maps.has(file)) {
    let map: SourceMap | undefined;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      // No map beside the file (node_modules, Node's own code): its frames stay as they are.
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

/** Where the map places a position of `file` (1-based line and column), with the name written there. */
function originalPosition(file: string, line: number, column: number) {
  const entry = sourceMapOf(file)?.findEntry(line - 1, column - 1);
  if (!entry || !('originalSource' in entry)) return undefined;
  const { name } = entry as { name?: string };
  return { file: resolve(dirname(file), entry.originalSource), line: entry.originalLine + 1, column: entry.originalColumn + 1, name };
}

/**
 * The call sites as the source map places them: position and function name, and their text
 * (V8's own, with those replaced). A function's original name is the one the map gives where
 * it starts, or, as Node does, where the next frame of the same file calls it. Sites of files
 * without a map are returned as they are.
 */
export function mappedCallSites(sites: NodeJS.CallSite[]): NodeJS.CallSite[] {
  return sites.map((site, i) => {
    const file = site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (!file || line === null || column === null) return site;
    const mapped = originalPosition(file, line, column);
    if (!mapped) return site;
    const caller = sites[i + 1];
    const enclosing = originalPosition(file, site.getEnclosingLineNumber() ?? 0, site.getEnclosingColumnNumber() ?? 0);
    const callerPosition = caller?.getFileName() === file ? originalPosition(file, caller.getLineNumber() ?? 0, caller.getColumnNumber() ?? 0) : undefined;
    const minifiedName = site.getFunctionName();
    const name = (minifiedName && (enclosing?.name ?? callerPosition?.name)) || minifiedName;
    const text = () => {
      let frame = String(site).replace(`${file}:${line}:${column}`, `${mapped.file}:${mapped.line}:${mapped.column}`);
      if (minifiedName && name !== minifiedName) frame = frame.replace(new RegExp(`(^|[ .])${escapeRegExp(minifiedName)}(?= \\(| \\[as )`), `$1${name}`);
      return frame;
    };
    return new Proxy(site, {
      get(target, property) {
        if (property === 'getFileName' || property === 'getScriptNameOrSourceURL') return () => mapped.file;
        if (property === 'getLineNumber') return () => mapped.line;
        if (property === 'getColumnNumber') return () => mapped.column;
        if (property === 'getFunctionName') return () => name;
        if (property === 'toString') return text;
        const value = Reflect.get(target, property) as unknown;
        // V8's call site methods check their receiver: call them on the real site.
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** V8's own format, for a Node that leaves `Error.prepareStackTrace` unset. */
function formatAsV8(error: Error, sites: NodeJS.CallSite[]): string {
  return `${Error.prototype.toString.call(error)}${sites.map((site) => `\n    at ${String(site)}`).join('')}`;
}

/**
 * Maps the frames, then formats them as before: with Node's own formatter in a Lambda, with
 * whatever hook a test runner installed otherwise. Nothing when Node maps stacks already
 * (`--enable-source-maps`).
 */
export function installSourceMappedStacks(): void {
  if (process.sourceMapsEnabled) return;
  const format = Error.prepareStackTrace ?? formatAsV8;
  Error.prepareStackTrace = (error, sites) => format(error, mappedCallSites(sites));
}

installSourceMappedStacks();
