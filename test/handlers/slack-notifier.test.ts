/**
 * Secrets Manager has no local engine here: the secret read is checked on the exact
 * GetSecretValueCommand input with aws-sdk-client-mock. Slack is a real HTTP server on 127.0.0.1.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { SNSEvent } from 'aws-lambda';
import { cachedSecretString, webhookUrlFromSecret } from '../../lambdas/adapters/secrets';
import { SlackWebhookPoster } from '../../lambdas/adapters/slack';
import { digestPublishInputFor, publishInputFor } from '../../lambdas/adapters/sns';
import { composeDigest } from '../../lambdas/core/alert/digest';
import { createSlackNotifierHandler } from '../../lambdas/handlers/slack-notifier';
import type { Alert } from '../../lambdas/core/model';
import { FakeSlackWebhook } from '../support/slack-server';

const alert: Alert = {
  id: 'a1', kind: 'new-source', storyId: 'story-1', headline: 'Talks <!channel> <https://evil.example|click> & co',
  source: { id: 'ap', name: 'AP', origin: 'key-prefix' }, articleId: 'art-1', articleTitle: 'AP on the talks',
  url: 'https://ap.example/a', sourceCount: 2, sourceNames: ['Reuters', 'AP'], firstSeen: '2025-02-18T10:00:00Z',
  watchIds: ['rubio'], actorIds: ['p:marco-rubio'], topicIds: [], topActors: ['Marco Rubio'], topTopics: [],
  reason: 'AP is the 2nd source on a story you track (watch "rubio" matched actor Marco Rubio)', createdAt: '2025-02-18T10:05:00Z', status: 'pending',
};

/** What SNS hands the `lambda` protocol: the `lambda` entry of the structured message. */
function snsEvent(message: string, subject?: string): SNSEvent {
  return { Records: [{ EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: 'arn:sub', Sns: { Message: message, Subject: subject, MessageId: 'm-1' } }] } as unknown as SNSEvent;
}

describe('Slack notifier Lambda handler', () => {
  const slack = new FakeSlackWebhook();
  const secrets = mockClient(SecretsManagerClient);
  beforeAll(() => slack.start());
  afterAll(async () => { await slack.stop(); secrets.restore(); });
  beforeEach(() => { secrets.reset(); slack.requests.length = 0; });

  function handlerWithSecret() {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ webhookUrl: slack.url }) });
    const secret = cachedSecretString(new SecretsManagerClient({ region: 'eu-west-1' }), 'newswatch/slack');
    const poster = new SlackWebhookPoster(async () => webhookUrlFromSecret(await secret()), {}, { sleep: async () => undefined });
    return createSlackNotifierHandler({ poster, log: () => undefined });
  }

  it('posts the alert SNS published as Block Kit, escaped, reading the secret once for many invocations', async () => {
    const handler = handlerWithSecret();
    const published = JSON.parse(publishInputFor('arn:topic', alert).Message) as { lambda: string; email: string };
    await handler(snsEvent(published.lambda, 'New source on: Talks'));
    await handler(snsEvent(published.lambda, 'New source on: Talks'));
    expect(secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([{ SecretId: 'newswatch/slack' }]);
    expect(slack.requests).toHaveLength(2);
    const payload = slack.requests[0].json as { text: string; blocks: { text?: { text: string } }[] };
    expect(payload.text).toBe('New source on: Talks &lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co');
    expect(payload.blocks[1].text!.text).toBe('• *AP*: <https://ap.example/a|AP on the talks>');
    expect(slack.requests[0].body).not.toContain('<!channel>');
  });

  it('posts a digest SNS published as Block Kit, one section per story, escaped', async () => {
    const window = { period: 'daily' as const, start: '2025-02-18T00:00:00.000Z', end: '2025-02-19T00:00:00.000Z' };
    const digest = composeDigest({ watch: { id: 'rubio', name: 'rubio', digest: 'daily' }, window, alerts: [alert], now: window.end })!;
    const published = JSON.parse(digestPublishInputFor('arn:topic', digest).Message) as { lambda: string };
    await handlerWithSecret()(snsEvent(published.lambda, 'Daily digest'));
    expect(slack.requests).toHaveLength(1);
    const payload = slack.requests[0].json as { text: string; blocks: { text?: { text: string } }[] };
    expect(payload.text).toBe('Daily digest, rubio: 1 story you track gained 1 new source');
    expect(payload.blocks[1].text!.text).toBe('*<https://ap.example/a|Talks &lt;!channel&gt; &lt;https://evil.example¦click&gt; &amp; co>*\n1 new source, 2 in all\n• *AP*: <https://ap.example/a|AP on the talks>');
    expect(slack.requests[0].body).not.toContain('<!channel>');
  });

  it('posts a plain-text message from another publisher escaped', async () => {
    await handlerWithSecret()(snsEvent('hello <!here> & <@U1>', 'Note'));
    expect((slack.requests[0].json as { text: string }).text).toBe('Note\n\nhello &lt;!here&gt; &amp; &lt;@U1&gt;');
  });

  it('throws when Slack keeps failing, so Lambda retries and then parks the event in the DLQ', async () => {
    slack.script({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const error = await handlerWithSecret()(snsEvent(JSON.stringify({ version: 1, alert }))).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/after 5 attempts/);
    slack.script();
  });

  it('retries reading the secret after a failed read instead of caching the failure', async () => {
    secrets.on(GetSecretValueCommand).rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })).resolves({ SecretString: 'https://hooks.slack.example/x' });
    const secret = cachedSecretString(new SecretsManagerClient({ region: 'eu-west-1' }), 'newswatch/slack');
    await expect(secret()).rejects.toThrow(/Rate exceeded/);
    await expect(secret()).resolves.toBe('https://hooks.slack.example/x');
    await secret();
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(() => webhookUrlFromSecret('ftp://x')).toThrow(/http\(s\)/);
  });
});
