// The first screen: Bahasa by default, grouped levers, KPIs, crisp charts, both languages, both sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, ARTIFACTS } from '../support/browser.mjs';
import { openApp } from '../support/open.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('first screen is in Bahasa Indonesia, grouped by Inpres 4/2022 strategy, and draws its charts', async () => {
  const { context, app } = await openApp(env);
  assert.equal(await app.title.textContent(), 'Entas');
  assert.equal(await app.app.getAttribute('lang'), 'id');
  assert.match(await app.group('burden').textContent(), /Pengurangan beban pengeluaran/);
  assert.match(await app.group('income').textContent(), /Peningkatan pendapatan/);
  assert.match(await app.group('pockets').textContent(), /Penurunan kantong kemiskinan/);
  assert.equal(await app.page.getByTestId('group-assumption').getAttribute('open'), null, 'assumptions start collapsed');
  assert.match(await app.kpi('p0').textContent(), /Penduduk miskin 2030 \(GK ≈Rp590\.000\)/);
  assert.match(await app.kpi('extreme').textContent(), /US\$2,15/);
  assert.match(await app.leverValue('cash_budget').textContent(), /^Rp70,0 M\/tahun$/);
  assert.match(await app.leverReach('cash_budget').textContent(), /KPM \(2025\)/);
  assert.ok((await app.chartInk('trajectory')) > 2000, 'the trajectory chart is drawn');
  await app.analysisDone();
  assert.ok((await app.chartInk('wedge')) > 2000, 'the wedge chart is drawn once the worker answers');
  await app.screenshot(join(ARTIFACTS, 'explorer-1366x768.png'));
  await app.screenshot(join(ARTIFACTS, 'explorer-1366-full.png'), true);
  assert.deepEqual(app.errors, []);
  assert.deepEqual(app.foreignRequests, []);
  await context.close();
});

test('projector size, and projector mode with fewer panels', async () => {
  const { context, app } = await openApp(env, { width: 1920, height: 1080 });
  await app.analysisDone();
  await app.screenshot(join(ARTIFACTS, 'explorer-1920x1080.png'));
  const size = (sel) => app.page.locator(sel).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  const [label, lever] = [await size('.kpi-label'), await size('.lever-head label')];
  await app.projector.click();
  assert.ok((await size('.kpi-label')) >= 1.35 * label, 'the KPI labels, which carry the line and the year, grow for the room');
  assert.ok((await size('.lever-head label')) >= 1.35 * lever, 'and so do the levers');
  const clipped = await app.page.locator('.lever-number:visible, .settings input, .settings select').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.outerHTML.slice(0, 80)));
  assert.deepEqual(clipped, [], 'no typed value or year is clipped');
  assert.equal(await app.chart('wedge').isVisible(), false, 'secondary charts hidden in projector mode');
  assert.equal(await app.chart('trajectory').isVisible(), true);
  // For the room, the answers come first: the whole trajectory chart under the KPIs on one 1080 px screen.
  await app.page.waitForTimeout(300);
  const box = await app.chartCanvas('trajectory').boundingBox();
  assert.ok(box.y + box.height <= 1080, `the trajectory chart ends at ${box.y + box.height} px, inside the 1080 px screen`);
  const settings = await app.page.getByTestId('settings').boundingBox();
  assert.ok(settings.y > box.y, 'the settings panel (for the facilitator) sits below the chart');
  await app.screenshot(join(ARTIFACTS, 'projector-1920x1080.png'));
  // A single-column page (compare, the solver) keeps its one column in projector mode.
  await app.nav('solve').click();
  const panel = await app.page.getByTestId('solve-page').boundingBox();
  assert.ok(panel.width > 1000, `the solver page is ${panel.width} px wide in projector mode`);
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('the canvas backing store follows devicePixelRatio', async () => {
  const { context, app } = await openApp(env, { width: 1366, height: 768 }, 2);
  const size = await app.chartCanvas('trajectory').evaluate((c) => ({ w: c.width, cw: c.clientWidth, h: c.height, ch: c.clientHeight }));
  assert.equal(size.w, size.cw * 2);
  assert.equal(size.h, size.ch * 2);
  await context.close();
});

test('the language switch changes every visible label', async () => {
  const { context, app } = await openApp(env);
  await app.analysisDone();
  const textId = (await app.app.innerText()).toLowerCase();
  await app.switchLanguage('en');
  assert.equal(await app.app.getAttribute('lang'), 'en');
  assert.match(await app.kpi('p0').textContent(), /Poverty rate 2030 \(poverty line GK ≈Rp590,000\)/);
  assert.match(await app.leverValue('cash_budget').textContent(), /^Rp70\.0 bn\/year$/);
  const textEn = (await app.app.innerText()).toLowerCase();
  for (const word of ['Tuas kebijakan', 'Pengurangan beban pengeluaran', 'Anggaran bantuan tunai', 'Kembalikan', 'Penduduk miskin',
    'Ringkasan', 'Tabel data', 'Lintasan kemiskinan', 'jiwa lebih sedikit', 'Tercapai', 'Biaya program', 'Asumsi', '/tahun']) {
    assert.ok(textId.includes(word.toLowerCase()), `Bahasa page shows "${word}"`);
    assert.ok(!textEn.includes(word.toLowerCase()), `English page no longer shows "${word}"`);
  }
  await app.screenshot(join(ARTIFACTS, 'explorer-en-1366x768.png'));
  await context.close();
});

