import { alertConfig, type AlertConfig } from './config';
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
  const headline = oneLine(alert.headline) || '(untitled story)';
  const folded = (alert.newSources?.length ?? 0) > 1 ? alert.newSources! : undefined;
  const prefix = alert.kind === 'new-story' ? 'New story: ' : folded ? `${folded.length} new sources on: ` : 'New source on: ';
  const subject = truncate(`${prefix}${headline}`, config.subjectMaxLength);

  const listed = alert.sourceNames.slice(0, config.listedSourceLimit);
  const more = alert.sourceNames.length - listed.length;
  const lines = [headline, ''];
  if (folded) {
    const shown = folded.slice(0, config.listedNewSourceLimit);
    lines.push(`${folded.length} new sources since ${folded[0].at}:`);
    for (const entry of shown) {
      lines.push(`- ${entry.source.name}: ${oneLine(entry.articleTitle) || '(untitled)'}`);
      if (entry.url) lines.push(`  ${entry.url}`);
      if (entry.copyOf) lines.push(`  copy of article ${entry.copyOf} (a rewrite or syndicated copy)`);
    }
    if (folded.length > shown.length) lines.push(`- and ${folded.length - shown.length} more`);
  } else {
    lines.push(
      `${alert.kind === 'new-story' ? 'First source' : 'New source'}: ${alert.source.name}`,
      `Article: ${oneLine(alert.articleTitle) || '(untitled)'}`,
    );
    if (alert.url) lines.push(`Link: ${alert.url}`);
    if (alert.copyOf) lines.push(`Copy of: article ${alert.copyOf} (a rewrite or syndicated copy)`);
  }
  lines.push(
    '',
    `${alert.sourceCount} ${alert.sourceCount === 1 ? 'source' : 'sources'}: ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    `First seen: ${alert.firstSeen}`,
  );
  if (alert.topActors.length > 0) lines.push(`Top actors: ${alert.topActors.join(', ')}`);
  if (alert.topTopics.length > 0) lines.push(`Top topics: ${alert.topTopics.join(', ')}`);
  lines.push(`Why: ${alert.reason}`, '', `Story: ${alert.storyId} · alert ${alert.id}`);

  const attributes: Record<string, MessageAttribute> = {};
  const setString = (name: string, value: string) => {
    if (value) attributes[name] = { DataType: 'String', StringValue: value };
  };
  const setArray = (name: string, values: string[]) => {
    if (values.length > 0) attributes[name] = { DataType: 'String.Array', StringValue: JSON.stringify(values) };
  };
  setString('kind', alert.kind);
  setString('storyId', alert.storyId);
  setString('source', alert.source.id);
  setArray('watchIds', alert.watchIds);
  setArray('actorIds', alert.actorIds);
  setArray('topicIds', alert.topicIds);
  // A folded alert names every new source; `source` stays the first, for existing filters.
  if (folded) setArray('newSourceIds', folded.map((entry) => entry.source.id));

  return { subject, text: lines.join('\n'), attributes };
}

/** SNS subjects allow no line breaks or control characters. */
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ').trim();
}

/** Cuts at a word boundary when one is near, and marks the cut with "…". */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const lastSpace = cut.lastIndexOf(' ');
  const base = lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${base.trimEnd()}…`;
}
