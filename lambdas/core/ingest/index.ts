export { ingestObject, objectRecord } from './ingestObject';
export type { ObjectDeps, ObjectOptions } from './ingestObject';
export { ingestDocument } from './ingestDocument';
export { flushDueAlerts, flushStory, FLUSH_HOLD_LIMIT, type FlushDeps, type FlushOutcome } from './flushAlerts';
export { DEFAULT_INGEST_CONFIG, TRACK_ALL_WATCH } from './config';
export type { IngestConfig } from './config';
