import { RejectedInputError } from '../errors';

/** The bounds an HTML page is brought within before it is parsed (normalize/config.ts). */
export interface HtmlBounds {
  /** Elements nested deeper than this are flattened: their tags dropped, their text kept. */
  maxHtmlDepth: number;
  /** A page with more elements than this is rejected. */
  maxHtmlElements: number;
  /** A page whose elements' depths add up to more than this is rejected. */
  maxHtmlNestingWork: number;
  /** A page whose text characters' squared depths add up to more than this is rejected. */
  maxHtmlTextNestingWork: number;
}

/**
 * Brings an HTML page within `bounds` in one linear pass over the markup, before any parser or
 * Readability sees it, so that no input can make extraction take long:
 *
 * - **Depth**: an element that would open deeper than `maxHtmlDepth` loses its start tag and
 *   its end tag (replaced by a space, so words stay apart, unless whitespace is there); its text
 *   and its children stay, one level up. Browsers do the same (Blink attaches what is deeper than 512 levels one level
 *   up). 200,000 nested `<div>`s become `maxHtmlDepth` of them around the text. A page within
 *   the depth is returned unchanged, the same string.
 * - **Size**: more than `maxHtmlElements` elements, elements whose depths add up to more than
 *   `maxHtmlNestingWork`, or text whose characters' squared depths add up to more than
 *   `maxHtmlTextNestingWork` reject the page with a RejectedInputError naming the limit. These
 *   sums, not the element count or the byte size, are what Readability costs: it reads each
 *   element's subtree once per ancestor, and, for a block with few commas, the text of every
 *   block inside it once more (so a character costs the square of its depth), and it starts
 *   over up to three times when it finds too little text. 2,000 branches of 50 nested `<div>`s
 *   (1 MB) took 17 s; 2 MB of spaces 128 levels down took 89 s.
 *
 * The pass mirrors the parser linkedom uses (htmlparser2, HTML mode): the same tokenizer rules
 * (comments, `<!…>`, `<?…>`, quoted attributes, raw text in script/style/title/textarea/xmp) and
 * the same tree rules (void elements, start tags that close open ones, `</x>` closing up to the
 * nearest open x and ignored when none is open, self-closing tags only in SVG and MathML). It
 * simulates that parser on the tags it keeps, so the depth it counts is the depth the parser
 * builds. End tags of flattened elements are tracked on a stack of their own and dropped too.
 */
export function boundHtml(html: string, bounds: HtmlBounds, cuts?: PreParseCuts): string {
  return new HtmlBounder(html, bounds, cuts).run();
}

/**
 * What the same pass may also cut, markup no step reads: every node linkedom builds is an object
 * and a WeakMap entry (which the garbage collector pays for again), and then Readability's walks.
 */
export interface PreParseCuts {
  /**
   * Which attributes to keep (both names in lower case; `value()` is the value as written, quotes
   * off): the others are cut from their start tags, by the tokenizer's own rules (a `>` in a
   * quoted value never ends the tag). Most of a page's attributes are never read (data-*, srcset,
   * onclick, width, title…).
   */
  keepAttribute(tag: string, attribute: string, value: () => string): boolean;
  /**
   * Whitespace-only text between two start tags or two end tags of these (lower case) is cut:
   * indentation into and out of blocks, which no browser shows and which only pads an element's
   * text at its ends (a third of a page's text nodes). Not between an end tag and a start tag:
   * there it keeps two siblings' words apart in their parent's textContent (a byline read from
   * a box of two lines). Never inside a `<pre>`.
   */
  blockTags: ReadonlySet<string>;
}

const VOID_ELEMENTS = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input',
  'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
/** Elements whose content is raw text up to their end tag (htmlparser2's "special" tags). */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
/** Where a raw-text element's content ends: `</name` followed by a space or `>`, in any case. */
const RAW_TEXT_END = new Map([...RAW_TEXT_ELEMENTS].map((name) => [name, new RegExp(`</${name}[ \\n\\t\\f\\r>]`, 'gi')]));
const FOREIGN_CONTEXT_ELEMENTS = new Set(['math', 'svg']);
const HTML_INTEGRATION_ELEMENTS = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

