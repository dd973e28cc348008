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
    // Each mark stands out from its lane's band by 3:1 at least (WCAG 1.4.11), by its fill or its rim.
    const markContrast = await chart.evaluate((svg) => {
      const rgb = (c: string) => (/rgba?\(([^)]+)\)/.exec(c)?.[1] ?? '0,0,0').split(/[,\s]+/).filter(Boolean).slice(0, 3).map(Number);
      const lum = (c: string) => rgb(c).map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; })
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
      const ratio = (a: string, b: string) => { const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };
      const bands = Array.from(svg.querySelectorAll('rect.lane-band'));
      return Array.from(svg.querySelectorAll('circle.mark')).map((mark) => {
        const cy = Number(mark.getAttribute('cy'));
        const band = bands.find((b) => cy >= Number(b.getAttribute('y')) && cy <= Number(b.getAttribute('y')) + Number(b.getAttribute('height')))!;
        const bandFill = getComputedStyle(band).fill;
        const style = getComputedStyle(mark);
        return Math.round(100 * Math.max(ratio(style.fill, bandFill), Number.parseFloat(style.strokeWidth) >= 1 ? ratio(style.stroke, bandFill) : 0)) / 100;
      });
    });
    expect(markContrast).toHaveLength(5);
    expect(markContrast.filter((r) => r < 3)).toEqual([]);
    // The copy's mark links to its original's article.
    const copyLink = await chart.locator('a.mark-link:has(circle.mark-copy)').getAttribute('href');
    await expect(page.locator(copyLink!).count()).resolves.toBe(1);
  });

  it('every page: controls labelled, text contrast of WCAG AA, a skip link for the keyboard, no sideways scrolling on a phone', async () => {
    await page.goto('/');
    const storyHref = (await page.locator('a.story-link').getAttribute('href'))!;
    const articleHref = `/articles/${storyHref.split('/').pop()}`;
    const paths = ['/', storyHref, articleHref, '/actors/p:marco-rubio', '/watches', '/feeds', '/alerts'];
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      for (const p of paths) {
        await page.goto(p);
        const report = await page.evaluate(auditPage);
        expect({ page: p, width: viewport.width, ...report, scrollWidth: Math.min(report.scrollWidth, viewport.width) })
          .toEqual({ page: p, width: viewport.width, unlabelled: [], unnamed: [], lowContrast: [], texts: report.texts, scrollWidth: viewport.width });
        expect(report.texts).toBeGreaterThan(10);
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    // The first Tab shows the skip link; following it puts the focus on the page's content.
    await page.goto('/watches');
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip-link');
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect((await skip.boundingBox())!.x).toBeGreaterThanOrEqual(0);
    await expect(skip.evaluate((el) => getComputedStyle(el).outlineStyle)).resolves.not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
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

/**
 * Runs in the page: form controls without a label, links and buttons without a name, text whose
 * contrast with its background is under WCAG AA (4.5:1; 3:1 for large text), and the page's width.
 */
function auditPage() {
  type Rgba = [number, number, number, number];
  const parse = (colour: string): Rgba => {
    const m = /rgba?\(([^)]+)\)/.exec(colour);
    if (!m) return [0, 0, 0, 0];
    const [r, g, b, a = '1'] = m[1].split(/[,\s/]+/).filter(Boolean);
    return [Number(r), Number(g), Number(b), Number(a)];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1) as Rgba;
  const luminance = ([r, g, b]: Rgba) => {
    const channel = (c: number) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (el: Element | null): Rgba => {
    const layers: Rgba[] = [];
    for (let node = el; node; node = node.parentElement) {
      if (node instanceof SVGElement && !(node instanceof SVGSVGElement)) continue;
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] === 1) break;
    }
    return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const visible = (el: Element) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 1 && box.height > 1 && style.visibility !== 'hidden' && style.display !== 'none' && !el.closest('.visually-hidden, .skip-link');
  };
  const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;

  const unlabelled = Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
    .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map(describe);
  const unnamed = Array.from(document.querySelectorAll('a[href], button'))
    .filter((el) => !(el.textContent ?? '').trim() && !el.getAttribute('aria-label') && !el.querySelector('img[alt]:not([alt=""]), title'))
    .map(describe);
  const lowContrast: string[] = [];
  let texts = 0;
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
    if (!ownText || !visible(el) || ['SCRIPT', 'TITLE', 'DESC', 'OPTION'].includes(el.tagName.toUpperCase())) continue;
    const style = getComputedStyle(el);
    const ink = parse(el instanceof SVGElement ? style.fill : style.color);
    const bg = background(el);
    const fg = over(ink, bg);
    const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    texts++;
    if (ratio < (large ? 3 : 4.5)) lowContrast.push(`${describe(el)} ${ratio.toFixed(2)}:1`);
  }
  return { unlabelled, unnamed, lowContrast, texts, scrollWidth: document.documentElement.scrollWidth };
}
