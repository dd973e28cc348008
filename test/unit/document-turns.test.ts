/** Documents in flight taking their order-sensitive steps in input order (core/ingest/documentTurns.ts). */
import { TurnSequence } from '../../lambdas/core/ingest/documentTurns';

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

  it('a later step done releases the earlier ones, and a released document (duplicate, rejected, failed) lets the next go all the way', async () => {
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
});
