/**
 * Stack-wide rules over every role and every function of the synthesized template (issue 13):
 * no Scan and no wildcard action anywhere, no AWS managed policy on a newswatch role, and every
 * Lambda that runs asynchronously or from a queue has somewhere to put what failed.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { NewswatchStack } from '../../lib/newswatch-stack';
import { render, testApp } from '../support/cdk-template';

type Resource = { Type: string; Properties: Record<string, any> };

const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

describe('least privilege and dead letters, over the whole stack', () => {
  const app = testApp();
  // Every optional part on: the Slack notifier, email subscribers, operations emails.
  const stack = new NewswatchStack(app, 'Full', {
    slackWebhookSecret: 'newswatch/slack', alertEmails: ['a@b.example'], opsEmails: ['ops@b.example'], trackAll: true,
  });
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const allows = ofType('AWS::IAM::Policy').flatMap(([id, policy]) =>
    (policy.Properties.PolicyDocument.Statement as Record<string, unknown>[])
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => asList(s.Action as string | string[]).map((action) => ({
        policy: id, action, resources: asList(s.Resource).map(render),
      }))));

  it('grants no Scan, no wildcard action and no DynamoDB index wildcard, to any role', () => {
    expect(allows.length).toBeGreaterThan(10);
    expect(allows.filter((a) => /^dynamodb:(Scan|\*)/.test(a.action))).toEqual([]);
    expect(allows.filter((a) => a.action.includes('*'))).toEqual([]);
    expect(allows.filter((a) => a.resources.some((r) => r.includes('/index/*')))).toEqual([]);
    expect(allows.filter((a) => a.resources.includes('*'))).toEqual([]);
  });

  it('grants DeleteItem to the alert flusher alone (it releases holds)', () => {
    const deleters = allows.filter((a) => a.action === 'dynamodb:DeleteItem').map((a) => a.policy);
    expect(deleters).toHaveLength(1);
    expect(deleters[0]).toMatch(/^AlertFlusher/);
  });

  it('attaches no AWS managed policy to a newswatch role (only aws-cdk-lib\'s notification handler has one)', () => {
    const managed = ofType('AWS::IAM::Role').filter(([, r]) => asList(r.Properties.ManagedPolicyArns).length > 0).map(([id]) => id);
    expect(managed).toHaveLength(1);
    expect(managed[0]).toMatch(/^BucketNotificationsHandler/);
  });

  it('gives every Lambda invoked asynchronously (schedule, SNS) a dead-letter queue, and every consumed queue a redrive policy', () => {
    const functions = ofType('AWS::Lambda::Function');
    const idOf = (ref: unknown) => render(ref).replace(/\.Arn$/, '');
    const asyncInvokers = new Map<string, string[]>();
    for (const [, permission] of ofType('AWS::Lambda::Permission')) {
      const principal = String(permission.Properties.Principal);
      if (!/^(events|sns|s3)\.amazonaws\.com$/.test(principal)) continue;
      const fn = idOf(permission.Properties.FunctionName);
      asyncInvokers.set(fn, [...(asyncInvokers.get(fn) ?? []), principal]);
    }
    // The ingest function (queue), the flusher, the poller and the digests (schedules), the Slack notifier (SNS).
    expect(functions.length).toBe(6); // + aws-cdk-lib's BucketNotificationsHandler, called synchronously by CloudFormation
    expect([...asyncInvokers.keys()].sort()).toEqual(functions.map(([id]) => id).filter((id) => /^(AlertFlusher|Digests|FeedPoller|SlackNotifier)/.test(id)).sort());
    for (const fn of asyncInvokers.keys()) {
      expect({ fn, dlq: resources[fn].Properties.DeadLetterConfig?.TargetArn }).toEqual({ fn, dlq: expect.anything() });
    }
    const mappings = ofType('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    for (const [, mapping] of mappings) {
      const queue = resources[idOf(mapping.Properties.EventSourceArn)];
      expect(queue.Type).toBe('AWS::SQS::Queue');
      expect(queue.Properties.RedrivePolicy?.deadLetterTargetArn).toBeDefined();
    }
    // Each dead-letter queue raises an operations alarm.
    const dlqs = new Set([
      ...[...asyncInvokers.keys()].map((fn) => idOf(resources[fn].Properties.DeadLetterConfig.TargetArn)),
      ...mappings.map(([, m]) => idOf(resources[idOf(m.Properties.EventSourceArn)].Properties.RedrivePolicy.deadLetterTargetArn)),
    ]);
    const alarmed = new Set(ofType('AWS::CloudWatch::Alarm')
      .filter(([, a]) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map(([, a]) => idOf(a.Properties.Dimensions[0].Value).replace(/\.QueueName$/, '')));
    expect([...dlqs].sort()).toEqual([...alarmed].sort());
    expect(dlqs.size).toBe(5);
  });
});
