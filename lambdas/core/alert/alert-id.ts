import { createHash } from 'node:crypto';
import { DEFAULT_ALERT_CONFIG } from './config';
import type { AlertKind } from '../model';

/**
 * Deterministic alert id: the same kind, story and source always give the same id, so a
 * retried or resumed ingest records and publishes the same alert, never a second one.
 */
export function alertIdFor(kind: AlertKind, storyId: string, sourceId: string, length = DEFAULT_ALERT_CONFIG.alertIdLength): string {
  return createHash('sha256').update(`${kind}\u0000${storyId}\u0000${sourceId}`).digest('hex').slice(0, length);
}
