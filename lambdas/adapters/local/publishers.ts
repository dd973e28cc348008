import { appendFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { renderAlert } from '../../core/alert';
import type { Alert, Story } from '../../core/model';
import type { AlertPublisher } from '../../ports/alerts';

/** Appends each alert, as delivered, to a JSON Lines file (`alerts.jsonl` in the data dir). */
export class JsonLinesAlertPublisher implements AlertPublisher {
  /** The ids the file holds: read once, on the first question (a resumed run), then kept up to date. */
  private ids?: Set<string>;

  constructor(private readonly file: string) {}

  async publish(alert: Alert): Promise<void> {
    // Synchronous on purpose: one line of a few hundred bytes. Alerts are published one after
    // the other (docs/architecture.md §4), and the async form cost three thread-pool round trips
    // an alert, each waiting its turn on a busy event loop: a fifth of a headline ingest's time
    // (docs/performance.md).
    appendFileSync(this.file, JSON.stringify(alert) + '\n');
    this.ids?.add(alert.id);
  }

  async hasTaken(alert: Alert): Promise<boolean> {
    this.ids ??= await readAlertIds(this.file);
    return this.ids.has(alert.id);
  }
}

/** The ids of the alerts a JSON Lines file holds, read line by line (the file only grows); a line cut short by a crash holds none. */
async function readAlertIds(file: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let lines: AsyncIterable<string>;
  try {
    const handle = await open(file, 'r');
    lines = handle.readLines({ encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ids;
    throw error;
  }
  for await (const line of lines) {
    try {
      const id = (JSON.parse(line) as { id?: unknown }).id;
      if (typeof id === 'string') ids.add(id);
    } catch {
      // Not a whole line: the write a crash cut short. Its alert is published again.
    }
  }
  return ids;
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
  /** Only when every sink can tell: a sink that cannot would take a repeated alert again. */
  readonly hasTaken?: (alert: Alert) => Promise<boolean>;

  constructor(private readonly publishers: AlertPublisher[]) {
    if (publishers.length > 0 && publishers.every((p) => p.hasTaken)) {
      this.hasTaken = async (alert) => (await Promise.all(publishers.map((p) => p.hasTaken!(alert)))).every(Boolean);
    }
  }

  async publish(alert: Alert, story: Story): Promise<void> {
    const outcomes = await Promise.allSettled(this.publishers.map((p) => p.publish(alert, story)));
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

export { SlackAlertPublisher, SlackWebhookPoster } from '../slack';
