/**
 * Hostile fields in alerts: whatever a source name, title, URL or reason holds, the email keeps
 * its lines, nothing invisible passes, and Slack's documented limits hold.
 */
import { renderAlert, renderSlackMessage, type SlackBlock, type SlackMessage } from '../../lambdas/core/alert';
import { DEFAULT_ALERT_CONFIG, SLACK_LIMITS } from '../../lambdas/core/alert/config';
import { cleanLine, cleanText, sanitizeField, truncate } from '../../lambdas/core/alert/sanitize';
import type { Alert, NewSourceEntry, SourceRef } from '../../lambdas/core/model';

const src = (id: string, name: string): SourceRef => ({ id, name, origin: 'cli' });

const base: Alert = {
  id: 'abc', kind: 'new-source', storyId: 'story-1', headline: 'US, Russian top diplomats discuss embassy staffing',
  source: src('caliber-az', 'Caliber.Az'), articleId: 'a3', articleTitle: 'US, Russian top diplomats', url: 'https://caliber.az/post/1',
  sourceCount: 3, sourceNames: ['Reuters', 'AP', 'Caliber.Az'], firstSeen: '2025-02-18T10:00:00Z', watchIds: ['rubio'],
  actorIds: ['p:marco-rubio'], topicIds: [], topActors: ['Marco Rubio'], topTopics: ['politics'], reason: 'Caliber.Az is the 3rd source',
  createdAt: '2025-02-19T09:00:00Z', status: 'pending',
};

const EVIL = 'Evil\nLink: http://x\nWhy: y';
/** Every bidi control and zero-width character the renderers must drop, around ordinary text. */
const INVISIBLES = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f'];
const INVISIBLE_RE = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

function folded(count: number, entry: (i: number) => Partial<NewSourceEntry> = () => ({})): Alert {
  const newSources: NewSourceEntry[] = Array.from({ length: count }, (_, i) => ({
    source: src(`outlet-${i}`, `Outlet ${i}`), articleId: `a${i}`, articleTitle: `Title ${i}`, url: `https://outlet-${i}.example/a`,
    at: '2025-02-19T09:00:00Z', reason: `Outlet ${i} is new`, ...entry(i),
  }));
  return {
    ...base, newSources, source: newSources[0].source, sourceCount: count + 1,
    sourceNames: ['Reuters', ...newSources.map((e) => e.source.name)],
  };
}

/** Every text object of a Slack message, with the limit Slack documents for its place. */
function slackTexts(message: SlackMessage): { text: string; limit: number; where: string }[] {
  const texts: { text: string; limit: number; where: string }[] = [];
  message.blocks.forEach((block: SlackBlock, i) => {
    if (block.type === 'section') {
      texts.push({ text: block.text.text, limit: SLACK_LIMITS.sectionText, where: `block ${i} text` });
      for (const [j, field] of (block.fields ?? []).entries()) texts.push({ text: field.text, limit: SLACK_LIMITS.fieldText, where: `block ${i} field ${j}` });
    } else if (block.type === 'context') {
      for (const [j, element] of block.elements.entries()) texts.push({ text: element.text, limit: SLACK_LIMITS.sectionText, where: `block ${i} element ${j}` });
    }
  });
  return texts;
}

function expectWithinSlackLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const block of message.blocks) {
    if (block.type === 'section') expect((block.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fieldsPerSection);
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
  }
  for (const { text, limit, where } of slackTexts(message)) {
    if (text.length > limit) throw new Error(`${where}: ${text.length} characters, Slack allows ${limit}`);
    // No entity cut in half ("&am…") and no link left open.
    expect(text).not.toMatch(/&[a-z]{0,3}(?![a-z;])/);
    expect((text.match(/</g) ?? []).length).toBe((text.match(/>/g) ?? []).length);
  }
}

describe('sanitize', () => {
  it('makes one line of any field, without controls, bidi or zero-width characters', () => {
    expect(cleanLine(EVIL)).toBe('Evil Link: http://x Why: y');
    expect(cleanLine('a\r\nb\u2028c\u2029d\u0085e\u000bf\tg')).toBe('a b c d e f g');
    expect(cleanLine(`Re${INVISIBLES.join('')}uters`)).toBe('Reuters');
    expect(cleanLine('\u202eevil.exe\u202c txt')).toBe('evil.exe txt');
    expect(cleanLine('tag\u{E0041}\u{E0042} smuggling')).toBe('tag smuggling');
    expect(cleanLine('lone \ud800 surrogate')).toBe('lone surrogate');
    expect(cleanLine(undefined)).toBe('');
  });

  it('keeps lines in text that may have them, and only there', () => {
    expect(cleanText('one\r\ntwo\rthree\n\u202efour\u0007')).toBe('one\ntwo\nthree\nfour ');
  });

  it('caps by UTF-16 length without splitting a surrogate pair, at a word when near', () => {
    expect(sanitizeField('x'.repeat(5000), 200)).toHaveLength(200);
    expect(truncate('🙂'.repeat(10), 6)).toBe('🙂🙂…');
    expect(truncate('🙂'.repeat(10), 7)).toBe('🙂🙂🙂…');
    expect(truncate('word '.repeat(10), 20)).toBe('word word word…');
  });
});

