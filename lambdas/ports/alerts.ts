import type { Alert, Story } from '../core/model';

/** Delivers one alert (SNS, console, JSON lines file, Slack webhook). Throws a RetryableError to retry. */
export interface AlertPublisher {
  publish(alert: Alert, story: Story): Promise<void>;
}
