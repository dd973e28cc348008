/**
 * The seed story end to end through the pure cluster and alert steps, with candidate lookup
 * simulated by an in-memory key index (what the store does). Tags are hand-written
 * (test/fixtures/cluster/seed-tags.ts), so this tests clustering, not tagging.
 */
import { assignStory, estimateCopySimilarity, DEFAULT_CLUSTER_CONFIG, startStory } from '../../lambdas/core/cluster';
import type { Watch } from '../../lambdas/core/model';
import {
  ReplayWorld, SEED_FILES, UNRELATED_FILES, seedArticle, sourceRef, unrelatedArticle,
} from '../fixtures/cluster/replay';

const trackAll: Watch = { id: 'w-all', name: 'everything', all: true, actors: [], topics: [], keywords: [], createdAt: '2025-01-01T00:00:00Z' };
const rubioWatch: Watch = { id: 'w-rubio', name: 'rubio', actors: ['Marco Rubio'], topics: [], keywords: [], createdAt: '2025-01-01T00:00:00Z' };

describe('seed story replay', () => {
  it('puts the five seeds, one source each in file order, in ONE story with 4 new-source alerts', () => {
    const world = new ReplayWorld([trackAll]);
    const steps = SEED_FILES.map((file) => world.ingest(seedArticle(file)));

    expect(steps[0].assignment.action).toBe('create');
    for (const step of steps.slice(1)) expect(step.assignment).toMatchObject({ action: 'join', storyId: steps[0].storyId });
    expect(world.stories.size).toBe(1);
    const story = world.stories.get(steps[0].storyId)!;
    expect(story.articleCount).toBe(5);
    expect(story.sources).toHaveLength(5);
    expect(story.topActors[0]).toMatchObject({ id: 'p:marco-rubio', count: 5 });

    expect(world.alerts.map((a) => a.kind)).toEqual(['new-source', 'new-source', 'new-source', 'new-source']);
    expect(world.alerts.map((a) => a.sourceCount)).toEqual([2, 3, 4, 5]);
    expect(new Set(world.alerts.map((a) => a.id)).size).toBe(4);
  });

  it('gives the same story and alerts through a watch on the actor Marco Rubio', () => {
    const world = new ReplayWorld([rubioWatch]);
    SEED_FILES.forEach((file) => world.ingest(seedArticle(file)));
    expect(world.stories.size).toBe(1);
    expect(world.alerts).toHaveLength(4);
    expect(world.alerts[1].reason).toBe('Outlet 002 is the 3rd source on a story you track (watch "rubio" matched actor Marco Rubio)');
    expect(world.alerts[0].watchIds).toEqual(['w-rubio']);
  });

  it('alerts nobody when a seed is dropped again under the same source', () => {
    const world = new ReplayWorld([trackAll]);
    SEED_FILES.forEach((file) => world.ingest(seedArticle(file)));
    const again = world.ingest(seedArticle(SEED_FILES[3]));
    expect(again.coverageCreated).toBe(false);
    expect(again.alerts).toEqual([]);
    expect(world.alerts).toHaveLength(4);
    expect(world.stories.get(again.storyId)!.articleCount).toBe(5);
  });

  it('alerts nobody when no watch tracks the story', () => {
    const world = new ReplayWorld([{ ...rubioWatch, id: 'w-x', actors: ['Jacinda Ardern'] }]);
    SEED_FILES.forEach((file) => world.ingest(seedArticle(file)));
    expect(world.stories.size).toBe(1);
    expect(world.alerts).toEqual([]);
  });

  it('gives each unrelated article its own story, also after the seed story exists', () => {
    const world = new ReplayWorld([trackAll]);
    SEED_FILES.forEach((file) => world.ingest(seedArticle(file)));
    const steps = UNRELATED_FILES.map((file) => world.ingest(unrelatedArticle(file)));
    for (const step of steps) expect(step.assignment.action).toBe('create');
    expect(world.stories.size).toBe(1 + UNRELATED_FILES.length);
    // The Rubio Panama piece shares actors with the seed story, so it is a candidate, and still declined.
    const panama = steps.find((s) => s.article.file === 'rubio-panama-visit.txt')!;
    expect(panama.candidateIds.length).toBeGreaterThan(0);
    expect(world.alerts).toHaveLength(4);
  });

  it('keeps a different Rubio story out even on the same day', () => {
    const world = new ReplayWorld([trackAll]);
    SEED_FILES.forEach((file) => world.ingest(seedArticle(file)));
    const panama = world.ingest({ ...unrelatedArticle('rubio-panama-visit.txt'), publishedAt: '2025-02-18T15:00:00Z' });
    expect(panama.candidateIds.length).toBe(1);
    expect(panama.assignment.action).toBe('create');
  });

  it('keeps unrelated articles out when they come first', () => {
    const world = new ReplayWorld([trackAll]);
    UNRELATED_FILES.forEach((file) => world.ingest(unrelatedArticle(file)));
    const steps = SEED_FILES.map((file) => world.ingest(seedArticle(file)));
    expect(new Set(steps.map((s) => s.storyId)).size).toBe(1);
    expect(world.stories.size).toBe(1 + UNRELATED_FILES.length);
  });

  it('labels 000 a copy of 001 when 001 came first, and still joins and alerts', () => {
    const world = new ReplayWorld([trackAll]);
    const first = world.ingest(seedArticle('001_2a5c6933c16f0aef.txt', sourceRef('Source A')));
    const copy = world.ingest(seedArticle('000_17b1c73d69787b68.txt', sourceRef('Source B')));
    expect(copy.assignment).toMatchObject({ action: 'join', storyId: first.storyId, copyOf: first.article.id });
    expect(copy.alerts).toHaveLength(1);
    expect(copy.alerts[0].copyOf).toBe(first.article.id);
    expect(copy.alerts[0].reason).toContain(`copy of article ${first.article.id}`);
  });

  it('labels no other seed a copy in the file-order replay, and 000 under a sixth source a copy of 001 (the fuller version)', () => {
    const world = new ReplayWorld([trackAll]);
    const steps = SEED_FILES.map((file) => world.ingest(seedArticle(file)));
    const copies = steps.map((s) => (s.assignment.action === 'join' ? s.assignment.copyOf : undefined));
    // 001 after 000 is the same pair the other way round; 002..004 are their own reports.
    expect(copies).toEqual([undefined, steps[0].article.id, undefined, undefined, undefined]);

    const sixth = world.ingest(seedArticle(SEED_FILES[0], sourceRef('Sixth Outlet')));
    expect(sixth.assignment).toMatchObject({ action: 'join', storyId: steps[0].storyId, copyOf: steps[1].article.id });
    expect(steps[1].article.id).toContain('001_');
    expect(sixth.alerts).toHaveLength(1);
    expect(sixth.alerts[0].sourceCount).toBe(6);
    expect(sixth.alerts[0].copyOf).toBe(steps[1].article.id);
  });

  it('looks candidates up by a bounded number of keys only', () => {
    const world = new ReplayWorld([trackAll]);
    SEED_FILES.forEach((file) => world.ingest(seedArticle(file)));
    for (const keys of world.lookups) {
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.length).toBeLessThanOrEqual(30);
    }
  });
});