const P = new Set(['p']);
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);
/** Start tags that close the open elements named (while they are on top): htmlparser2's table. */
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])], ['th', new Set(['th'])], ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])], ['li', new Set(['li'])],
  ['p', P], ['h1', P], ['h2', P], ['h3', P], ['h4', P], ['h5', P], ['h6', P],
  ['select', FORM_TAGS], ['input', FORM_TAGS], ['output', FORM_TAGS], ['button', FORM_TAGS],
  ['datalist', FORM_TAGS], ['textarea', FORM_TAGS],
  ['option', new Set(['option'])], ['optgroup', new Set(['optgroup', 'option'])], ['dd', DD_DT], ['dt', DD_DT],
  ...['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
    'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul']
    .map((name): [string, Set<string>] => [name, P]),
  ['rt', RT_RP], ['rp', RT_RP], ['tbody', TABLE_SECTIONS], ['tfoot', TABLE_SECTIONS],
]);

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

function isAsciiAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** What `\s` matches in JavaScript, and String.prototype.trim removes. */
function isJsSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isEndOfTagSection(c: number): boolean {
  return c === SLASH || c === GT || isWhitespace(c);
}

interface StartTag {
  name: string;
  /** Index just past the tag's `>`, or -1 when the markup ends inside the tag. */
  end: number;
  selfClosing: boolean;
}

/** Where the attributes of the last start tag read are: start, end of name, end (of the value, if any); flat triples. */
type AttributeSpans = number[];

class HtmlBounder {
  private readonly n: number;
  /** The parser's open elements (bottom first), as it builds them from the markup kept. */
  private readonly open: string[] = [];
  /** htmlparser2's foreign-context stack (SVG/MathML: self-closing tags are honoured); top last. */
  private readonly foreign: boolean[] = [false];
  /** Flattened elements still open, innermost last; `flattenedByName` indexes them by name. */
  private readonly flattened: string[] = [];
  private readonly flattenedByName = new Map<string, number[]>();
  /** How many kept elements were open when the first element still flattened was met. */
  private flattenedBase = 0;
  private elements = 0;
  private nestingWork = 0;
  private textNestingWork = 0;
  /** The output, as slices of the input around the tags dropped (and the whitespace after them). */
  private readonly pieces: string[] = [];
  private copiedUpTo = 0;
  private changed = false;
  /** The output so far ends in whitespace. */
  private outputEndsInSpace = false;

  /** The attribute spans of the start tag last read (reused: no array per tag). */
  private readonly spans: AttributeSpans = [];
  /** Which of them `attributeValue` reads. */
  private attributeAt = 0;

  /** The last tag read is one of `cuts.blockTags` (whitespace after it may be cut). */
  private afterBlockTag = false;
  /** That tag was an end tag. */
  private afterEndTag = false;
  /** Whitespace-only text after a block tag, cut if a block tag follows: [from, to), or from -1. */
  private pendingFrom = -1;
  private pendingTo = -1;

  constructor(private readonly html: string, private readonly bounds: HtmlBounds, private readonly cuts?: PreParseCuts) {
    this.n = html.length;
  }

  run(): string {
    const { html, n } = this;
    let i = 0;
    while (i < n) {
      const lt = html.indexOf('<', i);
      if (lt === -1 || lt + 1 >= n) break;
      this.text(i, lt);
      const c = html.charCodeAt(lt + 1);
      if (c === SLASH) i = this.endTag(lt);
      else if (isAsciiAlpha(c)) i = this.startTag(lt);
      else {
        this.afterBlockTag = false;
        this.pendingFrom = -1;
        if (c === BANG) i = this.skipDeclaration(lt);
        else if (c === QUESTION) i = this.skipTo(GT, lt + 2);
        else i = lt + 1;
      }
    }
    this.text(i, n);
    if (!this.changed) return html;
    this.pieces.push(html.slice(this.copiedUpTo));
    return this.pieces.join('');
  }

  /** Index just past the next `c` from `from`, or the end of the markup. */
  private skipTo(c: number, from: number): number {
    const at = this.html.indexOf(String.fromCharCode(c), from);
    return at === -1 ? this.n : at + 1;
  }

