/**
 * The actor registry (aliases, user aliases, merge redirects, split, story actor rewrite) on
 * both engines: dynalite and Amazon's DynamoDB Local. One suite body, run against both.
 */
import { createDocumentClient, DynamoStore, ensureTable } from '../../lambdas/adapters/dynamodb';
import { StoreIntegrityError } from '../../lambdas/core/errors';
import type { ActorRecord, Story } from '../../lambdas/core/model';
import { ENGINES, useEngine } from '../support/dynamo-engines';

const person = (id: string, name: string, aliases: string[]): ActorRecord => ({ id, name, type: 'person', aliases });

function story(id: string): Story {
  return {
    id, headline: 'Talks in Riyadh', firstSeen: '2025-02-18T00:00:00.000Z', lastSeen: '2025-02-18T00:00:00.000Z',
    articleCount: 1, sources: ['tass'], sourceNames: { tass: 'TASS' }, articleIds: ['a1'],
    topActors: [{ id: 'p:zelensky', name: 'Zelensky', type: 'person', count: 1 }],
    topTopics: [], tracked: false, trackedBy: [],
    profile: { terms: { riyadh: 1 }, actors: { 'p:zelensky': 1 }, topics: {} }, signatures: {},
  };
}

describe.each(ENGINES)('actor registry on %s', (_engineName, startEngine) => {
  const db = useEngine(startEngine);
  let tableCount = 0;

  async function freshStore(): Promise<DynamoStore> {
    const tableName = `actor-registry-test-${++tableCount}`;
    await ensureTable(db.client, tableName);
    return new DynamoStore(createDocumentClient(db.client), tableName);
  }

  it('a user alias takes an alias from the actor the tagger gave it to, and the tagger cannot take it back', async () => {
    const store = await freshStore();
    await store.saveActors([person('p:president-zelensky', 'President Zelensky', ['president zelensky', 'zelensky'])]);
    await store.saveActors([person('p:volodymyr-zelensky', 'Volodymyr Zelenskyy', ['volodymyr zelensky'])]);

    expect(await store.setUserAlias('p:volodymyr-zelensky', 'zelensky')).toEqual({ previousOwner: 'p:president-zelensky' });
    const found = await store.findActorsByAlias(['zelensky', 'president zelensky']);
    expect(found.get('zelensky')).toMatchObject({ id: 'p:volodymyr-zelensky', userAliases: ['zelensky'] });
    expect(found.get('president zelensky')?.id).toBe('p:president-zelensky');
    expect((await store.getActor('p:president-zelensky'))!.aliases).toEqual(['president zelensky']);
    expect(await store.getActor('p:volodymyr-zelensky')).toEqual({
      id: 'p:volodymyr-zelensky', name: 'Volodymyr Zelenskyy', type: 'person', aliases: ['volodymyr zelensky', 'zelensky'], userAliases: ['zelensky'],
    });

    // A later automatic save naming the old owner does not win the alias back.
    await store.saveActors([person('p:president-zelensky', 'President Zelensky', ['president zelensky', 'zelensky'])]);
    expect((await store.findActorsByAlias(['zelensky'])).get('zelensky')?.id).toBe('p:volodymyr-zelensky');
    expect((await store.getActor('p:president-zelensky'))!.aliases).toEqual(['president zelensky']);
  });

  it('merge leaves a redirect, moves the aliases, and stored ids resolve through it; no Scan', async () => {
    const store = await freshStore();
    await store.saveActors([
      person('p:zelensky', 'Zelensky', ['zelensky', 'president zelensky']),
      person('p:volodymyr-zelensky', 'Volodymyr Zelenskyy', ['volodymyr zelensky']),
    ]);
    await store.setUserAlias('p:zelensky', 'ze');
    const during = db.counter.counts.ScanCommand ?? 0;
    await store.mergeActor('p:zelensky', 'p:volodymyr-zelensky');
    await store.mergeActor('p:zelensky', 'p:volodymyr-zelensky'); // a rerun completes or changes nothing

    expect(await store.getActor('p:zelensky')).toEqual({ id: 'p:zelensky', name: 'Zelensky', type: 'person', aliases: [], mergedInto: 'p:volodymyr-zelensky' });
    const into = (await store.getActor('p:volodymyr-zelensky'))!;
    expect(into.aliases).toEqual(['president zelensky', 'volodymyr zelensky', 'ze', 'zelensky']);
    expect(into.userAliases).toEqual(['ze']);
    const found = await store.findActorsByAlias(['zelensky', 'ze']);
    expect(found.get('zelensky')?.id).toBe('p:volodymyr-zelensky');
    expect(found.get('ze')).toMatchObject({ id: 'p:volodymyr-zelensky', userAliases: ['ze'] });

    const resolved = await store.resolveActorIds(['p:zelensky', 'p:volodymyr-zelensky', 'p:nobody']);
    expect(resolved.get('p:zelensky')?.id).toBe('p:volodymyr-zelensky');
    expect(resolved.get('p:volodymyr-zelensky')?.id).toBe('p:volodymyr-zelensky');
    expect(resolved.has('p:nobody')).toBe(false);
    expect(db.counter.counts.ScanCommand ?? 0).toBe(during);

    // Chains resolve (W -> X -> Y); an alias item a merge did not reach resolves through the redirect.
    await store.saveActors([person('p:w', 'W', ['w']), person('p:y', 'Y', ['y'])]);
    await store.mergeActor('p:w', 'p:volodymyr-zelensky');
    await store.mergeActor('p:volodymyr-zelensky', 'p:y');
    expect((await store.resolveActorIds(['p:w'])).get('p:w')?.id).toBe('p:y');
    expect((await store.findActorsByAlias(['w'])).get('w')?.id).toBe('p:y');

    await expect(store.mergeActor('p:w', 'p:marco-rubio')).rejects.toBeInstanceOf(StoreIntegrityError);
    await expect(store.mergeActor('p:y', 'p:y')).rejects.toBeInstanceOf(StoreIntegrityError);
  });

  it('split moves aliases to a new actor, and revives a merged one (undo)', async () => {
    const store = await freshStore();
    await store.saveActors([
      person('p:anna-kowalczyk', 'Anna Kowalczyk', ['anna kowalczyk', 'kowalczyk']),
      person('p:jan-kowalczyk', 'Jan Kowalczyk', ['jan kowalczyk']),
    ]);
    await store.mergeActor('p:jan-kowalczyk', 'p:anna-kowalczyk');
    await store.splitActor('p:anna-kowalczyk', ['jan kowalczyk'], {
      id: 'p:jan-kowalczyk', name: 'Jan Kowalczyk', type: 'person', aliases: ['jan kowalczyk'], userAliases: ['jan kowalczyk'],
    });
    expect(await store.getActor('p:jan-kowalczyk')).toEqual({
      id: 'p:jan-kowalczyk', name: 'Jan Kowalczyk', type: 'person', aliases: ['jan kowalczyk'], userAliases: ['jan kowalczyk'],
    });
    expect((await store.getActor('p:anna-kowalczyk'))!.aliases).toEqual(['anna kowalczyk', 'kowalczyk']);
    expect((await store.findActorsByAlias(['jan kowalczyk'])).get('jan kowalczyk')?.id).toBe('p:jan-kowalczyk');

    await store.splitActor('p:anna-kowalczyk', ['kowalczyk'], { id: 'p:kowalczyk', name: 'Kowalczyk', type: 'person', aliases: ['kowalczyk'] });
    expect((await store.findActorsByAlias(['kowalczyk'])).get('kowalczyk')?.id).toBe('p:kowalczyk');
    // An active actor is not overwritten by a split.
    await expect(store.splitActor('p:anna-kowalczyk', ['anna kowalczyk'], person('p:kowalczyk', 'Kowalczyk', ['anna kowalczyk'])))
      .rejects.toBeInstanceOf(StoreIntegrityError);
    expect((await store.listActors()).map((a) => a.id)).toEqual(['p:anna-kowalczyk', 'p:jan-kowalczyk', 'p:kowalczyk']);
  });

  it('saveStoryActors writes the actor lists only at the version read', async () => {
    const store = await freshStore();
    await store.createStory(story('s1'));
    const read = (await store.getStory('s1'))!;
    const rewritten: Story = {
      ...read,
      topActors: [{ id: 'p:volodymyr-zelensky', name: 'Volodymyr Zelenskyy', type: 'person', count: 1 }],
      profile: { ...read.profile, actors: { 'p:volodymyr-zelensky': 1 } },
    };
    expect(await store.saveStoryActors(rewritten)).toBe(true);
    expect(await store.saveStoryActors(rewritten)).toBe(false); // stale version
    const stored = (await store.getStory('s1'))!;
    expect(stored.topActors.map((a) => a.id)).toEqual(['p:volodymyr-zelensky']);
    expect(stored.profile).toEqual({ terms: { riyadh: 1 }, actors: { 'p:volodymyr-zelensky': 1 }, topics: {} });
    expect(stored.version).toBe(read.version! + 1);
    expect((await store.listStories()).map((s) => s.id)).toEqual(['s1']);
  });
});
