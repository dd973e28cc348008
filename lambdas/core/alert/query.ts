/**
 * The watch query language: what Google Alerts and Meltwater users type.
 *
 *   actor:"Marco Rubio" AND (Ukraine OR Kyiv) NOT source:tass.com
 *
 * - a bare word or a "quoted phrase" matches the article's title and text (whole words,
 *   case- and accent-insensitive), as `--keyword` does;
 * - field prefixes: `actor:` (an actor, as `--actor`), `topic:` (an IPTC topic, as `--topic`),
 *   `source:` (the outlet: domain, id or name; `site:` is the same, as in Google), `lang:` (the
 *   article's language code); each takes a word or a "quoted phrase";
 * - AND, OR, NOT (upper case; lower-case and/or/not are words), `-term` for NOT term,
 *   parentheses; terms side by side are ANDed (as Google does).
 * - Precedence, tightest first: NOT (and `-`), AND (written or implied), OR: `a b OR c` is
 *   `(a AND b) OR c`, as in Meltwater, Lucene and SQL. `a NOT b` is `a AND NOT b`.
 *
 * Hand-written recursive descent rather than a Lucene-syntax library (liqe, lucene): those
 * grammars also accept regexes, ranges, wildcards, boosts and nested field paths that a watch
 * cannot honour (each would have to be refused after parsing), and their errors name parser
 * states, where a user needs "expected a term after AND" at a column. The language is small
 * enough that the parser is shorter than that translation layer.
 *
 * Pure: parsing and evaluation take and return plain data. Evaluation is three-valued (a term
 * may be "unknown"), which lets callers ask what the source or language alone decides
 * (core/alert/match.ts) and which stories need their articles read (app/watches.ts preview).
 */
import { ConfigurationError } from '../errors';

export type QueryField = 'text' | 'actor' | 'topic' | 'source' | 'lang';

export interface QueryTerm {
  kind: 'term';
  field: QueryField;
  value: string;
  /** Written in quotes: kept as one phrase (a bare word is one word anyway). */
  quoted: boolean;
  /** 1-based column of the term in the query (its field prefix, when it has one). */
  column: number;
}

export type QueryNode =
  | QueryTerm
  | { kind: 'not'; operand: QueryNode }
  | { kind: 'and'; operands: QueryNode[] }
  | { kind: 'or'; operands: QueryNode[] };

/** A query the parser refused: the 1-based column of the fault, and the query with a caret under it. */
export class QueryParseError extends ConfigurationError {
  constructor(
    readonly query: string,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`query error at column ${column}: ${reason}\n  ${query}\n  ${' '.repeat(Math.max(0, column - 1))}^`);
  }
}

/** Field prefixes as typed (lower-cased) -> field. `site:` is Google's spelling of `source:`. */
const FIELD_PREFIXES: Readonly<Record<string, QueryField>> = Object.freeze({
  actor: 'actor',
  topic: 'topic',
  source: 'source',
  site: 'source',
  lang: 'lang',
});

const OPERATORS = new Set(['AND', 'OR', 'NOT']);

type Token =
  | { type: 'word'; text: string; column: number }
  | { type: 'phrase'; text: string; column: number }
  | { type: 'field'; field: QueryField; prefix: string; column: number }
  | { type: 'op'; op: 'AND' | 'OR' | 'NOT'; column: number }
  | { type: 'minus'; column: number }
  | { type: 'open'; column: number }
  | { type: 'close'; column: number };

/** Parses a query; throws QueryParseError (with the column) when it is malformed. */
export function parseQuery(query: string): QueryNode {
  const tokens = tokenize(query);
  if (tokens.length === 0) throw new QueryParseError(query, 1, 'the query is empty');
  const parser = new Parser(query, tokens);
  const node = parser.parseOr();
  parser.expectEnd();
  return node;
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    const column = i + 1;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: c === '(' ? 'open' : 'close', column });
      i++;
    } else if (c === '"') {
      const end = query.indexOf('"', i + 1);
      if (end < 0) throw new QueryParseError(query, column, 'this quote is never closed');
      tokens.push({ type: 'phrase', text: query.slice(i + 1, end), column });
      i = end + 1;
    } else if (c === '-' && i + 1 < query.length && !/[\s)]/.test(query[i + 1]) && startsTerm(tokens)) {
      // "-term" negates; a hyphen inside a word ("Jong-un") never gets here.
      tokens.push({ type: 'minus', column });
      i++;
    } else {
      let end = i;
      while (end < query.length && !/[\s()"]/.test(query[end])) end++;
      const text = query.slice(i, end);
      const prefix = /^([A-Za-z]+):/.exec(text);
      if (prefix) {
        const field = FIELD_PREFIXES[prefix[1].toLowerCase()];
        if (!field) {
          throw new QueryParseError(query, column, `unknown field "${prefix[1]}:" (the fields are actor:, topic:, source:, lang:)`);
        }
        tokens.push({ type: 'field', field, prefix: prefix[1], column });
        const rest = text.slice(prefix[0].length);
        if (rest) tokens.push({ type: 'word', text: rest, column: column + prefix[0].length });
        i = rest ? end : i + prefix[0].length;
      } else {
        tokens.push(OPERATORS.has(text) ? { type: 'op', op: text as 'AND' | 'OR' | 'NOT', column } : { type: 'word', text, column });
        i = end;
      }
    }
  }
  return tokens;
}

