/** The pure pieces of the story list: search tokens, a story's activity, its sparkline. */
import { activityPerDay, addActivity } from '../../lambdas/core/cluster';
import { sparkline, storySearchTokens, wordTokens } from '../../lambdas/core/search';

describe('story search tokens', () => {
  const story = {
    headline: "Rubio's talks in Riyadh: l'Élection reportée",
    sources: ['caliber-az'],
    sourceNames: { 'caliber-az': 'Caliber.Az' },
    topActors: [{ id: 'p:marco-rubio', name: 'Marco Rubio', type: 'person' as const, count: 2 }],
    trackedBy: ['ukraine'],
    profile: { actors: { 'p:marco-rubio': 2, 'l:riyadh': 1 } },
  };

  it("holds the headline's folded words and the story's actors, sources (id and name) and watches", () => {
    const tokens = storySearchTokens(story);
    for (const word of wordTokens('rubio TALKS riyadh election')) expect(tokens).toContain(word);
    expect(tokens).toEqual(expect.arrayContaining(['a:p:marco-rubio', 'a:l:riyadh', 's:caliber-az', 't:ukraine']));
    expect(tokens).not.toContain('w:Riyadh');
  });

  it('folds a query the way it folds a headline', () => {
    expect(wordTokens('ÉLECTION, riyadh!')).toEqual(wordTokens('election Riyadh'));
    expect(wordTokens('  ')).toEqual([]);
  });
});

describe("a story's activity", () => {
  it('counts articles per hour and folds the oldest hours into their day past the bound', () => {
    let activity: Record<string, number> | undefined;
    const hours = ['2025-02-18T10:05:00Z', '2025-02-18T10:55:00Z', '2025-02-18T11:00:00Z', '2025-02-19T09:00:00Z'];
    for (const at of hours) activity = addActivity(activity, at, 2);
    expect(activity).toEqual({ '2025-02-18': 2, '2025-02-18T11': 1, '2025-02-19T09': 1 });
    expect(activityPerDay(activity)).toEqual({ '2025-02-18': 3, '2025-02-19': 1 });
    expect(addActivity(activity, 'not a time', 2)).toEqual(activity);
  });

  it('draws a sparkline over the span in at most the given buckets, every article counted once', () => {
    const activity = { '2025-02-18T10': 2, '2025-02-18T11': 1, '2025-02-19T09': 4 };
    const spark = sparkline(activity, 7, 6);
    expect(spark.length).toBeLessThanOrEqual(6);
    expect(spark.reduce((a, b) => a + b, 0)).toBe(7);
    expect(spark[0]).toBeGreaterThanOrEqual(2);
    expect(spark[spark.length - 1]).toBe(4);
    expect(sparkline(undefined, 5, 6)).toEqual([5]);
    expect(sparkline({ '2025-02-18T10': 3 }, 3, 24)).toEqual([3]);
  });
});
