import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ingestFiles } from '../../lambdas/local/ingest';
import { showArticle } from '../../lambdas/app/stories';
import { FeedServer } from '../feeds/feed-server';
import { useFreshRuntime } from '../support/fresh-runtime';

const PAGE = path.join(__dirname, '..', 'fixtures', 'normalize', 'html-menus-and-inline-svg', 'input.html');
const UNRELATED = path.join(__dirname, '..', 'fixtures', 'unrelated');

// The pages are served from 127.0.0.1, which the SSRF guard refuses unless the user
// opts in: these tests opt in the way a user does (test/adapters/ssrf.test.ts tests the guard).
const optIn = process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK;
beforeAll(() => { process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK = '1'; });
afterAll(() => {
  if (optIn === undefined) delete process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK;
  else process.env.NEWSWATCH_ALLOW_PRIVATE_NETWORK = optIn;
});

describe('newswatch ingest <web address> (real HTTP on 127.0.0.1)', () => {
  const server = new FeedServer();
  const fresh = useFreshRuntime('newswatch-url-');

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('fetches the page, follows a redirect, names the source from the page, and keeps the order given', async () => {
    server.route('/old/strike', { status: 301, headers: { location: '/news/strike' } });
    server.route('/news/strike', { headers: { 'content-type': 'text/html; charset=utf-8' }, body: await readFile(PAGE) });
    const results = (await ingestFiles(fresh.runtime, [`${server.base}/old/strike`, UNRELATED])).results;
    expect(results.map((r) => r.status)).toEqual(['ingested', 'ingested', 'ingested']);
    expect(results[0]).toMatchObject({ file: `${server.base}/news/strike`, source: 'Port Gazette', title: 'Harbour strike enters its second day' });
    const article = await showArticle(fresh.runtime, results[0].articleId!);
    expect(article.text).toContain('Shipping agents said more than forty vessels were waiting outside the harbour');
    expect(article.url).toBe(`${server.base}/news/strike`);

    const again = (await ingestFiles(fresh.runtime, [`${server.base}/news/strike`])).results;
    expect(again.map((r) => r.status)).toEqual(['duplicate']);
  });

  it('reports a page that cannot be fetched as rejected, and ingests the inputs beside it', async () => {
    const results = (await ingestFiles(fresh.runtime, [`${server.base}/missing`, UNRELATED])).results;
    expect(results[0]).toEqual({ file: `${server.base}/missing`, status: 'rejected', error: expect.stringContaining('HTTP 404') });
    expect(results.slice(1).map((r) => r.status)).toEqual(['ingested', 'ingested']);
  });
});
