// "Wilayah saya / My district": a district's own figures typed in the form, the BPS district table imported
// from a CSV, the districts kept in browser storage, and the share link that carries a district of its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ARTIFACTS } from '../support/browser.mjs';
import { EntasPage } from '../support/entas-page.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

async function openDistrictPage(lang = 'id', viewport = { width: 1366, height: 768 }) {
  const context = await env.browser.newContext({ viewport });
  const q = lang === 'en' ? '?page=district&lang=en' : '?page=district';
  const app = new EntasPage(await context.newPage(), new URL(q, env.url).href);
  await app.page.goto(app.url);
  await app.districtPage.waitFor();
  return { context, app };
}

const csv = (text) => ({ name: 'tabel.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

test('form → save → reload: the kept district opens with the same numbers, and the menu names it', async () => {
  const { context, app } = await openDistrictPage();
  const fields = {
    name: 'Kabupaten Contoh', code: '1699', 'base-year': '2024', population: '500.000', 'household-size': '3,9',
    'poverty-line': '520.000', p0: '11,5', p1: '1,9', p2: '0,45', extreme: '0,8', gini: '',
  };
  for (const [k, v] of Object.entries(fields)) await app.districtField(k).fill(v);
  await app.districtField('history').fill('2022: 12,9\n2023: 12,1');
  await app.districtField('budget-cash_budget').fill('25');
  await app.districtSave.click();
  assert.match(await app.notice.textContent(), /Wilayah disimpan/);
  assert.equal(await app.myDistricts.count(), 1);
  await app.districtOpen.click();
  await app.kpi('p0').waitFor();
  await app.page.waitForFunction(() => document.querySelector('[data-testid=district]')?.textContent.includes('Kabupaten Contoh'));
  // The base year reproduces the typed P0, and the status quo runs the typed cash budget.
  assert.match(await app.kpiValue('p0').textContent(), /%/);
  assert.equal(await app.leverNumber('cash_budget').inputValue(), '25,00');
  assert.match(await app.presetSelect.inputValue(), /^mine:\d+$/, 'the menu shows the kept district');
  const before = await app.kpiTexts();
  await app.page.reload();
  await app.kpi('p0').waitFor();
  assert.deepEqual(await app.kpiTexts(), before, 'identical KPIs after reload');
  assert.match(await app.district.textContent(), /Kabupaten Contoh · 2024/);
  // Stored once: the working scenario refers to the kept district by id.
  const stored = JSON.parse(await app.page.evaluate(() => localStorage.getItem('entas.workspace')));
  assert.equal(stored.version, 3);
  assert.equal(stored.districts.length, 1);
  assert.deepEqual(stored.current.scenario.district, { kept_district: stored.districts[0].id });
  // The kept district is still there after the reload, and the form round-trips its figures.
  await app.nav('district').click();
  assert.equal(await app.myDistricts.count(), 1);
  await app.page.getByTestId('my-district-edit').click();
  assert.equal(await app.districtField('poverty-line').inputValue(), '520.000');
  assert.equal(await app.districtField('p2').inputValue(), '0,45');
  assert.equal(await app.districtField('history').inputValue(), '2022: 12,9\n2023: 12,1');
  // Switching the language rewrites the numbers, never their meaning.
  await app.language('en').click();
  assert.equal(await app.districtField('poverty-line').inputValue(), '520,000');
  assert.equal(await app.districtField('household-size').inputValue(), '3.9');
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('a wrong field is named with its allowed range, in the UI language, and nothing changes', async () => {
  for (const lang of ['id', 'en']) {
    const { context, app } = await openDistrictPage(lang);
    const districtBefore = await app.district.textContent();
    await app.districtField('p0').fill(lang === 'id' ? 'sebelas' : 'eleven');
    await app.districtOpen.click();
    const msg = await app.districtError.textContent();
    assert.match(msg, lang === 'id' ? /P0: penduduk miskin \(%\): bukan angka/ : /P0: people in poverty \(%\): not a number/);
    await app.districtField('p0').fill('12,88'.replace(',', lang === 'id' ? ',' : '.'));
    await app.districtField('p1').fill('9');
    await app.districtOpen.click();
    assert.match(await app.districtError.textContent(), lang === 'id' ? /P1: indeks kedalaman: .*di luar rentang yang diizinkan/ : /P1: poverty gap index: .*outside the allowed range/);
    assert.equal(await app.district.textContent(), districtBefore, 'the open district is unchanged');
    assert.deepEqual(app.errors, []);
    await context.close();
  }
});

test('the BPS district table: a row fills the form, opens in the explorer, and travels by share link', async () => {
  const { context, app } = await openDistrictPage();
  await app.tableSample.click();
  assert.match(await app.tableSummary.textContent(), /6 baris, 4 kabupaten\/kota/);
  await app.tableRow('1604').click();
  assert.equal(await app.districtField('name').inputValue(), 'Lahat');
  assert.equal(await app.districtField('p0').inputValue(), '14,14');
  assert.equal(await app.districtField('history').inputValue(), '2023: 15');
  assert.match(await app.page.getByTestId('district-estimated').textContent(), /rata-rata ukuran rumah tangga/);
  await app.districtOpen.click();
  await app.kpi('p0').waitFor();
  await app.page.waitForFunction(() => document.querySelector('[data-testid=district]')?.textContent.includes('Lahat'));
  const kpis = await app.kpiTexts();
  await app.shareButton.click();
  const url = await app.shareUrl.inputValue();
  // A fresh browser (no storage) opens the link with the district's own figures.
  const fresh = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const other = new EntasPage(await fresh.newPage(), url);
  await other.open();
  await other.page.waitForFunction(() => document.querySelector('[data-testid=district]')?.textContent.includes('Lahat'));
  assert.deepEqual(await other.kpiTexts(), kpis, 'the same numbers from the link');
  assert.deepEqual([...app.errors, ...other.errors], []);
  assert.deepEqual([...app.foreignRequests, ...other.foreignRequests], []);
  await fresh.close();
  await context.close();
});

test('a malformed table is refused line by line and changes nothing', async () => {
  const { context, app } = await openDistrictPage();
  await app.tableSample.click();
  await app.tableRow('1671').click();
  const nameBefore = await app.districtField('name').inputValue();
  const bad = 'kode;nama;tahun;p0;garis_kemiskinan;jumlah_penduduk_miskin\n'
    + '1606;Muba;2024;12,88;590.000;88.940\n'
    + '16x6;Muba;2024;dua belas;590.000;-5\n'
    + '1603;Muara Enim;2024;9,79;;66.420\n';
  await app.tableFile.setInputFiles(csv(bad));
  const errors = await app.tableErrors.locator('li').allTextContents();
  assert.ok(errors.some((e) => /^Baris 3, kolom kode: «16x6» bukan kode BPS/.test(e)), errors.join('\n'));
  assert.ok(errors.some((e) => /^Baris 3, kolom p0: «dua belas» bukan angka/.test(e)), errors.join('\n'));
  assert.ok(errors.some((e) => /^Baris 3, kolom jumlah_penduduk_miskin: -5 di luar rentang/.test(e)), errors.join('\n'));
  assert.ok(errors.some((e) => /^Baris 4, kolom garis_kemiskinan: kosong/.test(e)), errors.join('\n'));
  // The sample imported before is still the table shown, and the form is as it was.
  assert.match(await app.tableSummary.textContent(), /sumsel-districts\.csv/);
  assert.equal(await app.districtField('name').inputValue(), nameBefore);
  // A file without the required columns: named on the header line.
  await app.tableFile.setInputFiles(csv('code,name\n1606,Muba\n'));
  const missing = await app.tableErrors.locator('li').allTextContents();
  assert.ok(missing.some((e) => /^Baris 1, kolom year: kolom wajib ini tidak ada/.test(e)), missing.join('\n'));
  await app.page.screenshot({ path: `${ARTIFACTS}/district-table-errors.png`, fullPage: true });
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('a 514-row district table imports, and the page fits a phone', async () => {
  let text = 'code,name,year,p0_pct,p1,p2,poverty_line,poor_people\n';
  for (let i = 0; i < 514; i++) {
    text += `${1101 + i},Kabupaten ${i + 1},2024,${(2 + (i * 37 % 330) / 10).toFixed(2)},`
      + `${(0.15 * (2 + (i * 37 % 330) / 10)).toFixed(3)},${(0.04 * (2 + (i * 37 % 330) / 10)).toFixed(3)},${380000 + (i * 7919 % 400000)},${20000 + i * 100}\n`;
  }
  const { context, app } = await openDistrictPage('en', { width: 390, height: 844 });
  const t0 = Date.now();
  await app.tableFile.setInputFiles(csv(text));
  await app.tableSummary.waitFor();
  console.log(`514-row table: imported and listed in ${Date.now() - t0} ms`);
  assert.match(await app.tableSummary.textContent(), /514 rows, 514 districts/);
  assert.equal(await app.page.locator('[data-testid=district-table-rows] tbody tr').count(), 514);
  await app.page.getByTestId('district-table-filter').fill('Kabupaten 51');
  assert.equal(await app.page.locator('[data-testid=district-table-rows] tbody tr').count(), 6);
  const width = await app.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling on a phone: ${width}px`);
  await app.page.screenshot({ path: `${ARTIFACTS}/district-phone-en.png`, fullPage: true });
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('kecamatan entered as P3KE-like counts, one chosen pocket: the explorer and the brief show them, sorted', async () => {
  for (const lang of ['id', 'en']) {
    const { context, app } = await openDistrictPage(lang, { width: 1366, height: 900 });
    // Start from the open district (Musi Banyuasin) and its 15 kecamatan names, then enter counts.
    await app.page.getByTestId('df-kecamatan-names-1606').click();
    assert.equal((await app.districtField('kecamatan').inputValue()).split('\n').length, 15);
    await app.districtOpen.click();
    assert.match(await app.districtError.textContent(), lang === 'id' ? /Kecamatan \(kantong kemiskinan\): baris 1 tidak berbentuk/ : /Kecamatan \(poverty pockets\): line 1 is not/);
    const pocket = lang === 'id' ? 'kantong' : 'pocket';
    const n = (v) => (lang === 'id' ? v.replace(/,/g, '.') : v);
    await app.districtField('kecamatan').fill([
      `Sekayu; ${n('98,000')}; ${n('6,100')}`, `Lalan; ${n('41,000')}; ${n('7,400')}; ${pocket}`,
      `Sungai Lilin; ${n('80,000')}; ${n('6,000')}`, `Bayung Lencir; ${n('110,000')}; ${n('12,500')}`,
    ].join('\n'));
    await app.districtOpen.click();
    await app.kpi('p0').waitFor();
    const card = app.chart('kecamatan');
    await card.scrollIntoViewIfNeeded();
    assert.ok((await app.chartInk('kecamatan')) > 1000, 'the kecamatan chart is drawn');
    await card.locator('details summary').click();
    await card.locator('tbody tr').first().waitFor();
    const rows = await card.locator('tbody tr').allTextContents();
    assert.equal(rows.length, 4);
    assert.match(rows[0], /^Lalan/, 'the highest headcount first');
    assert.match(rows[0], lang === 'id' ? /ya/ : /yes/);
    assert.match(await app.page.getByTestId('kecamatan-note').textContent(), lang === 'id' ? /diisi pengguna/ : /user-entered/);
    await app.page.screenshot({ path: `${ARTIFACTS}/district-kecamatan-${lang}.png`, fullPage: true });
    await app.nav('brief').click();
    await app.page.getByTestId('brief-kecamatan').waitFor();
    assert.deepEqual(app.errors, []);
    await context.close();
  }
});
