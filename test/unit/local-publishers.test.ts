import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConsoleAlertPublisher, FanOutAlertPublisher, JsonLinesAlertPublisher } from '../../lambdas/adapters/local/publishers';
import type { Alert, Story } from '../../lambdas/core/model';

function alertOf(id: string): Alert {
  return {
    id, kind: 'new-source', storyId: 's1', headline: 'Talks in Riyadh', source: { id: 'tass', name: 'TASS', origin: 'json' },
    articleId: `a-${id}`, articleTitle: 'TASS on Riyadh', sourceCount: 2, sourceNames: ['Reuters', 'TASS'],
    firstSeen: '2026-11-28T08:00:00.000Z', watchIds: ['all'], actorIds: [], topicIds: [], topActors: [], topTopics: [],
    reason: 'r', createdAt: '2026-11-28T08:00:00.000Z', status: 'pending',
  };
}

const story = {} as Story;

describe('alerts.jsonl as a sink that can tell an alert it took', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'newswatch-publishers-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('has taken what an earlier run appended (not the line a crash cut short), and what it appends itself', async () => {
    const file = path.join(dir, 'alerts.jsonl');
    await appendFile(file, `${JSON.stringify(alertOf('before'))}\n{"id":"cut-sho`);
    const sink = new JsonLinesAlertPublisher(file);
    expect(await sink.hasTaken(alertOf('before'))).toBe(true);
    expect(await sink.hasTaken(alertOf('cut-short'))).toBe(false);
    expect(await sink.hasTaken(alertOf('new'))).toBe(false);
    await sink.publish(alertOf('new'));
    expect(await sink.hasTaken(alertOf('new'))).toBe(true);
    expect((await readFile(file, 'utf8')).endsWith(`${JSON.stringify(alertOf('new'))}\n`)).toBe(true);
  });

  it('has taken nothing before its file exists', async () => {
    expect(await new JsonLinesAlertPublisher(path.join(dir, 'none.jsonl')).hasTaken(alertOf('x'))).toBe(false);
  });

  it('a fan-out can tell only when every sink can, and has taken an alert only when all of them have', async () => {
    const taken = new JsonLinesAlertPublisher(path.join(dir, 'a.jsonl'));
    const other = new JsonLinesAlertPublisher(path.join(dir, 'b.jsonl'));
    await taken.publish(alertOf('x'));
    const both = new FanOutAlertPublisher([taken, other]);
    expect(await both.hasTaken!(alertOf('x'))).toBe(false);
    await other.publish(alertOf('x'));
    expect(await both.hasTaken!(alertOf('x'))).toBe(true);
    // The terminal cannot tell: with it, a resumed alert is published again, and marked one at a time.
    expect(new FanOutAlertPublisher([taken, new ConsoleAlertPublisher(() => undefined)]).hasTaken).toBeUndefined();
    expect(new FanOutAlertPublisher([]).hasTaken).toBeUndefined();
    await both.publish(alertOf('y'), story);
    expect(await both.hasTaken!(alertOf('y'))).toBe(true);
  });
});
