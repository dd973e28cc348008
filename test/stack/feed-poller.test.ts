import { Match, Template } from 'aws-cdk-lib/assertions';
import { NewswatchStack } from '../../lib/newswatch-stack';
import { allowedPairs, logicalId, testApp } from '../support/cdk-template';

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

  test('the poller: Node.js 24 on arm64, one at a time, failed async invocations to its DLQ', () => {
    const fn = template.findResources('AWS::Lambda::Function')[fnId];
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
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
    const pairs = allowedPairs(template, roleId);
    const s3 = pairs.filter((p) => p.action.startsWith('s3:')).map((p) => `${p.action} ${p.resource}`);
    expect(s3).toEqual([`s3:PutObject ${bucketId}.Arn/incoming/*`]);
  });

  test('DynamoDB: only what the feed store calls; Query on gsi1 by name, no Scan, no DeleteItem', () => {
    const tableId = logicalId(stack.storeTable.table);
    const dynamo = allowedPairs(template, roleId).filter((p) => p.action.startsWith('dynamodb:')).map((p) => `${p.action} ${p.resource}`).sort();
    expect(dynamo).toEqual([
      `dynamodb:BatchGetItem ${tableId}.Arn`,
      `dynamodb:PutItem ${tableId}.Arn`,
      `dynamodb:Query ${tableId}.Arn/index/gsi1`,
      `dynamodb:UpdateItem ${tableId}.Arn`,
    ]);
  });

  test('the DLQ is encrypted, SSL-only and keeps messages 14 days; its URL is an output', () => {
    const queue = template.findResources('AWS::SQS::Queue')[dlqId];
    expect(queue.Properties).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
    template.hasOutput('FeedPollerDeadLetterQueueUrl', { Value: { Ref: dlqId } });
  });
});
