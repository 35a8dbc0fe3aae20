// Browser benchmark: the explorer's analysis (Shapley wedge over Muba's funded programmes + Monte Carlo draws) in the
// worker pool, at the default 20,000 households: time from a lever change to the last band, and the longest
// the main thread was blocked meanwhile (a 4 ms heartbeat's longest gap).
// Run after a release build: `cd e2e && npm run bench:analysis` (DRAWS, WORKERS="1 2 4" to change).
// Prints figures; asserts nothing (not a test).
import { start } from '../support/browser.mjs';
import { EntasPage } from '../support/entas-page.mjs';

const DRAWS = Number(process.env.DRAWS ?? 200);
const WORKERS = (process.env.WORKERS ?? '1 2 4').split(/\s+/).filter(Boolean).map(Number);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const env = await start();
try {
  const cores = await (async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.url);
    const n = await page.evaluate(() => navigator.hardwareConcurrency);
    await context.close();
    return n;
  })();
  console.log(`analysis in the worker pool: Shapley wedge over Muba's funded programmes + ${DRAWS} Monte Carlo draws, 20,000 households; navigator.hardwareConcurrency = ${cores}`);
  for (const workers of WORKERS) {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const app = new EntasPage(await context.newPage(), `${env.url}?workers=${workers}&draws=${DRAWS}`);
    await app.open();
    await app.analysisDone(600000);
    const runs = [];
    for (let r = 0; r < ROUNDS; r++) {
      const figures = await app.page.evaluate(async (round) => {
        // A heartbeat on the main thread: the longest gap between its ticks is the longest the page was
        // blocked (the Long Tasks API reports nothing in headless Chromium).
        let last = performance.now();
        let longest = 0;
        let beating = true;
        const beat = () => {
          const now = performance.now();
          longest = Math.max(longest, now - last);
          last = now;
          if (beating) setTimeout(beat, 4);
        };
        setTimeout(beat, 4);
        const slider = document.querySelector('[data-testid=lever-cash_budget] input[type=range]');
        const status = () => document.querySelector('[data-testid=analysis-status]');
        const t0 = performance.now();
        slider.value = String(80 + 10 * round);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        // Wait for the new analysis to start, then to finish.
        while (status()?.getAttribute('data-done') === 'true') await new Promise((r) => setTimeout(r, 5));
        const started = performance.now();
        longest = 0; // the lever move's own run on the main thread is the slider benchmark's business
        last = started;
        while (status()?.getAttribute('data-done') !== 'true') await new Promise((r) => setTimeout(r, 10));
        const ms = performance.now() - t0;
        beating = false;
        return { ms, longest };
      }, r);
      runs.push(figures);
    }
    const med = (k) => [...runs.map((x) => x[k])].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
    console.log(`  ${workers} worker(s): lever → all bands ${(med('ms') / 1000).toFixed(2)} s (median of ${ROUNDS}; includes the 300 ms quiet delay)   page blocked at most ${med('longest').toFixed(0)} ms meanwhile (main-thread heartbeat)`);
    await context.close();
  }
} finally {
  await env.close();
}
