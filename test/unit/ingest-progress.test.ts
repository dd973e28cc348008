/** The progress bar of `ingest` and `poll` (lambdas/cli/progress.ts): on a terminal only. */
import { PassThrough } from 'node:stream';
import { IngestProgress } from '../../lambdas/cli/progress';
import type { IngestResult } from '../../lambdas/core/model';

/** A stream that says it is (or is not) a terminal, and keeps what was written to it. */
function stream(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  const s = new PassThrough() as unknown as NodeJS.WriteStream & { text: () => string };
  let written = '';
  s.write = ((chunk: string | Uint8Array) => { written += chunk.toString(); return true; }) as typeof s.write;
  Object.assign(s, { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, text: () => written });
  return s;
}

const ingested = (alerts: number): IngestResult => ({
  file: 'f.jsonl', status: 'ingested', alerts: Array.from({ length: alerts }, () => ({ kind: 'new-source', storyId: 's', source: 'x', articleId: 'a', reason: 'r' })),
} as IngestResult);

describe('IngestProgress', () => {
  it('on a terminal: documents done/total, rate, ETA and alerts so far; result lines clear the bar first', () => {
    const err = stream(true);
    const out = stream(true);
    const progress = new IngestProgress(err, out);
    progress.addDocuments(3);
    progress.documentDone(ingested(2));
    progress.println('✓ ingested  f.jsonl#1');
    progress.documentDone(ingested(0));
    progress.stop();
    expect(err.text()).toMatch(/2\/3 documents \| [\d.]+\/s \| ETA \S+ \| 2 alerts/);
    expect(err.text()).toContain('\r\x1b[K');
    expect(out.text()).toBe('✓ ingested  f.jsonl#1\n');
  });

  it('not a terminal: nothing on stderr, result lines unchanged', () => {
    const err = stream(false);
    const out = stream(false);
    const progress = new IngestProgress(err, out);
    progress.addDocuments(2);
    progress.documentDone(ingested(1));
    progress.println('line');
    progress.printErr('alert\n');
    progress.stop();
    expect(err.text()).toBe('alert\n');
    expect(out.text()).toBe('line\n');
  });
});
