import { alertConfig, type AlertConfig } from './config';
import { sanitizeField, truncate } from './sanitize';
import type { Alert } from '../model';

export type MessageAttribute = { DataType: 'String' | 'String.Array'; StringValue: string };

export interface RenderedAlert {
  subject: string;
  text: string;
  attributes: Record<string, MessageAttribute>;
}

/**
 * The alert as a message: a subject that fits SNS (< 100 characters, one line), a plain text
 * body a person reads at a glance (email, Slack), and message attributes that subscribers
 * filter on (SNS filter policies) — only non-empty ones, since SNS rejects empty values.
 */
export function renderAlert(alert: Alert, overrides?: Partial<AlertConfig>): RenderedAlert {
  const config = alertConfig(overrides);
  // Every field from the world goes through sanitizeField: one line each, invisible characters
  // gone, capped; so no source name, title or reason can add a line ("Link: …") to the message.
  const f = fieldsOf(config);
  const headline = f.title(alert.headline) || '(untitled story)';
  const folded = (alert.newSources?.length ?? 0) > 1 ? alert.newSources! : undefined;
  const prefix = alert.kind === 'new-story' ? 'New story: ' : folded ? `${folded.length} new sources on: ` : 'New source on: ';
  const subject = truncate(`${prefix}${headline}`, config.subjectMaxLength);

  const listed = alert.sourceNames.slice(0, config.listedSourceLimit).map(f.source);
  const more = alert.sourceNames.length - listed.length;
  const lines = [headline, ''];
  if (folded) {
    const shown = folded.slice(0, config.listedNewSourceLimit);
    lines.push(`${folded.length} new sources since ${f.id(folded[0].at)}:`);
    for (const entry of shown) {
      lines.push(`- ${f.source(entry.source.name)}: ${f.title(entry.articleTitle) || '(untitled)'}`);
      const url = f.url(entry.url);
      if (url) lines.push(`  ${url}`);
      if (entry.copyOf) lines.push(`  copy of article ${f.id(entry.copyOf)} (a rewrite or syndicated copy)`);
    }
    if (folded.length > shown.length) lines.push(`- and ${folded.length - shown.length} more`);
  } else {
    lines.push(
      `${alert.kind === 'new-story' ? 'First source' : 'New source'}: ${f.source(alert.source.name)}`,
      `Article: ${f.title(alert.articleTitle) || '(untitled)'}`,
    );
    const url = f.url(alert.url);
    if (url) lines.push(`Link: ${url}`);
    if (alert.copyOf) lines.push(`Copy of: article ${f.id(alert.copyOf)} (a rewrite or syndicated copy)`);
  }
  lines.push(
    '',
    `${alert.sourceCount} ${alert.sourceCount === 1 ? 'source' : 'sources'}: ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    `First seen: ${f.id(alert.firstSeen)}`,
  );
  if (alert.topActors.length > 0) lines.push(`Top actors: ${alert.topActors.map(f.name).join(', ')}`);
  if (alert.topTopics.length > 0) lines.push(`Top topics: ${alert.topTopics.map(f.name).join(', ')}`);
  lines.push(`Why: ${f.reason(alert.reason)}`, '', `Story: ${f.id(alert.storyId)} · alert ${f.id(alert.id)}`);

  const attributes: Record<string, MessageAttribute> = {};
  const setString = (name: string, value: string) => {
    if (value) attributes[name] = { DataType: 'String', StringValue: value };
  };
  const setArray = (name: string, values: string[]) => {
    if (values.length > 0) attributes[name] = { DataType: 'String.Array', StringValue: JSON.stringify(values) };
  };
  setString('kind', alert.kind);
  // Digest subscribers filter these out (core/alert/digest.ts DeliveryAudience).
  setString('delivery', 'as-it-happens');
  setString('storyId', alert.storyId);
  setString('source', alert.source.id);
  setArray('watchIds', alert.watchIds);
  setArray('actorIds', alert.actorIds);
  setArray('topicIds', alert.topicIds);
  // A folded alert names every new source; `source` stays the first, for existing filters.
  if (folded) setArray('newSourceIds', folded.map((entry) => entry.source.id));

  return { subject, text: lines.join('\n'), attributes };
}

/**
 * The sanitizers of each kind of field, with the config's caps: both renderers (email here,
 * Slack in slack.ts) take their fields from here, so they show the same cleaned text.
 */
export function fieldsOf(config: AlertConfig) {
  return {
    title: (text: string | undefined) => sanitizeField(text, config.titleMaxLength),
    source: (text: string | undefined) => sanitizeField(text, config.sourceNameMaxLength),
    name: (text: string | undefined) => sanitizeField(text, config.nameMaxLength),
    reason: (text: string | undefined) => sanitizeField(text, config.reasonMaxLength),
    url: (text: string | undefined) => sanitizeField(text, config.urlMaxLength),
    id: (text: string | undefined) => sanitizeField(text, config.idMaxLength),
  };
}

/** SNS subjects allow no line breaks or control characters: one line, invisible characters gone. */
export function oneLine(text: string): string {
  return sanitizeField(text);
}

export { truncate };
