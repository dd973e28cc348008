import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultNormalizeConfig } from '../../lambdas/core/normalize/config';
import { boundHtml } from '../../lambdas/core/normalize/htmlBounds';
import cuts from '../../lambdas/core/normalize/pre-parse-cuts.json';
import { preParseCuts } from '../../lambdas/core/normalize/preParseCuts';

const cut = (html: string) => boundHtml(html, defaultNormalizeConfig, preParseCuts);

describe('attributes no step reads are cut before parsing (preParseCuts.ts)', () => {
  it('cuts them from start tags by the tokenizer, keeping the ones read and every attribute of images', () => {
    expect(cut('<div data-id="7" class="post" onclick="go()" style="visibility: hidden">Text</div>'))
      .toBe('<div  class="post"  style="visibility: hidden">Text</div>');
    // A `>` inside a quoted value does not end the tag; an unquoted value, a bare name and no spaces between attributes.
    expect(cut(`<a title="a > b" href="#x" target=_blank hidden data-x='1'rel="author">x</a>`))
      .toBe('<a  href="#x"  hidden rel="author">x</a>');
    expect(cut('<img src="a.jpg" data-src="b.jpg" width="3" data-lazy="/c.webp?w=9" alt="A"><figure data-lazy="c.png" title="T"></figure>'))
      .toBe('<img src="a.jpg" data-src="b.jpg"  data-lazy="/c.webp?w=9" ><figure data-lazy="c.png" title="T"></figure>');
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
    // Read by Readability where it does not matter here: media URLs, read only on images (all
    // their attributes are kept) and on audio, video and source elements, which hold no text; a
    // script's type (its JSON-LD, turned off: the page's is read from the raw HTML); the text
    // direction, which it returns and newswatch does not use.
    const notNeeded = new Set(['src', 'poster', 'srcset', 'type', 'dir']);
    // A value some step looks for, for the attributes kept only with such a value.
    const readValue: Record<string, string> = { href: '#top', rel: 'author', style: 'display: none' };
    const missing = [...read].filter((name) => !notNeeded.has(name) && !preParseCuts.keepAttribute('div', name, () => readValue[name] ?? 'x'));
    expect(read.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
    expect(cuts.imageAttributes).toEqual(expect.arrayContaining(['src', 'srcset', 'data-src', 'data-srcset']));
  });

  it('keeps an href, rel or style only with a value some step reads', () => {
    expect(cut('<a href="/politik/wind" rel="noopener" style="color: red">a</a><a href="#note-1" rel="author" style="display:none">b</a>'))
      .toBe('<a   >a</a><a href="#note-1" rel="author" style="display:none">b</a>');
    expect(cut(`<a href='javascript:void(0)'>c</a><link rel="canonical" href="https://example.org/a"><a href=&#35;x>d</a>`))
      .toBe(`<a href='javascript:void(0)'>c</a><link rel="canonical" href="https://example.org/a"><a href=&#35;x>d</a>`);
  });
});

describe('whitespace between block tags is cut before parsing (preParseCuts.ts)', () => {
  it('cuts indentation between two block start tags or two block end tags, and in the head', () => {
    expect(cut('<head>\n  <meta name="author" content="Kim">\n  <title>T</title>\n</head>\n<body>\n  <div>\n    <p>One.</p>\n  </div>\n</body>'))
      .toBe('<head><meta name="author" content="Kim"><title>T</title></head>\n<body><div><p>One.</p></div></body>');
  });

  it('keeps it between sibling blocks (an element\'s text would glue their words), around inline tags and text, and in <pre>', () => {
    const kept = '<div><p>One.</p>\n<p>Two.</p></div> <span>a</span> <b>b</b>\n<div>c</div> <p>x <em>y</em>\n</p><pre><div>\n<div>code</div>\n</div></pre>';
    expect(cut(kept)).toBe(kept);
  });
});
