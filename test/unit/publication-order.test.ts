import { announceInPublicationOrder, foldAlerts, withArticles } from '../../lambdas/core/alert';
import type { Alert, CoverageEntry, SourceRef, Story } from '../../lambdas/core/model';

const src = (id: string): SourceRef => ({ id, name: id.toUpperCase(), origin: 'key-prefix' });

function heldAlert(sourceId: string, articleId: string, createdAt: string): Alert {
  return {
    id: `alert-${sourceId}`, kind: 'new-source', storyId: 's1', headline: 'Talks in Riyadh', source: src(sourceId),
    articleId, articleTitle: `title of ${articleId}`, url: `https://${sourceId}.example/${articleId}`,
    sourceCount: 2, sourceNames: [], firstSeen: '2025-02-18T08:00:00Z', watchIds: ['all'], actorIds: [], topicIds: [],
    topActors: [], topTopics: [], reason: `${sourceId.toUpperCase()} is the 2nd source on a story you track (tracked by watch all)`,
    createdAt, status: 'pending',
  };
}

const entry = (sourceId: string, articleId: string, firstSeen: string): CoverageEntry => ({ storyId: 's1', source: src(sourceId), articleId, firstSeen });

/** The story as racing workers leave it: `sources` in order of arrival. */
const story = (sources: string[]) => ({ id: 's1', sources } as unknown as Story);

describe('alerts held by storm control are announced in publication order', () => {
  it('changes nothing when the articles arrived in publication order', () => {
    const held = [heldAlert('b', 'b1', '2025-02-18T10:01:00Z'), heldAlert('c', 'c1', '2025-02-18T10:02:00Z')];
    const coverage = [entry('a', 'a1', '2025-02-18T09:00:00Z'), entry('b', 'b1', '2025-02-18T09:10:00Z'), entry('c', 'c1', '2025-02-18T09:20:00Z')];
    const { announce, articleIds } = announceInPublicationOrder({ held, coverage, story: story(['a', 'b', 'c']), announcedSources: new Set() });
    expect(announce).toEqual(held);
    expect(articleIds).toEqual([]);
  });

  it('a story created by a later article: the earliest source is not new, the creator is', () => {
    // b1 (09:10) created the story; a1 (09:00) joined it and was held as new: by publication, a is first and b new.
    const held = [heldAlert('a', 'a1', '2025-02-18T10:01:00Z'), heldAlert('c', 'c1', '2025-02-18T10:02:00Z')];
    const coverage = [entry('a', 'a1', '2025-02-18T09:00:00Z'), entry('b', 'b1', '2025-02-18T09:10:00Z'), entry('c', 'c1', '2025-02-18T09:20:00Z')];
    const { announce, articleIds } = announceInPublicationOrder({ held, coverage, story: story(['b', 'a', 'c']), announcedSources: new Set() });
    expect(announce.map((a) => [a.source.id, a.articleId])).toEqual([['b', 'b1'], ['c', 'c1']]);
    expect(announce[0].reason).toBe('B is new to a story you track: A published on it first');
    expect(articleIds).toEqual(['b1']);
    // Its title and link are the creator's article's, read by the flusher.
    const [creator] = withArticles(announce, new Map([['b1', { title: 'B on the talks', url: 'https://b.example/1' }]]));
    expect([creator.articleTitle, creator.url]).toEqual(['B on the talks', 'https://b.example/1']);
  });

  it('the creator is not announced twice: not when an earlier fold named it already', () => {
    const held = [heldAlert('a', 'a1', '2025-02-18T10:01:00Z')];
    const coverage = [entry('a', 'a1', '2025-02-18T09:00:00Z'), entry('b', 'b1', '2025-02-18T09:10:00Z')];
    const { announce } = announceInPublicationOrder({ held, coverage, story: story(['b', 'a']), announcedSources: new Set(['b']) });
    expect(announce).toEqual([]);
  });

  it("a source's alert names its earliest-published article, whichever was written first", () => {
    // c2 (09:30) took c's ledger entry first; c1 (09:20) backdated it (ingestDocument), so the ledger names c1.
    const held = [heldAlert('c', 'c2', '2025-02-18T10:01:00Z')];
    const coverage = [entry('a', 'a1', '2025-02-18T09:00:00Z'), entry('c', 'c1', '2025-02-18T09:20:00Z')];
    const { announce, articleIds } = announceInPublicationOrder({ held, coverage, story: story(['a', 'c']), announcedSources: new Set() });
    expect(announce.map((a) => a.articleId)).toEqual(['c1']);
    expect(announce[0].id).toBe('alert-c');
    expect(articleIds).toEqual(['c1']);
  });

  it('undated articles (all "now") keep the order of arrival', () => {
    const now = '2025-02-18T10:00:00Z';
    const held = [heldAlert('a', 'a1', now), heldAlert('c', 'c1', now)];
    const coverage = [entry('c', 'c1', now), entry('a', 'a1', now), entry('b', 'b1', now)];
    const { announce } = announceInPublicationOrder({ held, coverage, story: story(['b', 'a', 'c']), announcedSources: new Set() });
    expect(announce.map((a) => a.source.id)).toEqual(['a', 'c']);
  });

  it('the fold keeps its members (id and marking) and lists what is announced', () => {
    const held = [heldAlert('a', 'a1', '2025-02-18T10:01:00Z'), heldAlert('c', 'c1', '2025-02-18T10:02:00Z')];
    const coverage = [entry('a', 'a1', '2025-02-18T09:00:00Z'), entry('b', 'b1', '2025-02-18T09:10:00Z'), entry('c', 'c1', '2025-02-18T09:20:00Z')];
    const { announce } = announceInPublicationOrder({ held, coverage, story: story(['b', 'a', 'c']), announcedSources: new Set() });
    const folded = foldAlerts(held, '2025-02-18T10:15:00Z', undefined, undefined, announce);
    expect(folded.memberAlertIds).toEqual(['alert-a', 'alert-c']);
    expect(folded.newSources!.map((n) => n.source.id)).toEqual(['b', 'c']);
    expect([folded.source.id, folded.articleId]).toEqual(['b', 'b1']);
    expect(folded.id).toBe(foldAlerts(held, '2025-02-18T10:15:00Z').id);
  });
});
