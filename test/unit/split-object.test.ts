import { normalizeObject, splitObject } from '../../lambdas/core/normalize';
import { RejectedInputError } from '../../lambdas/core/errors';

const raw = (key: string, text: string) => ({ key, body: Buffer.from(text), metadata: {} });

// ingestObject normalizes each document when its turn comes (a long drop's first result is not
// held up by the rest): splitting must give the same outcomes, one call each, in the same order.
describe('splitObject: documents normalized when called', () => {
  const lines = [
    JSON.stringify({ title: 'Senate passes the budget bill', url: 'https://a.example/1', source: 'a.example' }),
    '{"title": broken',
    '',
    JSON.stringify({ title: 'Budget bill heads to the House', text: 'The House votes next week on the budget bill the Senate passed.' }),
  ].join('\n');

  it.each([
    ['items.jsonl', lines],
    ['items.csv', 'title,url,source\nSenate passes the budget bill,https://a.example/1,a.example\n,,\n"Budget bill heads to the House",https://b.example/2,b.example\n'],
    ['items.json', JSON.stringify([{ title: 'Senate passes the budget bill' }, 7, { title: 'Budget bill heads to the House', text: 'The House votes next week.' }])],
    ['page.txt', 'Senate passes the budget bill\n\nThe House votes next week.'],
  ])('%s: the same outcomes as normalizeObject', (key, text) => {
    const pending = splitObject(raw(key, text));
    expect(pending.map((normalize) => normalize())).toEqual(normalizeObject(raw(key, text)));
  });

  it('normalizes nothing until asked: a bad line is found only when its document is normalized', () => {
    const pending = splitObject(raw('items.jsonl', lines));
    expect(pending).toHaveLength(3);
    expect(pending[1]()).toEqual({ ok: false, index: 1, error: expect.stringMatching(/^line 2: /) });
    expect(pending[0]()).toMatchObject({ ok: true, doc: { title: 'Senate passes the budget bill' } });
  });

  it('still rejects a whole object at once (empty, a CSV header with no title or text)', () => {
    expect(() => splitObject(raw('items.jsonl', '\n\n'))).toThrow(RejectedInputError);
    expect(() => splitObject(raw('items.csv', 'name,age\nAda,36\n'))).toThrow(RejectedInputError);
  });
});
