import { SlackAlertPublisher, SlackWebhookPoster, parseRetryAfter } from '../../lambdas/adapters/slack';
import { AlertDeliveryError, RetryableError } from '../../lambdas/core/errors';
import type { Alert } from '../../lambdas/core/model';
import { FakeSlackWebhook } from '../support/slack-server';

const EVIL = '<!channel> <https://evil.example|click> & co';

const alert: Alert = {
  id: 'a1', kind: 'new-source', storyId: 'story-1', headline: EVIL,
  source: { id: 'wire', name: 'Wire & Co', origin: 'key-prefix' }, articleId: 'art-1', articleTitle: EVIL,
  url: 'https://wire.example/a', sourceCount: 2, sourceNames: ['Reuters', 'Wire & Co'], firstSeen: '2025-02-18T10:00:00Z',
  watchIds: ['all'], actorIds: [], topicIds: [], topActors: [], topTopics: [],
  reason: 'Wire & Co is the 2nd source on a story you track (watch "everything" tracks every story)',
  createdAt: '2025-02-18T10:05:00Z', status: 'pending',
};

describe('Slack webhook poster against a local webhook on 127.0.0.1', () => {
  const slack = new FakeSlackWebhook();
  const slept: number[] = [];
  const sleep = async (ms: number) => { slept.push(ms); };
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());
  beforeEach(() => { slack.requests.length = 0; slept.length = 0; slack.script(); });

  it('delivers a title with <!channel> and a disguised link escaped and harmless', async () => {
    await new SlackAlertPublisher(new SlackWebhookPoster(slack.url, {}, { sleep })).publish(alert);
    expect(slack.requests).toHaveLength(1);
    const { headers, body, json } = slack.requests[0];
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    expect(body).not.toContain('<!channel>');
    expect(body).not.toContain('<https://evil.example');
    expect(body).toContain('&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co');
    const payload = json as { text: string; blocks: { type: string }[] };
    expect(payload.text).toBe('New source on: &lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co');
    expect(payload.blocks.map((b) => b.type)).toEqual(['section', 'section', 'context']);
  });

  it('retries 429 with Retry-After 1 twice, then 200: the message arrives once, after waiting 1 s twice', async () => {
    slack.script(
      { status: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' },
      { status: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' },
      { status: 200, body: 'ok' },
    );
    const attempts = await new SlackWebhookPoster(slack.url, {}, { sleep }).post({ text: 'hi', blocks: [], unfurl_links: false, unfurl_media: false });
    expect(attempts).toBe(3);
    expect(slept).toEqual([1000, 1000]);
    expect(slack.requests).toHaveLength(3);
    expect(new Set(slack.requests.map((r) => r.body)).size).toBe(1);
  });

  it('honours Retry-After for real (about two seconds) when no sleep is injected', async () => {
    slack.script({ status: 429, headers: { 'retry-after': '1' } }, { status: 429, headers: { 'retry-after': '1' } });
    const started = Date.now();
    await new SlackWebhookPoster(slack.url).post({ text: 'hi', blocks: [], unfurl_links: false, unfurl_media: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(slack.requests).toHaveLength(3);
  });

  it('backs off exponentially on 5xx and gives up with a RetryableError', async () => {
    slack.script({ status: 500 }, { status: 502 }, { status: 503 });
    const error = await new SlackWebhookPoster(slack.url, { maxAttempts: 3, baseDelayMs: 100 }, { sleep })
      .post({ text: 'hi', blocks: [], unfurl_links: false, unfurl_media: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).message).toMatch(/3 attempts: HTTP 503/);
    expect(slept).toEqual([100, 200]);
  });

  it('treats other 4xx (a revoked hook, a bad payload) as permanent, without retrying', async () => {
    slack.script({ status: 404, body: 'no_service' });
    const error = await new SlackWebhookPoster(slack.url, {}, { sleep }).post({ text: 'hi', blocks: [], unfurl_links: false, unfurl_media: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlertDeliveryError);
    expect((error as Error).message).toContain('HTTP 404 no_service');
    expect(slack.requests).toHaveLength(1);
  });

  it('times a slow webhook out and retries it', async () => {
    slack.script({ status: 200, delayMs: 500 });
    const attempts = await new SlackWebhookPoster(slack.url, { timeoutMs: 100 }, { sleep }).post({ text: 'hi', blocks: [], unfurl_links: false, unfurl_media: false });
    expect(attempts).toBe(2);
    expect(slept).toEqual([500]);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Wed, 18 Feb 2025 10:00:05 GMT', Date.parse('2025-02-18T10:00:00Z'))).toBe(5000);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
