import { Match, Template } from 'aws-cdk-lib/assertions';
import { parseEmailSubscribers } from '../../lib/constructs/alerts-topic';
import { NewswatchStack } from '../../lib/newswatch-stack';
import { ALERT_FLUSHER_MAX_EVENT_AGE } from '../../lib/constructs/alert-flusher';
import { allowedPairs, logicalId, testApp } from '../support/cdk-template';

describe('alerts in the stack: email subscribers, Slack notifier, flusher', () => {
  const app = testApp();
  const stack = new NewswatchStack(app, 'Alerts', {
    emailSubscribers: parseEmailSubscribers('a@b.example,ana@c.example:rubio+ukraine'),
    slackWebhookSecret: 'newswatch/slack',
  });
  const bare = new NewswatchStack(app, 'Bare');
  const template = Template.fromStack(stack);
  const notifier = stack.slackNotifier!;
  const fnId = logicalId(notifier.function);
  const dlqId = logicalId(notifier.deadLetterQueue);

  it('parses `address` and `address:watch+watch` entries', () => {
    expect(parseEmailSubscribers('a@b.example, ana@c.example:rubio+ukraine ,a@b.example')).toEqual([
      { email: 'a@b.example' }, { email: 'ana@c.example', watchIds: ['rubio', 'ukraine'] },
    ]);
  });

  it('subscribes the email addresses to single alerts (not the per-period digests), one with a filter policy on its watches', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'a@b.example', FilterPolicy: { delivery: ['as-it-happens'] } });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email', Endpoint: 'ana@c.example', FilterPolicy: { delivery: ['as-it-happens'], watchIds: ['rubio', 'ukraine'] },
    });
  });

  it('subscribes the notifier to the topic, with the DLQ for undeliverable messages', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [fnId, 'Arn'] },
      TopicArn: { Ref: logicalId(stack.alertsTopic.topic) },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
      FilterPolicy: { delivery: ['as-it-happens'] },
    });
  });

  it('gives the notifier its secret name, a DLQ for failed invocations, and read access to that one secret only', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SLACK_WEBHOOK_SECRET: 'newswatch/slack' }) },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
      Runtime: 'nodejs24.x',
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2 });
    const roleId = logicalId(notifier.function.role!);
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) } });
    const statements = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const secretStatements = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('secretsmanager:')));
    expect(secretStatements).toHaveLength(1);
    expect([secretStatements[0].Action].flat().sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    expect(JSON.stringify(secretStatements[0].Resource)).toContain(':secret:newswatch/slack-??????');
    expect(JSON.stringify(statements)).not.toMatch(/"Resource":"\*"/);
  });

  it('runs the flusher every minute, alone, with the table and the topic; the ingest function gets the cooldown', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(stack.alertFlusher.function), 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 1,
      Environment: { Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), TOPIC_ARN: Match.anyValue() }) },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ALERT_COOLDOWN_SECONDS: '600' }) },
    });
  });

  it('dead-letters a flush that failed after its retries, waited too long, or could not be delivered; its URL is an output', () => {
    const flusher = stack.alertFlusher;
    const flusherId = logicalId(flusher.function);
    const dlq = logicalId(flusher.deadLetterQueue);
    const fn = template.findResources('AWS::Lambda::Function')[flusherId];
    expect(fn.Properties).toMatchObject({ DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] } }, ReservedConcurrentExecutions: 1 });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: flusherId },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: ALERT_FLUSHER_MAX_EVENT_AGE.toSeconds(),
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({
        Arn: { 'Fn::GetAtt': [flusherId, 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: ALERT_FLUSHER_MAX_EVENT_AGE.toSeconds() },
      })],
    });
    expect(template.findResources('AWS::SQS::Queue')[dlq].Properties).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
    template.hasOutput('AlertFlusherDeadLetterQueueUrl', { Value: { Ref: dlq } });
  });

  it('lets the flusher Query gsi1 by name and touch only the items a flush writes; no Scan, no batch calls', () => {
    const tableId = logicalId(stack.storeTable.table);
    const pairs = allowedPairs(template, logicalId(stack.alertFlusher.role));
    expect(pairs.filter((p) => p.action.startsWith('dynamodb:')).map((p) => `${p.action} ${p.resource}`).sort()).toEqual([
      `dynamodb:DeleteItem ${tableId}.Arn`,
      `dynamodb:GetItem ${tableId}.Arn`,
      `dynamodb:PutItem ${tableId}.Arn`,
      `dynamodb:Query ${tableId}.Arn`,
      `dynamodb:Query ${tableId}.Arn/index/gsi1`,
      `dynamodb:UpdateItem ${tableId}.Arn`,
    ]);
    expect(pairs.filter((p) => p.action === 'sns:Publish').map((p) => p.resource)).toEqual([logicalId(stack.alertsTopic.topic)]);
  });

  it('has no notifier without the slackWebhookSecret context', () => {
    expect(bare.slackNotifier).toBeUndefined();
    Template.fromStack(bare).resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'lambda' }, 0);
  });
});
