// First: stack traces name the TypeScript sources, the source map read on the first one (source-mapped-stacks.ts).
import './source-mapped-stacks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { createDocumentClient, DynamoStore } from '../adapters/dynamodb';
import { DynamoDigestStore } from '../adapters/dynamodb/digest-store';
import { SnsAlertPublisher } from '../adapters/sns';
import { runDigests, type DigestDeps } from '../app/digest';
import { DIGEST_PERIODS, type DigestPeriod } from '../core/alert/digest';
import { describeError, isRetryable, RejectedInputError } from '../core/errors';
import { requiredEnv } from './environment';

/** The schedule's constant input (lib/constructs/digest-scheduler.ts): which digest to send. */
export interface DigestEvent {
  period: DigestPeriod;
  /**
   * Run as if at this ISO time (the last period ended by then): for an operator sending a missed
   * period by hand (`aws lambda invoke … '{"period":"daily","at":"2026-11-27T00:10:00Z"}'`). The
   * schedules never set it.
   */
  at?: string;
}

export interface DigestHandlerDeps extends Required<DigestDeps> {
  clock: () => Date;
  /** How long one run holds the right to publish a digest: the function's timeout and more. */
  deliveryLeaseSeconds: number;
  log?: (entry: Record<string, unknown>) => void;
}

/** The event names no known period, or a bad time: a wiring or typing mistake, never retried into success. */
export class UnknownDigestPeriodError extends RejectedInputError {}

/**
 * Runs on the EventBridge schedules (hourly, daily, weekly; a few minutes past the boundary):
 * the digest of every watch that had alerts in the period that just ended, published to the
 * alerts topic with its `delivery` attribute (subscribers choose with their filter policy).
 * Recorded, published, marked sent: a retry (Lambda's two, then the DLQ) finishes what a failed
 * run left and sends nothing twice but a digest published and not yet marked.
 */
export function createDigestHandler(deps: DigestHandlerDeps) {
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  return async (event: DigestEvent): Promise<{ sent: number; alreadySent: number; failed: number }> => {
    const period = DIGEST_PERIODS.find((known) => known === event?.period);
    if (!period) throw new UnknownDigestPeriodError(`digest event names no period (${JSON.stringify(event?.period)}): one of ${DIGEST_PERIODS.join(', ')}`);
    const at = event.at === undefined ? deps.clock() : new Date(event.at);
    if (Number.isNaN(at.getTime())) throw new UnknownDigestPeriodError(`digest event "at" is not a time: ${JSON.stringify(event.at)}`);
    let report;
    try {
      report = await runDigests(deps, { period, now: at.toISOString(), send: true, watches: 'all', deliveryLeaseSeconds: deps.deliveryLeaseSeconds });
    } catch (error) {
      log({ level: 'error', message: 'digest run failed', period, retryable: isRetryable(error), error: describeError(error) });
      throw error;
    }
    const count = (outcome: string) => report.digests.filter((d) => d.outcome === outcome).length;
    const failed = report.digests.filter((d) => d.outcome === 'failed');
    log({
      message: 'digests sent', period, start: report.window.start,
      sent: report.digests.filter((d) => d.outcome === 'sent').map((d) => ({ watchId: d.digest.watchId, digestId: d.digest.id, stories: d.digest.storyCount })),
      alreadySent: count('already-sent'), quiet: report.quiet.length,
    });
    if (failed.length > 0) log({ level: 'error', message: 'digest delivery failed', digests: failed.map((d) => ({ watchId: d.digest.watchId, digestId: d.digest.id, error: d.digest.error })) });
    return { sent: count('sent'), alreadySent: count('already-sent'), failed: failed.length };
  };
}

/** The lease: the function's 120 s timeout and a margin, so a run still going is never overtaken. */
export const DIGEST_DELIVERY_LEASE_SECONDS = 150;

function depsFromEnvironment(): DigestHandlerDeps {
  const tableName = requiredEnv('TABLE_NAME');
  const doc = createDocumentClient(new DynamoDBClient({}));
  return {
    store: new DynamoStore(doc, tableName),
    digests: new DynamoDigestStore(doc, tableName),
    publisher: new SnsAlertPublisher(new SNSClient({}), requiredEnv('TOPIC_ARN')),
    clock: () => new Date(),
    deliveryLeaseSeconds: DIGEST_DELIVERY_LEASE_SECONDS,
  };
}

let handlerInstance: ReturnType<typeof createDigestHandler> | undefined;
export const handler = async (event: DigestEvent): Promise<{ sent: number; alreadySent: number; failed: number }> => {
  handlerInstance ??= createDigestHandler(depsFromEnvironment());
  return handlerInstance(event);
};
