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
}

export const DEFAULT_ALERT_CONFIG: Readonly<AlertConfig> = Object.freeze({
  alertOnNewStory: false,
  alertIdLength: 32,
  alertTopCount: 5,
  subjectMaxLength: 99,
  listedSourceLimit: 20,
});

export function alertConfig(overrides?: Partial<AlertConfig>): AlertConfig {
  return { ...DEFAULT_ALERT_CONFIG, ...overrides };
}
