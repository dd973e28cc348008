// First: stack traces name the TypeScript sources, the source map read on the first one (source-mapped-stacks.ts).
import './source-mapped-stacks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { createDocumentClient, DynamoAlertQueue, DynamoStore } from '../adapters/dynamodb';
import { SnsAlertPublisher } from '../adapters/sns';
import { describeError, isRetryable } from '../core/errors';
// The module itself, not the ingest barrel: the barrel brings the tagger and the HTML extractor.
import { flushDueAlerts, type FlushDeps } from '../core/ingest/flushAlerts';
import { requiredEnv } from './environment';

export interface AlertFlusherDeps extends FlushDeps {
  clock: () => Date;
  log?: (entry: Record<string, unknown>) => void;
}

/**
 * Runs every minute (EventBridge schedule): publishes the folded alerts of every story whose
 * cooldown has ended. A folded alert an endpoint refuses for good is marked failed (with its
 * members) and logged at level error; the hold is released. Any other error (retryable or not)
 * fails the invocation after the other due holds are flushed: the failing hold stays, and the
 * next run (a minute later) retries it.
 */
export function createAlertFlusherHandler(deps: AlertFlusherDeps) {
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  return async (): Promise<{ delivered: number; failed: number; kept: number }> => {
    let outcome;
    try {
      outcome = await flushDueAlerts(deps.clock().toISOString(), deps);
    } catch (error) {
      log({ level: 'error', message: 'flush failed', retryable: isRetryable(error), error: describeError(error) });
      throw error;
    }
    log({ message: 'flushed held alerts', delivered: outcome.delivered.map((a) => ({ storyId: a.storyId, alertId: a.id, newSources: a.newSources?.length ?? 1 })), kept: outcome.kept.length });
    if (outcome.failed.length > 0) log({ level: 'error', message: 'alert delivery failed', failedAlerts: outcome.failed });
    return { delivered: outcome.delivered.length, failed: outcome.failed.length, kept: outcome.kept.length };
  };
}

function depsFromEnvironment(): AlertFlusherDeps {
  const tableName = requiredEnv('TABLE_NAME');
  const doc = createDocumentClient(new DynamoDBClient({}));
  return {
    store: new DynamoStore(doc, tableName),
    alertQueue: new DynamoAlertQueue(doc, tableName),
    publisher: new SnsAlertPublisher(new SNSClient({}), requiredEnv('TOPIC_ARN')),
    clock: () => new Date(),
  };
}

let handlerInstance: ReturnType<typeof createAlertFlusherHandler> | undefined;
export const handler = async (): Promise<{ delivered: number; failed: number; kept: number }> => {
  handlerInstance ??= createAlertFlusherHandler(depsFromEnvironment());
  return handlerInstance();
};
