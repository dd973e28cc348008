import type { Readability } from '@mozilla/readability';
import { RejectedInputError } from '../errors';
import type { NormalizedDoc } from '../model';
import { assembleDoc } from './assembleDoc';
import { parseHTML, readabilityClass } from './domLibraries';
import { cleanBlocks } from './cleanBlocks';
import type { NormalizeConfig } from './config';
import { filterHtmlBlocks } from './filterHtmlBlocks';
import { gatherStrayContent, type StrayDocument } from './gatherStrayContent';
import { withShownDescription } from './withShownDescription';
import { findProseContainer, proseCoverage, type ProseElement, type ProseMap } from './findProseContainer';
import { boundHtml } from './htmlBounds';
import { preParseCuts } from './preParseCuts';
import { collectBlocks, collectParagraphs, htmlFragmentParagraphs, type TextBlock } from './htmlParagraphs';
import { pruneBoilerplate, type PrunableElement } from './pruneBoilerplate';
import { findJsonLdScripts, readPageMetadata } from './readPageMetadata';
import { toIsoDate } from './toIsoDate';
import { collapseSpaces, comparableText } from './whitespace';

type ParagraphRoot = Parameters<typeof collectParagraphs>[0];

/**
 * Raw-text and invisible elements whose content ends at their first closing tag, comments,
 * navigation blocks (`<nav>` is menus by definition: a fifth of a page's markup, none of its text;
 * not parsing it makes extraction a quarter faster with the same F1 on the benchmark), and the
 * form and embedded elements pruneBoilerplate.ts would remove whole anyway (a `<select>`'s
 * hundreds of options, an `<iframe>`'s fallback text, a canvas): every node parsed costs, in
 * linkedom, an object and a WeakMap entry, and then Readability's walks. Not `<video>`: the
 * picturefill pattern opens one inside an IE conditional comment (`<!--[if IE 9]><video …>`)
 * and closes it in another, so its first `</video>` can be far past the article text.
 */
// The name must end where the tag does (`<nav-menu>` is another element), and a self-closing
// `<svg/>` has no content: neither may swallow the text up to some later closing tag.
const NON_CONTENT_START = /<(script|style|noscript|template|svg|nav|select|textarea|iframe|canvas)(?=[\s/>])|<!--/gi;
const NON_CONTENT_END = new Map(['script', 'style', 'noscript', 'template', 'svg', 'nav', 'select', 'textarea', 'iframe', 'canvas']
  .map((name) => [name, new RegExp(`</${name}\\s*>`, 'gi')]));

/**
 * The page without NON_CONTENT_START's elements and comments, each replaced by a space: what
 * `/<(script|…|canvas)(?=[\s/>])[^>]*(?<!\/)>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi` replaces, in
 * linear time. That expression searches to the end of the page again from every start tag that
 * is never closed (20,000 unclosed `<nav>`s, 100 KB: 0.85 s; as many unclosed `<script>`s, 700 KB:
 * 3.7 s; it grows with the square of the count); here a search that failed is not repeated,
 * because no later tag of that name can find an end that this one did not.
 */
export function stripNonContent(html: string): string {
  const pieces: string[] = [];
  let copied = 0;
  const unclosed = new Set<string>();
  let noTagEnd = false;
  let noCommentEnd = false;
  // The first ">" after the last tag looked at: the same one for every start before it.
  let lastGt = -1;
  const start = new RegExp(NON_CONTENT_START.source, 'gi');
  for (let match = start.exec(html); match; match = start.exec(html)) {
    const at = match.index;
    let end = -1;
    const name = match[1]?.toLowerCase();
    if (name === undefined) {
      const close = noCommentEnd ? -1 : html.indexOf('-->', at + 4);
      if (close === -1) noCommentEnd = true;
      else end = close + 3;
    } else if (!noTagEnd && !unclosed.has(name)) {
      const from = at + 1 + name.length;
      const gt = from <= lastGt ? lastGt : html.indexOf('>', from);
      lastGt = gt;
      if (gt === -1) {
        noTagEnd = true;
      } else if (html.charCodeAt(gt - 1) !== 0x2f) {
        const closing = NON_CONTENT_END.get(name)!;
        closing.lastIndex = gt + 1;
        const close = closing.exec(html);
        if (close) end = close.index + close[0].length;
        else unclosed.add(name);
      }
    }
    if (end === -1) {
      start.lastIndex = at + 1;
      continue;
    }
    pieces.push(html.slice(copied, at), ' ');
    copied = end;
    start.lastIndex = end;
  }
  if (pieces.length === 0) return html;
  pieces.push(html.slice(copied));
  return pieces.join('');
}

