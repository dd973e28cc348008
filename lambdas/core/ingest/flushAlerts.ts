import { foldAlerts, planFlush } from '../alert';
import { StoreIntegrityError } from '../errors';
import type { Alert, Story } from '../model';
import type { AlertHold, AlertPublisher, AlertQueue } from '../../ports/alerts';
import type { AlertStore, StoryStore } from '../../ports/store';

export interface FlushDeps {
  store: AlertStore & Pick<StoryStore, 'getStory'>;
  publisher: AlertPublisher;
  alertQueue: AlertQueue;
}

export interface FlushOutcome {
  /** Folded alerts published by this flush (re-sent ones included). */
  delivered: Alert[];
  /** Holds left in place because an alert joined them while they were being flushed. */
  kept: AlertHold[];
}

/** Bounds one flush run; the rest waits for the next (a minute later in AWS). */
export const FLUSH_HOLD_LIMIT = 100;

/**
 * Delivers every hold whose cooldown has ended: its story's held alerts folded into one.
 * Each step is a single-item conditional write, in an order that survives a crash anywhere:
 * record the folded alert (deterministic id), publish it, mark it sent, mark its members sent,
 * release the hold only if no alert joined it meanwhile. A re-run finishes what a crash left:
 * a folded alert recorded but unsent is published again (at worst one repeat, never a loss);
 * members of a sent folded alert are only marked sent; a source is never folded twice.
 */
export async function flushDueAlerts(now: string, deps: FlushDeps, limit = FLUSH_HOLD_LIMIT): Promise<FlushOutcome> {
  const outcome: FlushOutcome = { delivered: [], kept: [] };
  for (const hold of await deps.alertQueue.listDueHolds(now, limit)) {
    outcome.delivered.push(...(await flushStory(hold.storyId, now, deps)));
    if (!(await deps.alertQueue.releaseHold(hold))) outcome.kept.push(hold);
  }
  return outcome;
}

/** Delivers what is held for one story now (the hold itself is the caller's). */
export async function flushStory(storyId: string, now: string, deps: FlushDeps): Promise<Alert[]> {
  const plan = planFlush(await deps.store.listAlerts(storyId));
  const delivered: Alert[] = [];
  if (plan.resend.length + plan.complete.length + plan.fold.length === 0) return delivered;
  const story = await deps.store.getStory(storyId);

  for (const folded of plan.resend) {
    await deliverFolded(folded, story, now, deps);
    delivered.push(folded);
  }
  for (const member of plan.complete) await deps.store.markAlertSent(storyId, member.id, now);

  if (plan.fold.length > 0) {
    const folded = foldAlerts(plan.fold, now, story);
    if (await deps.store.recordAlert(folded)) {
      await deliverFolded(folded, story, now, deps);
      delivered.push(folded);
    }
    // Not recorded: the same members were folded by a racing flush, which delivers them.
  }
  return delivered;
}

async function deliverFolded(folded: Alert, story: Story | undefined, now: string, deps: FlushDeps): Promise<void> {
  if (!story) throw new StoreIntegrityError(`alert ${folded.id} is held for story ${folded.storyId}, which does not exist`);
  await deps.publisher.publish(folded, story);
  await deps.store.markAlertSent(folded.storyId, folded.id, now);
  for (const memberId of folded.memberAlertIds ?? []) await deps.store.markAlertSent(folded.storyId, memberId, now);
}
