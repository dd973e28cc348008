import {
  escapeSlackText, foldAlerts, foldedAlertIdFor, holdUntil, planFlush, renderAlert, renderSlackMessage, slackLink,
} from '../../lambdas/core/alert';
import type { Alert, SourceRef } from '../../lambdas/core/model';

const src = (id: string, name: string): SourceRef => ({ id, name, origin: 'key-prefix' });
const EVIL = '<!channel> <https://evil.example|click> & co';

function held(id: string, source: SourceRef, position: number, fields: Partial<Alert> = {}): Alert {
  return {
    id, kind: 'new-source', storyId: 'story-1', headline: 'US and Russia talk in Riyadh',
    source, articleId: `art-${id}`, articleTitle: `${source.name} on the talks`, url: `https://${source.id}.example/talks`,
    sourceCount: position, sourceNames: ['Reuters', 'AP', 'Caliber.Az', 'Outlet E'].slice(0, position), firstSeen: '2025-02-18T10:00:00Z',
    watchIds: ['rubio'], actorIds: ['p:marco-rubio'], topicIds: ['iptc:11000000'], topActors: ['Marco Rubio'], topTopics: ['politics'],
    reason: `${source.name} is the ${position}th source on a story you track (watch "rubio" matched actor Marco Rubio)`,
    createdAt: '2025-02-18T10:05:00Z', status: 'pending', heldUntil: '2025-02-18T10:15:00Z', ...fields,
  };
}

const members = [
  held('b', src('ap', 'AP'), 2, { createdAt: '2025-02-18T10:05:00Z' }),
  held('d', src('outlet-e', 'Outlet E'), 4, { createdAt: '2025-02-18T10:09:00Z', copyOf: 'art-a' }),
  held('c', src('caliber-az', 'Caliber.Az'), 3, { createdAt: '2025-02-18T10:05:00Z' }),
];

describe('storm control decisions', () => {
  it('holds until now + cooldown', () => {
    expect(holdUntil('2025-02-18T10:05:00.000Z', 600)).toBe('2025-02-18T10:15:00.000Z');
    expect(holdUntil('2025-02-18T10:05:00.000Z', 0)).toBe('2025-02-18T10:05:00.000Z');
  });

  it('folds held alerts into one, in order of arrival, listing every new source', () => {
    const folded = foldAlerts(members, '2025-02-18T10:15:00Z');
    expect(folded.newSources!.map((e) => e.source.name)).toEqual(['AP', 'Caliber.Az', 'Outlet E']);
    expect(folded.memberAlertIds).toEqual(['b', 'c', 'd']);
    expect(folded.id).toBe(foldedAlertIdFor('story-1', ['d', 'c', 'b']));
    expect(folded.sourceCount).toBe(4);
    expect(folded.reason).toBe('3 new sources on a story you track (watch "rubio" matched actor Marco Rubio); held during the story\'s cooldown and sent as one alert');
    expect(folded.status).toBe('pending');
    expect(folded.newSources![2].copyOf).toBe('art-a');
  });

  it('plans a flush that re-sends an unsent folded alert, completes members of a sent one, folds the rest', () => {
    const sent = { ...foldAlerts([members[0]], 't1'), status: 'sent' as const };
    const unsent = foldAlerts([members[1]], 't2');
    const fresh = held('e', src('x', 'X'), 5);
    const plan = planFlush([members[0], members[1], sent, unsent, fresh, { ...held('f', src('y', 'Y'), 6), status: 'sent' }]);
    expect(plan.resend.map((a) => a.id)).toEqual([unsent.id]);
    expect(plan.complete.map((a) => a.id)).toEqual(['b']);
    expect(plan.fold.map((a) => a.id)).toEqual(['e']);
  });
});

describe('email rendering of a folded alert', () => {
  it('says how many new sources in a subject under 100 characters and lists them with links', () => {
    const { subject, text, attributes } = renderAlert(foldAlerts(members, '2025-02-18T10:15:00Z'));
    expect(subject).toBe('3 new sources on: US and Russia talk in Riyadh');
    expect(text).toContain('3 new sources since 2025-02-18T10:05:00Z:\n- AP: AP on the talks\n  https://ap.example/talks\n- Caliber.Az');
    expect(text).toContain('copy of article art-a');
    expect(attributes.newSourceIds).toEqual({ DataType: 'String.Array', StringValue: '["ap","caliber-az","outlet-e"]' });
    expect(attributes.source).toEqual({ DataType: 'String', StringValue: 'ap' });
  });

  it('renders a one-member fold exactly like the alert itself', () => {
    const one = foldAlerts([members[0]], 'now');
    expect(renderAlert(one).subject).toBe(renderAlert(members[0]).subject);
    expect(renderAlert(one).text.split('\n').slice(0, -1)).toEqual(renderAlert(members[0]).text.split('\n').slice(0, -1));
  });
});

describe('Slack rendering', () => {
  it('escapes &, < and > so no link or mention can be injected', () => {
    expect(escapeSlackText(EVIL)).toBe('&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co');
  });

  it('makes links only to http(s) URLs, with the syntax characters encoded', () => {
    expect(slackLink('javascript:alert(1)', 'x')).toBe('x');
    expect(slackLink('https://a.example/p?q=1&r=<2>|3', 'A & B')).toBe('<https://a.example/p?q=1&amp;r=%3C2%3E%7C3|A &amp; B>');
    expect(slackLink(undefined, '<b>')).toBe('&lt;b&gt;');
  });

  it('puts no raw article text in any block: a hostile title and source arrive harmless', () => {
    const hostile = held('h', src('wire', `Evil <@U123> Wire`), 3, {
      headline: EVIL, articleTitle: EVIL, topActors: ['<!here>'], reason: `because ${EVIL}`,
    });
    const message = renderSlackMessage(hostile);
    const texts = [message.text, ...message.blocks.flatMap((b) => (b.type === 'section' ? [b.text, ...(b.fields ?? [])] : b.type === 'context' ? b.elements : []).map((t) => t.text))];
    for (const text of texts) {
      expect(text).not.toMatch(/<!|<@|<https:\/\/evil/);
    }
    expect(message.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', verbatim: true, text: ':newspaper: *New source on a story you track*\n*&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co*' } });
    expect(texts.join('\n')).toContain('<https://wire.example/talks|&lt;!channel&gt; &lt;https://evil.example¦click&gt; &amp; co>');
    expect(message.unfurl_links).toBe(false);
  });

  it('lists every new source of a folded alert', () => {
    const message = renderSlackMessage(foldAlerts(members, 'now'));
    const list = message.blocks[1];
    expect(list.type === 'section' && list.text.text).toBe([
      '• *AP*: <https://ap.example/talks|AP on the talks>',
      '• *Caliber.Az*: <https://caliber-az.example/talks|Caliber.Az on the talks>',
      '• *Outlet E*: <https://outlet-e.example/talks|Outlet E on the talks> _(copy of article art-a)_',
    ].join('\n'));
    expect(message.text).toBe('3 new sources on: US and Russia talk in Riyadh');
  });
});
