import { createHash } from 'node:crypto';
import { alertConfig, type AlertConfig } from './config';
import type { Alert, NewSourceEntry, Story } from '../model';

/**
 * Storm control, as pure decisions. A story's new-source alerts are held for a cooldown; when
 * it ends, every alert held for the story is folded into one alert that lists all the new
 * sources. The per-source alerts stay recorded (exactly-once is decided on them); the folded
 * alert names them in `memberAlertIds`, so a crash never loses a source nor sends one twice.
 */

/** When a hold opened `now` ends. */
export function holdUntil(now: string, cooldownSeconds: number): string {
  return new Date(Date.parse(now) + Math.max(0, cooldownSeconds) * 1000).toISOString();
}

/** Deterministic: the same held alerts always fold into the same alert id. */
export function foldedAlertIdFor(storyId: string, memberIds: string[], length = alertConfig().alertIdLength): string {
  const members = [...new Set(memberIds)].sort().join(',');
  return createHash('sha256').update(`folded\u0000${storyId}\u0000${members}`).digest('hex').slice(0, length);
}

export function isFoldedAlert(alert: Alert): boolean {
  return Array.isArray(alert.memberAlertIds);
}

/** What a flush of one story must do, given every alert recorded for it. */
export interface FlushPlan {
  /** Folded alerts recorded but not marked sent (a flush stopped half-way): publish them again. */
  resend: Alert[];
  /** Held alerts a sent folded alert already delivered: only mark them sent. */
  complete: Alert[];
  /** Held alerts no folded alert names yet: fold them into a new one. */
  fold: Alert[];
}

export function planFlush(alerts: Alert[]): FlushPlan {
  const folded = alerts.filter(isFoldedAlert);
  const sentMembers = new Set(folded.filter((a) => a.status === 'sent').flatMap((a) => a.memberAlertIds ?? []));
  const namedMembers = new Set(folded.flatMap((a) => a.memberAlertIds ?? []));
  const held = alerts.filter((a) => !isFoldedAlert(a) && a.status === 'pending');
  return {
    resend: folded.filter((a) => a.status === 'pending'),
    complete: held.filter((a) => sentMembers.has(a.id)),
    fold: held.filter((a) => !namedMembers.has(a.id)).sort(byCreatedAt),
  };
}

/**
 * One alert for every held alert of a story. Story-wide facts (source count and list, top
 * actors and topics) come from the current story when given, else from the latest held alert;
 * the new sources are listed one by one with their articles and reasons: `announce` when given
 * (the held alerts in publication order: announceInPublicationOrder), else the held alerts in
 * order of arrival. The fold's id and members are the held alerts either way.
 */
export function foldAlerts(held: Alert[], now: string, story?: Story, overrides?: Partial<AlertConfig>, announce?: Alert[]): Alert {
  if (held.length === 0) throw new RangeError('foldAlerts needs at least one held alert');
  const config = alertConfig(overrides);
  const members = [...held].sort(byCreatedAt);
  const announced = announce && announce.length > 0 ? announce : members;
  const first = announced[0];
  const latest = members[members.length - 1];
  const newSources: NewSourceEntry[] = announced.map((a) => {
    const entry: NewSourceEntry = { source: a.source, articleId: a.articleId, articleTitle: a.articleTitle, at: a.createdAt, reason: a.reason };
    if (a.url) entry.url = a.url;
    if (a.copyOf) entry.copyOf = a.copyOf;
    return entry;
  });
  const topActors = story ? story.topActors.slice(0, config.alertTopCount) : undefined;
  const topTopics = story ? story.topTopics.slice(0, config.alertTopCount) : undefined;
  const folded: Alert = {
    id: foldedAlertIdFor(first.storyId, members.map((a) => a.id), config.alertIdLength),
    kind: 'new-source',
    storyId: first.storyId,
    headline: story?.headline ?? latest.headline,
    source: first.source,
    articleId: first.articleId,
    articleTitle: first.articleTitle,
    sourceCount: story ? story.sources.length : latest.sourceCount,
    sourceNames: story ? story.sources.map((id) => story.sourceNames[id] ?? id) : latest.sourceNames,
    firstSeen: story?.firstSeen ?? first.firstSeen,
    watchIds: [...new Set(members.flatMap((a) => a.watchIds))],
    actorIds: topActors ? topActors.map((a) => a.id) : latest.actorIds,
    topicIds: topTopics ? topTopics.map((t) => t.id) : latest.topicIds,
    topActors: topActors ? topActors.map((a) => a.name) : latest.topActors,
    topTopics: topTopics ? topTopics.map((t) => t.label) : latest.topTopics,
    reason: foldedReason(announced),
    createdAt: now,
    status: 'pending',
    newSources,
    memberAlertIds: members.map((a) => a.id),
  };
  if (first.url) folded.url = first.url;
  if (first.copyOf) folded.copyOf = first.copyOf;
  return folded;
}

/** "4 new sources on a story you track (watch "rubio" matched actor Marco Rubio)". */
function foldedReason(members: Alert[]): string {
  if (members.length === 1) return members[0].reason;
  const whys = [...new Set(members.map((a) => whyOf(a.reason)).filter((w): w is string => Boolean(w)))];
  const why = whys.length > 0 ? whys.join('; ') : `tracked by ${[...new Set(members.flatMap((a) => a.watchIds))].map((id) => `watch ${id}`).join(', ') || 'a watch'}`;
  return `${members.length} new sources on a story you track (${why}); held during the story's cooldown and sent as one alert`;
}

/** The "(why)" part of a per-source reason built by decideAlerts. */
function whyOf(reason: string): string | undefined {
  return /on a story you track \((.*)\)(?:; its article looks like a rewrite or copy of article \S+)?$/s.exec(reason)?.[1];
}

/** Order of arrival: creation time, then the source's position on the story (ties share a clock). */
function byCreatedAt(a: Alert, b: Alert): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  if (a.sourceCount !== b.sourceCount) return a.sourceCount - b.sourceCount;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
