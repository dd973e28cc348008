import { interleaveStories, type LabelledArticle } from '../../scripts/clustering-data';
import { bcubed, trueNewSources } from '../../scripts/clustering-metrics';

describe('the clustering evaluation', () => {
  it('scores B-cubed per item (Bagga & Baldwin): one story split in two, one extra item merged in', () => {
    // Label A = {1,2,3,4} split into clusters x={1,2} y={3,4}; label B = {5} merged into x.
    const items = [
      { id: '1', label: 'A', cluster: 'x' }, { id: '2', label: 'A', cluster: 'x' },
      { id: '3', label: 'A', cluster: 'y' }, { id: '4', label: 'A', cluster: 'y' },
      { id: '5', label: 'B', cluster: 'x' },
    ];
    const { precision, recall } = bcubed(items);
    expect(precision).toBeCloseTo((2 / 3 + 2 / 3 + 1 + 1 + 1 / 3) / 5, 10);
    expect(recall).toBeCloseTo((1 / 2 + 1 / 2 + 1 / 2 + 1 / 2 + 1) / 5, 10);
    expect(bcubed(items.map((i) => ({ ...i, cluster: i.label })))).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('counts a true new source only when the story already had an article and none from that publisher', () => {
    const truth = trueNewSources([
      { id: 'a1', label: 'S', source: 'reuters' },
      { id: 'a2', label: 'S', source: 'reuters' },
      { id: 'a3', label: 'S', source: 'bbc' },
      { id: 'a4', label: 'T', source: 'bbc' },
      { id: 'a5', label: 'S', source: 'bbc' },
    ]);
    expect([...truth]).toEqual(['a3']);
  });

  it('interleaves stories for the stress replay: the k-th article of each in turn, times spread over the span', () => {
    const at = (minute: number) => new Date(Date.UTC(2014, 2, 10, 12, minute)).toISOString();
    const article = (id: string, label: string, minute: number): LabelledArticle => ({ id, label, source: id, text: id, publishedAt: at(minute) });
    const out = interleaveStories([article('a1', 'A', 0), article('a2', 'A', 1), article('a3', 'A', 2), article('b1', 'B', 30), article('b2', 'B', 31)]);
    expect(out.map((a) => a.id)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
    // 31 minutes over 4 steps: 7 min 45 s apart.
    expect(out.map((a) => a.publishedAt.slice(11, 19))).toEqual(['12:00:00', '12:07:45', '12:15:30', '12:23:15', '12:31:00']);
  });
});
