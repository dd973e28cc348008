/**
 * `npm run screenshots`: the README's pictures of the dashboard, from a real run. Ingests the
 * seeds (one folder per source) with --track-all into a temp data dir, adds a watch and a feed so
 * those pages are not empty, runs `newswatch serve`, and shoots the pages with Debian's Chromium
 * (playwright-core): docs/dashboard-stories.png, -story.png, -watches.png, -feeds.png and
 * -story-phone.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../test/support/chromium';
import { startDashboard, SEEDS } from '../test/support/dashboard-server';
import { ROOT, runNewswatch } from '../test/support/run-cli';

async function cli(...args: string[]): Promise<void> {
  const run = await runNewswatch(args);
  if (run.code !== 0) throw new Error(`newswatch ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newswatch-shots-'));
  try {
    await cli('ingest', SEEDS, '--track-all', '--quiet', '--data-dir', dataDir);
    await cli('watch', 'add', 'rubio', '--actor', 'Marco Rubio', '--data-dir', dataDir);
    await cli('watch', 'add', 'ukraine peace', '--topic', 'peace process', '--keyword', 'Kyiv', '--data-dir', dataDir);
    await cli('feeds', 'add', 'https://www.example.com/world/rss.xml', '--name', 'Example World', '--data-dir', dataDir);
    const server = await startDashboard(['--data-dir', dataDir]);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
      const shoot = async (url: string, file: string, fullPage = false) => {
        await page.goto(new URL(url, server.url).href);
        await page.screenshot({ path: path.join(ROOT, 'docs', file), fullPage });
        console.log(`docs/${file}`);
      };
      await shoot('/', 'dashboard-stories.png');
      const storyId = await page.locator('a.story-link').first().getAttribute('href');
      await page.setViewportSize({ width: 1280, height: 1000 });
      await shoot(storyId!, 'dashboard-story.png');
      await shoot('/watches', 'dashboard-watches.png');
      await page.setViewportSize({ width: 1280, height: 520 });
      await shoot('/feeds', 'dashboard-feeds.png');
      await page.setViewportSize({ width: 390, height: 844 });
      await shoot(storyId!, 'dashboard-story-phone.png');
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
