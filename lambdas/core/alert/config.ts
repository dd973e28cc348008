/** Tuning constants of the alert step. Callers may override any of them. */
export interface AlertConfig {
  /** Also alert when a tracked story is created (its first source). Off: users asked for new sources. */
  alertOnNewStory: boolean;
  /** Hex characters of the sha256 kept in an alert id. */
  alertIdLength: number;
  /** Actors and topics an alert carries (ids for filter policies, names for people). */
  alertTopCount: number;
  /** SNS requires subjects shorter than 100 characters. */
  subjectMaxLength: number;
  /** Sources named in a message body before "and N more". */
  listedSourceLimit: number;
  /** New sources a folded alert lists one by one before "and N more" (Slack and email). */
  listedNewSourceLimit: number;
  /** Slack: a section's mrkdwn text may hold 3000 characters; we stay under it. */
  slackSectionMaxLength: number;
}

/**
 * Storm control in AWS: a story's new sources are held this long and delivered as one alert.
 * Ten minutes: a story breaking across twenty outlets sends one or two messages, not twenty,
 * and the first new source is never more than ten minutes late.
 */
export const DEFAULT_ALERT_COOLDOWN_SECONDS = 600;

/** Locally (`newswatch ingest`, `npm start`) alerts go out at once unless `--cooldown` says otherwise. */
export const LOCAL_ALERT_COOLDOWN_SECONDS = 0;

export const DEFAULT_ALERT_CONFIG: Readonly<AlertConfig> = Object.freeze({
  alertOnNewStory: false,
  alertIdLength: 32,
  alertTopCount: 5,
  subjectMaxLength: 99,
  listedSourceLimit: 20,
  listedNewSourceLimit: 20,
  slackSectionMaxLength: 2900,
});

export function alertConfig(overrides?: Partial<AlertConfig>): AlertConfig {
  return { ...DEFAULT_ALERT_CONFIG, ...overrides };
}
