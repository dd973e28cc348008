import { alertIdFor } from './alert-id';
import { alertConfig, type AlertConfig } from './config';
import type { WatchMatch } from './match';
import type { Alert, AlertKind, SourceRef, Story, WatchAlertOn } from '../model';

export interface AlertDecisionInput {
  /** The story after this article joined it. */
  story: Story;
  /** The story before this article joined it; undefined when the article created it. */
  previousStory?: Story;
  article: { id: string; title: string; url?: string; source: SourceRef; copyOf?: string };
  /** This article made its source new to the story (decided atomically by the store). */
  coverageCreated: boolean;
  watchMatch: WatchMatch;
  now: string;
  config?: Partial<AlertConfig>;
}

/**
 * The alerts one article causes. `new-source`: its source had not covered the story, the
 * story already had another source (the first article creates the story, it is not news
 * that it has a source), and a watch tracking the story asks for new sources (`on`
 * new-source, the default, or both). `new-story`: the article created a tracked story and a
 * watch tracking it asks for new stories (`on` new-story or both; every watch when the config's
 * alertOnNewStory is set). A watch whose query this article's source or language rules out
 * (`NOT source:tass.com`) takes no alert from it. Deterministic: the same input gives the same
 * alerts and ids, so a retry records the same alert again and publishes it at most once more.
 */
export function decideAlerts(input: AlertDecisionInput): Alert[] {
  const config = alertConfig(input.config);
  const { story, previousStory, watchMatch } = input;
  const tracked = story.tracked || watchMatch.watchIds.length > 0;
  if (!tracked) return [];

  const excluded = new Set(watchMatch.excludedWatchIds ?? []);
  const trackers = [...new Set([...watchMatch.watchIds, ...story.trackedBy])];
  const wanting = (kind: AlertKind) => trackers.filter((id) => !excluded.has(id) && (
    (kind === 'new-story' && config.alertOnNewStory) || wantsKind(watchMatch.alertOn?.[id] ?? 'new-source', kind)
  ));
  // A story marked tracked by no watch id (a watch since removed left no trace) keeps the
  // default: its new sources are alerted, as before watches could choose.
  const untraced = trackers.length === 0;

  const alerts: Alert[] = [];
  const hadOtherSource = previousStory?.sources.some((id) => id !== input.article.source.id) ?? false;
  const newSourceWatches = wanting('new-source');
  if (input.coverageCreated && previousStory && hadOtherSource && (newSourceWatches.length > 0 || untraced)) {
    alerts.push(buildAlert('new-source', input, newSourceWatches, config));
  }
  const newStoryWatches = wanting('new-story');
  if (!previousStory && (newStoryWatches.length > 0 || (untraced && config.alertOnNewStory))) {
    alerts.push(buildAlert('new-story', input, newStoryWatches, config));
  }
  return alerts;
}

function wantsKind(on: WatchAlertOn, kind: AlertKind): boolean {
  return on === 'both' || on === kind;
}

function buildAlert(kind: AlertKind, input: AlertDecisionInput, watchIds: string[], config: AlertConfig): Alert {
  const { story, article } = input;
  const topActors = story.topActors.slice(0, config.alertTopCount);
  const topTopics = story.topTopics.slice(0, config.alertTopCount);
  const alert: Alert = {
    id: alertIdFor(kind, story.id, article.source.id, config.alertIdLength),
    kind,
    storyId: story.id,
    headline: story.headline,
    source: article.source,
    articleId: article.id,
    articleTitle: article.title,
    sourceCount: story.sources.length,
    sourceNames: story.sources.map((id) => story.sourceNames[id] ?? id),
    firstSeen: story.firstSeen,
    watchIds,
    actorIds: topActors.map((actor) => actor.id),
    topicIds: topTopics.map((topic) => topic.id),
    topActors: topActors.map((actor) => actor.name),
    topTopics: topTopics.map((topic) => topic.label),
    reason: reasonFor(kind, input, watchIds),
    createdAt: input.now,
    status: 'pending',
  };
  // Optional fields only when known: stored items and published messages stay free of undefined.
  if (article.url) alert.url = article.url;
  if (article.copyOf) alert.copyOf = article.copyOf;
  return alert;
}

function reasonFor(kind: AlertKind, input: AlertDecisionInput, watchIds: string[]): string {
  const { story, article, watchMatch } = input;
  // The rules that fired for this article, of the watches this alert is for.
  const fired = watchMatch.reasons.filter((_, i) => watchIds.includes(watchMatch.watchIds[i]));
  const why = fired.length > 0
    ? fired.join('; ')
    : `tracked by ${watchIds.map((id) => `watch ${id}`).join(', ') || story.trackedBy.map((id) => `watch ${id}`).join(', ') || 'a watch'}`;
  const position = story.sources.indexOf(article.source.id) + 1 || story.sources.length;
  const head = kind === 'new-source'
    ? `${article.source.name} is the ${ordinal(position)} source on a story you track (${why})`
    : `${article.source.name} started a new story you track (${why})`;
  return article.copyOf ? `${head}; its article looks like a rewrite or copy of article ${article.copyOf}` : head;
}

/** 1 -> "1st", 2 -> "2nd", 3 -> "3rd", 11 -> "11th", 22 -> "22nd". */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