test('a narrow laptop gets a single column without horizontal scrolling', async () => {
  const { context, app } = await openApp(env, { width: 800, height: 900 });
  const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scroll (overflow ${overflow}px)`);
  await app.screenshot(join(ARTIFACTS, 'explorer-800x900.png'));
  await context.close();
});

test('page and language live in the address: a reload keeps them, Back and Forward move between pages, a pasted link opens', async () => {
  const { context, app } = await openApp(env);
  const pressed = (testid) => app.page.getByTestId(testid).getAttribute('aria-pressed');
  await app.nav('compare').click();
  await app.switchLanguage('en');
  assert.match(app.page.url(), /\?page=compare&lang=en$/);
  await app.page.reload();
  await app.page.getByTestId('saved-list').waitFor();
  assert.equal(await pressed('nav-compare'), 'true', 'the page survives a reload');
  assert.equal(await pressed('lang-en'), 'true', 'the language survives a reload');
  await app.nav('brief').click();
  await app.page.goBack();
  await app.page.getByTestId('saved-list').waitFor();
  assert.equal(await pressed('nav-compare'), 'true', 'Back returns to the page before, inside the app');
  await app.page.goForward();
  assert.equal(await pressed('nav-brief'), 'true');
  // A share link pasted into the address of this open tab opens; the work on screen is kept first.
  await app.nav('explorer').click();
  await app.typeLever('cash_budget', '123');
  await app.shareButton.click();
  const url = await app.shareUrl.inputValue();
  await app.typeLever('cash_budget', '150');
  await app.page.evaluate((hash) => { window.location.hash = hash; }, new URL(url).hash);
  await app.page.waitForFunction(() => document.querySelector('[data-testid=notice]')?.textContent.includes('link'));
  assert.equal(await app.leverValue('cash_budget').textContent(), 'Rp123.0 bn/year');
  assert.match(await app.notice.textContent(), /kept as a saved scenario/i);
  assert.equal(new URL(app.page.url()).hash, '', 'the link has done its work');
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('no page and no printed brief shows an untranslated key, in either language', async () => {
  const { readFileSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const here = new URL('../../locales/id.yml', import.meta.url);
  const prefixes = [...new Set(readFileSync(here, 'utf8').split('\n').map((l) => l.split(': ')[0]).filter((k) => k.includes('.')).map((k) => k.split('.')[0]))];
  // A key is a known first segment and dotted lower-case parts, as rust-i18n prints a missing one.
  const raw = new RegExp(`(?<![\\w.])(${prefixes.join('|')}|note)\\.[a-z0-9_]+(\\.[a-z0-9_]+)*(?![\\w.])`, 'g');
  const { context, app } = await openApp(env);
  await app.analysisDone();
  for (const lang of ['id', 'en']) {
    await app.switchLanguage(lang);
    for (const page of ['explorer', 'district', 'compare', 'brief', 'howto', 'workshop', 'solve']) {
      await app.nav(page).click();
      // The solver page with an answer, what each rupiah buys and the frontier (kept on a language switch).
      if (page === 'solve') {
        if (!(await app.page.getByTestId('solve-answer').count())) await app.page.getByTestId('solve-start').click();
        await app.page.locator('[data-testid=solve-status][data-done=true]').waitFor({ timeout: 60000 });
      }
      // The district page with the sample table imported and both column lists open: every text it can show.
      if (page === 'district') {
        await app.tableSample.click();
        await app.page.locator('details.table-columns').evaluateAll((ds) => { for (const d of ds) d.open = true; });
      }
      await app.page.waitForTimeout(200);
      const text = await app.page.locator('body').innerText();
      assert.deepEqual(text.match(raw) ?? [], [], `${lang} ${page}`);
    }
    await app.nav('brief').click();
    await app.page.emulateMedia({ media: 'print' });
    const pdf = join(ARTIFACTS, `brief-${lang}.pdf`);
    await app.page.pdf({ path: pdf, format: 'A4', printBackground: true });
    await app.page.emulateMedia({ media: 'screen' });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    assert.ok(text.length > 1000, 'the brief printed');
    assert.deepEqual(text.match(raw) ?? [], [], `${lang} printed brief`);
  }
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('every page fits a 390 px phone, a 1366 px laptop and a 1920 px projector in both languages without sideways scrolling, share box open too', async () => {
  for (const [width, height, dpr] of [[390, 844, 2], [1366, 768, 1], [1920, 1080, 1]]) {
    const { context, app } = await openApp(env, { width, height }, dpr);
    const wide = () => app.page.evaluate(() => document.documentElement.scrollWidth);
    for (const lang of ['en', 'id']) {
      await app.switchLanguage(lang);
      for (const page of ['explorer', 'compare', 'brief', 'howto', 'workshop', 'solve']) {
        await app.nav(page).click();
        await app.page.waitForTimeout(200);
        assert.ok((await wide()) <= width, `${page} at ${width} px, ${lang}: ${await wide()} px wide`);
      }
      // The explorer's charts at this size, for a person to look at.
      await app.nav('explorer').click();
      await app.analysisDone();
      await app.screenshot(join(ARTIFACTS, `explorer-${width}x${height}-${lang}.png`), true);
    }
    await app.nav('explorer').click();
    await app.shareButton.click();
    await app.shareUrl.waitFor();
    assert.ok((await wide()) <= width, `the share box at ${width} px: ${await wide()} px wide`);
    if (width === 390) await app.screenshot(join(ARTIFACTS, 'phone-390x844-share.png'));
    assert.deepEqual(app.errors, []);
    await context.close();
  }
});
