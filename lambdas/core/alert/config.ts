/** Tuning constants of the alert step. Callers may override any of them. */
export interface AlertConfig {
  /**
   * Alert every tracked story's creation (its first source), whatever its watches' `on` says. Off:
   * each watch chooses (`watch add --on new-story|both`), new sources only by default.
   */
  alertOnNewStory: boolean;
  /** Parsed watch queries kept in memory (by text), so each is parsed once, not per article. */
  queryCacheSize: number;
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
  /** Slack: a section field's text may hold 2000 characters (capped at SLACK_LIMITS.fieldText whatever this says). */
  slackFieldMaxLength: number;

  /** A headline or article title in a message body (the email subject has its own limit). */
  titleMaxLength: number;
  /** A source name as a message shows it (normalize keeps new ones within MAX_SOURCE_NAME_CHARS already). */
  sourceNameMaxLength: number;
  /** An actor or topic name. */
  nameMaxLength: number;
  /** "Why: …", the reason an alert fired. */
  reasonMaxLength: number;
  /** A link: longer ones are shown as text only (Slack) or cut (email). */
  urlMaxLength: number;
  /** Ids and timestamps (story, alert, article ids; first seen): never long, capped all the same. */
  idMaxLength: number;
}

/**
 * Slack's documented limits (Block Kit reference, api.slack.com/reference/block-kit): a section's
 * text 3000 characters, each of its fields 2000 and at most 10 fields, a header's text 150, a
 * context block 10 elements, a message 50 blocks. Fixed by Slack: not configurable.
 */
export const SLACK_LIMITS = Object.freeze({
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  contextElements: 10,
  blocks: 50,
});

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
  queryCacheSize: 1000,
  alertIdLength: 32,
  alertTopCount: 5,
  subjectMaxLength: 99,
  listedSourceLimit: 20,
  listedNewSourceLimit: 20,
  slackSectionMaxLength: 2900,
  slackFieldMaxLength: 2000,
  titleMaxLength: 200,
  sourceNameMaxLength: 100,
  nameMaxLength: 100,
  reasonMaxLength: 500,
  urlMaxLength: 1000,
  idMaxLength: 100,
});

export function alertConfig(overrides?: Partial<AlertConfig>): AlertConfig {
  return { ...DEFAULT_ALERT_CONFIG, ...overrides };
}
