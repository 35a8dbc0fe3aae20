import { start } from './support/browser.mjs';
import { EntasPage } from './support/entas-page.mjs';
import { deflateRawSync } from 'node:zlib';
const env = await start();
const sizes = [[1366, 768, 'laptop'], [1920, 1080, 'projector'], [390, 844, 'phone']];
for (const [w, h, tag] of sizes) {
  for (const lang of ['id', 'en']) {
    const ctx = await env.browser.newContext({ viewport: { width: w, height: h } });
    const app = new EntasPage(await ctx.newPage(), env.url);
    await app.open();
    if (lang === 'en') await app.switchLanguage('en');
    await app.typeLever('shock_year', '15');
    await app.page.getByTestId('run-warnings').waitFor();
    await app.page.getByTestId('run-warnings').scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: `/tmp/shot-warn-${tag}-${lang}.png` });
    await ctx.close();
  }
}
// A refused link and the recover list.
const preset = JSON.parse((await (async () => { const c = await env.browser.newContext(); const a = new EntasPage(await c.newPage(), env.url); await a.open(); const t = await a.downloadText(a.page.getByTestId('export-json')); await c.close(); return t; })()).text);
preset.district.name = 'Kabupaten Contoh';
preset.district.calibration.p1 = '2';
const payload = { preset: 'custom', name: 'x', district: preset.district, horizon: preset.horizon, households: preset.households, seed: preset.seed,
  extreme_line: preset.extreme_line, levers: preset.levers, schedules: preset.schedules, targets: preset.targets, growth_basis: preset.growth_basis };
const frag = `1.${deflateRawSync(Buffer.from(JSON.stringify(payload)), { level: 9 }).toString('base64url')}`;
const ctx = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
const app = new EntasPage(await ctx.newPage(), `${env.url}#s=${frag}`);
await app.open();
console.log('notice id:', await app.notice.textContent());
await app.page.screenshot({ path: `/tmp/shot-notice-id.png` });
await app.switchLanguage('en');
console.log('notice en:', await app.notice.textContent());
await ctx.close();
await env.close();
