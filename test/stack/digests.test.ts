import { Match, Template } from 'aws-cdk-lib/assertions';
import { DIGEST_MAX_EVENT_AGE } from '../../lib/constructs/digest-scheduler';
import { NewswatchStack } from '../../lib/newswatch-stack';
import { allowedPairs, logicalId, testApp } from '../support/cdk-template';

describe('digests in the stack: one Lambda on three schedules', () => {
  const app = testApp();
  const stack = new NewswatchStack(app, 'Digests');
  const template = Template.fromStack(stack);
  const digests = stack.digestScheduler;
  const fnId = logicalId(digests.function);
  const dlqId = logicalId(digests.deadLetterQueue);
  const tableId = logicalId(stack.storeTable.table);

  it('runs hourly, daily and weekly (Monday), a few minutes past each boundary (UTC), each passing its period', () => {
    const expected: [string, string][] = [
      ['hourly', 'cron(5 * * * ? *)'],
      ['daily', 'cron(10 0 * * ? *)'],
      ['weekly', 'cron(15 0 ? * MON *)'],
    ];
    for (const [period, schedule] of expected) {
      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: schedule,
        State: 'ENABLED',
        Targets: [Match.objectLike({
          Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
          Input: JSON.stringify({ period }),
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: DIGEST_MAX_EVENT_AGE.toSeconds() },
        })],
      });
    }
  });

  it('is one run at a time, with the table and topic it needs, retried twice then dead-lettered', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      ReservedConcurrentExecutions: 1,
      Timeout: 120,
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
      Environment: { Variables: { TABLE_NAME: { Ref: tableId }, TOPIC_ARN: { Ref: logicalId(stack.alertsTopic.topic) } } },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId }, MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: DIGEST_MAX_EVENT_AGE.toSeconds(),
    });
  });

  it('may Query, GetItem, PutItem and UpdateItem on the table and Query gsi1, and publish to the alerts topic: nothing else', () => {
    const pairs = allowedPairs(template, logicalId(digests.role));
    const table = `${tableId}.Arn`;
    const actions = (resource: string) => pairs.filter((p) => p.resource === resource).map((p) => p.action).sort();
    expect(actions(table)).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(actions(`${tableId}.Arn/index/gsi1`)).toEqual(['dynamodb:Query']);
    expect(pairs.some((p) => /Scan|DeleteItem|Batch/.test(p.action))).toBe(false);
    expect(pairs.filter((p) => p.action === 'sns:Publish').map((p) => p.resource)).toEqual([logicalId(stack.alertsTopic.topic)]);
  });

  it('alarms the operations topic when a digest run is dead-lettered, and outputs the queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
    });
    template.hasOutput('DigestDeadLetterQueueUrl', { Value: { Ref: dlqId } });
  });
});