  /**
   * `<!--…-->` (the opening dashes may close it: `<!-->`), `<![CDATA[…]]>`, `<!DOCTYPE …>`. As
   * htmlparser2 reads them, the character after `<!` (or after `<!-` when no second dash
   * follows) is never the `>` that ends a declaration: `<!>` runs to the next `>`.
   */
  private skipDeclaration(lt: number): number {
    const { html } = this;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 2);
      return end === -1 ? this.n : end + 3;
    }
    if (html.startsWith('<![CDATA[', lt)) {
      const end = html.indexOf(']]>', lt + 9);
      return end === -1 ? this.n : end + 3;
    }
    return this.skipTo(GT, html.startsWith('<!-', lt) ? lt + 4 : lt + 3);
  }

  private startTag(lt: number): number {
    const tag = this.readStartTag(lt);
    if (tag.end === -1) return this.n; // the markup ends inside the tag: the parser ignores it
    const { name, selfClosing } = tag;
    const isVoid = VOID_ELEMENTS.has(name);
    const rawText = RAW_TEXT_ELEMENTS.has(name) && !selfClosing;

    // Start tags that close open elements close flattened ones first (they are innermost).
    const closes = OPEN_IMPLIES_CLOSE.get(name);
    if (closes) {
      while (this.flattened.length > 0 && closes.has(this.flattened[this.flattened.length - 1])) this.popFlattened();
    }
    // Void elements and raw-text elements (which hold no markup) are always kept: they nest nothing.
    const keep = isVoid || rawText || (this.flattened.length === 0 &&
      (this.open.length < this.bounds.maxHtmlDepth || (closes !== undefined && closes.has(this.open[this.open.length - 1]))));
    if (this.cuts) this.settleWhitespace(name, keep, false);
    if (!keep) {
      this.drop(lt, tag.end);
      // A self-closing tag is most likely an SVG one, closed at once: nothing to track.
      if (!selfClosing) this.pushFlattened(name);
      return tag.end;
    }

    // The parser's own steps for a start tag (htmlparser2 Parser.emitOpenTag, onselfclosingtag).
    if (closes) {
      while (this.open.length > 0 && closes.has(this.open[this.open.length - 1])) this.open.pop();
      this.flattenedBase = Math.min(this.flattenedBase, this.open.length);
    }
    this.count(this.open.length + 1);
    if (!isVoid) {
      this.open.push(name);
      if (FOREIGN_CONTEXT_ELEMENTS.has(name)) this.foreign.push(true);
      else if (HTML_INTEGRATION_ELEMENTS.has(name)) this.foreign.push(false);
      if (selfClosing && this.foreign[this.foreign.length - 1] && this.open[this.open.length - 1] === name) this.open.pop();
    }
    if (this.cuts && this.spans.length > 0) this.cutAttributes(name, this.cuts);
    if (!rawText) return tag.end;
    // Raw text up to `</name` followed by a space or `>`; that end tag is read as any other.
    const close = RAW_TEXT_END.get(name)!;
    close.lastIndex = tag.end;
    const found = close.exec(this.html);
    return found ? found.index : this.n;
  }

  /** Cuts the attributes of the start tag just read that are not kept (the space before each stays). */
  private cutAttributes(tag: string, cuts: PreParseCuts): void {
    const { html, spans } = this;
    for (let k = 0; k < spans.length; k += 3) {
      this.attributeAt = k;
      if (!cuts.keepAttribute(tag, html.slice(spans[k], spans[k + 1]).toLowerCase(), this.attributeValue)) this.emit(spans[k], '', spans[k + 2]);
    }
  }

  /** The value of the attribute at `attributeAt` in `spans`, as written, without its quotes ('' without a value). */
  private readonly attributeValue = (): string => {
    const { html, spans } = this;
    let from = spans[this.attributeAt + 1];
    let to = spans[this.attributeAt + 2];
    while (from < to && html.charCodeAt(from) !== EQUALS) from += 1;
    from += 1;
    while (from < to && isWhitespace(html.charCodeAt(from))) from += 1;
    const quote = html.charCodeAt(from);
    if (from < to && (quote === DQUOTE || quote === SQUOTE)) {
      from += 1;
      to -= 1;
    }
    return from < to ? html.slice(from, to) : '';
  };

  /**
   * At a tag named `name` (start or end): the whitespace-only text just before it is cut when
   * both this tag and the one before it are block tags, the tag is kept, and no `<pre>` is open.
   */
  private settleWhitespace(name: string, kept: boolean, endTag: boolean): void {
    const isBlock = this.cuts!.blockTags.has(name);
    if (this.pendingFrom !== -1 && isBlock && kept && endTag === this.afterEndTag && this.flattened.length === 0 && !this.open.includes('pre')) {
      this.emit(this.pendingFrom, '', this.pendingTo);
    }
    this.pendingFrom = -1;
    this.afterBlockTag = isBlock;
    this.afterEndTag = endTag;
  }

  /**
   * The tag's name (lower case) and where it ends, by htmlparser2's tokenizer states; its
   * attributes' spans in `spans` when attributes are filtered.
   */
  private readStartTag(lt: number): StartTag {
    const { html, n, spans } = this;
    const record = this.cuts !== undefined;
    spans.length = 0;
    let j = lt + 1;
    while (j < n && !isEndOfTagSection(html.charCodeAt(j))) j += 1;
    const name = html.slice(lt + 1, j).toLowerCase();
    let state: 'beforeName' | 'name' | 'afterName' | 'beforeValue' | 'selfClosing' = 'beforeName';
    while (j < n) {
      const c = html.charCodeAt(j);
      switch (state) {
        case 'beforeName':
          if (c === GT) return { name, end: j + 1, selfClosing: false };
          if (c === SLASH) state = 'selfClosing';
          else if (!isWhitespace(c)) {
            state = 'name';
            if (record) spans.push(j, -1, -1);
          }
          j += 1;
          break;
        case 'selfClosing':
          if (c === GT) return { name, end: j + 1, selfClosing: true };
          if (isWhitespace(c)) j += 1;
          else state = 'beforeName';
          break;
        case 'name':
          if (c === EQUALS || isEndOfTagSection(c)) {
            state = 'afterName';
            if (record) spans[spans.length - 2] = spans[spans.length - 1] = j;
          } else j += 1;
          break;
        case 'afterName':
          if (c === EQUALS) { state = 'beforeValue'; j += 1; } else if (c === SLASH || c === GT) state = 'beforeName';
          else if (!isWhitespace(c)) {
            state = 'name';
            if (record) spans.push(j, -1, -1);
            j += 1;
          } else j += 1;
          break;
        case 'beforeValue':
          if (c === DQUOTE || c === SQUOTE) {
            const close = html.indexOf(c === DQUOTE ? '"' : "'", j + 1);
            if (close === -1) return { name, end: -1, selfClosing: false };
            j = close + 1;
            state = 'beforeName';
            if (record) spans[spans.length - 1] = j;
          } else if (!isWhitespace(c)) {
            // Unquoted: up to a space or `>` (a `/` belongs to the value).
            while (j < n && !isWhitespace(html.charCodeAt(j)) && html.charCodeAt(j) !== GT) j += 1;
            state = 'beforeName';
            if (record) spans[spans.length - 1] = j;
          } else {
            j += 1;
          }
          break;
      }
    }
    return { name, end: -1, selfClosing: false };
  }

  private endTag(lt: number): number {
    const { html, n } = this;
    let j = lt + 2;
    while (j < n && isWhitespace(html.charCodeAt(j))) j += 1;
    if (j >= n) return n;
    const first = html.charCodeAt(j);
    if (first === GT) return j + 1; // `</>` is nothing
    if (!isAsciiAlpha(first)) return this.skipTo(GT, j); // a bogus comment up to `>`
    const start = j;
    while (j < n && html.charCodeAt(j) !== GT && !isWhitespace(html.charCodeAt(j))) j += 1;
    if (j >= n) return n; // the markup ends inside the name: the parser ignores it
    const name = html.slice(start, j).toLowerCase();
    const end = this.skipTo(GT, j);
    if (this.cuts) this.settleWhitespace(name, !this.flattenedByName.has(name), true);

    if (this.flattenedByName.has(name)) {
      // It closes a flattened element (and those inside it): the parser never saw them open.
      const positions = this.flattenedByName.get(name)!;
      const at = positions[positions.length - 1];
      while (this.flattened.length > at) this.popFlattened();
      this.drop(lt, end);
      return end;
    }

    // The parser's own steps for an end tag (htmlparser2 Parser.onclosetag).
    if (FOREIGN_CONTEXT_ELEMENTS.has(name) || HTML_INTEGRATION_ELEMENTS.has(name)) {
      if (this.foreign.length > 0) this.foreign.pop();
    }
    if (VOID_ELEMENTS.has(name)) {
      if (name === 'br') this.count(this.open.length + 1); // `</br>` is a <br>
      return end;
    }
    const at = this.open.lastIndexOf(name);
    if (at !== -1) {
      this.open.length = at;
      // Closing an element opened outside the flattened ones closes those too.
      if (at < this.flattenedBase) this.clearFlattened();
      this.flattenedBase = Math.min(this.flattenedBase, this.open.length);
    } else if (name === 'p') {
      this.count(this.open.length + 1); // `</p>` with no open <p> is an empty <p>
    }
    return end;
  }

  /** Text (markup between tags, raw text) at the depth of the elements open: within the limit, or the page is rejected. */
  private text(from: number, to: number): void {
    if (to <= from) return;
    if (this.afterBlockTag) {
      this.afterBlockTag = false;
      if (this.isAllWhitespace(from, to)) {
        this.pendingFrom = from;
        this.pendingTo = to;
      }
    }
    if (from === this.copiedUpTo && this.outputEndsInSpace) {
      // Whitespace right after a flattened tag's space (200,000 `<div> `s): one space is enough.
      let end = from;
      while (end < to && isJsSpace(this.html.charCodeAt(end))) end += 1;
      if (end > from) this.emit(from, '', end);
      from = end;
      if (from === to) return;
    }
    const depth = this.open.length;
    this.textNestingWork += (to - from) * depth * depth;
    if (this.textNestingWork > this.bounds.maxHtmlTextNestingWork) {
      throw new RejectedInputError(`too complex: the HTML's text is nested too deeply for its size: its characters' squared depths add up to more than ${this.bounds.maxHtmlTextNestingWork} (maxHtmlTextNestingWork)`);
    }
  }

  private isAllWhitespace(from: number, to: number): boolean {
    for (let k = from; k < to; k += 1) if (!isWhitespace(this.html.charCodeAt(k))) return false;
    return true;
  }

  /** One more element kept, at `depth`: within the limits, or the page is rejected. */
  private count(depth: number): void {
    this.elements += 1;
    this.nestingWork += depth;
    if (this.elements > this.bounds.maxHtmlElements) {
      throw new RejectedInputError(`too complex: the HTML has more than ${this.bounds.maxHtmlElements} elements (maxHtmlElements)`);
    }
    if (this.nestingWork > this.bounds.maxHtmlNestingWork) {
      throw new RejectedInputError(`too complex: the HTML's elements are nested too deeply for their number: their depths add up to more than ${this.bounds.maxHtmlNestingWork} (maxHtmlNestingWork)`);
    }
  }

  /**
   * Leaves the tag at [from, to) out of the output, with a space in its place so that the words
   * around it stay apart, unless whitespace is there already.
   */
  private drop(from: number, to: number): void {
    const { html } = this;
    const spaceBefore = from > this.copiedUpTo ? isJsSpace(html.charCodeAt(from - 1)) : this.outputEndsInSpace;
    const spaceAfter = to < this.n && isJsSpace(html.charCodeAt(to));
    this.emit(from, spaceBefore || spaceAfter ? '' : ' ', to);
  }

  /** Copies the input up to `upTo`, writes `written`, and goes on from `resumeAt`. */
  private emit(upTo: number, written: string, resumeAt: number): void {
    const copied = this.html.slice(this.copiedUpTo, upTo);
    if (copied.length > 0) this.pieces.push(copied);
    if (written.length > 0) this.pieces.push(written);
    const last = written || copied;
    if (last.length > 0) this.outputEndsInSpace = isJsSpace(last.charCodeAt(last.length - 1));
    this.copiedUpTo = resumeAt;
    this.changed = true;
  }

  private pushFlattened(name: string): void {
    if (this.flattened.length === 0) this.flattenedBase = this.open.length;
    const positions = this.flattenedByName.get(name);
    if (positions) positions.push(this.flattened.length);
    else this.flattenedByName.set(name, [this.flattened.length]);
    this.flattened.push(name);
  }

  private popFlattened(): void {
    const name = this.flattened.pop()!;
    const positions = this.flattenedByName.get(name)!;
    positions.pop();
    if (positions.length === 0) this.flattenedByName.delete(name);
  }

  private clearFlattened(): void {
    this.flattened.length = 0;
    this.flattenedByName.clear();
  }
}
