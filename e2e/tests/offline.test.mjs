// Offline: after one online visit the service worker serves everything; a reload with no network works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../support/browser.mjs';
import { EntasPage } from '../support/entas-page.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('the app reloads and works with the network off', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const app = new EntasPage(await context.newPage(), env.url);
  await app.open();
  // The footer says when the laptop may leave the network.
  await app.page.waitForFunction(() => document.querySelector('[data-testid=offline-sign]')?.dataset.state === 'ready', null, { timeout: 20000 });
  assert.match(await app.page.getByTestId('offline-sign').textContent(), /Siap dipakai tanpa internet/);
  await app.page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await context.setOffline(true);
  await app.page.reload();
  await app.kpi("p0").waitFor({ timeout: 15000 });
  assert.match(await app.kpiValue("p0").textContent(), /%$/);
  assert.ok(await app.page.evaluate(() => navigator.serviceWorker.controller !== null), 'page is controlled by the worker');
  assert.ok((await app.chartInk('trajectory')) > 1000);
  await app.analysisDone();
  assert.match(await app.analysisStatus.textContent(), /30 simulasi/, 'the worker loads offline too');
  await context.close();
});

test('the web app manifest is linked and names the app', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.url);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifest = await (await page.request.get(new URL(href, env.url).href)).json();
  assert.equal(manifest.short_name, 'Entas');
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.length > 0);
  await context.close();
});
