import { alertConfig, type AlertConfig } from './config';
import { oneLine, renderAlert, truncate } from './render';
import type { Alert, NewSourceEntry } from '../model';

/** A Slack incoming-webhook payload: Block Kit blocks plus the notification fallback text. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

export interface SlackText {
  type: 'mrkdwn';
  text: string;
  /** No auto-linking of URLs, channel names or mentions in the text. */
  verbatim: true;
}

export type SlackBlock =
  | { type: 'section'; text: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' };

/**
 * Slack's own escaping for text from the world: `&`, `<` and `>` become entities, so nothing
 * an article says can open a link (`<https://…|label>`), a mention (`<!channel>`, `<@U…>`)
 * or a channel reference. Control characters and line breaks in one-line fields are folded.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A link we make ourselves, only to http(s) URLs. Characters that would end or split the
 * `<url|label>` syntax are percent-encoded in the URL; the label is escaped text.
 */
export function slackLink(url: string | undefined, label: string): string {
  const safeLabel = escapeSlackText(label);
  if (!url) return safeLabel;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return safeLabel;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return safeLabel;
  const href = parsed.href.replace(/[<>|\s]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');
  return `<${href}|${safeLabel.replace(/\|/g, '¦')}>`;
}

/**
 * The alert as a Slack Block Kit message: what happened and on which story first, then the
 * new source(s) with their articles, the story's sources, first seen, actors and topics, and
 * why it fired. Every piece of article text goes through escapeSlackText.
 */
export function renderSlackMessage(alert: Alert, overrides?: Partial<AlertConfig>): SlackMessage {
  const config = alertConfig(overrides);
  const { subject } = renderAlert(alert, overrides);
  const headline = oneLine(alert.headline) || '(untitled story)';
  const entries: NewSourceEntry[] = alert.newSources?.length ? alert.newSources : [{
    source: alert.source, articleId: alert.articleId, articleTitle: alert.articleTitle, url: alert.url, copyOf: alert.copyOf,
    at: alert.createdAt, reason: alert.reason,
  }];
  const what = alert.kind === 'new-story'
    ? 'New story you track'
    : entries.length > 1 ? `${entries.length} new sources on a story you track` : 'New source on a story you track';

  const shown = entries.slice(0, config.listedNewSourceLimit);
  const sourceLines = shown.map((entry) => {
    const title = oneLine(entry.articleTitle) || '(untitled)';
    const copy = entry.copyOf ? ` _(copy of article ${escapeSlackText(entry.copyOf)})_` : '';
    return `• *${escapeSlackText(oneLine(entry.source.name))}*: ${slackLink(entry.url, title)}${copy}`;
  });
  if (entries.length > shown.length) sourceLines.push(`• and ${entries.length - shown.length} more`);

  const listed = alert.sourceNames.slice(0, config.listedSourceLimit).map((name) => escapeSlackText(oneLine(name)));
  const more = alert.sourceNames.length - listed.length;
  const fields: SlackText[] = [
    mrkdwn(`*${alert.sourceCount} ${alert.sourceCount === 1 ? 'source' : 'sources'}*\n${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`),
    mrkdwn(`*First seen*\n${escapeSlackText(alert.firstSeen)}`),
  ];
  if (alert.topActors.length > 0) fields.push(mrkdwn(`*Top actors*\n${alert.topActors.map((a) => escapeSlackText(oneLine(a))).join(', ')}`));
  if (alert.topTopics.length > 0) fields.push(mrkdwn(`*Top topics*\n${alert.topTopics.map((t) => escapeSlackText(oneLine(t))).join(', ')}`));

  const cap = (text: string) => truncate(text, config.slackSectionMaxLength);
  return {
    text: escapeSlackText(subject),
    blocks: [
      { type: 'section', text: mrkdwn(cap(`:newspaper: *${what}*\n*${escapeSlackText(headline)}*`)) },
      { type: 'section', text: mrkdwn(cap(sourceLines.join('\n'))), fields },
      { type: 'context', elements: [mrkdwn(cap(`Why: ${escapeSlackText(oneLine(alert.reason))}`)), mrkdwn(`story ${escapeSlackText(alert.storyId)} · alert ${escapeSlackText(alert.id)}`)] },
    ],
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** Plain text from elsewhere (an SNS message that is not an alert), made harmless. */
export function renderSlackText(text: string, overrides?: Partial<AlertConfig>): SlackMessage {
  const config = alertConfig(overrides);
  const safe = truncate(escapeSlackText(text), config.slackSectionMaxLength);
  return { text: safe, blocks: [{ type: 'section', text: mrkdwn(safe) }], unfurl_links: false, unfurl_media: false };
}

function mrkdwn(text: string): SlackText {
  return { type: 'mrkdwn', text, verbatim: true };
}
