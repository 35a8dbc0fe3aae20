// Browser benchmark: a 300,000-row household file imported on "Wilayah saya" in Chromium — from the file
// picked to the summary shown (parse, checks, the population built from it and the explorer's run on it),
// three times in fresh pages, with the app's own measured time and the longest main-thread block (a 4 ms
// heartbeat's longest gap). Run after a release build: `cd e2e && npm run bench:households`. Prints figures;
// asserts nothing (not a test).
import { start } from '../support/browser.mjs';
import { EntasPage } from '../support/entas-page.mjs';
import { householdFile } from '../support/households.mjs';

const ROWS = Number(process.env.ROWS ?? 300000);
const file = householdFile(ROWS);
console.log(`household file: ${ROWS} rows, ${(file.text.length / 1e6).toFixed(1)} MB, P0 ${file.p0.toFixed(3)}%`);
const env = await start();
try {
  for (let run = 1; run <= 3; run++) {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const app = new EntasPage(await context.newPage(), new URL('?page=district', env.url).href);
    await app.page.goto(app.url);
    await app.districtPage.waitFor();
    await app.page.evaluate(() => {
      window.__longest = 0;
      let last = performance.now();
      const beat = () => {
        const now = performance.now();
        window.__longest = Math.max(window.__longest, now - last);
        last = now;
        setTimeout(beat, 4);
      };
      setTimeout(beat, 4);
    });
    const t0 = Date.now();
    await app.page.getByTestId('hh-file').setInputFiles({ name: 'bench.csv', mimeType: 'text/csv', buffer: Buffer.from(file.text) });
    await app.page.getByTestId('hh-summary').waitFor({ timeout: 120000 });
    const wall = Date.now() - t0;
    await app.page.waitForTimeout(50);
    const inApp = await app.page.getByTestId('hh-time').textContent();
    const longest = await app.page.evaluate(() => window.__longest);
    console.log(`run ${run}: picked → summary ${wall} ms; ${inApp.trim()}; longest main-thread block ${longest.toFixed(0)} ms`);
    await context.close();
  }
} finally {
  await env.close();
}
