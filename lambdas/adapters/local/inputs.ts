import { FeedFetchError, RejectedInputError } from '../../core/errors';
import type { RawObject } from '../../core/model';
import type { FeedFetcher } from '../../ports/feeds';
import { listInputs, readLocalObject } from './file-objects';
import { fetchWebObject, isWebAddress } from './web-objects';

/** One input of `ingest` (either target), read: an object, or why it was not. */
export type ReadInput =
  | { kind: 'object'; path: string; raw: RawObject }
  /** Missing, unreadable, over the size limit (from its stat), or a page that could not be fetched. */
  | { kind: 'rejected'; path: string; error: string }
  /** Found in a folder and left alone on purpose (a dotfile, a symbolic link). */
  | { kind: 'skipped'; path: string; reason: string };

/**
 * The inputs in the order given: web addresses fetched (the poller's limits), paths resolved,
 * folders expanded into their files (listInputs). Every input has its entry and the others go
 * on; only a failure that is not about the input (out of file handles, a bug) is thrown.
 */
export async function* readInputs(inputs: string[], fetcher: Pick<FeedFetcher, 'fetchPage'>): AsyncGenerator<ReadInput> {
  for (const input of inputs) {
    const entries = isWebAddress(input) ? [{ kind: 'web' as const, path: input }] : await listInputs([input]);
    for (const entry of entries) {
      if (entry.kind === 'rejected' || entry.kind === 'skipped') {
        yield entry;
        continue;
      }
      try {
        const raw = entry.kind === 'web' ? await fetchWebObject(entry.path, fetcher) : await readLocalObject(entry.path);
        yield { kind: 'object', path: entry.path, raw };
      } catch (error) {
        if (!(error instanceof FeedFetchError) && !(error instanceof RejectedInputError)) throw error;
        yield { kind: 'rejected', path: entry.path, error: error.message };
      }
    }
  }
}
