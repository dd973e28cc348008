/** A grouped ingest's groups (ingestObject): the first result after one document, then groups growing to the group size. */
import { groupBounds } from '../../lambdas/core/ingest/ingestObject';

describe('groupBounds', () => {
  it('starts with one document, grows 4 times a group up to the size, and covers every document once', () => {
    expect(groupBounds(60, 25)).toEqual([[0, 1], [1, 5], [5, 21], [21, 46], [46, 60]]);
    expect(groupBounds(3, 25)).toEqual([[0, 1], [1, 3]]);
    expect(groupBounds(0, 25)).toEqual([]);
    for (const [count, size] of [[1, 1], [7, 2], [1000, 25], [26, 25]]) {
      const bounds = groupBounds(count, size);
      expect(bounds.flatMap(([start, end]) => Array.from({ length: end - start }, (_, i) => start + i))).toEqual(Array.from({ length: count }, (_, i) => i));
      expect(Math.max(...bounds.map(([start, end]) => end - start))).toBeLessThanOrEqual(size);
    }
  });
});
