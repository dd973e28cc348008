import { CsvError, parse } from 'csv-parse/sync';
import { RejectedInputError, errorMessage } from '../errors';
import type { PendingOutcome } from './pending';
import type { NormalizeConfig } from './config';
import CSV_COLUMNS from './csv-columns.json';
import { readJsonArticle } from './jsonArticle';

/** The delimiters a CSV header is checked for; the most frequent one outside quotes wins. */
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Article field (as jsonArticle.ts reads it) by folded header name: csv-columns.json turned around. */
const FIELD_BY_HEADER: ReadonlyMap<string, string> = new Map(
  Object.entries(CSV_COLUMNS)
    .filter(([field]) => !field.startsWith('_'))
    .flatMap(([field, names]) => (names as string[]).map((name) => [foldHeader(name), field] as const)),
);

/**
 * CSV with a header row: one article per row, index = the row's position among the data rows
 * (0-based). The header names the columns (title, url, source, publishedAt, text, or an alias
 * from csv-columns.json, any case); each row is read as the JSON article those fields make, so a
 * row with a title and no text is a headline article. A bad row is an outcome of its own.
 * Parsing is csv-parse's (quotes, doubled quotes, newlines in fields, BOM, CRLF). The header and
 * the CSV itself are checked at once; each row is normalized when called (pending.ts).
 */
export function splitCsv(text: string, config: NormalizeConfig): PendingOutcome[] {
  const records = parseRecords(text);
  const header = records.shift();
  if (!header) throw new RejectedInputError('empty object: no CSV header row');
  const fields = header.record.map((name) => FIELD_BY_HEADER.get(foldHeader(name)));
  if (!fields.includes('title') && !fields.includes('text') && !fields.includes('description')) {
    throw new RejectedInputError(
      `the CSV header names no title or text column (got ${header.record.map((n) => JSON.stringify(n.trim())).join(', ')}); ` +
      'expected title (or headline) and optionally text (or body, content, description), url, source, publishedAt');
  }
  const pending: PendingOutcome[] = [];
  records.forEach(({ record, line }, index) => {
    if (record.every((value) => value.trim().length === 0)) return;
    pending.push(() => {
      try {
        return { ok: true, doc: readJsonArticle(rowFields(record, fields), index, 'csv', config) };
      } catch (error) {
        if (!(error instanceof RejectedInputError)) throw error;
        return { ok: false, index, error: `row ${index + 1} (line ${line}): ${errorMessage(error)}` };
      }
    });
  });
  if (pending.length === 0) throw new RejectedInputError('no articles: the CSV has a header and no rows');
  return pending;
}

interface CsvRecord {
  record: string[];
  /** The file line the record starts on (1-based). */
  line: number;
}

function parseRecords(text: string): CsvRecord[] {
  try {
    const parsed = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      info: true,
      relax_column_count: true,
      // A stray quote inside an unquoted field ("5" screen") is a character, as spreadsheets read it.
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    // info.lines is the line the record ends on: a quoted field may span lines.
    return parsed.map(({ record, info }) => ({ record, line: info.lines - newlinesIn(record) }));
  } catch (error) {
    if (error instanceof CsvError) throw new RejectedInputError(`malformed CSV: ${error.message}`, { cause: error });
    throw error;
  }
}

/** The delimiter of the header line: whichever of , ; tab | occurs most outside quotes (a comma on a tie). */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of text.replace(/^\uFEFF/, '')) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: string = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

/** The article fields of one row: the first non-empty column of each field. */
function rowFields(record: string[], fields: (string | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {};
  record.forEach((value, column) => {
    const field = fields[column];
    if (field && out[field] === undefined && value.trim().length > 0) out[field] = value;
  });
  return out;
}

/** "Published At", "published_at" and "publishedAt" are one name. */
function foldHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_-]+/g, '');
}

function newlinesIn(record: string[]): number {
  return record.reduce((n, value) => n + (value.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
}
