import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertsTopicProps {
  /** Addresses subscribed by email; each must confirm the subscription AWS mails to it. */
  readonly alertEmails?: string[];
  /** Email subscribers, each optionally limited to the stories some watches track (filter policy). */
  readonly emailSubscribers?: EmailSubscriber[];
}

export interface EmailSubscriber {
  readonly email: string;
  /** Watch ids: the subscription's filter policy on the `watchIds` attribute. Every alert when absent. */
  readonly watchIds?: string[];
}

/**
 * What a subscriber made at deploy time receives: single alerts as they happen, and the digests
 * of the watches set to one (`watch add --digest`); not the per-period digests of every watch,
 * which `newswatch subscribe --digest daily` asks for (core/alert/digest.ts DeliveryAudience).
 */
export function asItHappensFilter(): Record<string, sns.SubscriptionFilter> {
  return { delivery: sns.SubscriptionFilter.stringFilter({ allowlist: ['as-it-happens'] }) };
}

/** Where alerts and digests are published; subscribers filter on the message attributes. */
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
      this.topic.addSubscription(new subscriptions.EmailSubscription(email, { filterPolicy: asItHappensFilter() }));
    }
    for (const subscriber of props.emailSubscribers ?? []) {
      const watchIds = [...new Set(subscriber.watchIds ?? [])];
      this.topic.addSubscription(new subscriptions.EmailSubscription(subscriber.email, {
        filterPolicy: { ...asItHappensFilter(), ...(watchIds.length > 0 ? { watchIds: sns.SubscriptionFilter.stringFilter({ allowlist: watchIds }) } : {}) },
      }));
    }
  }
}

/** Splits comma-separated entries, trims them and drops blanks and repeats. */
export function parseAlertEmails(input: string | readonly string[] | undefined): string[] {
  const entries = input === undefined ? [] : typeof input === 'string' ? [input] : input;
  const emails = entries.flatMap((entry) => entry.split(',')).map((e) => e.trim()).filter(Boolean);
  return [...new Set(emails)];
}

/**
 * Context `alertEmail`: comma-separated entries, each `address` or `address:watch+watch` (only
 * the stories those watches track), e.g. `ops@x.example,ana@y.example:rubio+ukraine`.
 */
export function parseEmailSubscribers(input: string | readonly string[] | undefined): EmailSubscriber[] {
  const byEmail = new Map<string, Set<string>>();
  for (const entry of parseAlertEmails(input)) {
    const [email, watches = ''] = entry.split(':', 2).map((part) => part.trim());
    if (!email) continue;
    const set = byEmail.get(email) ?? new Set<string>();
    for (const watch of watches.split('+').map((w) => w.trim()).filter(Boolean)) set.add(watch);
    byEmail.set(email, set);
  }
  return [...byEmail].map(([email, watches]) => (watches.size > 0 ? { email, watchIds: [...watches] } : { email }));
}
