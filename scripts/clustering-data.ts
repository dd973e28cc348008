/**
 * Labelled replay data for the clustering evaluation (scripts/eval-clustering.ts) and the
 * benchmark (scripts/bench.ts): news-cluster-dev (news-please JSON, label = EventId inside
 * `newsCluster`, an object or a Python-literal string) and the UCI News Aggregator head (CSV, label = STORY, headline only).
 * Each item is one article as a JSON Lines record (`title`, `text`, `url`, `source`,
 * `publishedAt`), the shape `newswatch ingest` reads, plus its label.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface LabelledArticle {
  /** Stable id inside the data set (file id, CSV ID). */
  id: string;
  label: string;
  /** The publisher, used as the source. */
  source: string;
  title?: string;
  text: string;
  url?: string;
  publishedAt: string;
}

export interface LabelledDataset {
  name: string;
  articles: LabelledArticle[];
}

/** Reads a data set by path: a folder of news-please JSON files, or the UCI CSV. Sorted by publication time. */
export function readDataset(location: string): LabelledDataset {
  const articles = statSync(location).isDirectory() ? readNewsPleaseFolder(location) : readUciCsv(location);
  articles.sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || compare(a.id, b.id));
  return { name: path.basename(location), articles };
}

/** news-please JSON files; `newsCluster` is a Python-literal dict string holding EventId. */
function readNewsPleaseFolder(folder: string): LabelledArticle[] {
  const out: LabelledArticle[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    const record = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Record<string, unknown>;
    const cluster = record.newsCluster;
    const event = cluster && typeof cluster === 'object'
      ? String((cluster as Record<string, unknown>).EventId ?? '') || undefined
      : /['"]EventId['"]\s*:\s*(\d+)/.exec(String(cluster ?? ''))?.[1];
    if (!event) throw new Error(`${file}: no EventId in newsCluster`);
    const date = typeof record.date_publish === 'string' && record.date_publish !== 'None' ? record.date_publish : undefined;
    out.push({
      id: String(record.dId ?? file.replace(/\.json$/, '')),
      label: event,
      source: String(record.source_domain ?? 'unknown').replace(/^www\./, ''),
      title: typeof record.title === 'string' ? record.title : undefined,
      text: String(record.text ?? record.maintext ?? ''),
      url: typeof record.url === 'string' ? record.url : undefined,
      // news-please dates carry no offset: read them as UTC. Undated articles go first.
      publishedAt: date ? new Date(`${date}Z`).toISOString() : '1970-01-01T00:00:00.000Z',
    });
  }
  return out;
}

/** UCI News Aggregator CSV: ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP (ms). */
function readUciCsv(file: string): LabelledArticle[] {
  const rows = parseCsv(readFileSync(file, 'utf8'));
  const header = rows.shift() ?? [];
  const col = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${file}: no ${name} column`);
    return index;
  };
  const [id, title, url, publisher, story, timestamp] = ['ID', 'TITLE', 'URL', 'PUBLISHER', 'STORY', 'TIMESTAMP'].map(col);
  return rows
    .filter((row) => row.length >= header.length && row[title].trim())
    .map((row) => ({
      id: row[id],
      label: row[story],
      source: row[publisher].trim() || 'unknown',
      // Headline only: it is the text (the title is derived from it, as for an RSS item).
      text: row[title].trim(),
      url: row[url],
      publishedAt: new Date(Number(row[timestamp])).toISOString(),
    }));
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** The JSON Lines record `newswatch ingest` reads for this article. */
export function toJsonLine(article: LabelledArticle): string {
  return JSON.stringify({ title: article.title, text: article.text, url: article.url, source: article.source, publishedAt: article.publishedAt });
}

/** A headline-only article as a news aggregator exports it: a title and no text (a headline item). */
export function toHeadlineItem(article: LabelledArticle): string {
  return JSON.stringify({ title: article.text, url: article.url, source: article.source, publishedAt: article.publishedAt });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A stress ordering: every story at once. The k-th article of every story in turn (stories in
 * order of their first article), with publication times spread evenly over the original span.
 * UCI's head lists each story as one burst; this shows what the time model does when many
 * stories run concurrently, as in a live stream.
 */
export function interleaveStories<T extends LabelledArticle>(articles: T[]): T[] {
  const byLabel = new Map<string, T[]>();
  for (const article of articles) {
    const story = byLabel.get(article.label) ?? [];
    story.push(article);
    byLabel.set(article.label, story);
  }
  const stories = [...byLabel.values()];
  const order: T[] = [];
  for (let k = 0; order.length < articles.length; k++) for (const story of stories) if (story[k]) order.push(story[k]);
  const times = articles.map((a) => Date.parse(a.publishedAt));
  const start = Math.min(...times);
  const span = Math.max(...times) - start;
  return order.map((article, i) => ({ ...article, publishedAt: new Date(start + Math.round((span * i) / Math.max(1, order.length - 1))).toISOString() }));
}
