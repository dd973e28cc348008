import * as fs from 'fs';
import * as path from 'path';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { NewswatchStack } from '../../lib/newswatch-stack';

function testApp(): App {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8'));
  return new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
}

function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if ('Ref' in node) return String(node.Ref);
  if ('Fn::GetAtt' in node) return (node['Fn::GetAtt'] as string[]).join('.');
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  return JSON.stringify(value);
}

describe('FeedPoller construct in the stack', () => {
  const stack = new NewswatchStack(testApp(), 'Newswatch');
  const template = Template.fromStack(stack);
  const fnId = logicalId(stack.feedPoller.function);
  const dlqId = logicalId(stack.feedPoller.deadLetterQueue);
  const bucketId = logicalId(stack.dropBucket.bucket);
  const roleId = logicalId(stack.feedPoller.function.role!);

  test('an EventBridge schedule every 5 minutes targets the poller, with a DLQ for undeliverable events', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [Match.objectLike({
        Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
      })],
    });
  });

  test('the poller: Node.js 22 on arm64, one at a time, failed async invocations to its DLQ', () => {
    const fn = template.findResources('AWS::Lambda::Function')[fnId];
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      ReservedConcurrentExecutions: 1,
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
      Environment: { Variables: { BUCKET_NAME: { Ref: bucketId }, TABLE_NAME: { Ref: logicalId(stack.storeTable.table) } } },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId },
      MaximumRetryAttempts: 2,
    });
  });

  test('S3 access: PutObject on incoming/* only; no read, no delete, nothing else in the bucket', () => {
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) } });
    const statements = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
    const s3 = statements.flatMap((s) => {
      const actions = ([] as string[]).concat(s.Action as string | string[]).filter((a) => a.startsWith('s3:'));
      return actions.flatMap((action) => ([] as unknown[]).concat(s.Resource).map((r) => `${action} ${render(r)}`));
    });
    expect(s3.length).toBeGreaterThan(0);
    for (const grant of s3) {
      expect(grant).toMatch(new RegExp(`^s3:(PutObject|PutObjectLegalHold|PutObjectRetention|PutObjectTagging|PutObjectVersionTagging|Abort\\*) ${bucketId}\\.Arn/incoming/\\*$`));
    }
    expect(s3.some((g) => g.startsWith('s3:PutObject '))).toBe(true);
    expect(statements.some((s) => ([] as string[]).concat(s.Action as string | string[]).includes('dynamodb:Query'))).toBe(true);
  });

  test('the DLQ is encrypted, SSL-only and keeps messages 14 days; its URL is an output', () => {
    const queue = template.findResources('AWS::SQS::Queue')[dlqId];
    expect(queue.Properties).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
    template.hasOutput('FeedPollerDeadLetterQueueUrl', { Value: { Ref: dlqId } });
  });
});
