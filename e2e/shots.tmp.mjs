// Temporary: screenshots of a given dist (argv[2]) into argv[3], for before/after comparison.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serveDir } from './support/server.mjs';
import { EntasPage } from './support/entas-page.mjs';

const [dist, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const server = await serveDir(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu', '--no-sandbox', '--disable-dev-shm-usage'], headless: true });
for (const [w, h] of [[1366, 768], [1920, 1080]]) {
  for (const lang of ['id', 'en']) {
    const context = await browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: 1 });
    const app = new EntasPage(await context.newPage(), server.url);
    await app.open();
    if (lang === 'en') await app.switchLanguage('en');
    await app.analysisDone();
    await app.revealCharts();
    await app.page.waitForTimeout(500);
    await app.page.screenshot({ path: join(out, `explorer-${w}-${lang}.png`), fullPage: true });
    for (const p of ['compare', 'brief', 'howto']) {
      await app.nav(p).click();
      await app.page.waitForTimeout(800);
      await app.page.screenshot({ path: join(out, `${p}-${w}-${lang}.png`), fullPage: true });
    }
    await context.close();
  }
}
await browser.close();
await server.close();
