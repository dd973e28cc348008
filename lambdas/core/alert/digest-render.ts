import { alertConfig, SLACK_LIMITS, type AlertConfig } from './config';
import type { Digest, DigestPeriod, DigestStory } from './digest';
import { fieldsOf, type RenderedAlert, type MessageAttribute } from './render';
import { capEscaped, escapeSlackText, slackLink, type SlackBlock, type SlackMessage } from './slack';
import { truncate } from './sanitize';

/**
 * A digest as messages: plain text for email (SNS) and Block Kit for Slack. Every field goes
 * through the alerts' sanitizers again (fieldsOf: one line, invisible characters gone, capped),
 * and Slack text through escapeSlackText, whatever the stored digest holds.
 */

const PERIOD_TITLE: Record<DigestPeriod, string> = { hourly: 'Hourly', daily: 'Daily', weekly: 'Weekly' };

export function renderDigest(digest: Digest, overrides?: Partial<AlertConfig>): RenderedAlert {
  const config = alertConfig(overrides);
  const f = fieldsOf(config);
  const watch = f.name(digest.watchName) || f.id(digest.watchId);
  const subject = truncate(`${PERIOD_TITLE[digest.period]} digest, ${watch}: ${countLine(digest)}`, config.subjectMaxLength);
  const lines = [
    `${PERIOD_TITLE[digest.period]} digest of watch ${watch}, ${f.id(digest.periodStart)} to ${f.id(digest.periodEnd)}`,
    `${countLine(digest)}.`,
  ];
  digest.stories.forEach((story, i) => {
    lines.push('', `${i + 1}. ${f.title(story.headline) || '(untitled story)'}`, `   ${storyCounts(story)}`);
    for (const source of story.newSources) {
      lines.push(`   - ${f.source(source.name)}: ${f.title(source.articleTitle) || '(untitled)'}`);
      const url = f.url(source.url);
      if (url) lines.push(`     ${url}`);
    }
    const unlisted = story.newSourceCount - story.newSources.length;
    if (unlisted > 0) lines.push(`   - and ${unlisted} more`);
  });
  const moreStories = digest.storyCount - digest.stories.length;
  if (moreStories > 0) lines.push('', `and ${moreStories} more ${moreStories === 1 ? 'story' : 'stories'}`);
  lines.push('', `Digest ${f.id(digest.id)} · newswatch alerts --since ${f.id(digest.periodStart)}`);
  return { subject, text: lines.join('\n'), attributes: digestAttributes(digest) };
}

/**
 * What subscribers filter on (SNS filter policies): `delivery` (the audiences: the period, and
 * as-it-happens when the watch itself asked for the digest), `kind` digest, `period` and
 * `watchIds`, as single alerts carry theirs.
 */
export function digestAttributes(digest: Digest): Record<string, MessageAttribute> {
  return {
    kind: { DataType: 'String', StringValue: 'digest' },
    delivery: { DataType: 'String.Array', StringValue: JSON.stringify(digest.audiences) },
    period: { DataType: 'String', StringValue: digest.period },
    watchIds: { DataType: 'String.Array', StringValue: JSON.stringify([digest.watchId]) },
  };
}

/** Block Kit: a head, one section per story (within Slack's 50 blocks and 3000 characters), a context. */
export function renderSlackDigest(digest: Digest, overrides?: Partial<AlertConfig>): SlackMessage {
  const config = alertConfig(overrides);
  const f = fieldsOf(config);
  const sectionMax = Math.min(config.slackSectionMaxLength, SLACK_LIMITS.sectionText);
  const watch = escapeSlackText(f.name(digest.watchName) || f.id(digest.watchId));
  const head = `:newspaper: *${PERIOD_TITLE[digest.period]} digest* of watch *${watch}*\n${escapeSlackText(countLine(digest))}`;
  // Head and context take two of the 50 blocks; a last section may say how many stories are left out.
  const room = SLACK_LIMITS.blocks - 3;
  const shown = digest.stories.slice(0, room);
  const storyBlocks: SlackBlock[] = shown.map((story) => ({ type: 'section', text: mrkdwn(storySection(story, f, config.urlMaxLength, sectionMax)) }));
  const moreStories = digest.storyCount - shown.length;
  if (moreStories > 0) storyBlocks.push({ type: 'section', text: mrkdwn(`and ${moreStories} more ${moreStories === 1 ? 'story' : 'stories'}`) });
  return {
    text: escapeSlackText(renderDigest(digest, overrides).subject),
    blocks: [
      { type: 'section', text: mrkdwn(capEscaped(head, sectionMax)) },
      ...storyBlocks,
      {
        type: 'context',
        elements: [mrkdwn(capEscaped(`${escapeSlackText(f.id(digest.periodStart))} to ${escapeSlackText(f.id(digest.periodEnd))} · digest ${escapeSlackText(f.id(digest.id))}`, sectionMax))],
      },
    ],
    unfurl_links: false,
    unfurl_media: false,
  };
}

function storySection(story: DigestStory, f: ReturnType<typeof fieldsOf>, urlMax: number, max: number): string {
  const headline = f.title(story.headline) || '(untitled story)';
  let text = `*${slackLink(f.url(story.link), headline, urlMax)}*\n${escapeSlackText(storyCounts(story))}`;
  // Whole lines only, so no link is ever cut; the room kept is for "and N more".
  let listed = 0;
  for (const source of story.newSources) {
    const line = `\n• *${escapeSlackText(f.source(source.name))}*: ${slackLink(f.url(source.url), f.title(source.articleTitle) || '(untitled)', urlMax)}`;
    if (text.length + line.length > max - 32) break;
    text += line;
    listed += 1;
  }
  const unlisted = story.newSourceCount - listed;
  return unlisted > 0 ? `${text}\n• and ${unlisted} more` : text;
}

function countLine(digest: Digest): string {
  const stories = `${digest.storyCount} ${digest.storyCount === 1 ? 'story' : 'stories'}`;
  return `${stories} you track gained ${digest.newSourceCount} new ${digest.newSourceCount === 1 ? 'source' : 'sources'}`;
}

function storyCounts(story: DigestStory): string {
  const news = `${story.newSourceCount} new ${story.newSourceCount === 1 ? 'source' : 'sources'}`;
  return `${news}, ${story.sourceCount} in all${story.newStory ? ' · new story' : ''}`;
}

function mrkdwn(text: string) {
  return { type: 'mrkdwn' as const, text, verbatim: true as const };
}
