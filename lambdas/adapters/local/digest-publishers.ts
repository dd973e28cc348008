import { appendFile } from 'node:fs/promises';
import type { Digest } from '../../core/alert/digest';
import { renderDigest, renderSlackDigest } from '../../core/alert/digest-render';
import { AlertDeliveryError, errorMessage, isAlertDeliveryFailure } from '../../core/errors';
import type { DigestPublisher } from '../../ports/digests';
import type { SlackWebhookPoster } from '../slack';

/** Appends each digest, as sent, to a JSON Lines file (`digests.jsonl` in the data dir). */
export class JsonLinesDigestPublisher implements DigestPublisher {
  constructor(private readonly file: string) {}
  async publishDigest(digest: Digest): Promise<void> {
    await appendFile(this.file, JSON.stringify(digest) + '\n');
  }
}

/** Prints the digest as a reader would see it in an email. */
export class ConsoleDigestPublisher implements DigestPublisher {
  constructor(private readonly write: (text: string) => void = (t) => process.stdout.write(t)) {}
  async publishDigest(digest: Digest): Promise<void> {
    const { subject, text } = renderDigest(digest);
    this.write(`\n📰 ${subject}\n${text.replace(/^/gm, '   ')}\n`);
  }
}

/**
 * Posts the digest as Block Kit to one webhook. On this machine no queue retries later: once
 * the poster has used its own retries, a failure is the digest's (AlertDeliveryError: it is
 * marked failed), as for local alerts (local/ingest.ts alertOwnsItsFailure).
 */
export class SlackDigestPublisher implements DigestPublisher {
  constructor(private readonly poster: SlackWebhookPoster) {}
  async publishDigest(digest: Digest): Promise<void> {
    try {
      await this.poster.post(renderSlackDigest(digest));
    } catch (error) {
      if (isAlertDeliveryFailure(error)) throw error;
      throw new AlertDeliveryError(errorMessage(error), { cause: error });
    }
  }
}

/** Delivers to every publisher; one failing does not stop the others, but the failure is raised. */
export class FanOutDigestPublisher implements DigestPublisher {
  constructor(private readonly publishers: DigestPublisher[]) {}
  async publishDigest(digest: Digest): Promise<void> {
    const outcomes = await Promise.allSettled(this.publishers.map((p) => p.publishDigest(digest)));
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
