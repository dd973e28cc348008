import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { RejectedInputError } from '../../lambdas/core/errors';
import type { NormalizeOutcome } from '../../lambdas/core/model';
import { defaultNormalizeConfig, normalizeObject, type NormalizeConfig } from '../../lambdas/core/normalize';
import { MAX_HTML_DEPTH } from '../../lambdas/core/normalize/config';
import { stripNonContent } from '../../lambdas/core/normalize/html';
import { boundHtml, type HtmlBounds } from '../../lambdas/core/normalize/htmlBounds';
import { findJsonLdScripts } from '../../lambdas/core/normalize/readPageMetadata';

/** A real page of the extraction benchmark whose markup nests 31 levels deep. */
const REAL_PAGE = resolve(__dirname, '../fixtures/extraction-metadata/08f793762792bd252c75fb57544cdf506ffcc04785136cb87503f02364b82b56.html.gz');
const NO_SIZE_LIMITS = { maxHtmlElements: Infinity, maxHtmlNestingWork: Infinity, maxHtmlTextNestingWork: Infinity };
/** A bound for times that stays deterministic on a loaded machine; the real figure is printed. */
const GENEROUS_MS = 5000;

const page = (body: string) => `<!DOCTYPE html><html><head><title>Deep</title></head><body>${body}</body></html>`;

function normalizeHtmlText(html: string, config?: Partial<NormalizeConfig>): NormalizeOutcome[] {
  return normalizeObject({ key: 'page.html', body: Buffer.from(html), metadata: {} }, config);
}

function timed<T>(label: string, run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  const ms = performance.now() - start;
  console.log(`${label}: ${ms.toFixed(0)} ms`);
  return { value, ms };
}

