import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertsTopicProps {
  /** Addresses subscribed by email; each must confirm the subscription AWS mails to it. */
  readonly alertEmails?: string[];
}

/** Where `new-source` alerts are published; subscribers filter on the message attributes. */
export class AlertsTopic extends Construct {
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlertsTopicProps = {}) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'newswatch alerts',
      enforceSSL: true,
      // The AWS-managed key needs no key policy for the publisher: SNS uses it on the caller's behalf.
      masterKey: kms.Alias.fromAliasName(this, 'SnsManagedKey', 'alias/aws/sns'),
    });
    for (const email of parseAlertEmails(props.alertEmails)) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }
  }
}

/** Splits comma-separated entries, trims them and drops blanks and repeats. */
export function parseAlertEmails(input: string | readonly string[] | undefined): string[] {
  const entries = input === undefined ? [] : typeof input === 'string' ? [input] : input;
  const emails = entries.flatMap((entry) => entry.split(',')).map((e) => e.trim()).filter(Boolean);
  return [...new Set(emails)];
}
