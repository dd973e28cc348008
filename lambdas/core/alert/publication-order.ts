import type { Alert, CoverageEntry, Story } from '../model';

/**
 * Racing workers (Lambdas on one queue) write a story's articles out of publication order: a
 * story may be created by an article published after one that joins it later, and a source's
 * ledger entry may first go to its second article. Alerts delivered at once keep the order of
 * arrival; alerts held by storm control are announced in publication order instead, from the
 * coverage ledger as it stands when the hold ends (the ledger names each source's
 * earliest-published article: ingestDocument's backdateCoverage).
 */

/** Published strictly earlier: a tie keeps the order of arrival (undated articles all read "now"). */
export function publishedBefore(a: Pick<CoverageEntry, 'firstSeen'>, b: Pick<CoverageEntry, 'firstSeen'>): boolean {
  return a.firstSeen < b.firstSeen;
}

/** What a fold says of an article it names, read when the hold ends. */
export interface AnnouncedArticle {
  title: string;
  url?: string;
  copyOf?: string;
}

export interface PublicationOrderInput {
  /** The story's held alerts that this fold delivers. */
  held: Alert[];
  /** The story's coverage ledger. */
  coverage: CoverageEntry[];
  story: Story;
  /** Sources an earlier alert of the story announced already (sent or failed). */
  announcedSources: ReadonlySet<string>;
}

/**
 * The alerts a fold announces, in publication order: the first source by publication is not
 * new (its held alert is dropped); the story's creator (first by arrival, never alerted) is new
 * when another source published before it, unless an alert announced it already; every source
 * names its earliest-published article. `articleIds` lists the articles whose titles and links
 * the caller reads to finish them (`withArticles`). With no race, this returns `held` as is.
 */
export function announceInPublicationOrder({ held, coverage, story, announcedSources }: PublicationOrderInput): { announce: Alert[]; articleIds: string[] } {
  if (held.length === 0 || coverage.length === 0) return { announce: held, articleIds: [] };
  const ledger = new Map(coverage.map((entry) => [entry.source.id, entry]));
  // Publication time, then arrival on the story: the same order for every worker that reads them.
  const arrival = (id: string) => { const i = story.sources.indexOf(id); return i < 0 ? story.sources.length : i; };
  const rank = (sourceId: string, fallback: string) => ({ at: ledger.get(sourceId)?.firstSeen ?? fallback, arrival: arrival(sourceId) });
  const before = (a: { at: string; arrival: number }, b: { at: string; arrival: number }) => (a.at !== b.at ? a.at < b.at : a.arrival < b.arrival);
  const first = coverage.reduce((a, b) => (before(rank(b.source.id, b.firstSeen), rank(a.source.id, a.firstSeen)) ? b : a));
  const reread: string[] = [];
  const announce: Alert[] = [];
  for (const alert of held) {
    if (alert.source.id === first.source.id) continue;
    const entry = ledger.get(alert.source.id);
    if (entry && entry.articleId !== alert.articleId) reread.push(entry.articleId);
    announce.push(entry && entry.articleId !== alert.articleId ? retarget(alert, entry) : alert);
  }

  const creator = ledger.get(story.sources[0] ?? '');
  const heldSources = new Set(held.map((alert) => alert.source.id));
  if (creator && creator.source.id !== first.source.id && !heldSources.has(creator.source.id) && !announcedSources.has(creator.source.id)) {
    announce.push(creatorAlert(held[0], creator, first));
    reread.push(creator.articleId);
  }
  announce.sort((a, b) => (before(rank(a.source.id, a.createdAt), rank(b.source.id, b.createdAt)) ? -1 : 1));
  return { announce, articleIds: [...new Set(reread)] };
}

/** Fills in the titles and links of the articles `announceInPublicationOrder` re-pointed to. */
export function withArticles(announce: Alert[], articles: ReadonlyMap<string, AnnouncedArticle>): Alert[] {
  return announce.map((alert) => {
    const article = articles.get(alert.articleId);
    if (!article) return alert;
    const { url: _url, copyOf: _copyOf, ...rest } = alert;
    const next: Alert = { ...rest, articleTitle: article.title };
    if (article.url) next.url = article.url;
    if (article.copyOf) next.copyOf = article.copyOf;
    return next;
  });
}

/** The held alert, naming the source's earliest-published article instead. */
function retarget(alert: Alert, entry: CoverageEntry): Alert {
  const { url: _url, copyOf: _copyOf, ...rest } = alert;
  return { ...rest, articleId: entry.articleId };
}

/**
 * The creator's source, found new once an earlier-published source joined its story. Modelled
 * on a held alert of the same story (watches, story facts); a member of no fold, it only lives
 * in the fold that announces it.
 */
function creatorAlert(model: Alert, entry: CoverageEntry, first: CoverageEntry): Alert {
  const { url: _url, copyOf: _copyOf, ...rest } = model;
  return {
    ...rest,
    source: entry.source,
    articleId: entry.articleId,
    reason: `${entry.source.name} is new to a story you track: ${first.source.name} published on it first`,
  };
}
