/**
 * The dashboard in a real browser: Debian's Chromium (/usr/bin/chromium, installed by .ci/run)
 * driven by playwright-core against `newswatch serve` over the seeds. Without Chromium this suite
 * fails (launch throws): it is never skipped.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startDashboard, SEEDS, type ServedDashboard } from '../support/dashboard-server';
import { runNewswatch } from '../support/run-cli';

describe('the dashboard in Chromium', () => {
  let dataDir: string;
  let server: ServedDashboard;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'newswatch-web-browser-'));
    expect((await runNewswatch(['ingest', SEEDS, '--track-all', '--quiet', '--data-dir', dataDir])).code).toBe(0);
    [server, browser] = await Promise.all([
      startDashboard(['--data-dir', dataDir]),
      launchChromium(),
    ]);
    page = await browser.newPage({ baseURL: server.url });
    // A page breaking its own Content-Security-Policy shows up as a console error.
    page.on('console', (message) => { if (message.type() === 'error') violations.push(message.text()); });
    page.on('pageerror', (error) => violations.push(error.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('the stories page shows one story with 5 sources', async () => {
    await page.goto('/');
    const rows = page.locator('tr.story-row');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().locator('.source-count').getAttribute('data-sources')).resolves.toBe('5');
    await expect(rows.first().locator('.source-count').textContent()).resolves.toBe('5 sources');
    await expect(page.locator('h1').textContent()).resolves.toBe('Stories');
  });

  it("the story's page shows a timeline with 5 marks and 4 alerts, reached from the list by keyboard", async () => {
    await page.goto('/');
    await page.locator('a.story-link').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/stories\//);
    const chart = page.locator('svg.timeline-chart');
    await expect(chart.isVisible()).resolves.toBe(true);
    await expect(chart.locator('circle.mark').count()).resolves.toBe(5);
    await expect(chart.locator('.alert-mark').count()).resolves.toBe(4);
    await expect(chart.locator('.lane').count()).resolves.toBe(5);
    await expect(page.locator('tr.coverage-row').count()).resolves.toBe(5);
    // The stylesheet (a file, allowed by the CSP) applies: the chart is drawn at the card's width.
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    // The copy's mark links to its original's article.
    const copyLink = await chart.locator('a.mark-link:has(circle.mark-copy)').getAttribute('href');
    await expect(page.locator(copyLink!).count()).resolves.toBe(1);
  });

  it('a watch created through the form (after a preview) appears in the CLI\'s `watch list`', async () => {
    await page.goto('/watches');
    await page.getByLabel('Name', { exact: true }).fill('rubio in riyadh');
    // The page's script (a file the CSP allows) fills the datalist from GET /api/actors as one types.
    await page.getByLabel(/^Actors/).pressSequentially('rub');
    await page.locator('#watch-actor-options option[value="Marco Rubio"]').waitFor({ state: 'attached' });
    await page.getByLabel(/^Actors/).fill('Marco Rubio');
    await page.getByLabel(/^Keywords/).fill('Riyadh');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.locator('.preview h3').textContent()).resolves.toBe('Preview: 1 stored story this watch would track');
    await page.getByRole('button', { name: 'Create watch' }).click();
    await page.waitForURL(/\/watches\?done=/);
    await expect(page.locator('.flash-ok').textContent()).resolves.toBe('Watch "rubio in riyadh" created.');
    await expect(page.locator('li.watch[data-watch="rubio-in-riyadh"]').count()).resolves.toBe(1);

    expect(violations).toEqual([]);
    expect(await server.stop()).toBe(0);
    const list = await runNewswatch(['watch', 'list', '--json', '--data-dir', dataDir]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout.trim())).toMatchObject({ id: 'rubio-in-riyadh', name: 'rubio in riyadh', actors: ['Marco Rubio'], keywords: ['Riyadh'] });
  }, 30_000);
});
