import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultNormalizeConfig } from '../../lambdas/core/normalize/config';
import { boundHtml } from '../../lambdas/core/normalize/htmlBounds';
import cuts from '../../lambdas/core/normalize/pre-parse-cuts.json';
import { preParseCuts } from '../../lambdas/core/normalize/preParseCuts';

const cut = (html: string) => boundHtml(html, defaultNormalizeConfig, preParseCuts);

describe('attributes no step reads are cut before parsing (preParseCuts.ts)', () => {
  it('cuts them from start tags by the tokenizer, keeping the ones read and every attribute of images', () => {
    expect(cut('<div data-id="7" class="post" onclick="go()" style="color:red">Text</div>'))
      .toBe('<div  class="post"  style="color:red">Text</div>');
    // A `>` inside a quoted value does not end the tag; an unquoted value, a bare name and no spaces between attributes.
    expect(cut(`<a title="a > b" href="/x" target=_blank hidden data-x='1'rel="author">x</a>`))
      .toBe('<a  href="/x"  hidden rel="author">x</a>');
    expect(cut('<img src="a.jpg" data-src="b.jpg" width="3"><figure data-lazy="c.png"></figure>'))
      .toBe('<img src="a.jpg" data-src="b.jpg" width="3"><figure data-lazy="c.png"></figure>');
  });

  it('leaves text, comments and end tags alone, and a page without anything to cut the same string', () => {
    const page = '<p>a "quoted" = sign > here</p><!-- <b data-x="1"> --></p>';
    expect(cut(page)).toBe(page);
  });

  it('keeps every attribute the normalize steps or Readability.js read by name', () => {
    const folder = join(__dirname, '../../lambdas/core/normalize');
    const sources = readdirSync(folder).filter((file) => file.endsWith('.ts')).map((file) => readFileSync(join(folder, file), 'utf8'));
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
    const missing = [...read].filter((name) => !mediaOnly.has(name) && !preParseCuts.keepAttribute('div', name));
    expect(read.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
    expect(cuts.allAttributesOf).toEqual(expect.arrayContaining(['img']));
  });
});

describe('whitespace between block tags is cut before parsing (preParseCuts.ts)', () => {
  it('cuts indentation between two block start tags or two block end tags, and in the head', () => {
    expect(cut('<head>\n  <meta charset="utf-8">\n  <title>T</title>\n</head>\n<body>\n  <div>\n    <p>One.</p>\n  </div>\n</body>'))
      .toBe('<head><meta charset="utf-8"><title>T</title></head>\n<body><div><p>One.</p></div></body>');
  });

  it('keeps it between sibling blocks (an element\'s text would glue their words), around inline tags and text, and in <pre>', () => {
    const kept = '<div><p>One.</p>\n<p>Two.</p></div> <span>a</span> <b>b</b>\n<div>c</div> <p>x <em>y</em>\n</p><pre><div>\n<div>code</div>\n</div></pre>';
    expect(cut(kept)).toBe(kept);
  });
});
