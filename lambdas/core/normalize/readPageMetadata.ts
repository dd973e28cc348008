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
}

interface MetaElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

interface MetaDocument {
  documentElement: MetaElement | null;
  querySelectorAll(selector: string): ArrayLike<MetaElement>;
  querySelector(selector: string): MetaElement | null;
}

const ARTICLE_TYPES = /(?:Article|BlogPosting|Report|WebPage|NewsArticle)$/;

/** JSON-LD first (most precise), then Open Graph and article meta tags, then the markup. */
export function readPageMetadata(document: MetaDocument): PageMetadata {
  const ld = readJsonLd(document);
  const meta = readMetaTags(document);
  const timeElement = document.querySelector('time[itemprop="datePublished"], article time[datetime], time[pubdate], time[datetime]');
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined;
  return {
    headline: ld.headline,
    ogTitle: meta['og:title'] ?? meta['twitter:title'],
    documentTitle: text(document.querySelector('title')?.textContent),
    byline: ld.author ?? nonUrl(meta['author'] ?? meta['article:author'] ?? meta['byl'] ?? meta['dc.creator']),
    publishedAt: ld.datePublished ?? meta['article:published_time'] ?? meta['og:published_time'] ??
      meta['datepublished'] ?? meta['pubdate'] ?? meta['publishdate'] ?? meta['dc.date'] ??
      meta['date'] ?? meta['parsely-pub-date'] ?? meta['sailthru.date'] ??
      timeElement?.getAttribute('datetime') ?? undefined,
    siteName: meta['og:site_name'] ?? ld.publisher ?? meta['application-name'],
    canonicalUrl: absoluteUrl(canonical) ?? absoluteUrl(meta['og:url']) ?? absoluteUrl(ld.url),
    language: text(document.documentElement?.getAttribute('lang')) ?? ld.language ??
      meta['og:locale']?.replace('_', '-') ?? meta['content-language'],
  };
}

function readMetaTags(document: MetaDocument): Record<string, string> {
  const found: Record<string, string> = {};
  for (const element of Array.from(document.querySelectorAll('meta'))) {
    const name = (element.getAttribute('property') ?? element.getAttribute('name') ??
      element.getAttribute('itemprop') ?? element.getAttribute('http-equiv'))?.toLowerCase();
    const content = text(element.getAttribute('content'));
    if (name && content && !(name in found)) found[name] = content;
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
}

function readJsonLd(document: MetaDocument): LdArticle {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
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
    };
  }
  return {};
}

type LdNode = Record<string, unknown>;

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