/**
 * The page from its doctype or `<html>` on, when something comes before it: PHP warnings and
 * notices printed ahead of the page ("<b>Warning</b>: mysql_…"). A browser shows them at the top
 * of the body; linkedom leaves the whole page outside the body, which read as empty. Never the
 * article, so dropped.
 */
export function skipServerPreamble(html: string, config: Pick<NormalizeConfig, 'preambleMaxChars'>): string {
  const start = /<!doctype\s+html|<html[\s>]/i.exec(html.slice(0, config.preambleMaxChars));
  if (!start || start.index === 0 || html.slice(0, start.index).trim().length === 0) return html;
  return html.slice(start.index);
}

/**
 * An HTML page: its main text by Mozilla Readability (over linkedom, parsed once), its
 * metadata from JSON-LD, Open Graph and the markup.
 */
export interface HtmlContext {
  /** Where the page was fetched from (object metadata): a fallback canonical URL and a source of dates. */
  url?: string;
}

export function normalizeHtml(html: string, config: NormalizeConfig, context: HtmlContext = {}): NormalizedDoc {
  const jsonLd = findJsonLdScripts(html);
  // Scripts, styles, inline SVG, comments and menus are most of a page's bytes and none of its
  // text: not parsed at all. Then the markup is brought within the depth and size bounds.
  const fromDoctype = skipServerPreamble(html, config);
  const markup = boundHtml(stripNonContent(fromDoctype), config, preParseCuts);
  const document = parsePage(markup);
  // Read before pruning and Readability rewrite the tree.
  const page = readPageMetadata(document as unknown as Parameters<typeof readPageMetadata>[0], jsonLd);
  pruneBoilerplate(document.body as unknown as PrunableElement, config);
  // Where the prose is, before Readability moves it: the check on what Readability chose.
  const prose = findProseContainer(document.body as unknown as ProseElement, config);
  if (prose.scope) keepOnly(prose.scope as unknown as Element, document.body);
  const extracted = extractMainText(document, { html: fromDoctype, markup }, prose, config);
  const domParagraphs = filterHtmlBlocks(extracted.blocks, config);
  const article = { ...extracted, paragraphs: withShownDescription(withDescription(chooseBody(domParagraphs, page.articleBody, config), page.description, config), page.description, markup, config) };

  const siteName = page.siteName ?? article.siteName;
  const url = page.canonicalUrl ?? absoluteHttpUrl(context.url);
  const domain = hostOf(url);
  const metadataTitle = page.headline ?? page.ogTitle ?? article.title ?? page.documentTitle;
  const rawTitle = visibleHeadline(page.headings, metadataTitle) ?? metadataTitle;
  const title = rawTitle ? stripSiteSuffix(collapseSpaces(rawTitle), siteName, domain) : undefined;
  const cleaned = cleanBlocks(article.paragraphs, config, { knownTitle: title });
  const byline = stripByPrefix(page.byline ?? article.byline ?? cleaned.byline);
  const hintName = siteName ?? domain;

  return assembleDoc({
    format: 'html',
    paragraphs: cleaned.paragraphs,
    title: cleaned.title,
    byline,
    publishedAt: toIsoDate(page.publishedAt) ?? toIsoDate(article.publishedTime) ?? dateInUrl(url),
    siteName,
    url,
    language: page.language ?? article.lang,
    sourceHint: hintName ? { name: hintName, ...(domain ? { domain } : {}), origin: 'page' } : undefined,
    textSourceHint: cleaned.textSourceHint,
  }, config);
}

