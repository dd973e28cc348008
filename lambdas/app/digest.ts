import { composeDigest, digestPeriodOf, lastCompletePeriod, type Digest, type DigestPeriod, type DigestWindow } from '../core/alert/digest';
import { digestConfig, type DigestConfig } from '../core/alert/digest-config';
import { ConfigurationError, errorMessage, isAlertDeliveryFailure, RetryableError } from '../core/errors';
import type { Watch } from '../core/model';
import type { DigestPublisher, DigestStore, StoredDigest } from '../ports/digests';
import type { NewswatchStore } from '../ports/store';

/**
 * Digests: one message per watch and period listing the tracked stories that gained coverage.
 * The same use case runs in the scheduled digest Lambda and behind `newswatch alerts digest`
 * (either target). Sending follows the alerts' rule: record the digest under its deterministic
 * id (watch + period start) with a delivery lease, publish, then mark it sent. A rerun for the
 * same period finds it sent and sends nothing; a run that died after recording (or after
 * publishing, before marking) publishes it again: nothing is skipped, nothing lost.
 */

export interface DigestDeps {
  store: Pick<NewswatchStore, 'listWatches'>;
  digests: DigestStore;
  /** Needed to send; a preview needs none. */
  publisher?: DigestPublisher;
}

export interface DigestRunOptions {
  period: DigestPeriod;
  /** The run's clock (ISO): it covers the last period ended by then. */
  now: string;
  /** Record, publish and mark sent; otherwise only compose and show (nothing is written). */
  send: boolean;
  /**
   * `digest`: the watches that asked for this period's digest (`watch add --digest daily`);
   * `all`: every watch with alerts in the period, for subscribers who chose digests (SNS
   * filter policy on `delivery`): what the scheduled Lambda sends.
   */
  watches: 'digest' | 'all';
  /** Only these watch ids (the CLI maps names with watchIdFor). */
  only?: string[];
  /** How long a sender holds the right to publish one digest (0 locally: see LOCAL_DELIVERY_LEASE_SECONDS). */
  deliveryLeaseSeconds: number;
  config?: Partial<DigestConfig>;
}

/**
 * What became of each watch's digest in this run: `sent` now; `already-sent` (a run before did);
 * `failed` (an endpoint refused it for good, now or before: not retried by itself); `preview`
 * (composed or read back, not sent).
 */
export type DigestOutcome = 'sent' | 'already-sent' | 'failed' | 'preview';

export interface DigestReport {
  window: DigestWindow;
  /** `recorded`: the digest was found recorded (a preview otherwise shows what a send would record). */
  digests: { digest: StoredDigest; outcome: DigestOutcome; recorded?: boolean }[];
  /** Watches considered that had nothing in the period. */
  quiet: string[];
}

export async function runDigests(deps: DigestDeps, options: DigestRunOptions): Promise<DigestReport> {
  const config = digestConfig(options.config);
  const window = lastCompletePeriod(options.period, options.now);
  const watches = selectWatches(await deps.store.listWatches(), options);
  const alerts = watches.length > 0 ? await deps.digests.listAlertsCreatedIn(window, config.maxAlertsPerRun) : [];
  const report: DigestReport = { window, digests: [], quiet: [] };
  // One watch's failure does not keep the others' digests back; the first is raised at the end.
  let firstFailure: unknown;
  for (const watch of watches) {
    const composed = composeDigest({ watch, window, alerts, now: options.now, config });
    if (!composed) {
      report.quiet.push(watch.id);
      continue;
    }
    if (!options.send) {
      const recorded = await deps.digests.getDigest(composed.period, composed.periodStart, composed.watchId);
      report.digests.push({ digest: recorded ?? composed, outcome: 'preview', recorded: recorded !== undefined });
      continue;
    }
    try {
      report.digests.push(await sendDigest(composed, deps, options));
    } catch (error) {
      firstFailure ??= error;
    }
  }
  if (firstFailure !== undefined) throw firstFailure;
  return report;
}

/** Record (with a lease), publish, mark sent; or finish what an earlier run recorded. */
async function sendDigest(composed: Digest, deps: DigestDeps, options: DigestRunOptions): Promise<DigestReport['digests'][number]> {
  if (!deps.publisher) throw new ConfigurationError('sending digests needs a digest publisher');
  const { now } = options;
  const lease = new Date(Date.parse(now) + options.deliveryLeaseSeconds * 1000).toISOString();
  const recorded = await deps.digests.recordDigest(composed, lease);
  // What was recorded is what goes out: a rerun publishes the digest as first composed.
  const digest: StoredDigest = recorded ? composed : await readRecorded(composed, deps.digests);
  if (digest.status === 'sent') return { digest, outcome: 'already-sent' };
  if (digest.status === 'failed') return { digest, outcome: 'failed' };
  if (!recorded && !(await deps.digests.claimDigestDelivery(digest, now, lease))) {
    throw new DigestLeasedError(digest);
  }
  try {
    await deps.publisher.publishDigest(digest);
  } catch (error) {
    if (isAlertDeliveryFailure(error)) {
      await deps.digests.markDigestFailed(digest, errorMessage(error), now);
      return { digest: { ...digest, status: 'failed', error: errorMessage(error), failedAt: now }, outcome: 'failed' };
    }
    // Give the lease back so a retry need not wait for it; if that fails too, it expires.
    await deps.digests.releaseDigestDelivery(digest).catch(() => undefined);
    throw error;
  }
  await deps.digests.markDigestSent(digest, now);
  return { digest: { ...digest, status: 'sent', sentAt: now }, outcome: 'sent' };
}

async function readRecorded(digest: Digest, digests: DigestStore): Promise<StoredDigest> {
  const stored = await digests.getDigest(digest.period, digest.periodStart, digest.watchId);
  if (!stored) throw new RetryableDigestReadError(digest);
  return stored;
}

function selectWatches(watches: Watch[], options: DigestRunOptions): Watch[] {
  const only = options.only?.length ? new Set(options.only) : undefined;
  return watches
    .filter((watch) => !only || only.has(watch.id))
    .filter((watch) => options.watches === 'all' || digestPeriodOf(watch) === options.period)
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Another run holds an unexpired lease on this digest: it is publishing it, or died doing so. */
export class DigestLeasedError extends RetryableError {
  constructor(digest: StoredDigest) {
    super(
      `digest ${digest.id} (watch ${digest.watchId}, ${digest.period} from ${digest.periodStart}) is being sent by another run` +
      `${digest.deliveryLeaseUntil ? ` (lease until ${digest.deliveryLeaseUntil})` : ''}: run again once its lease has ended`,
    );
  }
}

/** Recorded, yet not readable back (never on a strongly consistent read): a retry looks again. */
export class RetryableDigestReadError extends RetryableError {
  constructor(digest: Digest) {
    super(`digest ${digest.id} (watch ${digest.watchId}) was recorded but cannot be read back`);
  }
}
