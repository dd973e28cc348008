import { SingleBar } from 'cli-progress';
import type { IngestResult } from '../core/model';

/**
 * The progress bar of `ingest` and `poll`: documents done / known so far, rate, ETA and alerts
 * so far, on stderr, only when stderr is a terminal (piped or redirected: nothing is written).
 * Result lines still go to stdout as each document is stored; `println` clears the bar's line
 * first, so the two never tear each other when both are the same terminal.
 */
export class IngestProgress {
  private readonly bar?: SingleBar;
  private started = false;
  private total = 0;
  private done = 0;
  private alerts = 0;
  private readonly startedAt = Date.now();

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {
    if (stream.isTTY !== true) return;
    this.bar = new SingleBar({
      stream,
      format: ' {bar} {value}/{total} documents | {rate}/s | ETA {eta_formatted} | {alerts} alerts',
      barsize: PROGRESS_BAR_WIDTH,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: PROGRESS_ETA_BUFFER,
      forceRedraw: true,
    });
  }

  /** The documents of an input just read (a JSON Lines file: its lines). */
  addDocuments(count: number): void {
    this.total += count;
    if (!this.bar) return;
    if (!this.started) {
      this.started = true;
      this.bar.start(this.total, this.done, this.payload());
    } else {
      this.bar.setTotal(this.total);
    }
  }

  /** One document stored (or rejected). */
  documentDone(result: IngestResult): void {
    this.done++;
    this.alerts += result.alerts?.length ?? 0;
    if (this.done > this.total) this.addDocuments(this.done - this.total);
    this.bar?.update(this.done, this.payload());
  }

  /** A line on stdout that leaves the bar whole: cleared, the line written, redrawn at the next tick. */
  println(line: string): void {
    if (this.bar && this.started && this.out.isTTY === true) this.stream.write('\r\x1b[K');
    this.out.write(`${line}\n`);
  }

  /** Text for stderr (an echoed alert) that leaves the bar whole. */
  printErr(text: string): void {
    if (this.bar && this.started) this.stream.write('\r\x1b[K');
    this.stream.write(text);
  }

  /** Removes the bar (its last state is in the summary line the command prints next). */
  stop(): void {
    if (this.started) this.bar?.stop();
  }

  private payload(): { rate: string; alerts: number } {
    const seconds = (Date.now() - this.startedAt) / 1000;
    return { rate: seconds > 0 ? (this.done / seconds).toFixed(1) : '0', alerts: this.alerts };
  }
}

/** Characters of the bar itself: room for the counts, rate and ETA on an 80-column terminal. */
const PROGRESS_BAR_WIDTH = 24;
/** Documents the ETA averages over: a few seconds of a headline ingest, so it follows the pace without jumping. */
const PROGRESS_ETA_BUFFER = 200;
