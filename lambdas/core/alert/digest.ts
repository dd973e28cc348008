import { createHash } from 'node:crypto';
import { alertConfig, type AlertConfig } from './config';
import { digestConfig, type DigestConfig } from './digest-config';
import { fieldsOf } from './render';
import type { Alert, DigestFrequency, Watch } from '../model';

/**
 * Digests, as pure decisions: which alerts wait for a digest instead of going out one by one,
 * which period a run covers, and the one message per watch and period that lists the tracked
 * stories that gained coverage in it. Periods are UTC: an hour, a day, a week from Monday 00:00.
 */

export type DigestPeriod = Exclude<DigestFrequency, 'as-it-happens'>;

export const DIGEST_PERIODS: readonly DigestPeriod[] = ['hourly', 'daily', 'weekly'];

/** What `watch add --digest` and `subscribe --digest` take. */
export const DIGEST_FREQUENCIES: readonly DigestFrequency[] = ['as-it-happens', ...DIGEST_PERIODS];

/**
 * The SNS `delivery` message attribute subscribers filter on: each single alert is sent for
 * `as-it-happens`; a digest for its period, and also for `as-it-happens` when its watch itself
 * asked for that digest (it then has no single alerts: the digest is how everyone hears of it).
 */
export type DeliveryAudience = DigestFrequency;

/** One period: from `start` (included) to `end` (excluded), ISO times. */
export interface DigestWindow {
  period: DigestPeriod;
  start: string;
  end: string;
}

export interface DigestSource {
  sourceId: string;
  name: string;
  articleId: string;
  articleTitle: string;
  url?: string;
  copyOf?: string;
  /** When the source was found new to the story. */
  at: string;
}

export interface DigestStory {
  storyId: string;
  headline: string;
  /** The story itself began in the period (a new-story alert). */
  newStory: boolean;
  /** New sources in the period, in order of arrival, at most newSourcesPerStory. */
  newSources: DigestSource[];
  /** All new sources in the period (listed or not). */
  newSourceCount: number;
  /** Sources covering the story at its latest alert of the period. */
  sourceCount: number;
  /** The newest new source's article: where to read on. */
  link?: string;
}

/**
 * One digest of one watch for one period. Recorded before it is published, like an alert
 * (pending → sent, or failed when an endpoint refused it for good), under a deterministic id.
 */
export interface Digest {
  id: string;
  watchId: string;
  watchName: string;
  period: DigestPeriod;
  periodStart: string;
  periodEnd: string;
  audiences: DeliveryAudience[];
  /** Most new sources first, at most storyLimit. */
  stories: DigestStory[];
  /** Stories that gained coverage in the period (listed or not). */
  storyCount: number;
  /** New sources in the period over all those stories. */
  newSourceCount: number;
  createdAt: string;
  status: 'pending' | 'sent' | 'failed';
  sentAt?: string;
  error?: string;
  failedAt?: string;
}

/** The same watch and period always give the same id: a rerun finds the digest it recorded. */
export function digestIdFor(period: DigestPeriod, periodStart: string, watchId: string, length = digestConfig().digestIdLength): string {
  return createHash('sha256').update(`digest\u0000${period}\u0000${periodStart}\u0000${watchId}`).digest('hex').slice(0, length);
}

/** The period that holds `at`. */
export function periodContaining(period: DigestPeriod, at: string): DigestWindow {
  const time = new Date(at);
  if (Number.isNaN(time.getTime())) throw new RangeError(`not a time: "${at}"`);
  const start = new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate(), period === 'hourly' ? time.getUTCHours() : 0));
  // getUTCDay: Sunday 0 … Saturday 6; weeks start on Monday (ISO 8601).
  if (period === 'weekly') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const end = new Date(start);
  if (period === 'hourly') end.setUTCHours(end.getUTCHours() + 1);
  else end.setUTCDate(end.getUTCDate() + (period === 'weekly' ? 7 : 1));
  return { period, start: start.toISOString(), end: end.toISOString() };
}

/** The last period that has ended by `at`: what a scheduled run (just after the boundary) covers. */
export function lastCompletePeriod(period: DigestPeriod, at: string): DigestWindow {
  const current = periodContaining(period, at);
  return periodContaining(period, new Date(Date.parse(current.start) - 1).toISOString());
}

/** The watch's digest period; undefined for as-it-happens (the default). */
export function digestPeriodOf(watch: Pick<Watch, 'digest'>): DigestPeriod | undefined {
  return watch.digest && watch.digest !== 'as-it-happens' ? watch.digest : undefined;
}

/**
 * Marks `digestOnly` the alerts that every watch behind them takes as a digest: those are
 * recorded and never sent on their own. An alert that any as-it-happens watch (or a watch no
 * longer known, such as the track-all one) asked for is sent as before.
 */
