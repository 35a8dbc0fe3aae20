// The first screen: Bahasa by default, a lever that moves the projection, a language switch, crisp chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, ARTIFACTS } from '../support/browser.mjs';
import { EntasPage } from '../support/entas-page.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

async function openApp(viewport, deviceScaleFactor = 1) {
  const context = await env.browser.newContext({ viewport, deviceScaleFactor });
  const app = new EntasPage(await context.newPage(), env.url);
  await app.open();
  return { context, app };
}

test('first screen is in Bahasa Indonesia and draws the trajectory', async () => {
  const { context, app } = await openApp({ width: 1366, height: 768 });
  assert.equal(await app.title.textContent(), 'Entas');
  assert.match(await app.page.locator('h2#levers-title').textContent(), /Tuas kebijakan/);
  assert.match(await app.chartTitle.textContent(), /Persentase penduduk miskin \(GK Rp590\.000\/kapita\/bulan\), 2024–2030/);
  assert.equal(await app.kpiBase.textContent(), '12,88%');
  assert.equal(await app.page.locator('html > body .app').getAttribute('lang'), 'id');
  assert.ok((await app.chartHasInk()) > 1000, 'the chart canvas has something drawn on it');
  await app.screenshot(join(ARTIFACTS, 'first-screen-1366x768.png'));
  assert.deepEqual(app.errors, []);
  assert.deepEqual(app.foreignRequests, []);
  await context.close();
});

test('projector size screenshot at 1920x1080', async () => {
  const { context, app } = await openApp({ width: 1920, height: 1080 });
  await app.screenshot(join(ARTIFACTS, 'first-screen-1920x1080.png'));
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('the canvas backing store follows devicePixelRatio', async () => {
  const { context, app } = await openApp({ width: 1366, height: 768 }, 2);
  const size = await app.chart.evaluate((c) => ({ w: c.width, cw: c.clientWidth, h: c.height, ch: c.clientHeight }));
  assert.equal(size.w, size.cw * 2);
  assert.equal(size.h, size.ch * 2);
  await context.close();
});

test('keyboard on the growth lever changes the projected rate, reset restores it', async () => {
  const { context, app } = await openApp({ width: 1366, height: 768 });
  const before = await app.kpiEnd.textContent();
  await app.leverInput('growth_b40').focus();
  for (let i = 0; i < 10; i++) await app.page.keyboard.press('ArrowRight');
  assert.equal(await app.leverValue('growth_b40').textContent(), '3,5% / tahun');
  const after = await app.kpiEnd.textContent();
  const num = (s) => Number(s.replace('%', '').replace(',', '.'));
  assert.ok(num(after) < num(before), `more growth lowers the 2030 rate: ${before} → ${after}`);
  await app.leverReset('growth_b40').click();
  assert.equal(await app.kpiEnd.textContent(), before);
  await context.close();
});

test('the language switch changes every visible label', async () => {
  const { context, app } = await openApp({ width: 1366, height: 768 });
  const textId = await app.page.locator('.app').innerText();
  await app.switchLanguage('en');
  assert.equal(await app.page.locator('.app').getAttribute('lang'), 'en');
  assert.match(await app.chartTitle.textContent(), /Poverty rate \(GK Rp590,000\/capita\/month\), 2024–2030/);
  assert.equal(await app.kpiBase.textContent(), '12.88%');
  const textEn = await app.page.locator('.app').innerText();
  for (const word of ['Tuas kebijakan', 'Asumsi', 'Kembalikan', 'Persentase penduduk miskin', 'Garis kemiskinan']) {
    assert.ok(textId.includes(word), `Bahasa page shows "${word}"`);
    assert.ok(!textEn.includes(word), `English page no longer shows "${word}"`);
  }
  await app.screenshot(join(ARTIFACTS, 'first-screen-en-1366x768.png'));
  await context.close();
});

test('a narrow laptop gets a single column without horizontal scrolling', async () => {
  const { context, app } = await openApp({ width: 800, height: 900 });
  const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scroll (overflow ${overflow}px)`);
  await app.screenshot(join(ARTIFACTS, 'first-screen-800x900.png'));
  await context.close();
});
