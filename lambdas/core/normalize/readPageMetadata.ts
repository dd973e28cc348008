/** What a page says about itself, before Readability rewrites the DOM. */
export interface PageMetadata {
  headline?: string;
  ogTitle?: string;
  documentTitle?: string;
  byline?: string;
  publishedAt?: string;
  siteName?: string;
  canonicalUrl?: string;
  language?: string;
  /** The meta description (a standfirst repeated above the body is not body text). */
  description?: string;
  /** JSON-LD articleBody, when the page publishes its text there. */
  articleBody?: string;
  /** The page's h1 texts: the visible headline is usually one of them. */
  headings: string[];
}

interface MetaElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  querySelector(selector: string): MetaElement | null;
}

interface MetaDocument {
  documentElement: MetaElement | null;
  getElementsByTagName(tag: string): ArrayLike<MetaElement>;
  querySelectorAll(selector: string): ArrayLike<MetaElement>;
}

/** Where pages print the author when their metadata does not name one. */
const BYLINE_SELECTOR = '[rel="author"], [itemprop~="author"], [class*="byline"], [class*="author-name"], [class*="author"]';

const ARTICLE_TYPES = /(?:Article|BlogPosting|Report|WebPage|NewsArticle)$/;

/**
 * JSON-LD first (most precise), then Open Graph and article meta tags, then the markup.
 * `jsonLdScripts` are the texts of the page's application/ld+json scripts, taken from the raw
 * HTML so the DOM can be parsed without scripts. Tag-name lookups only: CSS selectors walk
 * the whole tree once per query.
 */
export function readPageMetadata(document: MetaDocument, jsonLdScripts: string[]): PageMetadata {
  const ld = readJsonLd(jsonLdScripts);
  const meta = readMetaTags(document);
  const times = Array.from(document.getElementsByTagName('time')).filter((t) => t.getAttribute('datetime'));
  const timeElement = times.find((t) => t.getAttribute('itemprop') === 'datePublished' || t.getAttribute('pubdate') !== null) ?? times[0];
  const canonical = Array.from(document.getElementsByTagName('link'))
    .find((l) => l.getAttribute('rel')?.toLowerCase() === 'canonical')?.getAttribute('href') ?? undefined;
  const titleElement = document.getElementsByTagName('title')[0];
  return {
    headline: ld.headline,
    ogTitle: meta['og:title'] ?? meta['twitter:title'],
    documentTitle: text(titleElement?.textContent),
    byline: ld.author ?? nonUrl(meta['author'] ?? meta['article:author'] ?? meta['byl'] ?? meta['dc.creator']) ??
      findBylineInMarkup(document),
    publishedAt: ld.datePublished ?? meta['article:published_time'] ?? meta['article:published'] ?? meta['og:published_time'] ??
      meta['datepublished'] ?? meta['pubdate'] ?? meta['publishdate'] ?? meta['dc.date'] ??
      meta['date'] ?? meta['parsely-pub-date'] ?? meta['sailthru.date'] ??
      timeElement?.getAttribute('datetime') ?? undefined,
    siteName: meta['og:site_name'] ?? ld.publisher ?? meta['application-name'],
    canonicalUrl: absoluteUrl(canonical) ?? absoluteUrl(meta['og:url']) ?? absoluteUrl(ld.url),
    language: text(document.documentElement?.getAttribute('lang')) ?? ld.language ??
      meta['og:locale']?.replace('_', '-') ?? meta['content-language'],
    description: meta['og:description'] ?? meta['description'] ?? meta['twitter:description'],
    articleBody: ld.articleBody,
    headings: Array.from(document.getElementsByTagName('h1')).slice(0, 5)
      .map((h) => text(h.textContent)).filter((h): h is string => h !== undefined),
  };
}

/** The first author name printed in the markup: "By Jane Doe", an author link, an itemprop author. */
function findBylineInMarkup(document: MetaDocument): string | undefined {
  const candidates = Array.from(document.querySelectorAll(BYLINE_SELECTOR)).slice(0, 20);
  for (const element of candidates) {
    // Comment authors and comment-form labels are not the article's author.
    if (/comment/i.test(element.getAttribute('class') ?? '')) continue;
    const named = element.getAttribute('itemprop')?.includes('author') ? element.querySelector('[itemprop="name"]') : null;
    const name = cleanByline((named ?? element).textContent);
    if (name) return name;
  }
  return undefined;
}

