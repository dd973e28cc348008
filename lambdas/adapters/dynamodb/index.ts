export { DynamoStore } from './store';
export { createDocumentClient, countCommands, type CommandCounter } from './client';
export { ensureTable } from './table';
export { DYNAMO_STORE_DEFAULTS, type DynamoStoreConfig } from './config';
export { isConditionalCheckFailed, isRetryableDynamoError, toStoreError } from './errors';
export { TABLE_KEYS, tableDefinition, itemKey } from './schema';
export { DynamoAlertQueue } from './alert-queue';
