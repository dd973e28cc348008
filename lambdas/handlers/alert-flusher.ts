import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { createDocumentClient, DynamoAlertQueue, DynamoStore } from '../adapters/dynamodb';
import { SnsAlertPublisher } from '../adapters/sns';
import { flushDueAlerts, type FlushDeps } from '../core/ingest';
import { requiredEnv } from './environment';

export interface AlertFlusherDeps extends FlushDeps {
  clock: () => Date;
  log?: (entry: Record<string, unknown>) => void;
}

/**
 * Runs every minute (EventBridge schedule): publishes the folded alerts of every story whose
 * cooldown has ended. Throws on failure; the next run (a minute later) picks up what is left.
 */
export function createAlertFlusherHandler(deps: AlertFlusherDeps) {
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  return async (): Promise<{ delivered: number; kept: number }> => {
    const outcome = await flushDueAlerts(deps.clock().toISOString(), deps);
    log({ message: 'flushed held alerts', delivered: outcome.delivered.map((a) => ({ storyId: a.storyId, alertId: a.id, newSources: a.newSources?.length ?? 1 })), kept: outcome.kept.length });
    return { delivered: outcome.delivered.length, kept: outcome.kept.length };
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
export const handler = async (): Promise<{ delivered: number; kept: number }> => {
  handlerInstance ??= createAlertFlusherHandler(depsFromEnvironment());
  return handlerInstance();
};