/** The body with `scope` alone in it (and its ancestors around it): all else is removed. */
function keepOnly(scope: Element, body: HTMLElement): void {
  for (let element: Element = scope; element !== body && element.parentElement; element = element.parentElement) {
    for (const sibling of Array.from(element.parentElement.childNodes)) if (sibling !== element) sibling.remove();
  }
}

function parsePage(html: string): Document {
  const { document } = parseHTML(html);
  gatherStrayContent(document as unknown as StrayDocument);
  if (document.documentElement && document.body) return document as unknown as Document;
  // A fragment without <html>/<body>: give it a document to live in.
  return parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document as unknown as Document;
}

interface MainText {
  blocks: TextBlock[];
  title?: string;
  byline?: string;
  siteName?: string;
  publishedTime?: string;
  lang?: string;
}

function extractMainText(document: Document, page: PageSource, prose: ProseMap, config: NormalizeConfig): MainText {
  let result: ReturnType<Readability<ParagraphRoot>['parse']> = null;
  try {
    const ReadabilityClass = readabilityClass();
    result = new ReadabilityClass<ParagraphRoot>(document, {
      serializer: (node) => node as unknown as ParagraphRoot,
      // The page's JSON-LD was read already, and pruning removed its scripts.
      disableJSONLD: true,
      // Its last step strips class attributes from the article; newswatch reads only its text.
      keepClasses: true,
      // Pruning already removed most chrome: fewer retries (each re-parses the body) for short articles.
      charThreshold: 300,
    }).parse();
  } catch (error) {
    throw new RejectedInputError(`HTML could not be parsed: ${(error as Error).message}`, { cause: error });
  }
  let blocks = result?.content ? collectBlocks(result.content) : [];
  // Readability chose a list of names, a table or one box of several, leaving most of the
  // page's prose out: the element that holds the prose is the article.
  if (prose.containerBlocks.length > 0 && (blocks.length === 0 || proseCoverage(prose, blocks) < config.readabilityMinProseCoverage)) {
    blocks = prose.containerBlocks;
  }
  blocks = withLead(blocks, prose.lead);
  if (blocks.length === 0) {
    // Readability found no article (a very short page): fall back to the visible body text.
    return { blocks: bodyParagraphs(page, config).map((text) => ({ text, linkDensity: 0, heading: false })) };
  }
  return {
    blocks,
    title: result?.title ?? undefined,
    byline: result?.byline ?? undefined,
    siteName: result?.siteName ?? undefined,
    publishedTime: result?.publishedTime ?? undefined,
    lang: result?.lang ?? undefined,
  };
}

/** The lead paragraphs the blocks lack, put first (Readability often leaves out an article's intro). */
function withLead(blocks: TextBlock[], lead: string[]): TextBlock[] {
  if (blocks.length === 0 || lead.length === 0) return blocks;
  const extracted = comparableText(blocks.map((b) => b.text).join(' '));
  const missing = lead.filter((text) => !extracted.includes(comparableText(text)));
  return missing.length === 0 ? blocks : [...missing.map((text) => ({ text, linkDensity: 0, heading: false })), ...blocks];
}

/**
 * A page whose text is next to nothing (a script renders the post, a podcast page is its
 * player) still has its summary in the meta description: it goes first, when the text lacks it.
 */
function withDescription(paragraphs: string[], description: string | undefined, config: NormalizeConfig): string[] {
  const summary = description ? collapseSpaces(description) : '';
  if (summary.length < config.thinTextMinDescriptionChars || paragraphs.join(' ').length > config.thinTextMaxChars) return paragraphs;
  return comparableText(paragraphs.join(' ')).includes(comparableText(summary)) ? paragraphs : [summary, ...paragraphs];
}

/**
 * JSON-LD articleBody is the publisher's own text, without chrome: it wins when it is long
 * enough, not cut short, and about as long as the DOM text (a teaser or a whole-site dump is not).
 */
