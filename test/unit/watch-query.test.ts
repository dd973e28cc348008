import { parseWatchQuery } from '../../lambdas/app/watches';
import { evaluateQuery, formatQuery, parseQuery, QueryCache, QueryParseError, type QueryNode, type QueryTerm } from '../../lambdas/core/alert/query';

/** The tree without columns, terms as "field:value" (quoted ones in quotes): easy to read in an expectation. */
function shape(node: QueryNode): unknown {
  switch (node.kind) {
    case 'term':
      return `${node.field === 'text' ? '' : `${node.field}:`}${node.quoted ? `"${node.value}"` : node.value}`;
    case 'not':
      return { not: shape(node.operand) };
    default:
      return { [node.kind]: node.operands.map(shape) };
  }
}

function parseError(query: string): QueryParseError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QueryParseError) return error;
    throw error;
  }
  throw new Error(`"${query}" parsed`);
}

describe('parseQuery: precedence', () => {
  it('binds NOT tighter than AND, and AND (written or implied) tighter than OR', () => {
    expect(shape(parseQuery('a b OR c'))).toEqual({ or: [{ and: ['a', 'b'] }, 'c'] });
    expect(shape(parseQuery('a OR b AND c'))).toEqual({ or: ['a', { and: ['b', 'c'] }] });
    expect(shape(parseQuery('NOT a b'))).toEqual({ and: [{ not: 'a' }, 'b'] });
    expect(shape(parseQuery('a OR NOT b c'))).toEqual({ or: ['a', { and: [{ not: 'b' }, 'c'] }] });
  });

  it('reads "a NOT b" as a AND NOT b, and -term as NOT term', () => {
    expect(shape(parseQuery('Ukraine NOT Russia'))).toEqual({ and: ['Ukraine', { not: 'Russia' }] });
    expect(shape(parseQuery('Ukraine -Russia -"peace talks"'))).toEqual({ and: ['Ukraine', { not: 'Russia' }, { not: '"peace talks"' }] });
    expect(shape(parseQuery('-(a OR b) c'))).toEqual({ and: [{ not: { or: ['a', 'b'] } }, 'c'] });
  });

  it('lets parentheses override precedence, nested', () => {
    expect(shape(parseQuery('(a OR b) c'))).toEqual({ and: [{ or: ['a', 'b'] }, 'c'] });
    expect(shape(parseQuery('a AND ((b OR c) AND NOT (d OR e))'))).toEqual({ and: ['a', { and: [{ or: ['b', 'c'] }, { not: { or: ['d', 'e'] } }] }] });
  });

  it('parses the issue example', () => {
    expect(shape(parseQuery('actor:"Marco Rubio" AND (Ukraine OR Kyiv) NOT source:tass.com'))).toEqual({
      and: ['actor:"Marco Rubio"', { or: ['Ukraine', 'Kyiv'] }, { not: 'source:tass.com' }],
    });
  });
});

describe('parseQuery: terms', () => {
  it('keeps a quoted phrase whole, spaces collapsed', () => {
    expect(shape(parseQuery('"Marco   Rubio"  Riyadh'))).toEqual({ and: ['"Marco Rubio"', 'Riyadh'] });
  });

  it('takes upper-case AND/OR/NOT as operators only; lower case are words', () => {
    expect(shape(parseQuery('war and peace'))).toEqual({ and: ['war', 'and', 'peace'] });
    expect(shape(parseQuery('"AND"'))).toEqual('"AND"');
  });

  it('keeps hyphens inside words ("Jong-un", "Mazar-i-Sharif")', () => {
    expect(shape(parseQuery('Kim Jong-un'))).toEqual({ and: ['Kim', 'Jong-un'] });
  });

  it('reads field prefixes, any case, with a word or a phrase; site: is source:', () => {
    expect(shape(parseQuery('Actor:Rubio topic:"election" SOURCE:tass.com site:reuters.com lang:en'))).toEqual({
      and: ['actor:Rubio', 'topic:"election"', 'source:tass.com', 'source:reuters.com', 'lang:en'],
    });
    expect(shape(parseQuery('actor: "Marco Rubio"'))).toEqual('actor:"Marco Rubio"');
  });

  it('gives each term its 1-based column (a field term: its prefix)', () => {
    const node = parseQuery('Kyiv  actor:"Marco Rubio"');
    expect(node.kind === 'and' && node.operands.map((t) => (t as QueryTerm).column)).toEqual([1, 7]);
  });
});

