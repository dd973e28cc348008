import { Match, Template } from 'aws-cdk-lib/assertions';
import { parseAlertEmails } from '../../lib/constructs/alerts-topic';
import { NewswatchStack } from '../../lib/newswatch-stack';
import { allowedPairs, logicalId, render, resourcesFor, testApp } from '../support/cdk-template';

describe('NewswatchStack', () => {
  let stack: NewswatchStack;
  let template: Template;
  let withEmail: Template;
  let ids: { bucket: string; queue: string; dlq: string; table: string; topic: string; fn: string; role: string };

  beforeAll(() => {
    const app = testApp();
    stack = new NewswatchStack(app, 'Newswatch');
    const emailStack = new NewswatchStack(app, 'NewswatchWithEmail', { alertEmails: ['a@b.example'], trackAll: true });
    template = Template.fromStack(stack);
    withEmail = Template.fromStack(emailStack);
    const fn = stack.ingestFunction.function;
    ids = {
      bucket: logicalId(stack.dropBucket.bucket),
      queue: logicalId(stack.ingestQueue.queue),
      dlq: logicalId(stack.ingestQueue.deadLetterQueue),
      table: logicalId(stack.storeTable.table),
      topic: logicalId(stack.alertsTopic.topic),
      fn: logicalId(fn),
      role: logicalId(fn.role!),
    };
  });

  describe('drop bucket', () => {
    it('is encrypted, private, versioned and retained', () => {
      template.hasResource('AWS::S3::Bucket', {
        DeletionPolicy: 'Retain',
        Properties: {
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
          },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
          },
          VersioningConfiguration: { Status: 'Enabled' },
        },
      });
    });

    it('expires old versions after 30 days and aborts stale uploads after 7', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        LifecycleConfiguration: {
          Rules: [Match.objectLike({
            Status: 'Enabled',
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          })],
        },
      });
    });

    it('denies requests without TLS', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: ids.bucket },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          })]),
        },
      });
    });

    it('sends ObjectCreated events under incoming/ (and only there) to the ingest queue', () => {
      template.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: { Ref: ids.bucket },
        NotificationConfiguration: {
          QueueConfigurations: [{
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } },
            QueueArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
          }],
        },
      });
      // S3 may only send to the queue because the queue policy lets it, for this bucket.
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: ids.queue }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: Match.arrayWith(['sqs:SendMessage']),
            Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [ids.bucket, 'Arn'] } } },
          })]),
        },
      });
    });
  });

  describe('ingest queue', () => {
    it('parks a message in the dead-letter queue after 5 receives', () => {
      template.hasResourceProperties('AWS::SQS::Queue', {
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [ids.dlq, 'Arn'] }, maxReceiveCount: 5 },
        SqsManagedSseEnabled: true,
      });
      template.hasResourceProperties('AWS::SQS::Queue', {
        MessageRetentionPeriod: 14 * 24 * 3600,
        SqsManagedSseEnabled: true,
      });
      // The ingest queue and its DLQ, plus the feed poller's, the alert flusher's and the digests' DLQs.
      template.resourceCountIs('AWS::SQS::Queue', 5);
    });

    it('hides a message for at least six times the function timeout', () => {
      const queue = template.toJSON().Resources[ids.queue];
      const fn = template.toJSON().Resources[ids.fn];
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn.Properties.Timeout);
    });

    it('denies requests without TLS on both queues', () => {
      for (const queueId of [ids.queue, ids.dlq]) {
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: queueId }],
          PolicyDocument: {
            Statement: Match.arrayWith([Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            })]),
          },
        });
      }
    });
  });

  describe('ingest function', () => {
    it('runs on nodejs24.x, arm64, 1024 MB, 60 s, with the environment the handler reads', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 1024,
        Timeout: 60,
        Handler: 'index.handler',
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: ids.table },
            TOPIC_ARN: { Ref: ids.topic },
            TRACK_ALL: 'false',
            QUARANTINE_PREFIX: 'quarantine/',
            // Stack traces are mapped by the handler on the first one, not by Node at load.
            NODE_OPTIONS: Match.absent(),
          },
        },
        LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('LogGroup') } },
      });
    });

    it('passes trackAll through as TRACK_ALL', () => {
      withEmail.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Environment: { Variables: Match.objectLike({ TRACK_ALL: 'true' }) },
      });
    });

    it('keeps its logs for one month', () => {
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    });

    it('consumes the queue in batches and reports partial batch failures', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
        FunctionName: { Ref: ids.fn },
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });
  });

  describe('ingest function permissions', () => {
    let pairs: { action: string; resource: string }[];
    beforeAll(() => {
      pairs = allowedPairs(template, ids.role);
    });

    it('reads objects only under incoming/ (by version: the S3 event names one), nothing at bucket level', () => {
      expect(resourcesFor(pairs, 's3:GetObject')).toEqual([`${ids.bucket}.Arn/incoming/*`]);
      expect(resourcesFor(pairs, 's3:GetObjectVersion')).toEqual([`${ids.bucket}.Arn/incoming/*`]);
    });

    it('writes objects only under quarantine/; no other S3 action anywhere', () => {
      expect(resourcesFor(pairs, 's3:PutObject')).toEqual([`${ids.bucket}.Arn/quarantine/*`]);
      const s3 = pairs.filter((p) => p.action.startsWith('s3:')).map((p) => `${p.action} ${p.resource}`).sort();
      expect(s3).toEqual([
        `s3:GetObject ${ids.bucket}.Arn/incoming/*`,
        `s3:GetObjectVersion ${ids.bucket}.Arn/incoming/*`,
        `s3:PutObject ${ids.bucket}.Arn/quarantine/*`,
      ]);
    });

    it('calls only the DynamoDB actions of the ingest path, on the table alone (no Scan, no DeleteItem, no index)', () => {
      const dynamo = pairs.filter((p) => p.action.startsWith('dynamodb:'));
      expect([...new Set(dynamo.map((p) => p.action))].sort()).toEqual([
        'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem',
      ]);
      expect([...new Set(dynamo.map((p) => p.resource))]).toEqual([`${ids.table}.Arn`]);
    });

    it('writes to its own log group only, with no AWS managed policy', () => {
      expect(resourcesFor(pairs, 'logs:PutLogEvents')).toEqual([`${logicalId(stack.ingestFunction.logGroup)}.Arn`]);
      expect(template.toJSON().Resources[ids.role].Properties.ManagedPolicyArns).toBeUndefined();
    });

    it('publishes to the alerts topic only', () => {
      expect(resourcesFor(pairs, 'sns:Publish')).toEqual([ids.topic]);
    });

    it('receives and deletes messages of the ingest queue', () => {
      expect(resourcesFor(pairs, 'sqs:ReceiveMessage')).toEqual([`${ids.queue}.Arn`]);
      expect(resourcesFor(pairs, 'sqs:DeleteMessage')).toEqual([`${ids.queue}.Arn`]);
    });
  });

  describe('store table', () => {
    it('is on-demand, point-in-time recoverable, encrypted and retained, keyed pk/sk with gsi1', () => {
      template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true },
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [{
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          }],
        },
      });
    });
  });

  describe('alerts topic', () => {
    it('is encrypted with the AWS-managed key and denies requests without TLS', () => {
      const topic = template.toJSON().Resources[ids.topic];
      expect(render(topic.Properties.KmsMasterKeyId)).toMatch(/:alias\/aws\/sns$/);
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: ids.topic }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          })]),
        },
      });
    });

    it('has no subscription unless an alert email is given', () => {
      template.resourceCountIs('AWS::SNS::Subscription', 0);
    });

    it('subscribes each alert email', () => {
      withEmail.resourceCountIs('AWS::SNS::Subscription', 1);
      withEmail.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'a@b.example',
        TopicArn: { Ref: Match.stringLikeRegexp('AlertsTopic') },
      });
    });
  });

  it('outputs the names a user needs to drop files, subscribe and inspect', () => {
    template.hasOutput('BucketName', { Value: { Ref: ids.bucket } });
    template.hasOutput('TopicArn', { Value: { Ref: ids.topic } });
    template.hasOutput('TableName', { Value: { Ref: ids.table } });
    template.hasOutput('QueueUrl', { Value: { Ref: ids.queue } });
    template.hasOutput('DeadLetterQueueUrl', { Value: { Ref: ids.dlq } });
    template.hasOutput('AlertFlusherDeadLetterQueueUrl', { Value: { Ref: logicalId(stack.alertFlusher.deadLetterQueue) } });
  });
});

describe('parseAlertEmails', () => {
  it('accepts one address, a comma-separated list, or a list, dropping blanks and repeats', () => {
    expect(parseAlertEmails(undefined)).toEqual([]);
    expect(parseAlertEmails('a@b.example')).toEqual(['a@b.example']);
    expect(parseAlertEmails(' a@b.example, c@d.example,,a@b.example ')).toEqual(['a@b.example', 'c@d.example']);
    expect(parseAlertEmails(['a@b.example,c@d.example', 'e@f.example'])).toEqual(['a@b.example', 'c@d.example', 'e@f.example']);
  });
});