function chooseBody(domParagraphs: string[], articleBody: string | undefined, config: NormalizeConfig): string[] {
  const body = articleBody?.trim();
  if (!body || body.length < config.jsonLdBodyMinChars || /(?:…|\.\.\.|\[…\])$/u.test(body)) return domParagraphs;
  let paragraphs: string[];
  try {
    paragraphs = containsTag(body)
      ? htmlFragmentParagraphs(body, config)
      : body.split(/\n\s*\n|\n/).map(collapseSpaces).filter((p) => p.length > 0);
  } catch (error) {
    // Markup past the HTML bounds in the JSON-LD: the page's own text is still there.
    if (error instanceof RejectedInputError) return domParagraphs;
    throw error;
  }
  const ldChars = paragraphs.join(' ').length;
  const domChars = domParagraphs.join(' ').length;
  // A DOM text under thinTextMaxChars is a teaser or a script-rendered page's shell: the body is the text.
  const thinDom = domChars < config.thinTextMaxChars;
  if (ldChars < domChars * config.jsonLdBodyMinShare || (ldChars > domChars * config.jsonLdBodyMaxRatio && !thinDom)) return domParagraphs;
  return paragraphs;
}

/** `/<[a-z][^>]*>/i.test(text)`, in linear time: when the first `<` and letter has no `>` after it, no later one has. */
function containsTag(text: string): boolean {
  const start = /<[a-z]/i.exec(text);
  return start !== null && text.indexOf('>', start.index) !== -1;
}

/** The page as it came, and the markup parsed: stripped of non-content and within the HTML bounds. */
interface PageSource {
  html: string;
  markup: string;
}

/**
 * The visible text of a page Readability found no article in, from the page as it came (the
 * stripping expression can swallow a whole body, from a script that holds "<nav>" to the next
 * "</nav>"), brought within the HTML bounds; from the markup parsed when the page is past them.
 */
function bodyParagraphs(page: PageSource, config: NormalizeConfig): string[] {
  let html: string;
  try {
    html = boundHtml(page.html, config);
  } catch (error) {
    if (!(error instanceof RejectedInputError)) throw error;
    html = page.markup;
  }
  const document = parsePage(html);
  for (const chrome of Array.from(document.querySelectorAll('nav, header, footer, aside, form, script, style'))) {
    chrome.remove();
  }
  return document.body ? collectParagraphs(document.body as unknown as ParagraphRoot) : [];
}

/**
 * The h1 the reader sees, when it is the same headline as the metadata's (most of its words
 * shared): it has no section prefix ("Opinion | …") or SEO rewording. A logo h1 shares nothing.
 */
function visibleHeadline(headings: string[], metadataTitle: string | undefined): string | undefined {
  if (!metadataTitle) return undefined;
  const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  const known = new Set(words(metadataTitle));
  let best: { heading: string; share: number } | undefined;
  for (const heading of headings) {
    const own = words(heading);
    if (own.length < 3) continue;
    const share = own.filter((w) => known.has(w)).length / own.length;
    if (share >= 0.75 && (!best || share > best.share)) best = { heading, share };
  }
  return best?.heading;
}

/** "Talks end | Reuters" -> "Talks end" when the suffix is the site's name or domain. */
function stripSiteSuffix(title: string, siteName: string | undefined, domain: string | undefined): string {
  const names = [siteName, domain, domain?.replace(/\.[a-z]+$/i, '')].filter((n): n is string => Boolean(n));
  for (const name of names) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const stripped = title.replace(new RegExp(`\\s+[|\\-–—:·•»]\\s+${escaped}\\s*$`, 'i'), '');
    if (stripped !== title && stripped.length > 0) return stripped;
  }
  return title;
}

function stripByPrefix(byline: string | undefined): string | undefined {
  const cleaned = byline?.replace(/^\s*by\s+/i, '').replace(/\s+/g, ' ').trim();
  return cleaned ? cleaned : undefined;
}

/** "/2019/11/18/slug", "/2019-11-18/slug": the day many sites put in their article paths. */
function dateInUrl(url: string | undefined): string | undefined {
  const match = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)/.exec(url ?? '');
  if (!match) return undefined;
  const [, year, month, day] = match.map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return toIsoDate(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

function absoluteHttpUrl(value: string | undefined): string | undefined {
  return value && /^https?:\/\/[^\s/]+/i.test(value) ? value.trim() : undefined;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}
