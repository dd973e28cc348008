/**
 * Boilerplate that survives scraping (issue 15): promotion labels with the teaser headlines they
 * carry ("Trending: Apple's $29 battery …", "Read more:" and the list under it), share, follow
 * and subscription lines are dropped before tagging, so a name found only there never tracks a
 * story. The fixtures are three real articles of one event of news-cluster-dev (China's
 * Tiangong-1 space station, news-please JSON); 9287df2a ends in BGR's "Trending Right Now:" list.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addWatch } from '../../lambdas/app/watches';
import { normalizeObject } from '../../lambdas/core/normalize';
import { ingestFiles } from '../../lambdas/local/ingest';
import { useFreshRuntime } from '../support/fresh-runtime';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'scraped-teasers');
const ARTICLES = ['bda8462b.json', 'a937907f.json', '9287df2a.json'];
const NOW = new Date('2018-01-10T10:00:00Z');
/** The line the issue quotes, as a scraped page carries it. */
const TRENDING_LINE = 'Trending: Apple’s $29 iPhone battery replacement program starts today, and here’s how to get it';

interface NewsPlease { title: string; text: string; source_domain: string }

async function article(file: string): Promise<NewsPlease> {
  return JSON.parse(await readFile(path.join(FIXTURES, file), 'utf8')) as NewsPlease;
}

function normalizedText(doc: NewsPlease): string {
  const [outcome] = normalizeObject({ key: 'a.json', body: new TextEncoder().encode(JSON.stringify(doc)), metadata: {} });
  if (!outcome.ok) throw new Error(`not a document: ${JSON.stringify(outcome)}`);
  return outcome.doc.text;
}

describe('promotion and teaser lines in scraped texts', () => {
  it('drops "Trending Right Now:" with its teaser headlines, and the "originally appeared on" line, keeping the body', async () => {
    const text = normalizedText(await article('9287df2a.json'));
    expect(text).toContain('Tiangong-1 — which means “Heavenly Palace”');
    expect(text).not.toMatch(/Trending|Apple|Galaxy S9|DirecTV|BGR Top Deals|originally appeared on/);
  });

  it.each([
    [TRENDING_LINE],
    ['READ MORE: Two large meteors caught on camera in northwestern Russia (VIDEO)'],
    ['More: Iran blocks messaging app Telegram used by protesters'],
    ['Most Read In TV & Showbiz LEW WANTED SEX WITH TWO Lewis Hamilton’s ex reveals his threesome obsession'],
    ['Newsletter Sign Up Continue reading the main story Please verify you’re not a robot by clicking the box.'],
    ['Like Washington Post World on Facebook and stay updated on foreign news'],
    ['Follow Stephen Clark on Twitter: @StephenClark1.'],
  ])('drops %j at any length', async (line) => {
    const doc = await article('bda8462b.json');
    const text = normalizedText({ ...doc, text: `${doc.text}\n${line}\nThe station is expected to re-enter the atmosphere in 2018.` });
    expect(text).not.toContain(line.slice(0, 30));
    expect(text).toContain('The station is expected to re-enter the atmosphere in 2018.');
  });

  it('"Read more:" takes the headlines under it, not the paragraphs after them', async () => {
    const doc = await article('bda8462b.json');
    const tail = [
      'Read more:',
      'U.S. imposes sanctions on two key figures in North Korea’s weapons program',
      'What made North Korea’s weapons programs so much scarier in 2017',
      'The station is expected to re-enter the atmosphere in 2018.',
    ];
    const text = normalizedText({ ...doc, text: `${doc.text}\n${tail.join('\n')}` });
    expect(text).not.toMatch(/Read more|North Korea/);
    expect(text).toContain(tail[3]);
  });
});

describe('a name found only in a teaser line tracks no story', () => {
  const fresh = useFreshRuntime('nw-teasers-');
  let folder: string;
  beforeEach(async () => { folder = await mkdtemp(path.join(tmpdir(), 'nw-teaser-files-')); });
  afterEach(async () => { await rm(folder, { recursive: true, force: true }); });

  /** The three articles, the last with `line` added at its end, ingested with an Apple watch. */
  async function ingestWithApple(line: string) {
    await addWatch(fresh.runtime.store, { name: 'apple', actors: ['Apple'] }, NOW);
    const files: string[] = [];
    for (const [i, file] of ARTICLES.entries()) {
      const doc = await article(file);
      const target = path.join(folder, `${i}-${file}`);
      await writeFile(target, JSON.stringify(i === ARTICLES.length - 1 ? { ...doc, text: `${doc.text}\n${line}` } : doc));
      files.push(target);
    }
    const { results } = await ingestFiles(fresh.runtime, files, { clock: () => NOW, cooldownSeconds: 0 });
    const stories = await fresh.runtime.store.listStories();
    return { results, stories };
  }

  it('the issue\'s "Trending: Apple\'s $29 battery …" line: the space-station story is not tracked, no alert', async () => {
    const { results, stories } = await ingestWithApple(TRENDING_LINE);
    expect(results.map((r) => r.status)).toEqual(['ingested', 'ingested', 'ingested']);
    expect(new Set(results.map((r) => r.storyId)).size).toBe(1);
    expect(results[2].actors?.map((a) => a.name)).not.toContain('Apple');
    expect(stories.flatMap((s) => s.trackedBy)).not.toContain('apple');
    expect(results.flatMap((r) => r.alerts ?? [])).toEqual([]);
  });

  it('the same words in a sentence of the body do track it (the watch works)', async () => {
    const { results, stories } = await ingestWithApple('Apple’s $29 iPhone battery replacement program was announced the same day.');
    expect(results[2].actors?.map((a) => a.name)).toContain('Apple');
    expect(stories.flatMap((s) => s.trackedBy)).toContain('apple');
  });
});
