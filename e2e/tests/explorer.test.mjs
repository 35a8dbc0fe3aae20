// The explorer's behaviour: levers move the scenario and never the baseline, bad input is refused with a
// message, presets and lines switch, the worker delivers bands, wedge and probabilities.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../support/browser.mjs';
import { openApp } from '../support/open.mjs';
import { EntasPage } from '../support/entas-page.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const baselineOf = async (app, name) => (await app.kpi(name).locator('.kpi-sub').textContent()).split('·')[0].trim();

test('raising the cash budget lowers the scenario P0 on screen and never the baseline', async () => {
  const { context, app } = await openApp(env);
  const p0 = await app.kpiNumber('p0');
  const base = await baselineOf(app, 'p0');
  for (const budget of ['150', '300', '500']) {
    const old = await app.kpiValue('p0').textContent();
    await app.typeLever('cash_budget', budget);
    await app.page.waitForFunction((o) => document.querySelector('[data-testid=kpi-p0] [data-testid=kpi-value]').textContent !== o, old);
    assert.equal(await baselineOf(app, 'p0'), base, 'the baseline does not move');
  }
  const after = await app.kpiNumber('p0');
  assert.ok(after < p0, `P0 2030 ${p0} → ${after}`);
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('a lever can be changed with the keyboard alone, and reset', async () => {
  const { context, app } = await openApp(env);
  const before = await app.kpiValue('p0').textContent();
  await app.leverInput('cash_budget').focus();
  for (let i = 0; i < 40; i++) await app.page.keyboard.press('ArrowRight');
  assert.equal(await app.leverValue('cash_budget').textContent(), 'Rp90,0 M/tahun');
  assert.notEqual(await app.kpiValue('p0').textContent(), before);
  await app.leverReset('cash_budget').focus();
  await app.page.keyboard.press('Enter');
  assert.equal(await app.leverValue('cash_budget').textContent(), 'Rp70,0 M/tahun');
  assert.equal(await app.kpiValue('p0').textContent(), before);
  await context.close();
});

test('bad values typed into a lever are refused with a message naming the lever and range', async () => {
  const { context, app } = await openApp(env);
  const before = await app.kpiValue('p0').textContent();
  await app.typeLever('cash_budget', '900');
  const msg = await app.leverError('cash_budget').textContent();
  assert.match(msg, /Anggaran bantuan tunai/);
  assert.match(msg, /Rp0,0 M\/tahun/);
  assert.match(msg, /Rp500,0 M\/tahun/);
  assert.equal(await app.leverValue('cash_budget').textContent(), 'Rp70,0 M/tahun', 'the old value stays');
  await app.typeLever('cash_budget', 'banyak');
  assert.match(await app.leverError('cash_budget').textContent(), /harus antara/);
  await app.typeLever('absorption', '-5');
  assert.match(await app.leverError('absorption').textContent(), /Penyerapan anggaran/);
  assert.equal(await app.kpiValue('p0').textContent(), before);
  await app.typeLever('cash_budget', '80');
  assert.equal(await app.leverError('cash_budget').isVisible(), false, 'a good value clears the message');
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('a shock set after the end of the projection is said beside the results, in the UI language', async () => {
  const { context, app } = await openApp(env);
  const warnings = app.page.getByTestId('run-warnings');
  assert.equal(await warnings.count(), 0, 'the preset asks for nothing it cannot show');
  await app.typeLever('shock_year', '15');
  await warnings.waitFor();
  assert.match(await warnings.textContent(), /Guncangan diatur terjadi pada 2039, sesudah akhir proyeksi 2030/);
  await app.switchLanguage('en');
  assert.match(await warnings.textContent(), /The shock is set for 2039, after the end of the projection \(2030\)/);
  await app.typeLever('shock_year', '2');
  await warnings.waitFor({ state: 'detached' });
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('switching preset loads the district, its line and its budgets', async () => {
  const { context, app } = await openApp(env);
  await app.preset.selectOption('muara_enim_2024');
  await app.page.waitForFunction(() => document.querySelector('[data-testid=district]').textContent.includes('Muara Enim'));
  assert.match(await app.kpi('p0').textContent(), /GK Rp491\.107/);
  assert.equal(await app.leverValue('cash_budget').textContent(), 'Rp0,0 M/tahun');
  await app.preset.selectOption('indonesia_2024');
  await app.page.waitForFunction(() => document.querySelector('[data-testid=district]').textContent.includes('Indonesia'));
  assert.match(await app.kpi('p0').textContent(), /GK Rp582\.932/);
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('the extreme-poverty line is switchable and every rate names it', async () => {
  const { context, app } = await openApp(env);
  const at215 = await app.kpiNumber('extreme');
  await app.extremeLine.selectOption('usd300');
  await app.page.waitForFunction(() => document.querySelector('[data-testid=kpi-extreme]').textContent.includes('US$3,00'));
  assert.ok((await app.kpiNumber('extreme')) > at215, 'a higher line gives a higher rate');
  await app.extremeLine.selectOption('rupiah');
  await app.page.getByTestId('extreme-line-rp').fill('9999999');
  await app.page.getByTestId('extreme-line-rp').press('Enter');
  assert.match(await app.page.locator('.settings .field-error').textContent(), /Rp59\.000.*Rp590\.000/);
  await context.close();
});

test('the zero-extreme target is read with a tolerance the user sees and can change', async () => {
  const { context, app } = await openApp(env);
  const card = app.page.getByTestId('kpi-target-1');
  assert.match(await card.textContent(), /toleransi 0,50 poin/);
  const field = app.page.getByTestId('target-tolerance');
  assert.match(await app.page.locator('label:has([data-testid=target-tolerance])').getAttribute('title'), /Menko PMK/);
  await field.fill('9');
  await field.press('Enter');
  assert.match(await app.page.locator('.settings .field-error').textContent(), /antara 0 dan 5 poin/);
  assert.match(await card.textContent(), /toleransi 0,50 poin/, 'a refused value changes nothing');
  await field.fill('0,2');
  await field.press('Enter');
  await app.page.waitForFunction(() => document.querySelector('[data-testid=kpi-target-1]').textContent.includes('toleransi 0,20 poin'));
  await context.close();
});

test('each lever has an info popover with meaning, unit, range and source', async () => {
  const { context, app } = await openApp(env);
  assert.equal(await app.leverPopover('cash_budget').isVisible(), false);
  await app.leverInfo('cash_budget').click();
  const text = await app.leverPopover('cash_budget').textContent();
  assert.match(text, /Bantu Umak/);
  assert.match(text, /Rp miliar per tahun/);
  assert.match(text, /Rp0,0 M\/tahun – Rp500,0 M\/tahun/);
  assert.match(text, /Republika/);
  await app.page.keyboard.press('Escape');
  assert.equal(await app.leverPopover('cash_budget').isVisible(), false, 'Escape closes it');
  assert.equal(await app.leverInfo('cash_budget').evaluate((b) => b === document.activeElement), true, 'and the focus is back on its button');
  await context.close();
});

test('the worker delivers the wedge, costs, bands and target probabilities without blocking input', async () => {
  const { context, app } = await openApp(env);
  // Input during the analysis is taken at once; the stale analysis is dropped and a new one finishes.
  await app.typeLever('graduation_budget', '20');
  assert.equal(await app.leverValue('graduation_budget').textContent(), 'Rp20,0 M/tahun');
  await app.analysisDone();
  assert.match(await app.analysisStatus.textContent(), /30 simulasi/);
  assert.match(await app.kpi('target-0').textContent(), /peluang \d+%/);
  await app.openTable('wedge');
  const headers = await app.chartTable('wedge').locator('th').allTextContents();
  assert.ok(headers.includes('Bantuan tunai') && headers.includes('Paket graduasi'), headers.join(','));
  assert.ok((await app.chartInk('cost')) > 1000);
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('the analysis split over one or three workers gives the same wedge, costs, bands and probabilities', async () => {
  const results = [];
  for (const workers of [1, 3]) {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const app = new EntasPage(await context.newPage(), `${env.url}?workers=${workers}`);
    await app.open();
    await app.analysisDone();
    assert.equal(await app.analysisStatus.getAttribute('data-workers'), String(workers));
    const tables = {};
    for (const name of ['wedge', 'cost', 'trajectory']) {
      await app.openTable(name);
      tables[name] = await app.chartTable(name).locator('table').textContent();
    }
    tables.target = await app.kpi('target-0').textContent();
    assert.deepEqual(app.errors, []);
    results.push(tables);
    await context.close();
  }
  assert.match(results[0].trajectory, /\(Rp[\d,]+ jt–Rp[\d,]+ jt\)/, 'the trajectory table carries the Monte Carlo band');
  assert.match(results[0].target, /peluang \d+%/, 'the target card carries its probability');
  assert.deepEqual(results[1], results[0]);
});

test('the how-it-works page lists every parameter and both back-tests', async () => {
  const { context, app } = await openApp(env);
  const levers = await app.page.locator('.levers .lever').count();
  await app.nav('howto').click();
  const rows = await app.page.getByTestId('parameter-table').locator('tbody tr').count();
  assert.ok(levers >= 40, `levers on the panel: ${levers}`);
  assert.equal(rows, levers, 'every lever on the panel is listed with its source');
  const backtests = app.page.getByTestId('backtest-table');
  assert.equal(await backtests.count(), 2, 'Musi Banyuasin from 2021 and Muara Enim from 2018');
  assert.equal(await backtests.nth(0).locator('tbody tr').count(), 4, 'Muba: 2022–2025');
  assert.equal(await backtests.nth(1).locator('tbody tr').count(), 7, 'Muara Enim: 2019–2025');
  assert.equal(await app.page.getByTestId('extreme-check').count(), 1, 'the extreme rate is shown as a check');
  assert.match(await app.page.getByTestId('howto').textContent(), /Uji balik/);
  await app.nav('explorer').click();
  await app.kpi('p0').waitFor();
  await context.close();
});

test('a data system is one click; convergence and the Kemensos check are shown with their numbers', async () => {
  const { context, app } = await openApp(env);
  await app.analysisDone();
  // DTSEN sets coverage, accuracy, record age and convergence at once; the scenario moves, the baseline not.
  const base = await baselineOf(app, 'p0');
  const old = await app.kpiValue('p0').textContent();
  await app.page.getByTestId('enabler-preset-dtsen').click();
  await app.page.waitForFunction((o) => document.querySelector('[data-testid=kpi-p0] [data-testid=kpi-value]').textContent !== o, old);
  assert.equal(await app.leverNumber('registry_coverage').inputValue(), '95');
  assert.equal(await app.leverNumber('registry_age').inputValue(), '0');
  assert.equal(await app.page.getByTestId('enabler-preset-dtsen').getAttribute('aria-pressed'), 'true');
  assert.equal(await baselineOf(app, 'p0'), base, 'the status quo keeps its registry');
  // Desil 1–4 families by programmes received: four counts for each world, then reach figures.
  await app.openTable('convergence');
  const rows = app.chartTable('convergence').locator('tbody tr');
  assert.equal(await rows.count(), 7);
  assert.match(await rows.nth(4).textContent(), /tanpa hitung ganda/);
  assert.ok((await app.chartInk('convergence')) > 1000);
  // Targeting errors against desil 1–4 (as Kemensos reports) beside those against the GK.
  await app.openTable('targeting');
  const heads = (await app.chartTable('targeting').locator('th').allTextContents()).join('|');
  assert.match(heads, /desil 1–4/);
  assert.match(heads, /GK/);
  await app.nav('howto').click();
  const check = app.page.getByTestId('registry-check');
  assert.equal(await check.locator('tbody tr').count(), 2, 'data lama and DTSEN');
  assert.equal(await check.locator('tbody tr.miss').count(), 0, 'both inside the Kemensos ranges');
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('changing the RPJMD target year moves only the RPJMD target; the Inpres extreme target has its own value and year', async () => {
  const { context, app } = await openApp(env);
  const before = await app.kpi('target-1').textContent();
  assert.match(before, /2025/, before);
  await app.page.getByTestId('target-year').selectOption('2028');
  await app.page.waitForFunction(() => /2028/.test(document.querySelector('[data-testid=kpi-target-0]').textContent));
  const after = await app.kpi('target-1').textContent();
  assert.match(after, /≤ 0,00% pada 2025/, `the zero-extreme target keeps its year: ${after}`);
  assert.doesNotMatch(after, /pada 2028/, after);
  // The Inpres target is editable too: its value and its year, and only its own.
  const extreme = app.page.getByTestId('target-extreme');
  await extreme.fill('0,3');
  await extreme.press('Enter');
  await app.page.getByTestId('target-extreme-year').selectOption('2030');
  await app.page.waitForFunction(() => /≤ 0,30% pada 2030/.test(document.querySelector('[data-testid=kpi-target-1]').textContent));
  assert.match(await app.kpi('target-0').textContent(), /2028/, 'the RPJMD target keeps its year');
  await extreme.fill('200');
  await extreme.press('Enter');
  assert.match(await app.page.locator('.field-error').textContent(), /.+/, 'an impossible value is refused with a message');
  assert.match(await app.kpi('target-1').textContent(), /≤ 0,30% pada 2030/, 'and changes nothing');
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('navigating between pages 20 times leaves no chart observers behind', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
  // Count live IntersectionObservers: made minus disconnected.
  await context.addInitScript(() => {
    const Native = window.IntersectionObserver;
    window.__observers = { made: 0, live: 0 };
    window.IntersectionObserver = class extends Native {
      constructor(callback, options) { super(callback, options); window.__observers.made++; window.__observers.live++; }
      disconnect() { if (!this.__off) { this.__off = true; window.__observers.live--; } super.disconnect(); }
    };
  });
  const app = new EntasPage(await context.newPage(), env.url);
  await app.open();
  const cards = await app.page.locator('canvas').count();
  for (let i = 0; i < 10; i++) {
    await app.nav('compare').click();
    await app.page.getByTestId('compare').waitFor();
    await app.nav('explorer').click();
    await app.kpi('p0').waitFor();
    await app.chart('trajectory').locator('canvas').waitFor();
  }
  const counts = await app.page.evaluate(() => window.__observers);
  assert.ok(counts.made >= 10 * cards, `an observer per chart on every visit: ${JSON.stringify(counts)}, ${cards} charts`);
  assert.ok(counts.live <= cards + 2, `live observers ${counts.live} for ${cards} chart cards (${counts.made} made)`);
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('beside the projection: how far the model is from BPS, the district back-test, a link to its table, and the estimate mark explained', async () => {
  const { context, app } = await openApp(env);
  const fit = app.page.getByTestId('fit-line');
  await app.page.waitForFunction(() => /uji balik Musi Banyuasin dari 2021/.test(document.querySelector('[data-testid=fit-line]')?.textContent ?? ''), null, { timeout: 20000 });
  const text = await fit.textContent();
  assert.match(text, /BPS 2025: \d+,\d+%, model \d+,\d+% \([+-]?\d+,\d+ pp\)/, text);
  assert.match(text, /selisih P0 rata-rata \d+,\d+ poin/, text);
  // Muba's GK is rolled forward from 2021: marked, and the mark explained under the KPIs.
  assert.match(await app.kpi('p0').textContent(), /≈Rp590\.000/);
  assert.match(await app.page.getByTestId('estimate-note').textContent(), /≈ menandai perkiraan.*garis kemiskinan \(GK\)/);
  await app.page.getByTestId('fit-detail').click();
  await app.page.getByTestId('backtest-table').first().waitFor();
  // A district with a published GK carries no mark.
  await app.nav('explorer').click();
  await app.preset.selectOption('muara_enim_2024');
  await app.page.waitForFunction(() => document.querySelector('[data-testid=kpi-p0]').textContent.includes('Rp491.107'));
  assert.doesNotMatch(await app.kpi('p0').textContent(), /≈/);
  await app.page.waitForFunction(() => /uji balik Muara Enim dari 2018/.test(document.querySelector('[data-testid=fit-line]')?.textContent ?? ''));
  assert.deepEqual(app.errors, []);
  await context.close();
});
