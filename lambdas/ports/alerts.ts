import type { Alert, Story } from '../core/model';

/** Delivers one alert (SNS, console, JSON lines file, Slack webhook). Throws a RetryableError to retry. */
export interface AlertPublisher {
  publish(alert: Alert, story: Story): Promise<void>;
  /**
   * Only on a sink that can tell (a file of alerts, by id; not a terminal, Slack or SNS): whether
   * it has taken the alert already, published by a run that stopped before marking it sent. A resumed
   * run then marks it without publishing it again, and a local group's alerts can be published
   * together and marked sent in one batch: no crash repeats one.
   */
  hasTaken?(alert: Alert): Promise<boolean>;
}

/** A story's storm-control hold: its held alerts are delivered, folded into one, at `dueAt`. */
export interface AlertHold {
  storyId: string;
  /** ISO time the cooldown ends. */
  dueAt: string;
  /** Bumped by every alert held under it: a flusher releases the hold only if nothing joined meanwhile. */
  version: number;
}

/** Where held alerts wait: one hold item per story, listed by due time (never a Scan). */
export interface AlertQueue {
  /**
   * Holds the story's alerts until `dueAt`, or keeps the earlier due time of a hold already
   * open (nothing waits longer than one cooldown). Every call bumps the hold's version.
   */
  holdAlerts(storyId: string, dueAt: string): Promise<AlertHold>;
  /** Holds due at or before `now`, earliest first (a Query on the due-time partition). */
  listDueHolds(now: string, limit?: number): Promise<AlertHold[]>;
  /** The earliest hold, due or not: how long a one-shot run must wait. */
  nextHold(): Promise<AlertHold | undefined>;
  /** Every open hold, due or not, earliest first (a Query on the due-time partition); at most `limit`. */
  listHolds(limit?: number): Promise<AlertHold[]>;
  /** Deletes the hold if its version is still `version`; false when an alert joined it meanwhile. */
  releaseHold(hold: AlertHold): Promise<boolean>;
}
