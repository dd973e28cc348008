// First: stack traces name the TypeScript sources, the source map read on the first one (source-mapped-stacks.ts).
import './source-mapped-stacks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createDocumentClient, DynamoAlertQueue, DynamoStore } from '../adapters/dynamodb';
import { S3ObjectSource } from '../adapters/s3';
import { SnsAlertPublisher } from '../adapters/sns';
import { describeError, errorMessage, isRejection, isRetryable } from '../core/errors';
import { DEFAULT_INGEST_CONFIG, ingestObject, objectRecord, type IngestConfig } from '../core/ingest';
import type { RawObject } from '../core/model';
import { DEFAULT_ALERT_COOLDOWN_SECONDS } from '../core/alert';
import type { AlertPublisher, AlertQueue } from '../ports/alerts';
import type { NewswatchStore } from '../ports/store';
import { objectRefsFromSqsRecord, type ObjectRef } from './s3-event-records';
import { requiredEnv } from './environment';

export interface IngestHandlerDeps {
  store: NewswatchStore;
  publisher: AlertPublisher;
  /** Storm control: where alerts wait when `config.alertCooldownSeconds` > 0. */
  alertQueue?: AlertQueue;
  objects: S3ObjectSource;
  config: IngestConfig;
  clock: () => Date;
  log?: (entry: Record<string, unknown>) => void;
}

/**
 * SQS → S3 objects → ingest use case. Each message succeeds or fails on its own (partial batch
 * response), by the one failure policy (docs/architecture.md §4):
 * - rejected input (RejectedInputError: a bad object, quarantined and logged by ingestObject; a
 *   message that is not JSON; an object deleted since the event) consumes the message;
 * - any other error, retryable or not (throttling, AccessDenied from S3 or DynamoDB, an SNS
 *   AuthorizationError, a bug), returns the message in batchItemFailures: SQS delivers it again,
 *   after maxReceiveCount it goes to the dead-letter queue, whose alarm tells the ops topic;
 * - an alert an endpoint refused for good is that alert's failure (marked failed, logged at
 *   level error): the message succeeds, because its article is ingested.
 */
export function createIngestHandler(deps: IngestHandlerDeps) {
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  /**
   * The object, or undefined when reading it was its rejection (too large, deleted since the
   * event): recorded in the object log like any rejected drop, so `ingest --aws --wait` and
   * `alerts`-style views see it.
   */
  const readObjectOrRecord = async (ref: ObjectRef): Promise<RawObject | undefined> => {
    try {
      return await deps.objects.getObject(ref);
    } catch (error) {
      if (!isRejection(error)) throw error;
      const now = deps.clock().toISOString();
      const message = errorMessage(error);
      const quarantineKey = (error as { quarantineKey?: string }).quarantineKey;
      await deps.store.recordObject(objectRecord(ref, [{ file: ref.key, status: 'rejected', error: message }], now, { error: message, quarantineKey }));
      log({ level: 'warn', message: 'object rejected', key: ref.key, error: message });
      return undefined;
    }
  };
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        for (const ref of objectRefsFromSqsRecord(record)) {
          const raw = await readObjectOrRecord(ref);
          if (!raw) continue;
          const results = await ingestObject(raw, { now: deps.clock().toISOString(), config: deps.config }, deps);
          log({ message: 'ingested object', key: ref.key, results: results.map(({ status, articleId, storyId, error, alerts }) => ({ status, articleId, storyId, error, alerts: alerts?.length ?? 0 })) });
          const failedAlerts = results.flatMap((r) => r.failedAlerts ?? []);
          if (failedAlerts.length > 0) log({ level: 'error', message: 'alert delivery failed', key: ref.key, failedAlerts });
        }
      } catch (error) {
        if (isRejection(error)) {
          log({ level: 'warn', message: 'message rejected', messageId: record.messageId, error: describeError(error) });
          continue;
        }
        log({ level: 'error', message: 'ingest failed', messageId: record.messageId, retryable: isRetryable(error), error: describeError(error) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

function depsFromEnvironment(): IngestHandlerDeps {
  const tableName = requiredEnv('TABLE_NAME');
  const doc = createDocumentClient(new DynamoDBClient({}));
  const cooldown = Number(process.env.ALERT_COOLDOWN_SECONDS ?? DEFAULT_ALERT_COOLDOWN_SECONDS);
  return {
    store: new DynamoStore(doc, tableName),
    alertQueue: new DynamoAlertQueue(doc, tableName),
    publisher: new SnsAlertPublisher(new SNSClient({}), requiredEnv('TOPIC_ARN')),
    objects: new S3ObjectSource(new S3Client({}), process.env.QUARANTINE_PREFIX ?? 'quarantine/'),
    config: {
      ...DEFAULT_INGEST_CONFIG,
      trackAll: process.env.TRACK_ALL === 'true',
      alertCooldownSeconds: Number.isFinite(cooldown) && cooldown >= 0 ? cooldown : DEFAULT_ALERT_COOLDOWN_SECONDS,
    },
    clock: () => new Date(),
  };
}

// Clients are built once per Lambda container, on the first invocation.
let handlerInstance: ReturnType<typeof createIngestHandler> | undefined;
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  handlerInstance ??= createIngestHandler(depsFromEnvironment());
  return handlerInstance(event);
};
