/**
 * Documents of one object in flight together, taking their order-sensitive steps in input order
 * (ingestObject's `ordered`): each document tags (its actor registry reads and writes), decides
 * and places its story (up to its ledger entry), and delivers its alerts only after the document
 * before it did the same. So every decision sees what one-at-a-time would have seen, and the
 * stories and alerts are those of one document at a time, while the store works on one
 * document's writes as the next is tagged and placed: the engine's thread and the pipeline's
 * are busy at once instead of taking turns (docs/performance.md).
 */
export interface DocumentTurn {
  beforeTagging(): Promise<void>;
  tagged(): void;
  beforePlacing(): Promise<void>;
  placed(): void;
  beforeDelivering(): Promise<void>;
  delivered(): void;
  /** Done (ingested, a duplicate, a rejected document): the next goes on. */
  release(): void;
  /**
   * Failed: the documents after it stop at their next turn instead of deciding without its
   * effects (their object fails with it, and a rerun resumes them in order).
   */
  abandon(cause: unknown): void;
}

/** A document before this one failed: this one stops where it would have waited for it. */
export class PrecedingDocumentFailedError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('a document before this one in the same object failed', options);
    this.name = 'PrecedingDocumentFailedError';
  }
}

const STEPS = ['tagged', 'placed', 'delivered'] as const;
type Step = (typeof STEPS)[number];

/** Hands out each document's turn, in input order. */
export class TurnSequence {
  private previous: Record<Step, Promise<void>> = { tagged: Promise.resolve(), placed: Promise.resolve(), delivered: Promise.resolve() };

  next(): DocumentTurn {
    const waitFor = this.previous;
    const signals = {} as Record<Step, () => void>;
    const failures = {} as Record<Step, (error: Error) => void>;
    const own = {} as Record<Step, Promise<void>>;
    for (const step of STEPS) {
      own[step] = new Promise<void>((resolve, reject) => { signals[step] = resolve; failures[step] = reject; });
      // Nobody may wait on it (the last document, or one past that step): not an unhandled rejection.
      own[step].catch(() => undefined);
    }
    this.previous = own;
    // A step done means those before it are done too: a later step never overtakes an earlier one.
    const reach = (last: Step) => { for (const step of STEPS.slice(0, STEPS.indexOf(last) + 1)) signals[step](); };
    return {
      beforeTagging: () => waitFor.tagged,
      tagged: () => reach('tagged'),
      beforePlacing: () => waitFor.placed,
      placed: () => reach('placed'),
      beforeDelivering: () => waitFor.delivered,
      delivered: () => reach('delivered'),
      release: () => reach('delivered'),
      abandon: (cause) => { for (const step of STEPS) failures[step](new PrecedingDocumentFailedError({ cause })); },
    };
  }
}
