/**
 * `ingest --concurrency N` (issue 16): documents of one JSON Lines file in flight at once still
 * give one result per document, reported in input order as each is stored, and every effect
 * exactly once: each article counted in one story once, each alert recorded and written to
 * alerts.jsonl once; a rerun finds every article a duplicate and sends nothing.
 * news-cluster-dev's first articles (../shared/data), where several articles of one story race.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IngestResult } from '../../lambdas/core/model';
import { ingestObject } from '../../lambdas/core/ingest';
import { ingestFiles, localIngestConfig, localPublisher } from '../../lambdas/local/ingest';
import { startEmbedded } from '../../lambdas/targets/embedded';
import { readDataset, toJsonLine } from '../../scripts/clustering-data';
import { ROOT } from '../support/run-cli';
import { useFreshRuntime } from '../support/fresh-runtime';

const DATASET = path.join(ROOT, '..', 'shared', 'data', 'news-cluster-dev');
const ARTICLES = 60;

describe('ingest with documents in flight at once', () => {
  const fresh = useFreshRuntime('newswatch-concurrency-');

  it('one result per document in input order, each article counted once, each alert once; a rerun sends nothing', async () => {
    const file = path.join(fresh.dataDir, 'articles.jsonl');
    await writeFile(file, `${readDataset(DATASET).articles.slice(0, ARTICLES).map(toJsonLine).join('\n')}\n`);

    const told: IngestResult[] = [];
    const { results } = await ingestFiles(fresh.runtime, [file], { trackAll: true, concurrency: 4, onResult: (r) => told.push(r) });

    expect(results).toHaveLength(ARTICLES);
    expect(told.map((r) => r.index)).toEqual(Array.from({ length: ARTICLES }, (_, i) => i));
    expect(results.every((r) => r.status === 'ingested')).toBe(true);

    // Each article is in the story its result names, and in no other, once.
    const storyIds = [...new Set(results.map((r) => r.storyId!))];
    const stories = await fresh.runtime.store.getStories(storyIds);
    expect(stories).toHaveLength(storyIds.length);
    const counted = stories.flatMap((s) => s.articleIds);
    expect(counted.sort()).toEqual(results.map((r) => r.articleId!).sort());
    for (const story of stories) expect(story.articleCount).toBe(story.articleIds.length);
    for (const r of results) expect(stories.find((s) => s.id === r.storyId)!.articleIds).toContain(r.articleId);

    // Each alert recorded once and delivered once.
    const sent = (await readFile(path.join(fresh.dataDir, 'alerts.jsonl'), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    const announced = results.flatMap((r) => r.alerts ?? []);
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent).toHaveLength(announced.length);

    const again = await ingestFiles(fresh.runtime, [file], { trackAll: true, concurrency: 4 });
    expect(again.results.map((r) => r.status)).toEqual(Array(ARTICLES).fill('duplicate'));
    expect((await readFile(path.join(fresh.dataDir, 'alerts.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(sent.length);
  }, 240_000);

  it('alone on its data dir, documents ingested in groups: the stories and alerts of one at a time, none announced, the next group tagged while one is written', async () => {
    const file = path.join(fresh.dataDir, 'articles.jsonl');
    await writeFile(file, `${readDataset(DATASET).articles.slice(0, ARTICLES).map(toJsonLine).join('\n')}\n`);
    const alone = fresh.runtime;
    // The real store, with the order of two calls noted: a document's actor lookup (its tagging)
    // and an article's last write.
    const calls: string[] = [];
    const store = new Proxy(alone.store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (name !== 'findActorsByAlias' && name !== 'markArticleIngested') return value;
        return (...args: unknown[]) => {
          calls.push(String(name));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const aloneBefore = { ...alone.commandCounts };
    const { results } = await ingestFiles({ ...alone, store }, [file], { trackAll: true });

    // The same documents one at a time, configured as if other writers could race it.
    const racingDir = path.join(fresh.dataDir, 'racing');
    const racing = await startEmbedded({ dataDir: racingDir, inMemory: true });
    try {
      const oneAtATime = await ingestObject(
        { key: 'articles.jsonl', body: await readFile(file), contentType: 'application/x-ndjson', metadata: {} },
        { now: new Date().toISOString(), config: localIngestConfig({ trackAll: true, racingWriters: true }) },
        { store: racing.store, publisher: localPublisher(racing, false), alertQueue: racing.alertQueue },
      );
      expect(results.map((r) => r.status)).toEqual(Array(ARTICLES).fill('ingested'));
      expect(results.map((r) => r.storyId)).toEqual(oneAtATime.map((r) => r.storyId));
      const alertsOf = (list: IngestResult[]) => list.flatMap((r) => r.alerts ?? []);
      expect(alertsOf(results).length).toBeGreaterThan(0);
      expect(alertsOf(results)).toEqual(alertsOf(oneAtATime));
      const sentIds = async (dir: string) => (await readFile(path.join(dir, 'alerts.jsonl'), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
      expect(await sentIds(fresh.dataDir)).toEqual(await sentIds(racingDir));

      const created = new Set(results.map((r) => r.storyId)).size;
      const updates = (counts: Record<string, number>, before: Record<string, number> = {}) => (counts.UpdateItemCommand ?? 0) - (before.UpdateItemCommand ?? 0);
      // Every story created while racing was announced under its keys first (one UpdateItem per key).
      expect(updates(racing.commandCounts) - updates(alone.commandCounts, aloneBefore)).toBeGreaterThanOrEqual(created);
    } finally {
      await racing.close();
    }
    // Groups overlap: some document was tagged before the one ahead of it was finished.
    const overlaps = calls.filter((name, i) => name === 'findActorsByAlias' && i > 0 && calls.slice(0, i).filter((n) => n === 'findActorsByAlias').length > calls.slice(0, i).filter((n) => n === 'markArticleIngested').length);
    expect(overlaps.length).toBeGreaterThan(0);
  }, 240_000);
});