/** The depth of the deepest element linkedom builds from `html` (<html> is 1). */
function parsedDepth(html: string): number {
  const { document } = parseHTML(html);
  let deepest = 0;
  const stack: [{ childNodes: ArrayLike<unknown> }, number][] = [[document as never, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of Array.from(node.childNodes) as { nodeType: number; childNodes: ArrayLike<unknown> }[]) {
      if (child.nodeType === 1) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

function textOf(html: string): string {
  return (parseHTML(html).document.documentElement?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('HTML depth: flattened past maxHtmlDepth before parsing', () => {
  const nested = (n: number, text: string, between = '') =>
    page(`${`<div>${between}`.repeat(n)}${text}${`</div>${between}`.repeat(n)}`);

  it(`extracts a page of 200,000 nested <div>s (2 MB) in well under 2 s: ${MAX_HTML_DEPTH} levels are kept`, () => {
    const html = nested(200_000, 'Deeply nested words are still read. '.repeat(5));
    expect(html.length).toBeGreaterThan(2_000_000);
    const { value: outcomes, ms } = timed('200,000 nested divs, normalized', () => normalizeHtmlText(html));
    expect(ms).toBeLessThan(GENEROUS_MS);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0].ok && outcomes[0].doc.text).toContain('Deeply nested words are still read.');

    const bounded = boundHtml(html, defaultNormalizeConfig);
    expect(bounded.match(/<div>/g)).toHaveLength(MAX_HTML_DEPTH - 2); // below <html> and <body>
    expect(bounded.match(/<\/div>/g)).toHaveLength(MAX_HTML_DEPTH - 2);
    expect(parsedDepth(bounded)).toBe(MAX_HTML_DEPTH);
    expect(textOf(bounded)).toBe(`Deep ${'Deeply nested words are still read. '.repeat(5).trim()}`);
  });

  it('does the same when whitespace separates the tags (one space is kept, not 200,000)', () => {
    const html = nested(200_000, 'Deeply nested words are still read. '.repeat(5), '\n ');
    const { value: outcomes, ms } = timed('200,000 nested divs with whitespace, normalized', () => normalizeHtmlText(html));
    expect(ms).toBeLessThan(GENEROUS_MS);
    expect(outcomes[0].ok && outcomes[0].doc.text).toContain('Deeply nested words are still read.');
  });

  it('keeps the text of flattened elements, in order, words apart, and drops their end tags with them', () => {
    const html = page('<div><div><div><div>one<div>two<div>three</div>four</div>five</div><p>six</p></div></div></div><p>seven</p>');
    const bounded = boundHtml(html, { maxHtmlDepth: 4, ...NO_SIZE_LIMITS });
    // html > body > div > div: what is deeper loses its tags, and the end tags that closed them.
    expect(bounded).toContain('<body><div><div> one two three four five six </div></div><p>seven</p></body>');
    expect(textOf(bounded)).toBe('Deep one two three four five six seven');
    expect(parsedDepth(bounded)).toBe(4);
  });

  it('returns a real page (31 levels deep) as it came, the same string, and extracts it as before', () => {
    const html = gunzipSync(readFileSync(REAL_PAGE)).toString('utf8');
    expect(boundHtml(html, defaultNormalizeConfig)).toBe(html);
    expect(boundHtml(stripNonContent(html), defaultNormalizeConfig)).toBe(stripNonContent(html));
    const unbounded = { maxHtmlDepth: Infinity, ...NO_SIZE_LIMITS };
    expect(normalizeHtmlText(html)).toEqual(normalizeHtmlText(html, unbounded));
  });

  it('returns moderately nested markup (40 levels, lists, tables, unclosed <p>s) unchanged', () => {
    const paragraph = '<p>Officials met on Tuesday, and the talks went on late into the night, a spokesman said.';
    const table = '<table><tr><td>a<td>b<tr><td>c</table>';
    const html = page(`${'<section><div class="wrap">'.repeat(20)}<article><h1>Talks go on</h1>${paragraph.repeat(12)}` +
      `<ul><li>one<li>two</ul>${table}</article>${'</div></section>'.repeat(20)}`);
    expect(parsedDepth(html)).toBeGreaterThanOrEqual(40);
    expect(boundHtml(html, defaultNormalizeConfig)).toBe(html);
    const [outcome] = normalizeHtmlText(html);
    expect(outcome.ok && outcome.doc.text).toContain('Officials met on Tuesday');
  });

  it('counts depth as the parser builds it: whatever the markup, the parsed tree is at most one level deeper than the bound', () => {
    // Seeded tag soup over the parser's special cases: implied ends, void and raw-text elements,
    // SVG/MathML self-closing, stray and bogus end tags, comments and declarations, quoted ">".
    let seed = 13;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
    const names = ['div', 'p', 'li', 'ul', 'td', 'tr', 'table', 'span', 'b', 'a', 'svg', 'path', 'math', 'mi', 'title',
      'script', 'style', 'textarea', 'select', 'option', 'input', 'br', 'hr', 'img', 'dd', 'dt', 'h1', 'form', 'button',
      'x-y', 'DIV', 'foreignObject', 'xmp', 'body', 'html'];
    const junk = ['<!-->', '<!--x-->', '<!->', '<!>', '<![CDATA[a]]>', '<?x>', '</>', '</ div>', '<', '< div>', '</1>',
      '&nbsp;', '>', '</p>', '</br>', '<div/>', '<svg/>', '<a href="x>y">', "<a title='<div>'>", '<b x=y/>', '</div\n>'];
    for (let round = 0; round < 300; round += 1) {
      let html = '';
      for (let k = 0; k < 40 + Math.floor(random() * 200); k += 1) {
        const r = random();
        if (r < 0.45) html += `<${pick(names)}${random() < 0.2 ? ' a="1"' : ''}${random() < 0.1 ? '/' : ''}>`;
        else if (r < 0.75) html += `</${pick(names)}>`;
        else if (r < 0.9) html += pick(junk);
        else html += `w${k} `;
      }
      for (const maxHtmlDepth of [3, 6]) {
        expect(parsedDepth(boundHtml(html, { maxHtmlDepth, ...NO_SIZE_LIMITS }))).toBeLessThanOrEqual(maxHtmlDepth + 1);
      }
      expect(boundHtml(html, { maxHtmlDepth: 10_000, ...NO_SIZE_LIMITS })).toBe(html);
    }
  });

  it('bounds HTML held in a JSON article body too', () => {
    const body = `${'<div>'.repeat(100_000)}<p>The talks ended without a deal, the ministry said on Friday evening.</p>${'</div>'.repeat(100_000)}`;
    const json = JSON.stringify({ title: 'Talks end', text: body });
    const { value: outcomes, ms } = timed('JSON article with 100,000 nested divs', () =>
      normalizeObject({ key: 'a.json', body: Buffer.from(json), metadata: {} }));
    expect(ms).toBeLessThan(GENEROUS_MS);
    expect(outcomes[0].ok && outcomes[0].doc.text).toContain('The talks ended without a deal');
  });
});

describe('HTML size: rejected past the named limits, quickly', () => {
  const rejects = (html: string, config: Partial<HtmlBounds>, limit: string) => {
    const { ms } = timed(`rejected for ${limit}`, () => {
      expect(() => normalizeHtmlText(html, config)).toThrow(RejectedInputError);
    });
    expect(ms).toBeLessThan(GENEROUS_MS);
    expect(() => normalizeHtmlText(html, config)).toThrow(new RegExp(`too complex: .*\\(${limit}\\)`));
  };

  it('rejects more elements than maxHtmlElements', () => {
    rejects(page('<div>x</div>'.repeat(1_001)), { maxHtmlElements: 1_000 }, 'maxHtmlElements');
    // The default: 200,000 sibling <div>s used to overflow the stack after 4 s.
    rejects(page('<div></div>'.repeat(200_000)), {}, 'maxHtmlElements');
  });

  it('rejects elements whose depths add up to more than maxHtmlNestingWork', () => {
    const branch = `${'<div>'.repeat(50)}x${'</div>'.repeat(50)}`;
    rejects(page(branch.repeat(20)), { maxHtmlNestingWork: 20_000 }, 'maxHtmlNestingWork');
    // The default: 2,000 branches of 50 levels (1 MB) took 17 s.
    rejects(page(branch.repeat(2_000)), {}, 'maxHtmlNestingWork');
  });

  it('rejects text whose squared depths add up to more than maxHtmlTextNestingWork', () => {
    // The default: 2 MB of spaces 128 levels down took 89 s.
    rejects(page(`${'<div>'.repeat(125)}${' '.repeat(2_000_000)}x${'</div>'.repeat(125)}`), {}, 'maxHtmlTextNestingWork');
    rejects(page(`<div>${'word '.repeat(1_000)}</div>`), { maxHtmlTextNestingWork: 10_000 }, 'maxHtmlTextNestingWork');
  });

  it('keeps the page when only its JSON-LD articleBody is past the bounds', () => {
    const prose = 'The ministers met in Riyadh on Tuesday and agreed to keep talking, officials said. ';
    const articleBody = `${'<div>'.repeat(300)}${prose.repeat(20)}${'</div>'.repeat(300)}`;
    const ld = JSON.stringify({ '@type': 'NewsArticle', headline: 'Talks in Riyadh', articleBody });
    const html = `<html><head><script type="application/ld+json">${ld}</script></head><body><article>` +
      `<h1>Talks in Riyadh</h1>${`<p>${prose}</p>`.repeat(20)}</article></body></html>`;
    const config = { ...defaultNormalizeConfig, maxHtmlNestingWork: 5_000 };
    expect(() => boundHtml(articleBody, config)).toThrow(/maxHtmlNestingWork/);
    const [outcome] = normalizeHtmlText(html, config);
    expect(outcome.ok && outcome.doc.text).toContain('The ministers met in Riyadh');
  });
});

describe('markup scans in linear time', () => {
  it('strips 20,000 unclosed <nav>s and finds no JSON-LD in 20,000 unclosed ld+json scripts, quickly', () => {
    for (const [label, html] of [
      ['20,000 unclosed <nav>s', page(`${'<nav>'.repeat(20_000)}Some words.`)],
      ['20,000 unclosed ld+json scripts', page(`${'<script type="application/ld+json">'.repeat(20_000)}{}`)],
      ['20,000 unclosed comments and scripts', page(`${'<!--<script><style x="'.repeat(20_000)}`)],
    ]) {
      const { ms } = timed(label, () => {
        expect(() => normalizeHtmlText(html)).toThrow(RejectedInputError); // no article text: but promptly
      });
      expect(ms).toBeLessThan(GENEROUS_MS);
    }
  });

  it('strips what the old expression stripped, and finds the JSON-LD it found', () => {
    const NON_CONTENT_MARKUP = /<(script|style|noscript|template|svg|nav|select|textarea|iframe|canvas)(?=[\s/>])[^>]*(?<!\/)>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
    const JSON_LD_SCRIPT = /<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
    const samples = [
      gunzipSync(readFileSync(REAL_PAGE)).toString('utf8'),
      '<p>a<script>x</script >b<svg/>c<svg><g/></svg>d<nav-menu>e</nav-menu><NAV class=x>f</Nav>g<!-- h -->i<!-->j-->k',
      '<script>1<script>2</script>3<style>4</style5></style>6<nav>7<nav>8</nav>9</nav>0<template/>!<noscript a="/">?</noscript>',
      '<script type="application/ld+json">{"a":1}</script><script type=application/ld+json >{"b":2}</script ><script>{"c":3}</script>' +
        '<script data-type="application/ld+json"><![CDATA[{"d":4}]]></script><script type="application/ld+json">{"e":5}',
      '<!-- a --><!-- b<nav>c</nav>d',
    ];
    for (const html of samples) {
      expect(stripNonContent(html)).toBe(html.replace(NON_CONTENT_MARKUP, ' '));
      expect(findJsonLdScripts(html)).toEqual(
        Array.from(html.matchAll(JSON_LD_SCRIPT), (m) => m[1].trim().replace(/^<!\[CDATA\[|\]\]>$/g, '')));
    }
  });
});
