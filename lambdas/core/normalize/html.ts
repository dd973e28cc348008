import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { RejectedInputError } from '../errors';
import type { NormalizedDoc } from '../model';
import { assembleDoc } from './assembleDoc';
import { cleanBlocks } from './cleanBlocks';
import type { NormalizeConfig } from './config';
import { collectParagraphs } from './htmlParagraphs';
import { readPageMetadata } from './readPageMetadata';
import { toIsoDate } from './toIsoDate';
import { collapseSpaces } from './whitespace';

type ParagraphRoot = Parameters<typeof collectParagraphs>[0];

/**
 * An HTML page: its main text by Mozilla Readability (over linkedom, parsed once), its
 * metadata from JSON-LD, Open Graph and the markup.
 */
export function normalizeHtml(html: string, config: NormalizeConfig): NormalizedDoc {
  const document = parsePage(html);
  // Read before Readability: it strips scripts (JSON-LD) and rewrites the tree.
  const page = readPageMetadata(document as unknown as Parameters<typeof readPageMetadata>[0]);
  const article = extractMainText(document, html);

  const siteName = page.siteName ?? article.siteName;
  const domain = hostOf(page.canonicalUrl);
  const rawTitle = page.headline ?? page.ogTitle ?? article.title ?? page.documentTitle;
  const title = rawTitle ? stripSiteSuffix(collapseSpaces(rawTitle), siteName, domain) : undefined;
  const cleaned = cleanBlocks(article.paragraphs, config, { knownTitle: title });
  const byline = stripByPrefix(page.byline ?? article.byline ?? cleaned.byline);
  const hintName = siteName ?? domain;

  return assembleDoc({
    format: 'html',
    paragraphs: cleaned.paragraphs,
    title: cleaned.title,
    byline,
    publishedAt: toIsoDate(page.publishedAt) ?? toIsoDate(article.publishedTime),
    siteName,
    url: page.canonicalUrl,
    language: page.language ?? article.lang,
    sourceHint: hintName ? { name: hintName, ...(domain ? { domain } : {}), origin: 'page' } : undefined,
    textSourceHint: cleaned.textSourceHint,
  }, config);
}

function parsePage(html: string): Document {
  const { document } = parseHTML(html);
  if (document.documentElement && document.body) return document as unknown as Document;
  // A fragment without <html>/<body>: give it a document to live in.
  return parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document as unknown as Document;
}

interface MainText {
  paragraphs: string[];
  title?: string;
  byline?: string;
  siteName?: string;
  publishedTime?: string;
  lang?: string;
}

function extractMainText(document: Document, html: string): MainText {
  let result: ReturnType<Readability<ParagraphRoot>['parse']> = null;
  try {
    result = new Readability<ParagraphRoot>(document, {
      serializer: (node) => node as unknown as ParagraphRoot,
    }).parse();
  } catch (error) {
    throw new RejectedInputError(`HTML could not be parsed: ${(error as Error).message}`, { cause: error });
  }
  const paragraphs = result?.content ? collectParagraphs(result.content) : [];
  if (paragraphs.length === 0) {
    // Readability found no article (a very short page): fall back to the visible body text.
    return { paragraphs: bodyParagraphs(html) };
  }
  return {
    paragraphs,
    title: result?.title ?? undefined,
    byline: result?.byline ?? undefined,
    siteName: result?.siteName ?? undefined,
    publishedTime: result?.publishedTime ?? undefined,
    lang: result?.lang ?? undefined,
  };
}

function bodyParagraphs(html: string): string[] {
  const document = parsePage(html);
  for (const chrome of Array.from(document.querySelectorAll('nav, header, footer, aside, form, script, style'))) {
    chrome.remove();
  }
  return document.body ? collectParagraphs(document.body as unknown as ParagraphRoot) : [];
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

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}
