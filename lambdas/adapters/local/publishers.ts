import { appendFileSync } from 'node:fs';
import { renderAlert } from '../../core/alert';
import type { Alert, Story } from '../../core/model';
import type { AlertPublisher } from '../../ports/alerts';

/** Appends each alert, as delivered, to a JSON Lines file (`alerts.jsonl` in the data dir). */
export class JsonLinesAlertPublisher implements AlertPublisher {
  constructor(private readonly file: string) {}
  async publish(alert: Alert): Promise<void> {
    // Synchronous on purpose: one line of a few hundred bytes. Alerts are published one after
    // the other, each marked sent before the next (docs/architecture.md §4), and the async form
    // cost three thread-pool round trips an alert, each waiting its turn on a busy event loop:
    // a fifth of a headline ingest's time (docs/performance.md).
    appendFileSync(this.file, JSON.stringify(alert) + '\n');
  }
}

/** Prints alerts as a reader would see them in an email. */
export class ConsoleAlertPublisher implements AlertPublisher {
  constructor(private readonly write: (text: string) => void = (t) => process.stderr.write(t)) {}
  async publish(alert: Alert): Promise<void> {
    const { subject, text } = renderAlert(alert);
    this.write(`\n🔔 ${subject}\n${text.replace(/^/gm, '   ')}\n`);
  }
}

/** Delivers to every publisher; one failing does not stop the others, but the failure is raised. */
export class FanOutAlertPublisher implements AlertPublisher {
  constructor(private readonly publishers: AlertPublisher[]) {}
  async publish(alert: Alert, story: Story): Promise<void> {
    const outcomes = await Promise.allSettled(this.publishers.map((p) => p.publish(alert, story)));
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

export { SlackAlertPublisher, SlackWebhookPoster } from '../slack';
