import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { parseAlertEmails } from './alerts-topic';

/** How long the oldest message may wait on the ingest queue before someone is told: 15 minutes. */
export const INGEST_BACKLOG_ALARM_AGE = Duration.minutes(15);

export interface OperationsAlarmsProps {
  /** Dead-letter queues by a readable name ("Ingest", "FeedPoller", "AlertFlusher"): one alarm each. */
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
  /** The ingest queue: an alarm when its oldest message has waited too long (ingest is stuck). */
  readonly ingestQueue: sqs.IQueue;
  /** Addresses told by email when an alarm fires (context `opsEmail`). */
  readonly opsEmails?: string[];
}

/**
 * Tells the operators, not the readers, when something needs a person: a message reached a
 * dead-letter queue (an article, a feed poll, a flush of held alerts or a Slack delivery failed
 * after its retries; it is kept there 14 days to look at and redrive), or ingest fell behind.
 * Alarms go to their own topic: the alerts topic is for news.
 */
export class OperationsAlarms extends Construct {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;
  public readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    // CloudWatch can publish to an encrypted topic only under a customer key whose policy lets it.
    const key = new kms.Key(this, 'TopicKey', { enableKeyRotation: true, description: 'newswatch operations alarms topic' });
    this.key = key;
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }));
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'newswatch operations', enforceSSL: true, masterKey: key });
    for (const email of parseAlertEmails(props.opsEmails)) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    const notify = new actions.SnsAction(this.topic);
    // Every alarm here fires on one 5-minute period at or over its threshold; no data is no trouble.
    const alarmAtLeast = (alarmId: string, metric: cloudwatch.IMetric, threshold: number, alarmDescription: string) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        alarmDescription,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(notify);
      this.alarms.push(alarm);
    };
    const maxOver5Minutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM };

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarmAtLeast(`${name}DeadLetters`, queue.metricApproximateNumberOfMessagesVisible(maxOver5Minutes), 1,
        `A message reached the ${name} dead-letter queue: it failed after its retries and waits there (14 days) to be looked at and redriven.`);
    }
    alarmAtLeast('IngestBacklog', props.ingestQueue.metricApproximateAgeOfOldestMessage(maxOver5Minutes), INGEST_BACKLOG_ALARM_AGE.toSeconds(),
      `An article has waited more than ${INGEST_BACKLOG_ALARM_AGE.toMinutes()} minutes on the ingest queue: ingest is failing or cannot keep up.`);
  }
}
