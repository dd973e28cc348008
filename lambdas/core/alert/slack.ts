import { alertConfig, SLACK_LIMITS, type AlertConfig } from './config';
import { fieldsOf, renderAlert } from './render';
import { cleanText, truncate } from './sanitize';
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
export function slackLink(url: string | undefined, label: string, maxUrlLength = Infinity): string {
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
  // A link too long to show is no link: the label alone, so no message is cut inside one.
  if (href.length > maxUrlLength) return safeLabel;
  return `<${href}|${safeLabel.replace(/\|/g, '¦')}>`;
}

/** Room kept at the end of a section or field for "and N more". */
const MORE_RESERVE = 32;

/**
 * The alert as a Slack Block Kit message: what happened and on which story first, then the
 * new source(s) with their articles, the story's sources, first seen, actors and topics, and
 * why it fired. Every piece of article text is sanitized as for email (fieldsOf: one line,
 * invisible characters gone, capped), then goes through escapeSlackText. Slack's documented
 * limits hold whatever the alert holds (SLACK_LIMITS): each section text within 3000
 * characters, each field within 2000, at most 50 blocks; the new sources fill as many sections
 * as they need (whole lines, never a cut link) and the rest is "and N more".
 */
export function renderSlackMessage(alert: Alert, overrides?: Partial<AlertConfig>): SlackMessage {
  const config = alertConfig(overrides);
  const f = fieldsOf(config);
  const sectionMax = Math.min(config.slackSectionMaxLength, SLACK_LIMITS.sectionText);
  const fieldMax = Math.min(config.slackFieldMaxLength, SLACK_LIMITS.fieldText);
  const { subject } = renderAlert(alert, overrides);
  const headline = f.title(alert.headline) || '(untitled story)';
  const entries: NewSourceEntry[] = alert.newSources?.length ? alert.newSources : [{
    source: alert.source, articleId: alert.articleId, articleTitle: alert.articleTitle, url: alert.url, copyOf: alert.copyOf,
    at: alert.createdAt, reason: alert.reason,
  }];
  const what = alert.kind === 'new-story'
    ? 'New story you track'
    : entries.length > 1 ? `${entries.length} new sources on a story you track` : 'New source on a story you track';

  const shown = entries.slice(0, config.listedNewSourceLimit);
  const sourceLines = shown.map((entry) => {
    const title = f.title(entry.articleTitle) || '(untitled)';
    const copy = entry.copyOf ? ` _(copy of article ${escapeSlackText(f.id(entry.copyOf))})_` : '';
    const name = `• *${escapeSlackText(f.source(entry.source.name))}*: `;
    const linked = `${name}${slackLink(entry.url, title, config.urlMaxLength)}${copy}`;
    // A line always fits a section: if the link makes it too long, the title stands alone.
    return linked.length <= sectionMax - MORE_RESERVE ? linked : capEscaped(`${name}${escapeSlackText(title)}${copy}`, sectionMax - MORE_RESERVE);
  });

  // The head, the new sources (one or more sections, the fields on the last) and the context.
  const fixedBlocks = 2;
  const sections = packLines(sourceLines, sectionMax - MORE_RESERVE, SLACK_LIMITS.blocks - fixedBlocks);
  const more = entries.length - sections.placed;
  if (more > 0) sections.texts[sections.texts.length - 1] += `\n• and ${more} more`;

  const listed = alert.sourceNames.slice(0, config.listedSourceLimit).map((name) => escapeSlackText(f.source(name)));
  const fields: SlackText[] = [
    mrkdwn(listWithin(`*${alert.sourceCount} ${alert.sourceCount === 1 ? 'source' : 'sources'}*\n`, listed, alert.sourceNames.length, fieldMax)),
    mrkdwn(capEscaped(`*First seen*\n${escapeSlackText(f.id(alert.firstSeen))}`, fieldMax)),
  ];
  if (alert.topActors.length > 0) {
    fields.push(mrkdwn(listWithin('*Top actors*\n', alert.topActors.map((a) => escapeSlackText(f.name(a))), alert.topActors.length, fieldMax)));
  }
  if (alert.topTopics.length > 0) {
    fields.push(mrkdwn(listWithin('*Top topics*\n', alert.topTopics.map((t) => escapeSlackText(f.name(t))), alert.topTopics.length, fieldMax)));
  }

  const sourceBlocks: SlackBlock[] = sections.texts.map((text, i) => (i === sections.texts.length - 1
    ? { type: 'section', text: mrkdwn(text), fields: fields.slice(0, SLACK_LIMITS.fieldsPerSection) }
    : { type: 'section', text: mrkdwn(text) }));
  return {
    text: escapeSlackText(subject),
    blocks: [
      { type: 'section', text: mrkdwn(capEscaped(`:newspaper: *${what}*\n*${escapeSlackText(headline)}*`, sectionMax)) },
      ...sourceBlocks,
      {
        type: 'context',
        elements: [
          mrkdwn(capEscaped(`Why: ${escapeSlackText(f.reason(alert.reason))}`, sectionMax)),
          mrkdwn(capEscaped(`story ${escapeSlackText(f.id(alert.storyId))} · alert ${escapeSlackText(f.id(alert.id))}`, sectionMax)),
        ],
      },
    ],
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** Plain text from elsewhere (an SNS message that is not an alert), made harmless and kept within a section. */
export function renderSlackText(text: string, overrides?: Partial<AlertConfig>): SlackMessage {
  const config = alertConfig(overrides);
  const safe = capEscaped(escapeSlackText(cleanText(text)), Math.min(config.slackSectionMaxLength, SLACK_LIMITS.sectionText));
  return { text: safe, blocks: [{ type: 'section', text: mrkdwn(safe) }], unfurl_links: false, unfurl_media: false };
}

/**
 * Lines into at most `maxSections` texts of at most `max` characters each, whole lines only, in
 * order; `placed` says how many lines found room. There is always at least one text.
 */
function packLines(lines: string[], max: number, maxSections: number): { texts: string[]; placed: number } {
  const texts: string[] = [];
  let current = '';
  let placed = 0;
  for (const line of lines) {
    if (current && current.length + 1 + line.length > max) {
      if (texts.length + 1 >= maxSections) break;
      texts.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
    placed += 1;
  }
  texts.push(current);
  return { texts, placed };
}

/**
 * `head` then as many (escaped) items as fit in `max` characters, comma-separated, then
 * "and N more" for the rest of `total`: a long list never cuts an item or an entity in half.
 */
function listWithin(head: string, items: string[], total: number, max: number): string {
  let text = head;
  let shown = 0;
  for (const item of items) {
    const separator = shown > 0 ? ', ' : '';
    const last = shown + 1 === total;
    if (text.length + separator.length + item.length + (last ? 0 : MORE_RESERVE) > max) break;
    text += separator + item;
    shown += 1;
  }
  const more = total - shown;
  return more > 0 ? `${text}${shown > 0 ? ' and' : ''} ${more} more` : text;
}

/**
 * Escaped text cut to `max` characters (truncate), never inside an entity: "&am…" would show as
 * typed. Only for text whose markup is ours and whole (no link is ever cut: see the callers).
 */
export function capEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  return truncate(text, max).replace(/&[a-z]{0,3}…$/, '…');
}

function mrkdwn(text: string): SlackText {
  return { type: 'mrkdwn', text, verbatim: true };
}
