import { Match, Template } from 'aws-cdk-lib/assertions';
import { INGEST_BACKLOG_ALARM_AGE } from '../../lib/constructs/operations-alarms';
import { NewswatchStack } from '../../lib/newswatch-stack';
import { logicalId, testApp } from '../support/cdk-template';

describe('operations alarms', () => {
  let stack: NewswatchStack;
  let template: Template;
  let withSlack: NewswatchStack;

  beforeAll(() => {
    const app = testApp();
    stack = new NewswatchStack(app, 'Newswatch', { opsEmails: ['ops@x.example'] });
    withSlack = new NewswatchStack(app, 'NewswatchSlack', { slackWebhookSecret: 'newswatch/slack' });
    template = Template.fromStack(stack);
  });

  const opsTopic = () => logicalId(stack.operations.topic);

  it('raise an alarm on the first message in each dead-letter queue, to the operations topic', () => {
    for (const queue of [stack.ingestQueue.deadLetterQueue, stack.feedPoller.deadLetterQueue, stack.alertFlusher.deadLetterQueue, stack.digestScheduler.deadLetterQueue]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(queue), 'QueueName'] } }],
        Statistic: 'Maximum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: opsTopic() }],
      });
    }
    const slackTemplate = Template.fromStack(withSlack);
    slackTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(withSlack.slackNotifier!.deadLetterQueue), 'QueueName'] } }],
    });
    expect(Object.keys(slackTemplate.findResources('AWS::CloudWatch::Alarm'))).toHaveLength(6);
  });

  it('raise an alarm when an article has waited on the ingest queue past the backlog age', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack.ingestQueue.queue), 'QueueName'] } }],
      Threshold: INGEST_BACKLOG_ALARM_AGE.toSeconds(),
      AlarmActions: [{ Ref: opsTopic() }],
    });
    expect(Object.keys(template.findResources('AWS::CloudWatch::Alarm'))).toHaveLength(5);
  });

  it('publish to their own encrypted topic, under a rotated key CloudWatch may use, mailed to the ops addresses', () => {
    const keyId = logicalId(stack.operations.key);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] }, DisplayName: 'newswatch operations' });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      })]) },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@x.example', TopicArn: { Ref: opsTopic() } });
    expect(opsTopic()).not.toBe(logicalId(stack.alertsTopic.topic));
    template.hasOutput('OpsTopicArn', { Value: { Ref: opsTopic() } });
  });
});