describe('hostile fields in the email', () => {
  it('renders a source name with newlines on one line: no injected Link or Why line', () => {
    for (const alert of [
      { ...base, source: src('evil', EVIL), sourceNames: ['Reuters', EVIL], reason: `${EVIL} is the 2nd source` },
      folded(3, (i) => (i === 1 ? { source: src('evil', EVIL) } : {})),
    ]) {
      const { text, subject } = renderAlert(alert);
      const lines = text.split('\n');
      expect(lines.filter((l) => l.startsWith('Link:')).length).toBe(alert.newSources ? 0 : 1);
      expect(lines.filter((l) => l.startsWith('Why:'))).toHaveLength(1);
      expect(lines.some((l) => l.includes('Evil Link: http://x Why: y'))).toBe(true);
      expect(lines.filter((l) => /^(Link|Why):/.test(l))).not.toContainEqual(expect.stringMatching(/^Link: http:\/\/x|^Why: y/));
      expect(subject).not.toMatch(/[\r\n]/);
    }
  });

  it('strips bidi overrides and zero-width characters from every field', () => {
    const hide = (s: string) => `${INVISIBLES.join('')}${s}\u202e`;
    const alert: Alert = {
      ...base, headline: hide('Headline'), source: src('x', hide('Name')), articleTitle: hide('Title'), url: hide('https://x.example/a'),
      sourceNames: [hide('Reuters'), hide('Name')], topActors: [hide('Marco Rubio')], topTopics: [hide('politics')], reason: hide('Reason'),
      copyOf: hide('a1'), firstSeen: hide('2025-02-18T10:00:00Z'),
    };
    const { subject, text } = renderAlert(alert);
    expect(`${subject}\n${text}`).not.toMatch(INVISIBLE_RE);
    expect(text).toContain('New source: Name\nArticle: Title\nLink: https://x.example/a');
    const foldedText = renderAlert(folded(2, () => ({ source: src('x', hide('Name')), articleTitle: hide('T'), url: hide('https://x.example'), copyOf: hide('c') }))).text;
    expect(foldedText).not.toMatch(INVISIBLE_RE);
  });

  it('caps titles, names, links and the reason in the body; the subject stays under 100', () => {
    const long = 'word '.repeat(1000);
    const alert: Alert = {
      ...base, headline: long, articleTitle: long, source: src('s', 'N'.repeat(5000)), url: `https://x.example/${'a'.repeat(5000)}`,
      sourceNames: Array.from({ length: 30 }, () => 'S'.repeat(5000)), reason: long, topActors: ['A'.repeat(5000)],
    };
    const { subject, text } = renderAlert(alert);
    expect(subject.length).toBeLessThan(100);
    const line = (prefix: string) => text.split('\n').find((l) => l.startsWith(prefix))!;
    expect(text.split('\n')[0].length).toBeLessThanOrEqual(DEFAULT_ALERT_CONFIG.titleMaxLength);
    expect(line('Article: ').length).toBeLessThanOrEqual('Article: '.length + DEFAULT_ALERT_CONFIG.titleMaxLength);
    expect(line('New source: ').length).toBeLessThanOrEqual('New source: '.length + DEFAULT_ALERT_CONFIG.sourceNameMaxLength);
    expect(line('Link: ').length).toBeLessThanOrEqual('Link: '.length + DEFAULT_ALERT_CONFIG.urlMaxLength);
    expect(line('Why: ').length).toBeLessThanOrEqual('Why: '.length + DEFAULT_ALERT_CONFIG.reasonMaxLength);
    expect(line('Top actors: ').length).toBeLessThanOrEqual('Top actors: '.length + DEFAULT_ALERT_CONFIG.nameMaxLength);
    expect(line('3 sources: ')).toMatch(/ and 10 more$/);
    expect(text.length).toBeLessThan(10_000);
  });
});

