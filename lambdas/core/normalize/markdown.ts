import type { NormalizedDoc } from '../model';
import { assembleDoc } from './assembleDoc';
import { cleanBlocks } from './cleanBlocks';
import type { NormalizeConfig } from './config';
import { toIsoDate } from './toIsoDate';
import { normalizeWhitespace } from './whitespace';

/** A Markdown article: front matter and the first "# " heading give metadata, markup goes. */
export function normalizeMarkdown(markdown: string, config: NormalizeConfig): NormalizedDoc {
  const { frontMatter, body } = splitFrontMatter(normalizeWhitespace(markdown));
  const { title, blocks } = markdownBlocks(body);
  const knownTitle = frontMatter.title ?? title;
  const cleaned = cleanBlocks(blocks, config, { knownTitle });
  const source = frontMatter.source ?? frontMatter.site;
  return assembleDoc({
    format: 'markdown',
    paragraphs: cleaned.paragraphs,
    title: cleaned.title,
    byline: frontMatter.author ?? frontMatter.byline ?? cleaned.byline,
    publishedAt: toIsoDate(frontMatter.date ?? frontMatter.published ?? frontMatter.publishedat),
    url: frontMatter.url ?? frontMatter.canonical,
    language: frontMatter.lang ?? frontMatter.language,
    // Front matter is the file's own metadata, like a page's og:site_name.
    sourceHint: source ? { name: source, origin: 'page' } : undefined,
    textSourceHint: cleaned.textSourceHint,
  }, config);
}

function splitFrontMatter(text: string): { frontMatter: Record<string, string>; body: string } {
  const match = /^---\n([\s\S]*?)\n(?:---|\.\.\.)\n/.exec(text);
  if (!match) return { frontMatter: {}, body: text };
  const frontMatter: Record<string, string> = {};
  for (const line of match[1].split('\n')) {
    const field = /^([A-Za-z_][\w-]*)\s*:\s*(.+)$/.exec(line);
    if (field) frontMatter[field[1].toLowerCase()] = field[2].trim().replace(/^(["'])(.*)\1$/, '$2');
  }
  return { frontMatter, body: text.slice(match[0].length) };
}

/** Blocks of plain text: paragraphs, headings and list items, markup stripped. */
function markdownBlocks(body: string): { title?: string; blocks: string[] } {
  const blocks: string[] = [];
  let title: string | undefined;
  let paragraph: string[] = [];
  let inFence = false;
  const flush = () => {
    const text = stripInline(paragraph.join(' '));
    if (text.length > 0) blocks.push(text);
    paragraph = [];
  };

  for (const rawLine of body.split('\n')) {
    if (/^(```|~~~)/.test(rawLine)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      paragraph.push(rawLine);
      continue;
    }
    const line = rawLine.replace(/^(?:>\s?)+/, '');
    const heading = /^(#{1,6})\s+(.*?)(?:\s+#+)?$/.exec(line);
    if (line.length === 0 || /^(?:[-*_]\s*){3,}$/.test(line) || /^\[[^\]]+\]:\s*\S+/.test(line) || /^\|?\s*:?-{3,}/.test(line)) {
      flush();
    } else if (/^=+$/.test(line) && paragraph.length === 1 && title === undefined && blocks.length === 0) {
      title = stripInline(paragraph[0]); // Setext "Title\n=====" at the top.
      paragraph = [];
    } else if (heading) {
      flush();
      const text = stripInline(heading[2]);
      if (heading[1] === '#' && title === undefined) title = text;
      else if (text.length > 0) blocks.push(text);
    } else if (/^\s*(?:[-*+]|\d{1,3}[.)])\s+/.test(line)) {
      flush();
      paragraph.push(line.replace(/^\s*(?:[-*+]|\d{1,3}[.)])\s+/, ''));
    } else if (/^\|.*\|$/.test(line)) {
      flush();
      paragraph.push(line.slice(1, -1).split('|').map((cell) => cell.trim()).join('; '));
      flush();
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return { title, blocks };
}

function stripInline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images carry no article text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
