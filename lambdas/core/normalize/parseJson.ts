import { RejectedInputError } from '../errors';

/** JSON.parse with a readable error: "malformed JSON: Expected ',' … at line 3 column 1". */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RejectedInputError(`malformed JSON: ${describeSyntaxError(error, text)}`, { cause: error });
  }
}

function describeSyntaxError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  // V8 quotes the input in some messages: never echo a whole document into an error.
  const reason = message
    .replace(/\s*in JSON at position \d+.*$/, '')
    .replace(/,\s*".*" is not valid JSON$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '');
  if (!position) return reason;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${reason} at line ${line} column ${column}`;
}
