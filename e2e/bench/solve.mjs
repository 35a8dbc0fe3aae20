// Browser benchmark: the reverse solver ("Cari bauran termurah") in Chromium at the default 20,000
// households, over ten target settings: time to the answer (the mix) and to the end (the cost frontier too),
// evaluations, and the longest the main thread was blocked meanwhile (a 4 ms heartbeat's longest gap).
// Run after a release build: `cd e2e && npm run bench:solve`. Prints figures; asserts nothing (not a test).
import { start } from '../support/browser.mjs';
import { EntasPage } from '../support/entas-page.mjs';

// P0 at most (percent) by year, and whether the extreme target (≤ 0%, read ≤ 0.5%, 2025) is on too.
const SETTINGS = [
  [9.99, 2025, true], [9.99, 2025, false], [10.5, 2026, true], [10.5, 2027, false], [9.5, 2027, true],
  [11.0, 2025, false], [9.0, 2028, true], [8.5, 2030, false], [10.0, 2026, false], [11.5, 2026, true],
];
const env = await start();
try {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const app = new EntasPage(await context.newPage(), new URL('?page=solve', env.url).href);
  await app.page.goto(app.url);
  await app.page.getByTestId('solve-page').waitFor();
  const results = [];
  for (const [p0, year, extreme] of SETTINGS) {
    const target = app.page.getByTestId('solve-target-p0');
    await target.getByTestId('value').fill(String(p0).replace('.', ','));
    await target.getByTestId('year').fill(String(year));
    const ex = app.page.getByTestId('solve-target-extreme').locator('input[type=checkbox]');
    if ((await ex.isChecked()) !== extreme) await ex.click();
    const r = await app.page.evaluate(async () => {
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
      const t0 = performance.now();
      document.querySelector('[data-testid=solve-start]').click();
      let answer = null;
      for (;;) {
        await new Promise((res) => setTimeout(res, 20));
        if (answer === null && document.querySelector('[data-testid=solve-answer]')) answer = performance.now() - t0;
        const s = document.querySelector('[data-testid=solve-status]');
        if (s?.dataset.done === 'true' || s?.classList.contains('error')) break;
      }
      beating = false;
      const feasible = document.querySelector('[data-testid=solve-answer]')?.dataset.feasible;
      return { answer, done: performance.now() - t0, longest, status: document.querySelector('[data-testid=solve-status]').textContent, feasible };
    });
    results.push(r);
    console.log(`  P0 ≤ ${p0}% by ${year}${extreme ? ' + extreme ≤ 0% (0.5) by 2025' : ''}: answer ${(r.answer / 1000).toFixed(2)} s, with the frontier ${(r.done / 1000).toFixed(2)} s, feasible ${r.feasible}, ${r.status.trim()}, page blocked at most ${r.longest.toFixed(0)} ms`);
  }
  const q = (key, p) => {
    const v = results.map((r) => r[key]).sort((a, b) => a - b);
    return v[Math.min(v.length - 1, Math.floor(p * v.length))];
  };
  console.log(`solver, ${results.length} target settings, 20,000 households, 2024–2030, one worker:`);
  console.log(`  answer (the mix): p50 ${(q('answer', 0.5) / 1000).toFixed(2)} s   p95 ${(q('answer', 0.95) / 1000).toFixed(2)} s`);
  console.log(`  with the frontier: p50 ${(q('done', 0.5) / 1000).toFixed(2)} s   p95 ${(q('done', 0.95) / 1000).toFixed(2)} s`);
  console.log(`  page blocked at most ${Math.max(...results.map((r) => r.longest)).toFixed(0)} ms (main-thread heartbeat)`);
  await context.close();
} finally {
  await env.close();
}
