import type { DigestFrequency } from '../core/model';
import type { AlertPublisher, AlertQueue } from '../ports/alerts';
import type { DigestPublisher, DigestStore } from '../ports/digests';
import type { FeedStore } from '../ports/feeds';
import type { ObjectSink } from '../ports/objects';
import type { NewswatchStore } from '../ports/store';

/**
 * Where the commands act: the embedded store on this machine, or the deployed stack. Both are
 * the same ports over the same DynamoDB adapter; the CLI (and the dashboard) pick one at the edge
 * and the use cases in lambdas/app never ask which.
 */
export interface Target {
  readonly kind: 'embedded' | 'aws';
  /** For messages: ".newswatch" or "stack Newswatch (table …, eu-west-1)". */
  readonly description: string;
  readonly store: NewswatchStore;
  readonly feeds: FeedStore;
  readonly alertQueue: AlertQueue;
  /** Digests recorded before they are sent, and the alerts of a period (lambdas/app/digest.ts). */
  readonly digests: DigestStore;
  close(): Promise<void>;
}

/** The deployed stack: its drop bucket receives uploads and its alerts go out on SNS. */
export interface DeployedTarget extends Target {
  readonly kind: 'aws';
  readonly region: string;
  readonly stackName: string;
  /** The drop bucket (`BucketName`): `ingest --aws` uploads under incoming/. */
  readonly dropBucket: ObjectSink;
  /** The alerts topic (`TopicArn`): what subscribers receive. */
  readonly topicArn: string;
  /** Publishes alerts as the deployed ingest Lambda does (to the alerts topic). */
  readonly publisher: AlertPublisher;
  /** Publishes digests as the deployed digest Lambda does (to the alerts topic). */
  readonly digestPublisher: DigestPublisher;
  /** Subscribes an email address to the alerts topic, filtered on watch ids and on `delivery` (as-it-happens or a digest period). */
  subscribeEmail(email: string, watchIds: string[], delivery?: DigestFrequency): Promise<string | undefined>;
}