describe('parseQuery: errors name the column and show a caret', () => {
  it.each([
    ['actor:x AND ', 13, 'expected a term after AND'],
    ['actor:"Marco Rubio" AND (Ukraine OR', 36, 'expected a term after OR'],
    ['Ukraine AND OR Kyiv', 13, 'expected a term after AND, not OR'],
    ['"Marco Rubio', 1, 'this quote is never closed'],
    ['(Ukraine OR Kyiv', 1, 'this parenthesis is never closed'],
    ['Ukraine) Kyiv', 8, 'this parenthesis was never opened'],
    ['Ukraine ()', 10, 'expected a term inside the parentheses'],
    ['person:Rubio', 1, 'unknown field "person:" (the fields are actor:, topic:, source:, lang:)'],
    ['Kyiv source:', 13, 'expected a word or a "quoted phrase" after source:'],
    ['NOT', 4, 'expected a term after NOT'],
    ['   ', 1, 'the query is empty'],
    ['Kyiv ""', 6, 'a quoted phrase needs a letter or digit'],
  ])('%s -> column %d', (query, column, reason) => {
    const error = parseError(query);
    expect(error).toBeInstanceOf(QueryParseError);
    expect({ column: error.column, reason: error.reason }).toEqual({ column, reason });
    expect(error.message).toBe(`query error at column ${column}: ${reason}\n  ${query}\n  ${' '.repeat(column - 1)}^`);
  });
});

describe('formatQuery', () => {
  it.each([
    'actor:"Marco Rubio" AND (Ukraine OR Kyiv) NOT source:tass.com',
    'a b OR c',
    '-(a OR b) "peace talks"',
    'NOT NOT a',
    '"AND" OR "actor:x"',
    'topic:iptc:20000574 Kyiv',
  ])('prints %s so that it parses to the same tree', (query) => {
    const tree = parseQuery(query);
    expect(shape(parseQuery(formatQuery(tree)))).toEqual(shape(tree));
  });
});

describe('evaluateQuery (three-valued)', () => {
  const query = parseQuery('actor:"Marco Rubio" AND (Ukraine OR Kyiv) NOT source:tass.com');
  const truth = (values: Record<string, boolean | undefined>) => (term: QueryTerm) => values[term.value];

  it('is true or false when every term is known', () => {
    expect(evaluateQuery(query, truth({ 'Marco Rubio': true, Kyiv: true, Ukraine: false, 'tass.com': false }))).toBe(true);
    expect(evaluateQuery(query, truth({ 'Marco Rubio': true, Kyiv: true, Ukraine: false, 'tass.com': true }))).toBe(false);
    expect(evaluateQuery(query, truth({ 'Marco Rubio': true, Kyiv: false, Ukraine: false, 'tass.com': false }))).toBe(false);
  });

  it('is false when the known terms alone decide it, unknown otherwise', () => {
    expect(evaluateQuery(query, truth({ 'tass.com': true }))).toBe(false);
    expect(evaluateQuery(query, truth({ 'tass.com': false }))).toBeUndefined();
    expect(evaluateQuery(parseQuery('a OR b'), truth({ a: true }))).toBe(true);
  });
});

describe('QueryCache', () => {
  it('parses a text once, keeps its error, and forgets the oldest past its limit', () => {
    const cache = new QueryCache(2);
    const first = cache.get('a OR b');
    expect(cache.get('a OR b')).toBe(first);
    expect(cache.get('a OR')).toBeInstanceOf(QueryParseError);
    cache.get('c');
    expect(cache.get('a OR b')).not.toBe(first);
  });
});

describe('formatQuery quoting', () => {
  it('leaves a field value with a colon bare, and quotes a text term that reads as a field', () => {
    expect(formatQuery(parseQuery('topic:iptc:20000574 "site:x"'))).toBe('topic:iptc:20000574 AND "site:x"');
  });
});

describe('parseWatchQuery: what a watch may keep (the app layer on top of the grammar)', () => {
  const refusal = (query: string) => {
    try {
      parseWatchQuery(query);
    } catch (error) {
      return error as QueryParseError;
    }
    throw new Error(`"${query}" was kept`);
  };

  it('takes a language code in lang:, and refuses anything else at its column', () => {
    expect(shape(parseWatchQuery('Kyiv lang:en'))).toEqual({ and: ['Kyiv', 'lang:en'] });
    expect(shape(parseWatchQuery('Kyiv lang:pt-BR'))).toEqual({ and: ['Kyiv', 'lang:pt-BR'] });
    expect(refusal('Kyiv lang:english')).toMatchObject({ column: 6, reason: 'lang: takes a language code such as en or de, not "english"' });
  });

  it('refuses a query that an article with none of its terms matches (negations alone)', () => {
    expect(refusal('NOT source:tass.com').reason).toMatch(/^the query matches an article that has none of its terms/);
    expect(refusal('Kyiv OR -Moscow').reason).toMatch(/^the query matches an article that has none of its terms/);
    expect(shape(parseWatchQuery('Kyiv -source:tass.com'))).toEqual({ and: ['Kyiv', { not: 'source:tass.com' }] });
  });
});
