import { announceInPublicationOrder, foldAlerts, isFoldedAlert, planFlush, withArticles, type AnnouncedArticle } from '../alert';
import { errorMessage, isAlertDeliveryFailure, StoreIntegrityError } from '../errors';
import type { Alert, FailedAlert, Story } from '../model';
import type { AlertHold, AlertPublisher, AlertQueue } from '../../ports/alerts';
import type { AlertStore, ArticleStore, StoryStore } from '../../ports/store';

export interface FlushDeps {
  store: AlertStore & Pick<StoryStore, 'getStory' | 'listCoverage'> & Pick<ArticleStore, 'getArticle'>;
  publisher: AlertPublisher;
  alertQueue: AlertQueue;
}

export interface FlushOutcome {
  /** Folded alerts published by this flush (re-sent ones included). */
  delivered: Alert[];
  /** Folded alerts an endpoint refused for good: marked failed with their members; the hold is released. */
  failed: FailedAlert[];
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
 * a folded alert recorded but unsent is published again (at worst one repeat, none to a sink
 * that can tell it took it: AlertPublisher.hasTaken; never a loss);
 * members of a sent folded alert are only marked sent; a source is never folded twice.
 *
 * An endpoint refusing a folded alert for good (AlertDeliveryError) marks it and its members
 * failed, and the hold is released: that is the alert's outcome, not the flush's. Any other
 * error is a failure: the other due holds are still flushed, then the first error is thrown (the
 * failing hold stays in place, and the next run retries it).
 */
export async function flushDueAlerts(now: string, deps: FlushDeps, limit = FLUSH_HOLD_LIMIT): Promise<FlushOutcome> {
  const outcome: FlushOutcome = { delivered: [], failed: [], kept: [] };
  const errors: unknown[] = [];
  for (const hold of await deps.alertQueue.listDueHolds(now, limit)) {
    try {
      const flushed = await flushStory(hold.storyId, now, deps);
      outcome.delivered.push(...flushed.delivered);
      outcome.failed.push(...flushed.failed);
      if (!(await deps.alertQueue.releaseHold(hold))) outcome.kept.push(hold);
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
  return outcome;
}

/** Delivers what is held for one story now (the hold itself is the caller's). */
export async function flushStory(storyId: string, now: string, deps: FlushDeps): Promise<{ delivered: Alert[]; failed: FailedAlert[] }> {
  const alerts = await deps.store.listAlerts(storyId);
  const plan = planFlush(alerts);
  const outcome = { delivered: [] as Alert[], failed: [] as FailedAlert[] };
  // Members of a fold that failed, left pending by a flush that stopped while marking them.
  const failedMembers = failedFoldMembers(alerts);
  for (const { member, fold } of failedMembers) await deps.store.markAlertFailed(storyId, member.id, fold.error ?? 'delivery failed', now);
  if (plan.resend.length + plan.complete.length + plan.fold.length === 0) return outcome;
  const story = await deps.store.getStory(storyId);

  for (const folded of plan.resend) await deliverFolded(folded, story, now, deps, outcome, true);
  for (const member of plan.complete) await deps.store.markAlertSent(storyId, member.id, now);

  if (plan.fold.length > 0) {
    const announce = story ? await announceHeld(plan.fold, alerts, story, deps) : plan.fold;
    if (announce.length === 0) {
      // Every held source turned out to be the story's first by publication: nothing is new.
      for (const member of plan.fold) await deps.store.markAlertSent(storyId, member.id, now);
      return outcome;
    }
    const folded = foldAlerts(plan.fold, now, story, undefined, announce);
    if (await deps.store.recordAlert(folded)) await deliverFolded(folded, story, now, deps, outcome);
    // Not recorded: the same members were folded by a racing flush, which delivers them.
  }
  return outcome;
}

/** The held alerts as publication order tells them (announceInPublicationOrder), articles read where it re-points. */
async function announceHeld(held: Alert[], alerts: Alert[], story: Story, deps: FlushDeps): Promise<Alert[]> {
  // Named by a fold (a pending one is re-sent as recorded), or sent or failed on its own.
  const announcedSources = new Set(alerts.flatMap((a) => {
    if (isFoldedAlert(a)) return (a.newSources ?? []).map((n) => n.source.id);
    return a.status === 'pending' ? [] : [a.source.id];
  }));
  const coverage = await deps.store.listCoverage(story.id);
  const { announce, articleIds } = announceInPublicationOrder({ held, coverage, story, announcedSources });
  const articles = new Map<string, AnnouncedArticle>();
  for (const id of articleIds) {
    const article = await deps.store.getArticle(id);
    if (article) articles.set(id, { title: article.title, url: article.url, copyOf: article.copyOf });
  }
  return withArticles(announce, articles);
}

async function deliverFolded(
  folded: Alert, story: Story | undefined, now: string, deps: FlushDeps, outcome: { delivered: Alert[]; failed: FailedAlert[] }, resent = false,
): Promise<void> {
  if (!story) throw new StoreIntegrityError(`alert ${folded.id} is held for story ${folded.storyId}, which does not exist`);
  try {
    // Sent again after a crash to a sink that can tell it took the fold already (alerts.jsonl): only marked.
    if (!(resent && (await deps.publisher.hasTaken?.(folded)))) await deps.publisher.publish(folded, story);
  } catch (error) {
    if (!isAlertDeliveryFailure(error)) throw error;
    // The fold first: a flush stopped before its members are marked marks them next time.
    await deps.store.markAlertFailed(folded.storyId, folded.id, errorMessage(error), now);
    for (const memberId of folded.memberAlertIds ?? []) await deps.store.markAlertFailed(folded.storyId, memberId, errorMessage(error), now);
    outcome.failed.push({
      alertId: folded.id, kind: folded.kind, storyId: folded.storyId, source: folded.source.name, articleId: folded.articleId, error: errorMessage(error),
    });
    return;
  }
  await deps.store.markAlertSent(folded.storyId, folded.id, now);
  for (const memberId of folded.memberAlertIds ?? []) await deps.store.markAlertSent(folded.storyId, memberId, now);
  outcome.delivered.push(folded);
}

function failedFoldMembers(alerts: Alert[]): { member: Alert; fold: Alert }[] {
  const byId = new Map(alerts.map((a) => [a.id, a]));
  const found: { member: Alert; fold: Alert }[] = [];
  for (const fold of alerts.filter((a) => isFoldedAlert(a) && a.status === 'failed')) {
    for (const memberId of fold.memberAlertIds ?? []) {
      const member = byId.get(memberId);
      if (member && member.status === 'pending') found.push({ member, fold });
    }
  }
  return found;
}