export function routeAlerts(alerts: Alert[], watches: Pick<Watch, 'id' | 'digest'>[]): Alert[] {
  const byId = new Map(watches.map((watch) => [watch.id, watch]));
  return alerts.map((alert) => {
    const digestOnly = alert.watchIds.length > 0 && alert.watchIds.every((id) => {
      const watch = byId.get(id);
      return watch !== undefined && digestPeriodOf(watch) !== undefined;
    });
    return digestOnly ? { ...alert, digestOnly: true } : alert;
  });
}

export interface DigestRequest {
  watch: Pick<Watch, 'id' | 'name' | 'digest'>;
  window: DigestWindow;
  /** Alerts of the period (others are ignored); folds and their members may both be there. */
  alerts: Alert[];
  now: string;
  config?: Partial<DigestConfig>;
  alertConfig?: Partial<AlertConfig>;
}

/**
 * The watch's digest for the window: each story it tracks that gained coverage, with its new
 * sources (a folded alert's and its members' counted once), most new sources first. Undefined
 * when nothing happened: no empty digest is ever sent. Fields are sanitized and capped as
 * alerts' are, before they are stored.
 */
export function composeDigest(request: DigestRequest): Digest | undefined {
  const config = digestConfig(request.config);
  const f = fieldsOf(alertConfig(request.alertConfig));
  const { watch, window } = request;
  const inWindow = request.alerts
    .filter((alert) => alert.watchIds.includes(watch.id) && alert.createdAt >= window.start && alert.createdAt < window.end)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  if (inWindow.length === 0) return undefined;

  const stories = new Map<string, { story: DigestStory; sources: Map<string, DigestSource>; latest: string }>();
  for (const alert of inWindow) {
    const entry = stories.get(alert.storyId) ?? { story: emptyStory(alert, f), sources: new Map(), latest: alert.createdAt };
    stories.set(alert.storyId, entry);
    entry.story.headline = f.title(alert.headline) || entry.story.headline;
    entry.story.sourceCount = Math.max(entry.story.sourceCount, alert.sourceCount);
    entry.latest = alert.createdAt;
    if (alert.kind === 'new-story') entry.story.newStory = true;
    for (const source of sourcesOf(alert, f)) if (!entry.sources.has(source.sourceId)) entry.sources.set(source.sourceId, source);
  }
  const ordered = [...stories.values()]
    .map(({ story, sources, latest }) => {
      const all = [...sources.values()].sort((a, b) => a.at.localeCompare(b.at));
      const newest = [...all].reverse().find((source) => source.url);
      const digestStory: DigestStory = { ...story, newSources: all.slice(0, config.newSourcesPerStory), newSourceCount: all.length };
      if (newest?.url) digestStory.link = newest.url;
      return { story: digestStory, latest };
    })
    .sort((a, b) => b.story.newSourceCount - a.story.newSourceCount || b.latest.localeCompare(a.latest) || a.story.storyId.localeCompare(b.story.storyId))
    .map(({ story }) => story);

  const period = digestPeriodOf(watch);
  return {
    id: digestIdFor(window.period, window.start, watch.id, config.digestIdLength),
    watchId: watch.id,
    watchName: f.name(watch.name) || watch.id,
    period: window.period,
    periodStart: window.start,
    periodEnd: window.end,
    audiences: period === window.period ? [window.period, 'as-it-happens'] : [window.period],
    stories: ordered.slice(0, config.storyLimit),
    storyCount: ordered.length,
    newSourceCount: ordered.reduce((sum, story) => sum + story.newSourceCount, 0),
    createdAt: request.now,
    status: 'pending',
  };
}

type Fields = ReturnType<typeof fieldsOf>;

function emptyStory(alert: Alert, f: Fields): DigestStory {
  return { storyId: alert.storyId, headline: f.title(alert.headline), newStory: false, newSources: [], newSourceCount: 0, sourceCount: alert.sourceCount };
}

/** The new sources an alert announces: a fold's list, or its own source. */
function sourcesOf(alert: Alert, f: Fields): DigestSource[] {
  const entries = alert.newSources?.length ? alert.newSources : [{
    source: alert.source, articleId: alert.articleId, articleTitle: alert.articleTitle, url: alert.url, copyOf: alert.copyOf, at: alert.createdAt,
  }];
  return entries.map((entry) => {
    const source: DigestSource = {
      sourceId: entry.source.id,
      name: f.source(entry.source.name) || entry.source.id,
      articleId: entry.articleId,
      articleTitle: f.title(entry.articleTitle),
      at: entry.at,
    };
    const url = f.url(entry.url);
    if (url) source.url = url;
    if (entry.copyOf) source.copyOf = f.id(entry.copyOf);
    return source;
  });
}
