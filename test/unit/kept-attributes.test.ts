import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultNormalizeConfig } from '../../lambdas/core/normalize/config';
import { boundHtml } from '../../lambdas/core/normalize/htmlBounds';
import { keptAttributes } from '../../lambdas/core/normalize/keptAttributes';
import readAttributes from '../../lambdas/core/normalize/read-attributes.json';

const cut = (html: string) => boundHtml(html, defaultNormalizeConfig, keptAttributes);

describe('attributes no step reads are cut before parsing (keptAttributes.ts)', () => {
  it('cuts them from start tags by the tokenizer, keeping the ones read and every attribute of images', () => {
    expect(cut('<div data-id="7" class="post" onclick="go()" style="color:red">Text</div>'))
      .toBe('<div  class="post"  style="color:red">Text</div>');
    // A `>` inside a quoted value does not end the tag; an unquoted value, a bare name and no spaces between attributes.
    expect(cut(`<a title="a > b" href="/x" target=_blank hidden data-x='1'rel="author">x</a>`))
      .toBe('<a  href="/x"  hidden rel="author">x</a>');
    expect(cut('<img src="a.jpg" data-src="b.jpg" width="3"><figure data-lazy="c.png"></figure>'))
      .toBe('<img src="a.jpg" data-src="b.jpg" width="3"><figure data-lazy="c.png"></figure>');
  });

  it('leaves text, comments and end tags alone, and a page without attributes to cut the same string', () => {
    const page = '<p>a "quoted" = sign > here</p><!-- <b data-x="1"> --></p>';
    expect(cut(page)).toBe(page);
  });

  it('keeps every attribute the normalize steps or Readability.js read by name', () => {
    const sources = readdirSync(join(__dirname, '../../lambdas/core/normalize'))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(join(__dirname, '../../lambdas/core/normalize', file), 'utf8'));
    sources.push(readFileSync(require.resolve('@mozilla/readability/Readability.js'), 'utf8'));
    const read = new Set<string>();
    for (const source of sources) {
      for (const match of source.matchAll(/(?:get|has)Attribute\(\s*["']([\w:-]+)["']/g)) read.add(match[1].toLowerCase());
      // Attribute selectors: [rel="author"], [itemprop~="author"], [class*="byline"].
      for (const match of source.matchAll(/\[([\w:-]+)\s*[~|^$*]?=/g)) read.add(match[1].toLowerCase());
    }
    // Media URLs, which Readability reads only on images (all their attributes are kept) and on
    // audio, video and source elements, which never hold text (and pruning removes the first two).
    const mediaOnly = new Set(['src', 'poster', 'srcset']);
    const missing = [...read].filter((name) => !mediaOnly.has(name) && !keptAttributes.keep('div', name));
    expect(read.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
    expect(readAttributes.allAttributesOf).toEqual(expect.arrayContaining(['img']));
  });
});
