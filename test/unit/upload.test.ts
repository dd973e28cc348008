import path from 'node:path';
import { dropKey, UploadWaitTimeoutError, waitForUploads, type Upload } from '../../lambdas/app/upload';
import type { ObjectRecord } from '../../lambdas/ports/store';

const record = (key: string, status: ObjectRecord['status'], error?: string): ObjectRecord => ({
  key, status, error, counts: { ingested: status === 'ingested' ? 1 : 0, duplicate: 0, rejected: 0 }, resultCount: 1, results: [], processedAt: '2026-11-27T10:00:00Z',
});

describe('ingest --aws: where an input lands and how its processing is followed', () => {
  it('keys an input incoming/<source>/<name>, keeps an incoming/<folder>/ path, and names pages by address', () => {
    expect(dropKey('today/a.html', 'Reuters')).toEqual({ key: 'incoming/Reuters/a.html', source: 'Reuters' });
    expect(dropKey(path.join('drops', 'incoming', 'outlet-a', 'x', '1.txt'))).toEqual({ key: 'incoming/outlet-a/x/1.txt', source: 'outlet-a' });
    expect(dropKey('loose.txt')).toEqual({ key: 'incoming/loose.txt', source: undefined });
    expect(dropKey('https://www.example.com/world/2025/02/18/talks', 'bbc').key).toBe('incoming/bbc/www.example.com-world-2025-02-18-talks.html');
  });

  it('waits past a failed attempt (SQS retries it) until the object is processed', async () => {
    const answers: (ObjectRecord | undefined)[] = [undefined, record('incoming/a.txt', 'failed', 'throttled'), record('incoming/a.txt', 'ingested')];
    const seen: string[] = [];
    const done = await waitForUploads([{ input: 'a.txt', key: 'incoming/a.txt' }], { getObject: async () => answers.shift() }, {
      timeoutMs: 10_000, pollMs: 1, sleep: async () => undefined, onProcessed: (_u: Upload, r) => seen.push(r.status),
    });
    expect(seen).toEqual(['ingested']);
    expect(done.get('incoming/a.txt')?.status).toBe('ingested');
  });

  it('gives up after the timeout, naming what is still waiting and the last failure', async () => {
    const waiting = waitForUploads([{ input: 'a.txt', key: 'incoming/a.txt' }], { getObject: async () => record('incoming/a.txt', 'failed', 'AccessDenied') }, {
      timeoutMs: 0, pollMs: 1000, sleep: async () => undefined,
    });
    await expect(waiting).rejects.toThrow(UploadWaitTimeoutError);
    await expect(waiting).rejects.toThrow(/incoming\/a\.txt, which failed with "AccessDenied" and waits for a retry/);
  });
});