describe('hostile fields in Slack', () => {
  it('renders a source name with newlines on one line', () => {
    for (const alert of [
      { ...base, source: src('evil', EVIL), sourceNames: ['Reuters', EVIL], reason: `${EVIL} is the 2nd source` },
      folded(3, (i) => (i === 1 ? { source: src('evil', EVIL) } : {})),
    ]) {
      const message = renderSlackMessage(alert);
      const lines = slackTexts(message).flatMap(({ text }) => text.split('\n'));
      const evil = lines.filter((l) => l.includes('Evil'));
      expect(evil.length).toBeGreaterThan(0);
      for (const l of evil) expect(l).toContain('Evil Link: http://x Why: y');
      expect(lines.some((l) => /^(Link|Why: y)/.test(l))).toBe(false);
      expect(message.text).not.toMatch(/[\r\n]/);
    }
  });

  it('strips bidi overrides and zero-width characters from every text', () => {
    const hide = (s: string) => `\u202e${s}${INVISIBLES.join('')}`;
    const message = renderSlackMessage({
      ...folded(2, () => ({ source: src('x', hide('Name')), articleTitle: hide('T') })),
      headline: hide('Headline'), sourceNames: [hide('Reuters')], topActors: [hide('Rubio')], topTopics: [hide('politics')], reason: hide('why'),
    });
    expect(JSON.stringify(message)).not.toMatch(/\\u202e|\\u200b/i);
    expect(message.text + slackTexts(message).map((t) => t.text).join('\n')).not.toMatch(INVISIBLE_RE);
  });

  it('a folded alert of 60 new sources stays within 50 blocks, every text within its limit', () => {
    const sixty = folded(60);
    const message = renderSlackMessage(sixty);
    expectWithinSlackLimits(message);
    const bullets = slackTexts(message).flatMap(({ text }) => text.split('\n')).filter((l) => l.startsWith('• '));
    expect(bullets).toHaveLength(DEFAULT_ALERT_CONFIG.listedNewSourceLimit + 1);
    expect(bullets.at(-1)).toBe(`• and ${60 - DEFAULT_ALERT_CONFIG.listedNewSourceLimit} more`);
  });

  it('holds the limits with 60 huge, entity-heavy entries listed one by one', () => {
    const huge = (c: string) => `${c}&<>`.repeat(1250); // 5,000 characters, each & < > five times longer once escaped
    const alert: Alert = {
      ...folded(60, (i) => ({
        source: src(`s${i}`, huge('N')), articleTitle: huge('T'), url: `https://x.example/${'&'.repeat(3000)}`, copyOf: huge('c'),
      })),
      headline: huge('H'), reason: huge('R'), topActors: Array.from({ length: 5 }, () => huge('A')), topTopics: [huge('P')],
      storyId: huge('s'), id: huge('i'), firstSeen: huge('f'),
    };
    for (const overrides of [{}, { listedNewSourceLimit: 1000, listedSourceLimit: 1000 }]) {
      const message = renderSlackMessage(alert, overrides);
      expectWithinSlackLimits(message);
      const bullets = slackTexts(message).flatMap(({ text }) => text.split('\n')).filter((l) => l.startsWith('• '));
      const shown = bullets.filter((l) => !l.startsWith('• and '));
      const more = Number(/• and (\d+) more/.exec(bullets.at(-1)!)?.[1] ?? 0);
      expect(shown.length + more).toBe(60);
    }
    // Two hundred of them listed one by one: the blocks run out first, the rest is "and N more".
    const many = renderSlackMessage({ ...alert, ...folded(200, (i) => ({ source: src(`s${i}`, huge('N')), articleTitle: huge('T'), copyOf: huge('c') })) }, { listedNewSourceLimit: 1000 });
    expectWithinSlackLimits(many);
    expect(many.blocks).toHaveLength(SLACK_LIMITS.blocks);
    const bullets = slackTexts(many).flatMap(({ text }) => text.split('\n')).filter((l) => l.startsWith('• '));
    expect(bullets.length - 1 + Number(/• and (\d+) more/.exec(bullets.at(-1)!)![1])).toBe(200);
  });

  it('links only URLs short enough to show whole; a longer one leaves the title as text', () => {
    const message = renderSlackMessage({ ...base, url: `https://x.example/${'a'.repeat(5000)}` });
    const sources = (message.blocks[1] as { text: { text: string } }).text.text;
    expect(sources).toBe('• *Caliber.Az*: US, Russian top diplomats');
    expect((renderSlackMessage(base).blocks[1] as { text: { text: string } }).text.text).toBe('• *Caliber.Az*: <https://caliber.az/post/1|US, Russian top diplomats>');
  });
});
