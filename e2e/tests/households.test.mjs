// A household file on "Wilayah saya": imported, it becomes the explorer's population (the base year is the
// file's), the workers analyse it, it never travels in a link, a reload lets it go, and a malformed file is
// refused by line without changing anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ARTIFACTS } from '../support/browser.mjs';
import { EntasPage } from '../support/entas-page.mjs';
import { householdFile } from '../support/households.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const csv = (text, name = 'susenas-muba.csv') => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
const number = (t) => Number(t.replace(/\./g, '').replace(',', '.'));

test('a household file is the population: base year, workers, no link, gone after a reload', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 } });
  const app = new EntasPage(await context.newPage(), new URL('?page=district', env.url).href);
  await app.page.goto(app.url);
  await app.districtPage.waitFor();
  const file = householdFile(3000);
  await app.page.getByTestId('hh-file').setInputFiles(csv(file.text));
  const summary = app.page.getByTestId('hh-summary');
  await summary.waitFor();
  const text = await summary.textContent();
  assert.match(text, /^susenas-muba\.csv: 3\.000 baris, 5 kecamatan\. Tahun dasar 2024 pada GK/, text);
  const p0 = number(text.match(/P0 ([\d.,]+)%/)[1]);
  assert.ok(Math.abs(p0 - file.p0) < 0.006, `the file's P0 ${file.p0} shown as ${p0}`);
  console.log(`3,000-row household file: ${await app.page.getByTestId('hh-time').textContent()}`);
  await app.page.getByTestId('household-file').screenshot({ path: `${ARTIFACTS}/household-file-id.png` });

  // The explorer runs on it: labelled, and its base year, as published, is the file's.
  await app.page.getByTestId('nav-explorer').click();
  await app.page.getByTestId('households-note').waitFor();
  await app.page.screenshot({ path: `${ARTIFACTS}/household-file-explorer-id.png` });
  assert.match(await app.page.getByTestId('households-note').textContent(), /susenas-muba\.csv \(3\.000 baris\)/);
  const results = await app.downloadText(app.page.getByTestId('export-csv').first());
  const base = results.text.split('\n').find((l) => l.startsWith('baseline,2024,'));
  assert.ok(base, results.text.slice(0, 400));
  const modelP0 = Number(base.split(',')[2]);
  assert.ok(Math.abs(modelP0 - file.p0) < 0.05, `base-year P0 ${modelP0} against the file's ${file.p0}`);
  // Its kecamatan are the file's.
  await app.chart('kecamatan').scrollIntoViewIfNeeded();
  await app.chartTable('kecamatan').locator('summary').click();
  const kec = await app.chartTable('kecamatan').locator('table').textContent();
  for (const k of file.kecamatan) assert.ok(kec.includes(k), `${k} in ${kec.slice(0, 300)}`);
  await app.analysisDone(120000);
  assert.doesNotMatch(await app.analysisStatus.textContent(), /tidak dimuat|galat/i);

  // Compare names the working run as on the file (the saved scenarios run the synthetic district).
  await app.nav('compare').click();
  await app.page.getByTestId('compare-row').first().waitFor();
  assert.match(await app.page.getByTestId('compare-row').first().textContent(), /Skenario saat ini \(berkas rumah tangga susenas-muba\.csv\)/);
  await app.nav('explorer').click();
  await app.kpi('p0').waitFor();
  // A share link does not carry it, and says so.
  await app.page.getByTestId('share').click();
  await app.page.getByTestId('share-no-households').waitFor();
  const url = await app.page.getByTestId('share-url').inputValue();
  assert.ok(url.length < 3000, `the link holds no rows: ${url.length} characters`);
  const fresh = await env.browser.newContext();
  const other = new EntasPage(await fresh.newPage(), url);
  await other.page.goto(url);
  await other.kpi('p0').waitFor();
  assert.equal(await other.page.getByTestId('households-note').count(), 0, 'the receiver runs the synthetic district');
  await fresh.close();

  // A reload lets the file go; the work stays.
  await app.page.reload();
  await app.kpi('p0').waitFor();
  assert.equal(await app.page.getByTestId('households-note').count(), 0);
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('a malformed household file is refused line by line, in both languages, and changes nothing', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 } });
  const app = new EntasPage(await context.newPage(), new URL('?page=district&lang=en', env.url).href);
  await app.page.goto(app.url);
  await app.districtPage.waitFor();
  const good = householdFile(800, 590000, ',');
  await app.page.getByTestId('hh-file').setInputFiles(csv(good.text, 'good.csv'));
  await app.page.getByTestId('hh-summary').waitFor();
  const before = await app.page.getByTestId('hh-summary').textContent();
  const lines = good.text.split('\n');
  lines[3] = '-12,450000,4,Sekayu,0';
  lines[5] = lines[5].replace(/,\d+,(\d),/, ',lots,$1,');
  lines[9] = '100,450000,2.5,Lais,0';
  lines[12] = '100,450000,3,Lais,maybe';
  await app.page.getByTestId('hh-file').setInputFiles(csv(lines.join('\n'), 'bad.csv'));
  const errors = app.page.getByTestId('hh-errors');
  await errors.waitFor();
  const items = await errors.locator('li').allTextContents();
  assert.ok(items.some((e) => /^Line 4, column bobot: -12 is outside/.test(e)), items.join('\n'));
  assert.ok(items.some((e) => /^Line 6, column pengeluaran_per_kapita: «lots» is not a number/.test(e)), items.join('\n'));
  assert.ok(items.some((e) => /^Line 10, column jumlah_art: «2.5» is not a whole number/.test(e)), items.join('\n'));
  assert.ok(items.some((e) => /^Line 13, column rtlh:/.test(e)), items.join('\n'));
  assert.equal(await app.page.getByTestId('hh-summary').textContent(), before, 'the good file stays in use');
  await app.page.getByTestId('household-file').screenshot({ path: `${ARTIFACTS}/household-file-errors-en.png` });
  // Bahasa words the same refusal.
  await app.page.getByTestId('lang-id').click();
  await app.page.waitForFunction(() => document.querySelector('[data-testid=hh-errors] li')?.textContent.startsWith('Baris 4'));
  await app.page.getByTestId('hh-remove').click();
  assert.equal(await app.page.getByTestId('hh-summary').count(), 0);
  assert.deepEqual(app.errors, []);
  await context.close();
});
