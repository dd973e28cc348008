/**
 * SNS has no local engine that works with SDK v3 here (see TOOLCHAIN.md): the publisher is
 * tested on the exact PublishCommand it sends, with aws-sdk-client-mock.
 */
import {
  AuthorizationErrorException, InternalErrorException, InvalidParameterException, NotFoundException, PublishCommand, SNSClient, ThrottledException,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { parseDigestMessage, SnsAlertPublisher } from '../../lambdas/adapters/sns';
import { composeDigest } from '../../lambdas/core/alert/digest';
import { renderDigest } from '../../lambdas/core/alert/digest-render';
import { AlertDeliveryError, RetryableError } from '../../lambdas/core/errors';
import type { Alert, Story } from '../../lambdas/core/model';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:newswatch-alerts';

const alert: Alert = {
  id: '0f3c',
  kind: 'new-source',
  storyId: 'story-1',
  headline: 'US, Russian top diplomats discuss embassy staffing, Ukraine peace negotiations in Saudi talks',
  source: { id: 'caliber-az', name: 'Caliber.Az', origin: 'key-prefix' },
  articleId: 'a3',
  articleTitle: 'US, Russian top diplomats discuss embassy staffing',
  url: 'https://caliber.az/post/us-russian-top-diplomats',
  sourceCount: 3,
  sourceNames: ['Reuters', 'AP', 'Caliber.Az'],
  firstSeen: '2025-02-18T10:00:00Z',
  watchIds: ['rubio'],
  actorIds: ['p:marco-rubio', 'p:sergey-lavrov'],
  topicIds: ['iptc:11000000'],
  topActors: ['Marco Rubio', 'Sergey Lavrov'],
  topTopics: ['politics'],
  reason: 'Caliber.Az is the 3rd source on a story you track (watch "rubio" matched actor Marco Rubio)',
  createdAt: '2025-02-19T09:00:00Z',
  status: 'pending',
};
const story = { id: 'story-1' } as Story;

describe('SnsAlertPublisher', () => {
  const sns = mockClient(SNSClient);
  const publisher = new SnsAlertPublisher(new SNSClient({ region: 'eu-west-1' }), TOPIC);

  beforeEach(() => sns.reset());

  it('publishes one message with subject, readable body and filter attributes', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await publisher.publish(alert, story);

    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0].args[0].input;
    expect(input.TopicArn).toBe(TOPIC);
    expect(input.Subject).toBe('New source on: US, Russian top diplomats discuss embassy staffing, Ukraine peace negotiations in…');
    expect(input.Subject!.length).toBeLessThan(100);
    expect(input.Message).toContain('Link: https://caliber.az/post/us-russian-top-diplomats');
    expect(input.Message).toContain('3 sources: Reuters, AP, Caliber.Az');
    expect(input.Message).toContain('Why: Caliber.Az is the 3rd source on a story you track');
    expect(input.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'new-source' },
      delivery: { DataType: 'String', StringValue: 'as-it-happens' },
      storyId: { DataType: 'String', StringValue: 'story-1' },
      source: { DataType: 'String', StringValue: 'caliber-az' },
      watchIds: { DataType: 'String.Array', StringValue: '["rubio"]' },
      actorIds: { DataType: 'String.Array', StringValue: '["p:marco-rubio","p:sergey-lavrov"]' },
      topicIds: { DataType: 'String.Array', StringValue: '["iptc:11000000"]' },
    });
  });

  it.each([
    ['throttling', new ThrottledException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } })],
    ['an internal error', new InternalErrorException({ message: 'Internal', $metadata: { httpStatusCode: 500 } })],
    ['a 503 without a modelled name', Object.assign(new Error('Service Unavailable'), { name: 'Unknown', $metadata: { httpStatusCode: 503 } })],
    ['a network reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('rethrows %s as a RetryableError with the cause', async (_label, error) => {
    sns.on(PublishCommand).rejects(error);
    const thrown = await publisher.publish(alert, story).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(RetryableError);
    expect((thrown as RetryableError).retryable).toBe(true);
    expect((thrown as RetryableError).cause).toBe(error);
    expect((thrown as Error).message).toContain('alert 0f3c');
  });

  it('makes SNS refusing the message itself (an invalid parameter) this alert\'s delivery failure', async () => {
    const error = new InvalidParameterException({ message: 'Invalid parameter: Subject', $metadata: { httpStatusCode: 400 } });
    sns.on(PublishCommand).rejects(error);
    const thrown = await publisher.publish(alert, story).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(AlertDeliveryError);
    expect((thrown as AlertDeliveryError).cause).toBe(error);
    expect((thrown as Error).message).toContain('alert 0f3c');
  });

  it.each([
    ['missing authorization', new AuthorizationErrorException({ message: 'Not authorized', $metadata: { httpStatusCode: 403 } })],
    ['a missing topic', new NotFoundException({ message: 'Topic does not exist', $metadata: { httpStatusCode: 404 } })],
    ['a bug', new Error('bug')],
  ])('rethrows %s as it is: a failure of the stack, neither retryable nor the alert\'s own', async (_label, error) => {
    sns.on(PublishCommand).rejects(error);
    const thrown = await publisher.publish(alert, story).catch((e: unknown) => e);
    expect(thrown).toBe(error);
    expect(thrown).not.toBeInstanceOf(RetryableError);
    expect(thrown).not.toBeInstanceOf(AlertDeliveryError);
  });
});