describe('seed similarities (the measurements behind the thresholds)', () => {
  const seeds = SEED_FILES.map((file) => seedArticle(file));
  const unrelated = UNRELATED_FILES.map((file) => unrelatedArticle(file));
  const config = DEFAULT_CLUSTER_CONFIG;

  /** The decision for article a with b's one-article story as the only candidate. */
  function pairDecision(a: (typeof seeds)[number], b: (typeof seeds)[number]): string {
    return assignStory({ profile: a.profile, publishedAt: a.publishedAt }, [startStory(b, 'story-b')]).action;
  }

  it('detects 000~001 as a near-duplicate and no other pair', () => {
    const all = [...seeds, ...unrelated];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const similarity = estimateCopySimilarity(all[i].profile.signature, all[j].profile.signature, config.sketchSize);
        const expected = i === 0 && j === 1;
        expect({ pair: `${all[i].file}~${all[j].file}`, copy: similarity >= config.copyThreshold })
          .toEqual({ pair: `${all[i].file}~${all[j].file}`, copy: expected });
      }
    }
  });

  it('joins every seed to any other seed alone, and no seed to an unrelated article or back', () => {
    for (const a of seeds) {
      for (const b of seeds) if (a !== b) expect(`${a.file} -> ${b.file}: ${pairDecision(a, b)}`).toBe(`${a.file} -> ${b.file}: join`);
      for (const u of unrelated) {
        expect(`${a.file} -> ${u.file}: ${pairDecision(a, u)}`).toBe(`${a.file} -> ${u.file}: create`);
        expect(`${u.file} -> ${a.file}: ${pairDecision(u, a)}`).toBe(`${u.file} -> ${a.file}: create`);
      }
    }
  });
});
