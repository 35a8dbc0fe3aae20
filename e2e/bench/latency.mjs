// Browser benchmark: slider → paint latency at the default 20,000 households, and wasm sizes.
// Run after a release build: `cd e2e && npm run bench`. Prints figures; asserts nothing (not a test).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { start, DIST } from '../support/browser.mjs';
import { EntasPage } from '../support/entas-page.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 60);
const env = await start();
try {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const app = new EntasPage(await context.newPage(), env.url);
  await app.open();
  await app.analysisDone();
  const times = await app.page.evaluate(async (rounds) => {
    const slider = document.querySelector('[data-testid=lever-cash_budget] input[type=range]');
    const kpi = document.querySelector('[data-testid=kpi-p0] [data-testid=kpi-value]');
    // The next frame's rAF runs before its paint; a task queued from it runs after that paint.
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const out = [];
    const runs = [];
    const parts = {};
    let changed = 0;
    for (let i = 0; i < rounds; i++) {
      const before = kpi.textContent;
      const t0 = performance.now();
      slider.value = String(60 + (i % 2 === 0 ? 40 + i : 0));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await frame(); // the frame after the update has been painted
      out.push(performance.now() - t0);
      // The scenario world's run alone (a User Timing measure the app records around it).
      const run = performance.getEntriesByName('entas-run', 'measure').at(-1);
      if (run) runs.push(run.duration);
      // Chart specs and canvas drawing of this move (User Timing measures the chart cards record).
      for (const m of performance.getEntriesByType('measure')) {
        if (m.startTime >= t0 && /^entas-(spec|draw)-/.test(m.name)) (parts[m.name] ??= []).push(m.duration);
      }
      if (kpi.textContent !== before) changed++;
    }
    return { out, runs, parts, changed };
  }, ROUNDS);
  const sorted = [...times.out].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  console.log(`slider → paint, ${ROUNDS} moves of the cash budget (20,000 households, 2024–2030, 5 charts):`);
  console.log(`  p50 ${q(0.5).toFixed(1)} ms   p95 ${q(0.95).toFixed(1)} ms   max ${sorted.at(-1).toFixed(1)} ms   (KPI changed on ${times.changed}/${ROUNDS})`);
  if (times.runs.length) {
    const r = [...times.runs].sort((a, b) => a - b);
    const rq = (p) => r[Math.min(r.length - 1, Math.floor(p * r.length))];
    // Same work as criterion's slider_20k_6y/scenario_world_on_shared_reference: compare for wasm ÷ native.
    console.log(`  of which the scenario world's run (wasm): p50 ${rq(0.5).toFixed(1)} ms   p95 ${rq(0.95).toFixed(1)} ms   (${r.length} runs)`);
  }
  for (const [name, v] of Object.entries(times.parts).sort()) {
    const r = [...v].sort((a, b) => a - b);
    console.log(`  ${name.padEnd(34)} p50 ${r[Math.floor(r.length / 2)].toFixed(1)} ms   (${r.length} of ${ROUNDS} moves)`);
  }
  await context.close();
} finally {
  await env.close();
}
for (const f of readdirSync(DIST).filter((f) => f.endsWith('.wasm') || f.endsWith('.js'))) {
  const bytes = readFileSync(join(DIST, f));
  console.log(`  ${f.padEnd(40)} ${(bytes.length / 1024).toFixed(0).padStart(5)} KB raw  ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(0).padStart(5)} KB gzipped`);
}