/** "written by  Regan", "by Finian Cunningham | 18.11.2019": the name, or nothing if it is not name-shaped. */
function cleanByline(value: string | null): string | undefined {
  const line = text(value)?.replace(/^(?:(?:written|posted|published)\s+)?by:?\s+/i, '').replace(/\s*[|•·,–—-]\s*\d.*$/, '').trim();
  if (!line || line.length < 2 || line.length > 60) return undefined;
  const words = line.split(' ');
  if (words.length > 6 || /\b(?:ago|comments?|share|follow|posts?|about|more)\b|@|https?:/i.test(line) || /^\d/.test(line)) return undefined;
  return line;
}

function readMetaTags(document: MetaDocument): Record<string, string> {
  const found: Record<string, string> = {};
  for (const element of Array.from(document.getElementsByTagName('meta'))) {
    const content = text(element.getAttribute('content'));
    if (!content) continue;
    // A tag may carry property, name and itemprop at once; itemprop="datePublished dateCreated" names two.
    const names = ['property', 'name', 'itemprop', 'http-equiv']
      .map((attribute) => element.getAttribute(attribute)?.toLowerCase())
      .filter((n): n is string => Boolean(n))
      .flatMap((n) => n.split(/\s+/));
    for (const name of names) if (!(name in found)) found[name] = content;
  }
  return found;
}

interface LdArticle {
  headline?: string;
  author?: string;
  datePublished?: string;
  publisher?: string;
  url?: string;
  language?: string;
  articleBody?: string;
}

function readJsonLd(scripts: string[]): LdArticle {
  for (const script of scripts) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script);
    } catch {
      continue; // A broken JSON-LD block is common and says nothing about the article.
    }
    const article = flattenGraph(parsed).find((node) => ARTICLE_TYPES.test(String(typeOf(node))) && node.headline);
    if (!article) continue;
    return {
      headline: text(article.headline),
      author: personNames(article.author),
      datePublished: text(article.datePublished) ?? text(article.dateCreated),
      publisher: personNames(article.publisher),
      url: text(article.url) ?? text(idOf(article.mainEntityOfPage)),
      language: text(article.inLanguage),
      // Kept raw: it may hold markup and its paragraph breaks matter.
      articleBody: typeof article.articleBody === 'string' ? article.articleBody : undefined,
    };
  }
  return {};
}

type LdNode = Record<string, unknown>;

const SCRIPT_START = /<script\b/gi;
const JSON_LD_TYPE = /type\s*=\s*["']?application\/ld\+json/i;
const SCRIPT_END = /<\/script\s*>/gi;

/**
 * The texts of the page's JSON-LD scripts, from the raw HTML (entities are not decoded inside
 * scripts): what `/<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi`
 * captures, in linear time (that expression searched to the end of the page again from every
 * unclosed script tag: 20,000 of them, 700 KB, took 10.7 s).
 */
export function findJsonLdScripts(html: string): string[] {
  const scripts: string[] = [];
  const start = new RegExp(SCRIPT_START.source, 'gi');
  const end = new RegExp(SCRIPT_END.source, 'gi');
  // A start inside a tag already read (`<script <script … >`) has no type the whole tag lacked.
  let readUpTo = -1;
  for (let match = start.exec(html); match; match = start.exec(html)) {
    if (match.index < readUpTo) continue;
    const gt = html.indexOf('>', match.index);
    if (gt === -1) break; // no later tag can end either
    readUpTo = gt;
    if (!JSON_LD_TYPE.test(html.slice(match.index, gt))) continue;
    end.lastIndex = gt + 1;
    const close = end.exec(html);
    if (!close) break; // no later script is closed either
    scripts.push(html.slice(gt + 1, close.index).trim().replace(/^<!\[CDATA\[|\]\]>$/g, ''));
    start.lastIndex = close.index + close[0].length;
  }
  return scripts;
}

function flattenGraph(value: unknown): LdNode[] {
  if (Array.isArray(value)) return value.flatMap(flattenGraph);
  if (!value || typeof value !== 'object') return [];
  const node = value as LdNode;
  return [node, ...flattenGraph(node['@graph'])];
}

function typeOf(node: LdNode): string {
  const type = node['@type'];
  return Array.isArray(type) ? type.join(' ') : String(type ?? '');
}

function idOf(value: unknown): unknown {
  return value && typeof value === 'object' ? (value as LdNode)['@id'] : value;
}

function personNames(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const names = list
    .map((entry) => (entry && typeof entry === 'object' ? (entry as LdNode).name : entry))
    .map((name) => text(name))
    .filter((name): name is string => Boolean(name) && !/^https?:/.test(name as string));
  return names.length > 0 ? names.join(', ') : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

function nonUrl(value: string | undefined): string | undefined {
  return value && !/^https?:\/\//.test(value) ? value : undefined;
}

function absoluteUrl(value: unknown): string | undefined {
  const candidate = text(value);
  return candidate && /^https?:\/\/[^\s/]+/i.test(candidate) ? candidate : undefined;
}
