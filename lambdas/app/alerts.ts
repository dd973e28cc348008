import { isFoldedAlert } from '../core/alert';
import { flushDueAlerts, FLUSH_HOLD_LIMIT } from '../core/ingest';
import type { Alert, FailedAlert } from '../core/model';
import type { AlertPublisher, AlertQueue } from '../ports/alerts';
import type { NewswatchStore, StoredAlert } from '../ports/store';

/**
 * Alerts as a user sees them: what was sent, what storm control holds, what failed. Use cases
 * over the ports only, the same for the embedded store and the deployed stack.
 */

/** What became of an alert, derived from its stored fields (see alertDelivery). */
export type AlertDelivery = 'sent' | 'held' | 'failed' | 'pending';

export type AlertView = StoredAlert & {
  delivery: AlertDelivery;
  /** The folded alert that carries this per-source alert, when that fold is among the alerts read. */
  foldedInto?: string;
};

export interface AlertFilter {
  /** Only alerts not sent (held, failed or being delivered). */
  pending?: boolean;
  /** Only alerts created at or after this ISO time. */
  since?: string;
  /** Only this story's alerts (its own partition) instead of every story's recent ones. */
  storyId?: string;
  /** At most this many (default DEFAULT_ALERT_LIST_LIMIT). */
  limit?: number;
}

export const DEFAULT_ALERT_LIST_LIMIT = 100;

/** A `pending` listing looks through this many of the newest alerts (one Query, never a Scan). */
export const FILTERED_ALERT_WINDOW = 1000;

/**
 * How an alert stands, in this order (`foldedInto`: the folded alert that names it, if known):
 *
 * - `sent`: marked sent; or a per-source alert named by a *sent* folded alert (`foldedInto`):
 *   storm control delivered it through that fold, and its own mark follows (a flush that stopped
 *   between the two leaves it pending; the next flush only marks it).
 * - `held`: a per-source alert storm control holds (`heldUntil` set, not sent): it waits for its
 *   story's cooldown to end and a flush to fold it into one alert; also once `heldUntil` has
 *   passed, until that flush runs. (A held alert whose hold item was never written, the ingest
 *   having stopped between the two writes, reads held too: the hold is not read here.)
 * - `pending`: not sent and a worker holds an unexpired delivery lease (`deliveryLeaseUntil` >
 *   `now`): it is being delivered right now.
 * - `failed`: marked failed (an endpoint refused it for good: `error` says why; a fold's members
 *   with it); or not sent, not held, and no unexpired lease: nobody is delivering it. Its publish
 *   failed (the lease was given back) or its worker stopped before marking it sent (the lease ran
 *   out). An immediate alert is re-published only when its object is processed again (the S3
 *   event's retry, or ingesting the file again); a folded alert by the next flush of its story's
 *   hold. A folded alert being published at this very moment reads failed too: a fold is recorded
 *   without a lease, and marked sent right after its publish.
 */
export function alertDelivery(alert: StoredAlert, now: string, foldedInto?: Alert): AlertDelivery {
  if (alert.status === 'sent') return 'sent';
  if (alert.status === 'failed') return 'failed';
  if (!isFoldedAlert(alert) && foldedInto?.status === 'sent' && foldedInto.memberAlertIds?.includes(alert.id)) return 'sent';
  if (alert.heldUntil !== undefined && !isFoldedAlert(alert)) return 'held';
  if (alert.deliveryLeaseUntil !== undefined && alert.deliveryLeaseUntil > now) return 'pending';
  return 'failed';
}

/**
 * The alerts a user asks for, newest first (creation time, then id), each with its delivery.
 * With `storyId`: that story's alerts (one Query on its partition). Otherwise the recent alerts of
 * every story (one Query on the alert listing; `pending` looks through the FILTERED_ALERT_WINDOW
 * newest), plus, for held alerts that no fold among them names, one Query per story concerned to
 * learn whether a sent fold delivered them. `now` decides whether a delivery lease still runs.
 */
export async function listAlerts(
  store: Pick<NewswatchStore, 'listRecentAlerts' | 'listAlerts'>,
  filter: AlertFilter = {},
  now: string = new Date().toISOString(),
): Promise<AlertView[]> {
  const limit = filter.limit ?? DEFAULT_ALERT_LIST_LIMIT;
  if (limit <= 0) return [];
  let alerts: StoredAlert[];
  let partitionsRead: boolean;
  if (filter.storyId !== undefined) {
    alerts = (await store.listAlerts(filter.storyId)).filter((a) => filter.since === undefined || a.createdAt >= filter.since);
    alerts.sort(newestFirst);
    partitionsRead = true;
  } else {
    alerts = await store.listRecentAlerts({ since: filter.since, limit: filter.pending ? Math.max(limit, FILTERED_ALERT_WINDOW) : limit });
    partitionsRead = false;
  }

  const folds = foldsByMember(alerts);
  if (!partitionsRead) {
    // A held alert reads sent when a sent fold names it: read its story's alerts if no fold read does.
    const unknown = new Set(alerts.filter((a) => a.status !== 'sent' && a.heldUntil !== undefined && !isFoldedAlert(a) && !folds.has(memberKey(a)))
      .map((a) => a.storyId));
    const stories = await Promise.all([...unknown].map((storyId) => store.listAlerts(storyId)));
    for (const [key, fold] of foldsByMember(stories.flat())) if (!folds.has(key) || fold.status === 'sent') folds.set(key, fold);
  }

  const views = alerts.map((alert): AlertView => {
    const fold = isFoldedAlert(alert) ? undefined : folds.get(memberKey(alert));
    const view: AlertView = { ...alert, delivery: alertDelivery(alert, now, fold) };
    if (fold) view.foldedInto = fold.id;
    return view;
  });
  return views.filter((view) => !filter.pending || view.delivery !== 'sent').slice(0, limit);
}

