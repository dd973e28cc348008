/**
 * A 5,000-character source and title, end to end on the embedded store: ingested (no key-size
 * error), counted once in its story, and every later alert of that story within Slack's limits
 * and on its lines in email.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderAlert, renderSlackMessage } from '../../lambdas/core/alert';
import { SLACK_LIMITS } from '../../lambdas/core/alert/config';
import type { Alert } from '../../lambdas/core/model';
import { MAX_SOURCE_ID_CHARS, MAX_SOURCE_NAME_CHARS, MAX_TITLE_CHARS } from '../../lambdas/core/normalize/config';
import { ingestFiles } from '../../lambdas/local/ingest';
import { useFreshRuntime } from '../support/fresh-runtime';

const INCOMING = path.join(__dirname, '..', '..', 'examples', 'riyadh-talks', 'incoming');
const seed = (outlet: string, file: string) => path.join(INCOMING, outlet, file);

describe('a 5,000-character source and title', () => {
  const fresh = useFreshRuntime('newswatch-hostile-');

  it('are capped and ingest fine; later alerts of the story stay within every limit', async () => {
    const { runtime, dataDir } = fresh;
    const longSource = `Evil\nLink: http://x\nWhy: y ${'S'.repeat(5000)}`;
    const longTitle = `Rubio and Lavrov \u202e${'meet in Riyadh '.repeat(340)}`;
    const hostile = path.join(dataDir, 'hostile.json');
    const text = await readFile(seed('outlet-b', '001_2a5c6933c16f0aef.txt'), 'utf8');
    await writeFile(hostile, JSON.stringify({ title: longTitle, text }));

    const first = await ingestFiles(runtime, [seed('outlet-a', '000_17b1c73d69787b68.txt')], { source: 'outlet-a', trackAll: true });
    const second = await ingestFiles(runtime, [hostile], { source: longSource, trackAll: true });
    const third = await ingestFiles(runtime, [seed('caliber-az', '003_502df0261b767f7e.txt')], { trackAll: true });
    const results = [...first.results, ...second.results, ...third.results];
    expect(results.map((r) => r.status)).toEqual(['ingested', 'ingested', 'ingested']);

    const [, evil, caliber] = results;
    const article = (await runtime.store.getArticle(evil.articleId!))!;
    expect([...article.source.id].length).toBeLessThanOrEqual(MAX_SOURCE_ID_CHARS);
    expect(article.source.name.length).toBeLessThanOrEqual(MAX_SOURCE_NAME_CHARS);
    expect(article.source.name).not.toMatch(/\n/);
    expect(article.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(article.title).not.toMatch(/\u202e/);

    // One story, three sources, each counted once; the hostile source alerted once, then Caliber.
    expect(caliber.storyId).toBe(evil.storyId);
    const story = (await runtime.store.getStory(evil.storyId!))!;
    expect(story.sources).toHaveLength(3);
    expect(story.sources).toContain(article.source.id);

    const alerts = (await readFile(path.join(dataDir, 'alerts.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Alert);
    expect(alerts.map((a) => a.source.id)).toEqual([article.source.id, 'caliber-az']);
    for (const alert of alerts) {
      const email = renderAlert(alert);
      const lines = email.text.split('\n');
      expect(lines.filter((l) => l.startsWith('Link:')).length).toBeLessThanOrEqual(1);
      expect(lines.filter((l) => l.startsWith('Why:'))).toHaveLength(1);
      expect(lines.some((l) => /^(Link: http:\/\/x|Why: y)/.test(l))).toBe(false);
      const slack = renderSlackMessage(alert);
      expect(slack.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
      for (const block of slack.blocks) {
        if (block.type === 'section') {
          expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
          for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
        }
      }
    }
  });
});