describe('SnsAlertPublisher.publishDigest', () => {
  const sns = mockClient(SNSClient);
  const publisher = new SnsAlertPublisher(new SNSClient({ region: 'eu-west-1' }), TOPIC);
  const window = { period: 'daily' as const, start: '2025-02-19T00:00:00.000Z', end: '2025-02-20T00:00:00.000Z' };
  const digest = composeDigest({ watch: { id: 'rubio', name: 'Rubio', digest: 'daily' }, window, alerts: [alert], now: '2025-02-20T00:05:00.000Z' })!;

  beforeEach(() => sns.reset());

  it('publishes one message: the text for email, the digest as JSON for Lambda, and what subscribers filter on', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-2' });
    await publisher.publishDigest(digest);
    const text = renderDigest(digest).text;
    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input)).toEqual([{
      TopicArn: TOPIC,
      Subject: 'Daily digest, Rubio: 1 story you track gained 1 new source',
      MessageStructure: 'json',
      Message: JSON.stringify({ default: text, email: text, lambda: JSON.stringify({ version: 1, digest }) }),
      MessageAttributes: {
        kind: { DataType: 'String', StringValue: 'digest' },
        delivery: { DataType: 'String.Array', StringValue: '["daily","as-it-happens"]' },
        period: { DataType: 'String', StringValue: 'daily' },
        watchIds: { DataType: 'String.Array', StringValue: '["rubio"]' },
      },
    }]);
    expect(text).toContain('1. US, Russian top diplomats discuss embassy staffing');
    expect(text).toContain('   - Caliber.Az: US, Russian top diplomats discuss embassy staffing\n     https://caliber.az/post/us-russian-top-diplomats');
    expect(parseDigestMessage(JSON.parse(sns.commandCalls(PublishCommand)[0].args[0].input.Message!).lambda)?.digest).toEqual(digest);
  });

  it('maps SNS errors as for alerts: throttling retryable, a refused message the digest\'s own failure', async () => {
    sns.on(PublishCommand).rejects(new ThrottledException({ message: 'slow down', $metadata: {} }));
    await expect(publisher.publishDigest(digest)).rejects.toBeInstanceOf(RetryableError);
    sns.on(PublishCommand).rejects(new InvalidParameterException({ message: 'bad', $metadata: {} }));
    await expect(publisher.publishDigest(digest)).rejects.toBeInstanceOf(AlertDeliveryError);
  });
});