function newestFirst(a: Alert, b: Alert): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function memberKey(alert: Pick<Alert, 'storyId' | 'id'>): string {
  return `${alert.storyId}\u0000${alert.id}`;
}

/** Each per-source alert named by a folded alert -> that fold (a sent one wins). */
function foldsByMember(alerts: Alert[]): Map<string, Alert> {
  const folds = new Map<string, Alert>();
  for (const fold of alerts.filter(isFoldedAlert)) {
    for (const memberId of fold.memberAlertIds ?? []) {
      const key = memberKey({ storyId: fold.storyId, id: memberId });
      const known = folds.get(key);
      if (!known || (known.status !== 'sent' && fold.status === 'sent')) folds.set(key, fold);
    }
  }
  return folds;
}

// ---- delivering held alerts ------------------------------------------------------------------

export interface AlertDeliveryDeps {
  store: NewswatchStore;
  publisher: AlertPublisher;
  alertQueue: AlertQueue;
}

export interface DeliverPendingOptions {
  clock?: () => Date;
  /** How the run waits out a cooldown (tests pass one that advances their clock). */
  sleep?: (ms: number) => Promise<void>;
  /** Told before the run waits for a cooldown to end. */
  onWait?: (info: { storyId: string; dueAt: string; waitMs: number }) => void;
  /** Told of every folded alert delivered when a cooldown ends. */
  onDelivered?: (alert: Alert) => void;
  /** Told of every folded alert an endpoint refused for good (marked failed, with its members). */
  onFailed?: (alert: FailedAlert) => void;
}

/**
 * A one-shot run delivers what is held before it exits: it flushes the holds that are due,
 * waits for the next one to come due, and so on until none is left (also those left by an
 * earlier run that stopped early). Returns the folded alerts it delivered.
 */
export async function deliverPendingAlerts(deps: AlertDeliveryDeps, options: DeliverPendingOptions = {}): Promise<Alert[]> {
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const delivered: Alert[] = [];
  for (let next = await deps.alertQueue.nextHold(); next; next = await deps.alertQueue.nextHold()) {
    const waitMs = Date.parse(next.dueAt) - clock().getTime();
    if (waitMs > 0) {
      options.onWait?.({ storyId: next.storyId, dueAt: next.dueAt, waitMs });
      await sleep(waitMs);
    }
    delivered.push(...(await flushHeldAlerts(deps, clock().toISOString(), options)));
  }
  return delivered;
}

/**
 * Delivers the holds due at `now` (their cooldown over) and returns at once with the folded
 * alerts it delivered, telling each delivered and each refused one: holds not yet due stay held,
 * as does a hold an alert joined meanwhile (the next flush takes it). At most FLUSH_HOLD_LIMIT
 * holds per call (the flusher's bound); `now` is also the time the folded alerts are created and
 * marked sent.
 */
export async function flushHeldAlerts(
  deps: AlertDeliveryDeps, now: string, options: Pick<DeliverPendingOptions, 'onDelivered' | 'onFailed'> = {},
): Promise<Alert[]> {
  const outcome = await flushDueAlerts(now, deps, FLUSH_HOLD_LIMIT);
  for (const alert of outcome.delivered) options.onDelivered?.(alert);
  for (const alert of outcome.failed) options.onFailed?.(alert);
  return outcome.delivered;
}

/** What storm control holds: counted in holds, one per story (its alerts are not read). */
export interface HeldAlertsSummary {
  /** Stories with held alerts (one hold each, however many alerts wait in it). */
  holds: number;
  /** Of those, the holds already due at `now`: the next flush delivers them. */
  due: number;
  /** When the last hold comes due: everything held now is delivered by then. Absent when nothing is held. */
  until?: string;
}

/**
 * For messages like "alerts held for 3 stories until 12:05": one Query on the holds (never a
 * Scan). Counts holds, not alerts: counting alerts would read each story's alerts.
 */
export async function describeHeldAlerts(alertQueue: AlertQueue, now: string): Promise<HeldAlertsSummary> {
  const holds = await alertQueue.listHolds();
  const summary: HeldAlertsSummary = { holds: holds.length, due: holds.filter((hold) => hold.dueAt <= now).length };
  if (holds.length > 0) summary.until = holds[holds.length - 1].dueAt;
  return summary;
}
