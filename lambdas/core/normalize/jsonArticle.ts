import { RejectedInputError } from '../errors';
import type { InputFormat, NormalizedDoc } from '../model';
import { assembleDoc } from './assembleDoc';
import { cleanBlocks } from './cleanBlocks';
import type { NormalizeConfig } from './config';
import { htmlFragmentParagraphs } from './htmlParagraphs';
import { toIsoDate } from './toIsoDate';
import { normalizeWhitespace } from './whitespace';

type Fields = Record<string, unknown>;

/** NewsAPI cuts `content` at 200 characters and appends this marker. */
const NEWSAPI_TRUNCATION = /\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$/;
/** The start of a tag that marks a body as HTML: `/<\/?(?:p|…|i)\b[^>]*>/i` holds when a `>` follows it. */
const HTML_TAG_START = /<\/?(?:p|br|div|span|li|ul|ol|h[1-6]|a|strong|em|b|i)\b/i;

/**
 * One JSON article (or CSV row, read as the JSON its columns name), in our own schema (NormalizedDoc/Article fields), news-please's
 * (maintext/text, source_domain, date_publish, authors) or NewsAPI's (content/description,
 * source{name}, publishedAt, author).
 */
export function readJsonArticle(value: unknown, index: number, format: InputFormat, config: NormalizeConfig): NormalizedDoc {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new RejectedInputError(`not an article object (got ${Array.isArray(value) ? 'an array' : typeof value})`);
  }
  const fields = value as Fields;
  const title = str(fields.title) ?? str(fields.headline) ?? str(fields.title_page) ?? str(fields.title_rss);
  const body = articleBody(fields);
  if (!body && !title) {
    throw new RejectedInputError(
      'no article text and no title: expected a title or one of text, maintext, content, body, articleBody, description');
  }
  const cleaned = body ? cleanBlocks(bodyParagraphs(body, config), config, { knownTitle: title }) : undefined;
  // A title and no body (or a body that only repeats it): a headline article, its text the title.
  const headline = title !== undefined && (!cleaned || repeatsTitle(cleaned.paragraphs, title))
    ? { paragraphs: [normalizeWhitespace(title)], title }
    : undefined;
  const url = str(fields.url) ?? str(fields.link) ?? str(fields.canonical_url);
  const doc = assembleDoc({
    format,
    index,
    paragraphs: headline?.paragraphs ?? cleaned?.paragraphs ?? [],
    title: headline?.title ?? cleaned?.title,
    byline: authorNames(fields.byline ?? fields.author ?? fields.authors ?? fields.creator) ?? cleaned?.byline,
    publishedAt: toIsoDate(fields.publishedAt ?? fields.published_at ?? fields.date_publish ??
      fields.datePublished ?? fields.pubDate ?? fields.date),
    siteName: str(fields.siteName) ?? str(fields.site_name),
    url,
    language: str(fields.language) ?? str(fields.lang),
    sourceHint: sourceOf(fields, url),
    textSourceHint: cleaned?.textSourceHint,
  }, config);
  return headline ? { ...doc, headlineOnly: true } : doc;
}

/** Nothing left of the body, or only the title again (aggregators often copy it into the description). */
function repeatsTitle(paragraphs: string[], title: string): boolean {
  const collapse = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
  return paragraphs.length === 0 || (paragraphs.length === 1 && collapse(paragraphs[0]) === collapse(title));
}

function articleBody(fields: Fields): string | undefined {
  const full = str(fields.text) ?? str(fields.maintext) ?? str(fields.body) ?? str(fields.articleBody);
  if (full) return full;
  const content = str(fields.content)?.replace(NEWSAPI_TRUNCATION, '…');
  const description = str(fields.description);
  // A truncated NewsAPI content is often shorter than the description beside it.
  if (content && description) return content.length >= description.length ? content : description;
  return content ?? description;
}

/**
 * In linear time: the expression with `[^>]*>` searched to the end again from each tag start
 * without a `>` after it; when the first start has none after it, no later one has.
 */
function looksLikeHtml(body: string): boolean {
  const start = HTML_TAG_START.exec(body);
  return start !== null && body.indexOf('>', start.index) !== -1;
}

function bodyParagraphs(body: string, config: NormalizeConfig): string[] {
  if (looksLikeHtml(body)) return htmlFragmentParagraphs(body, config);
  return normalizeWhitespace(body).split(/\n+/);
}

function sourceOf(fields: Fields, url: string | undefined): NormalizedDoc['sourceHint'] {
  const source = fields.source;
  const domainField = str(fields.source_domain) ?? str(fields.domain);
  let name: string | undefined;
  let domain = domainField ? bareDomain(domainField) : undefined;
  if (typeof source === 'string') {
    name = source.trim() || undefined;
  } else if (source && typeof source === 'object') {
    const ref = source as Fields;
    name = str(ref.name) ?? str(ref.id);
    domain ??= str(ref.domain) ? bareDomain(str(ref.domain) as string) : undefined;
  }
  name ??= str(fields.siteName) ?? str(fields.site_name);
  if (!name && !domain && url) domain = hostOf(url);
  if (!name && !domain) return undefined;
  if (name && !domain && /^[\w-]+(?:\.[\w-]+)+$/.test(name)) domain = bareDomain(name);
  return { name: name ?? (domain as string), ...(domain ? { domain } : {}), origin: 'json' };
}

/** Authors as a list, a string, or news-please's Python-literal "['A', 'B']". */
function authorNames(value: unknown): string | undefined {
  let names: unknown[] = [];
  if (Array.isArray(value)) {
    names = value;
  } else if (typeof value === 'string' && /^\s*\[.*\]\s*$/s.test(value)) {
    names = Array.from(value.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g), (m) => (m[1] ?? m[2]).replace(/\\(.)/g, '$1'));
  } else if (value && typeof value === 'object') {
    names = [(value as Fields).name];
  } else {
    names = [value];
  }
  const cleaned = names
    .map((n) => (n && typeof n === 'object' ? (n as Fields).name : n))
    .map(str)
    .filter((n): n is string => Boolean(n) && !/^https?:/.test(n as string))
    .map((n) => n.replace(/^by\s+/i, ''));
  return cleaned.length > 0 ? cleaned.join(', ') : undefined;
}

function str(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 && !/^(?:none|null)$/i.test(trimmed) ? trimmed : undefined;
}

function bareDomain(value: string): string {
  return (hostOf(value) ?? value).toLowerCase().replace(/^www\./, '');
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(/^[a-z]+:\/\//i.test(url) ? url : `https://${url}`).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}