/** A "-" starts a negated term only where a term may start (not right after a field prefix). */
function startsTerm(tokens: Token[]): boolean {
  return tokens[tokens.length - 1]?.type !== 'field';
}

class Parser {
  private at = 0;

  constructor(
    private readonly query: string,
    private readonly tokens: Token[],
  ) {}

  /** or := and (OR and)* */
  parseOr(): QueryNode {
    const operands = [this.parseAnd()];
    while (this.peekOp('OR')) {
      const op = this.next();
      operands.push(this.parseAnd(`after ${opName(op)}`));
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  /** and := unary ((AND)? unary)*  -- terms side by side are ANDed */
  parseAnd(context = 'here'): QueryNode {
    const operands = [this.parseUnary(context)];
    for (;;) {
      if (this.peekOp('AND')) {
        const op = this.next();
        operands.push(this.parseUnary(`after ${opName(op)}`));
      } else if (this.startsUnary()) {
        operands.push(this.parseUnary());
      } else {
        break;
      }
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  /** unary := (NOT | -) unary | primary */
  parseUnary(context = 'here'): QueryNode {
    const token = this.tokens[this.at];
    if (token && ((token.type === 'op' && token.op === 'NOT') || token.type === 'minus')) {
      this.at++;
      return { kind: 'not', operand: this.parseUnary(`after ${token.type === 'minus' ? '"-"' : 'NOT'}`) };
    }
    return this.parsePrimary(context);
  }

  /** primary := ( or ) | field value | word | "phrase" */
  parsePrimary(context: string): QueryNode {
    const token = this.tokens[this.at];
    if (!token) return this.fail(this.query.length + 1, `expected a term ${context}`);
    switch (token.type) {
      case 'open': {
        this.at++;
        if (this.tokens[this.at]?.type === 'close') return this.fail(this.tokens[this.at].column, 'expected a term inside the parentheses');
        const inner = this.parseOr();
        const close = this.tokens[this.at];
        if (close?.type !== 'close') return this.fail(token.column, 'this parenthesis is never closed');
        this.at++;
        return inner;
      }
      case 'field': {
        this.at++;
        const value = this.tokens[this.at];
        if (value?.type !== 'word' && value?.type !== 'phrase') {
          return this.fail(value?.column ?? this.query.length + 1, `expected a word or a "quoted phrase" after ${token.prefix}:`);
        }
        this.at++;
        return this.term(token.field, value, token.column);
      }
      case 'word':
      case 'phrase':
        this.at++;
        return this.term('text', token, token.column);
      case 'close':
        return this.fail(token.column, `expected a term ${context}, not ")"`);
      case 'op':
        return this.fail(token.column, `expected a term ${context}, not ${token.op}`);
      default:
        return this.fail(token.column, `expected a term ${context}`);
    }
  }

  expectEnd(): void {
    const token = this.tokens[this.at];
    if (token) this.fail(token.column, token.type === 'close' ? 'this parenthesis was never opened' : 'unexpected text');
  }

  private term(field: QueryField, token: { type: 'word' | 'phrase'; text: string; column: number }, column: number): QueryTerm {
    const value = token.text.trim().replace(/\s+/g, ' ');
    if (!/[\p{L}\p{N}]/u.test(value)) {
      return this.fail(token.column, token.type === 'phrase' ? 'a quoted phrase needs a letter or digit' : `"${token.text}" has no letter or digit to match`);
    }
    return { kind: 'term', field, value, quoted: token.type === 'phrase', column };
  }

  private startsUnary(): boolean {
    const token = this.tokens[this.at];
    if (!token) return false;
    return token.type === 'word' || token.type === 'phrase' || token.type === 'field' || token.type === 'open' || token.type === 'minus'
      || (token.type === 'op' && token.op === 'NOT');
  }

  private peekOp(op: 'AND' | 'OR'): boolean {
    const token = this.tokens[this.at];
    return token?.type === 'op' && token.op === op;
  }

  private next(): Token {
    return this.tokens[this.at++];
  }

  private fail(column: number, reason: string): never {
    throw new QueryParseError(this.query, column, reason);
  }
}

function opName(token: Token): string {
  return token.type === 'op' ? token.op : token.type;
}

// ---- printing --------------------------------------------------------------------------------

/** The query as text, parenthesized where precedence needs it: parsing it again gives the same tree. */
export function formatQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'term': {
      // A bare text term that reads as a field prefix ("site:x") is quoted; a field's value need not be.
      const value = node.quoted || /[\s()"]/.test(node.value) || OPERATORS.has(node.value) || node.value.startsWith('-') || (node.field === 'text' && /^[A-Za-z]+:/.test(node.value))
        ? `"${node.value.replace(/"/g, '')}"`
        : node.value;
      return node.field === 'text' ? value : `${node.field}:${value}`;
    }
    case 'not':
      return `NOT ${node.operand.kind === 'and' || node.operand.kind === 'or' ? `(${formatQuery(node.operand)})` : formatQuery(node.operand)}`;
    case 'and':
      return node.operands.map((o) => (o.kind === 'or' ? `(${formatQuery(o)})` : formatQuery(o))).join(' AND ');
    case 'or':
      return node.operands.map(formatQuery).join(' OR ');
  }
}

/** Every term of the query, in order. */
export function queryTerms(node: QueryNode): QueryTerm[] {
  switch (node.kind) {
    case 'term':
      return [node];
    case 'not':
      return queryTerms(node.operand);
    default:
      return node.operands.flatMap(queryTerms);
  }
}

/** The same tree with each term replaced (field values resolved to the registry's names, say). */
export function mapQueryTerms(node: QueryNode, map: (term: QueryTerm) => QueryTerm): QueryNode {
  switch (node.kind) {
    case 'term':
      return map(node);
    case 'not':
      return { kind: 'not', operand: mapQueryTerms(node.operand, map) };
    default:
      return { kind: node.kind, operands: node.operands.map((o) => mapQueryTerms(o, map)) };
  }
}

// ---- evaluation ------------------------------------------------------------------------------

/** true, false, or undefined: not known (Kleene's three-valued logic). */
export type Truth = boolean | undefined;

/**
 * The query's value when each term's value is `test(term)`. With unknown terms the result is
 * what every assignment of them agrees on, or undefined (false AND unknown is false, true OR
 * unknown is true, NOT unknown is unknown).
 */
export function evaluateQuery(node: QueryNode, test: (term: QueryTerm) => Truth): Truth {
  switch (node.kind) {
    case 'term':
      return test(node);
    case 'not': {
      const value = evaluateQuery(node.operand, test);
      return value === undefined ? undefined : !value;
    }
    case 'and': {
      let result: Truth = true;
      for (const operand of node.operands) {
        const value = evaluateQuery(operand, test);
        if (value === false) return false;
        if (value === undefined) result = undefined;
      }
      return result;
    }
    case 'or': {
      let result: Truth = false;
      for (const operand of node.operands) {
        const value = evaluateQuery(operand, test);
        if (value === true) return true;
        if (value === undefined) result = undefined;
      }
      return result;
    }
  }
}

/**
 * The positive terms that made a matching query true, for the alert's reason ("actor Marco
 * Rubio, "Kyiv""): every operand of a true AND, the first true operand of an OR; negations add
 * nothing (what is absent is not a reason).
 */
export function matchedTerms(node: QueryNode, test: (term: QueryTerm) => Truth): QueryTerm[] {
  switch (node.kind) {
    case 'term':
      return test(node) === true ? [node] : [];
    case 'not':
      return [];
    case 'and':
      return node.operands.flatMap((o) => matchedTerms(o, test));
    case 'or': {
      const first = node.operands.find((o) => evaluateQuery(o, test) === true);
      return first ? matchedTerms(first, test) : [];
    }
  }
}

/**
 * A cache of parsed queries, by text: watches are read once per object, and each document
 * evaluates them more than once; a query is parsed once per text. A text that does not parse is
 * cached as its error. Bounded: the oldest entry goes first.
 */
export class QueryCache {
  private readonly entries = new Map<string, QueryNode | QueryParseError>();

  constructor(private readonly limit: number) {}

  get(query: string): QueryNode | QueryParseError {
    const cached = this.entries.get(query);
    if (cached) return cached;
    let parsed: QueryNode | QueryParseError;
    try {
      parsed = parseQuery(query);
    } catch (error) {
      if (!(error instanceof QueryParseError)) throw error;
      parsed = error;
    }
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(query, parsed);
    return parsed;
  }
}
