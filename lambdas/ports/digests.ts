import type { Digest, DigestPeriod, DigestWindow } from '../core/alert/digest';
import type { Alert } from '../core/model';

/**
 * Where digests are recorded before they are published, as alerts are (AlertStore): one item
 * per watch and period, put if absent under its deterministic id, with a delivery lease.
 */
export type StoredDigest = Digest & { deliveryLeaseUntil?: string };

export interface DigestStore {
  /**
   * Records the digest before it is published; false when one was recorded already for its
   * watch and period (the caller reads it back and goes on with it). With `deliveryLeaseUntil`,
   * the recorder holds the right to publish it until then, from the same write.
   */
  recordDigest(digest: Digest, deliveryLeaseUntil?: string): Promise<boolean>;
  getDigest(period: DigestPeriod, periodStart: string, watchId: string): Promise<StoredDigest | undefined>;
  /** Takes the right to publish a pending digest until `leaseUntil`: false when sent, failed, or leased by another. */
  claimDigestDelivery(digest: Digest, now: string, leaseUntil: string): Promise<boolean>;
  /** Gives a lease back after a failed publish (best effort). */
  releaseDigestDelivery(digest: Digest): Promise<void>;
  markDigestSent(digest: Digest, sentAt: string): Promise<void>;
  /** An endpoint refused it for good: failed with the error, not retried by itself. */
  markDigestFailed(digest: Digest, error: string, failedAt: string): Promise<void>;
  /** The digests of one period, every watch (a Query on the period's partition). */
  listDigests(period: DigestPeriod, periodStart: string): Promise<StoredDigest[]>;
  /** Every alert created in the window, oldest first, at most `limit` (a key-range Query on the alert listing). */
  listAlertsCreatedIn(window: Pick<DigestWindow, 'start' | 'end'>, limit?: number): Promise<Alert[]>;
}

/** Delivers one digest (SNS, the terminal, alerts' JSON Lines file, a Slack webhook). */
export interface DigestPublisher {
  publishDigest(digest: Digest): Promise<void>;
}
