/** Documents in flight taking their order-sensitive steps in input order (core/ingest/documentTurns.ts). */
import { PrecedingDocumentFailedError, TurnSequence } from '../../lambdas/core/ingest/documentTurns';

/** Lets every queued callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TurnSequence', () => {
  it("holds each step of a document until the document before it has done that step", async () => {
    const turns = new TurnSequence();
    const first = turns.next();
    const second = turns.next();
    const log: string[] = [];
    void second.beforeTagging().then(() => log.push('second tags'));
    void second.beforePlacing().then(() => log.push('second places'));
    void second.beforeDelivering().then(() => log.push('second delivers'));
    await first.beforeTagging();
    await settle();
    expect(log).toEqual([]);

    first.tagged();
    await settle();
    expect(log).toEqual(['second tags']);
    first.placed();
    await settle();
    expect(log).toEqual(['second tags', 'second places']);
    first.delivered();
    await settle();
    expect(log).toEqual(['second tags', 'second places', 'second delivers']);
  });

  it('a later step done releases the earlier ones, and a released document (a duplicate, a rejected one) lets the next go all the way', async () => {
    const turns = new TurnSequence();
    const first = turns.next();
    const second = turns.next();
    const third = turns.next();
    const log: string[] = [];
    void second.beforeTagging().then(() => log.push('second tags'));
    void third.beforeTagging().then(() => log.push('third tags'));
    first.placed();
    await settle();
    expect(log).toEqual(['second tags']);

    second.release();
    await Promise.all([third.beforeTagging(), third.beforePlacing(), third.beforeDelivering()]);
    expect(log).toEqual(['second tags', 'third tags']);
  });

  it('a failed document stops the ones after it at their next turn, with the failure as the cause', async () => {
    const turns = new TurnSequence();
    const first = turns.next();
    const second = turns.next();
    const third = turns.next();
    first.tagged();
    await second.beforeTagging();
    const failure = new Error('the store is gone');
    first.abandon(failure);
    first.release();

    const stopped = await second.beforePlacing().then(() => undefined, (error: unknown) => error);
    expect(stopped).toBeInstanceOf(PrecedingDocumentFailedError);
    expect((stopped as Error).cause).toBe(failure);
    second.abandon(stopped);
    await expect(third.beforeTagging()).rejects.toBeInstanceOf(PrecedingDocumentFailedError);
  });
});
