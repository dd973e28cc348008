/**
 * The tagging and profiling steps, memoized: deterministic and free of I/O, so remembering their
 * results changes nothing but the time taken. For suites that replay the same articles many times
 * (crash points, concurrency replay), used from a hoisted jest.mock factory:
 *   jest.mock('../../lambdas/core/tag', () => jest.requireActual('../support/memoized-pipeline').memoizedTag());
 */
function memoized<F extends (...args: never[]) => unknown>(fn: F): F {
  const cache = new Map<string, unknown>();
  return ((...args: Parameters<F>) => {
    const key = JSON.stringify(args);
    if (!cache.has(key)) cache.set(key, fn(...args));
    return structuredClone(cache.get(key));
  }) as F;
}

export function memoizedTag() {
  const actual = jest.requireActual('../../lambdas/core/tag');
  return { ...actual, extractActors: memoized(actual.extractActors), tagTopics: memoized(actual.tagTopics), extractKeyphrases: memoized(actual.extractKeyphrases) };
}

export function memoizedCluster() {
  const actual = jest.requireActual('../../lambdas/core/cluster');
  return { ...actual, profileArticle: memoized(actual.profileArticle) };
}
