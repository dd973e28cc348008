import { addWatch, describeWatch, updateWatch } from '../../lambdas/app/watches';
import { ConfigurationError } from '../../lambdas/core/errors';
import type { DigestFrequency } from '../../lambdas/core/model';
import { useFreshRuntime } from '../support/fresh-runtime';

const NOW = new Date('2026-11-27T10:00:00.000Z');

describe('watch add|update --digest', () => {
  const fresh = useFreshRuntime('newswatch-watch-digest-');

  it('stores the digest period, says so, changes it, and drops it back to as-it-happens', async () => {
    const store = fresh.runtime.store;
    const { watch } = await addWatch(store, { name: 'rubio', actors: ['Marco Rubio'], digest: 'daily' }, NOW);
    expect(watch.digest).toBe('daily');
    expect(describeWatch(watch)).toBe('tracks stories that name Marco Rubio; sent as a daily digest');
    const weekly = await updateWatch(store, { name: 'rubio', digest: 'weekly' }, NOW);
    expect(weekly.watch).toMatchObject({ digest: 'weekly', actors: ['Marco Rubio'] });
    const untouched = await updateWatch(store, { name: 'rubio', keywords: ['Riyadh'] }, NOW);
    expect(untouched.watch.digest).toBe('weekly');
    const back = await updateWatch(store, { name: 'rubio', digest: 'as-it-happens' }, NOW);
    expect(back.watch.digest).toBeUndefined();
    expect((await store.listWatches()).find((w) => w.id === 'rubio')?.digest).toBeUndefined();
    // The default stores nothing.
    expect((await addWatch(store, { name: 'kyiv', keywords: ['Kyiv'], digest: 'as-it-happens' }, NOW)).watch.digest).toBeUndefined();
  });

  it('refuses an unknown frequency, naming the known ones', async () => {
    await expect(addWatch(fresh.runtime.store, { name: 'x', keywords: ['x'], digest: 'monthly' as DigestFrequency }, NOW))
      .rejects.toThrow(new ConfigurationError('--digest is one of as-it-happens, hourly, daily, weekly, not "monthly"'));
  });
});
