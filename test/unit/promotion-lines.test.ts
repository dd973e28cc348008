/**
 * Promotion lines ("Watch: …", "Trending: …") are dropped from a body, never when they are the
 * whole text: many aggregator headlines of videos read "Watch: …" (UCI headlines: 18 of them).
 */
import { normalizeObject } from '../../lambdas/core/normalize';

function normalizedText(item: object): string {
  const [outcome] = normalizeObject({ key: 'items.jsonl', body: Buffer.from(`${JSON.stringify(item)}\n`), metadata: {} });
  if (!outcome.ok) throw new Error(`rejected: ${JSON.stringify(outcome)}`);
  return outcome.doc.text;
}

describe('promotion lines', () => {
  it('a headline item that reads like a promotion line is its own text', () => {
    const text = normalizedText({ text: 'Watch: a new trailer for Game of Thrones', source: 'example.com', url: 'https://example.com/v/1' });
    expect(text).toBe('Watch: a new trailer for Game of Thrones');
  });

  it('the same line inside a body is dropped', () => {
    const body = [
      'HBO released the first full trailer for the fourth season of Game of Thrones on Sunday night.',
      'Watch: a new trailer for Game of Thrones',
      'The season starts in April, the network said in a statement on its website.',
    ].join('\n\n');
    const text = normalizedText({ title: 'HBO releases Game of Thrones trailer', text: body, source: 'example.com', url: 'https://example.com/a/1' });
    expect(text).toContain('fourth season');
    expect(text).toContain('starts in April');
    expect(text).not.toContain('Watch:');
  });
});
