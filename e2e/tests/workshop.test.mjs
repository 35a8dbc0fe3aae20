// Workshop mode: a facilitator starts a workshop, groups open the invitation in their own browsers, move the
// offered levers and send their mixes back by code or file; the board, the tally and the room median follow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, ARTIFACTS } from '../support/browser.mjs';
import { EntasPage } from '../support/entas-page.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** The facilitator's laptop: a fresh context on the workshop page, a workshop begun with `envelope`. */
async function facilitator(envelope = '400') {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const app = new EntasPage(await context.newPage(), new URL('?page=workshop', env.url).href);
  await app.page.goto(app.url);
  await app.page.getByTestId('workshop-setup').waitFor();
  await app.page.getByTestId('workshop-title').fill('FGD Musi Banyuasin');
  await app.page.getByTestId('workshop-envelope').fill(envelope);
  await app.page.getByTestId('workshop-begin').click();
  await app.page.getByTestId('workshop-head').waitFor();
  return { context, app, invite: await app.page.getByTestId('invite-link').inputValue() };
}

/** A group's phone: opens the invitation, names the group and sets `levers` ({id: typed text}). */
async function group(invite, name, levers) {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const app = new EntasPage(await context.newPage(), invite);
  await app.open();
  await app.page.getByTestId('group-bar').waitFor();
  await app.page.getByTestId('group-name').fill(name);
  for (const [id, v] of Object.entries(levers)) await app.typeLever(id, v);
  return { context, app };
}

/** The file a group downloads after setting `levers`, parsed. */
async function groupFile(invite, name, levers) {
  const g = await group(invite, name, levers);
  const file = JSON.parse((await g.app.downloadText(g.app.page.getByTestId('group-file'))).text);
  await g.context.close();
  return file;
}

const rows = (app) => app.page.getByTestId('board-row');
const log = (app) => app.page.getByTestId('collect-log');
/** Waits until the board shows `n` groups and none is still computing. */
async function boardOf(app, n) {
  await app.page.locator(`[data-testid=workshop-board][data-groups="${n}"][data-pending="0"]`).waitFor({ timeout: 30000 });
  assert.equal(await rows(app).count(), n);
}
/** The first number in an Indonesian text ("Rp1.234,5 M" → 1234.5). */
const idNumber = (t) => Number(t.match(/\d[\d.]*(,\d+)?/)[0].replace(/\./g, '').replace(',', '.'));
/** Gives the collect panel's file input these files ({name, text}). */
async function dropFiles(app, files) {
  await app.page.getByTestId('collect-file').setInputFiles(
    files.map((f) => ({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) })));
}

test('a group opens the invitation, sends its mix by code and by file; the board, the tally and a reload keep it', async () => {
  const f = await facilitator();
  assert.match(f.invite, /^http:\/\/127\.0\.0\.1:\d+\/.*#w=1\./, 'the invitation is a link');
  assert.equal(await f.app.page.getByTestId('invite-qr').locator('svg').count(), 1, 'the invitation has a QR code');
  assert.match(await f.app.page.getByTestId('invite-local').textContent(), /hanya terbuka di laptop ini/,
    'served from 127.0.0.1, the page says phones cannot open the link');
  assert.equal(await f.app.page.getByTestId('board-empty').isVisible(), true);

  const g = await group(f.invite, 'Kelompok Tani', { cash_budget: '150' });
  assert.equal(await g.app.page.getByTestId('nav-compare').isVisible(), false, 'the group view hides the other pages');
  assert.match(await g.app.page.getByTestId('envelope').textContent(), /dari pagu Rp400,0 M per tahun/);
  assert.equal(await g.app.page.getByTestId('envelope-over').isVisible(), false, 'within the envelope');
  // Only the offered levers: an assumption is not shown to the group.
  assert.equal(await g.app.lever('growth_b40').isVisible(), false, 'an assumption is not a lever the group sees');
  assert.equal(await g.app.page.getByTestId('group-assumption').isVisible(), false, 'nor is the assumptions panel');
  await g.app.page.getByTestId('group-send').click();
  const code = await g.app.page.getByTestId('group-code').inputValue();
  assert.match(code, /#g=1\./);
  assert.ok(code.length < 400, `a group's code stays short enough for a QR code (${code.length} chars)`);
  assert.equal(await g.app.page.getByTestId('group-qr').locator('svg').count(), 1);
  const file = await g.app.downloadText(g.app.page.getByTestId('group-file'));
  assert.match(file.name, /\.entas-group\.json$/);
  assert.equal(JSON.parse(file.text).name, 'Kelompok Tani');
  // Over the envelope: marked, not refused.
  await g.app.typeLever('cash_budget', '450');
  await g.app.page.getByTestId('envelope-over').waitFor();
  assert.deepEqual(g.app.errors, []);
  await g.context.close();

  await f.app.page.getByTestId('collect-paste').fill(code);
  await f.app.page.getByTestId('collect-add').click();
  await boardOf(f.app, 1);
  assert.match(await log(f.app).textContent(), /Kelompok Tani.*ditambahkan/);
  // The same group again, by file: replaced, not doubled.
  await dropFiles(f.app, [file]);
  await f.app.page.waitForFunction(() => document.querySelector('[data-testid=collect-log]').textContent.includes('diganti'));
  await boardOf(f.app, 1);
  const row = await rows(f.app).first().textContent();
  assert.match(row, /Kelompok Tani/);
  assert.match(await f.app.page.getByTestId('board-mix').textContent(), /Anggaran bantuan tunai Rp150,0 M\/tahun/, 'the board shows what the group chose');
  const tally = f.app.page.getByTestId('tally-row').filter({ hasText: 'Anggaran bantuan tunai' });
  assert.match((await tally.locator('td').allTextContents()).slice(2, 5).join('|'), /^1\|0\|0$/, 'one group raised the cash budget');
  await f.app.page.getByTestId('group-notes').fill('Fokus pada desa terpencil');
  await f.app.page.getByTestId('group-notes').press('Tab');

  await f.app.page.reload();
  await boardOf(f.app, 1);
  assert.equal(await f.app.page.getByTestId('group-notes').inputValue(), 'Fokus pada desa terpencil', 'the notes survive a reload');
  assert.match(await f.app.page.getByTestId('workshop-head').textContent(), /FGD Musi Banyuasin/);
  assert.deepEqual(f.app.errors, []);
  assert.deepEqual(f.app.foreignRequests, []);
  await f.context.close();
});

test('six groups by files at once: the board ranks them, the tally counts them, the room median opens on the explorer', async () => {
  const f = await facilitator('');
  const first = await groupFile(f.invite, 'Kelompok 1', { cash_budget: '120' });
  // Five more groups as their own files would be: the same format, another name and cash budget.
  const budgets = [120, 60, 130, 140, 150, 160];
  const files = budgets.map((b, i) => ({
    name: `kelompok-${i + 1}.entas-group.json`,
    text: JSON.stringify({ ...first, name: `Kelompok ${i + 1}`, levers: { ...first.levers, cash_budget: b } }),
  }));
  const t0 = Date.now();
  await dropFiles(f.app, files);
  await boardOf(f.app, 6);
  console.log(`# six groups on the board ${Date.now() - t0} ms after the files were given`);
  const cash = f.app.page.getByTestId('tally-row').filter({ hasText: 'Anggaran bantuan tunai' });
  const start = idNumber(await cash.locator('td').nth(1).textContent());
  const raised = budgets.filter((b) => b > start).length;
  const lowered = budgets.filter((b) => b < start).length;
  const cells = await cash.locator('td').allTextContents();
  assert.deepEqual(cells.slice(2, 5).map(Number), [raised, lowered, 6 - raised - lowered], `tally against a start of ${start}`);
  assert.match(cells[5], /60.*·.*135.*·.*160/, 'spread: min · median · max of the six budgets');

  // Ranked by people lifted: the largest budget lifts the most.
  await f.app.page.getByTestId('board-rank').selectOption('lifted');
  await f.app.page.waitForFunction(() => document.querySelector('[data-testid=board-row] [data-testid=board-name]').textContent === 'Kelompok 6');
  assert.ok((await f.app.chartInk('board')) > 1000, 'the overlay chart is drawn');

  // Presenter view: one group at a time, then the board; Esc closes.
  await f.app.page.getByTestId('workshop-present').click();
  await f.app.page.getByTestId('presenter').waitFor();
  assert.match(await f.app.page.getByTestId('present-position').textContent(), /^1 \/ 7$/);
  await f.app.page.keyboard.press('ArrowRight');
  assert.match(await f.app.page.getByTestId('present-position').textContent(), /^2 \/ 7$/);
  await f.app.page.keyboard.press('Escape');
  await f.app.page.getByTestId('presenter').waitFor({ state: 'detached' });

  await f.app.page.getByTestId('load-median').click();
  await f.app.kpi('p0').waitFor();
  assert.match(await f.app.notice.textContent(), /Median ruangan/);
  assert.equal(idNumber(await f.app.leverNumber('cash_budget').inputValue()), 135, 'the room median of the cash budget');
  assert.deepEqual(f.app.errors, []);
  await f.context.close();
});

test('a broken file, a foreign workshop and a garbled code are refused with a clear message; the board is unchanged', async () => {
  const f = await facilitator();
  const g = await group(f.invite, 'Kelompok A', { cash_budget: '140' });
  const file = await g.app.downloadText(g.app.page.getByTestId('group-file'));
  await g.context.close();
  await dropFiles(f.app, [file]);
  await boardOf(f.app, 1);

  const foreign = JSON.stringify({ ...JSON.parse(file.text), workshop: 'ffffffffffffffff', name: 'Asing' });
  const notAllowed = JSON.stringify({ ...JSON.parse(file.text), name: 'Curang', levers: { growth_b40: 9 } });
  await dropFiles(f.app, [
    { name: 'rusak.entas-group.json', text: '{"entas_group": 1, "name": ' },
    { name: 'lain.entas-group.json', text: foreign },
    { name: 'curang.entas-group.json', text: notAllowed },
  ]);
  await f.app.page.waitForFunction(() => document.querySelectorAll('[data-testid=collect-log] li').length === 3);
  const text = await log(f.app).textContent();
  assert.equal(await log(f.app).locator('li.error').count(), 3, text);
  assert.match(text, /rusak\.entas-group\.json: Tidak diterima.*bukan JSON yang sah/);
  assert.match(text, /lokakarya lain/);
  assert.match(text, /tidak ditawarkan/);
  await f.app.page.getByTestId('collect-paste').fill('#g=1.AAAA-bukan-kode');
  await f.app.page.getByTestId('collect-add').click();
  // The log shows the latest intake: the one pasted line, refused.
  await f.app.page.waitForFunction(() => document.querySelector('[data-testid=collect-log] li.error')?.textContent.startsWith('baris 1'));
  assert.match(await log(f.app).textContent(), /^baris 1: Tidak diterima; tidak ada yang berubah:/);
  await boardOf(f.app, 1);
  assert.deepEqual(f.app.errors, []);
  writeFileSync(join(ARTIFACTS, 'workshop-refusals.txt'), text);
  await f.context.close();
});

test('twelve groups reach the board from the worker; the figures are printed (time to a full board, longest page task)', async () => {
  const f = await facilitator('');
  const first = await groupFile(f.invite, 'Kelompok 1', { cash_budget: '100' });
  const files = Array.from({ length: 12 }, (_, i) => ({
    name: `k${i + 1}.entas-group.json`,
    text: JSON.stringify({ ...first, name: `Kelompok ${i + 1}`, levers: { ...first.levers, cash_budget: 40 + 30 * i } }),
  }));
  // Long tasks (over 50 ms) on the page while the twelve mixes are read, run and drawn.
  await f.app.page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
  });
  const t0 = Date.now();
  await dropFiles(f.app, files);
  await boardOf(f.app, 12);
  const ms = Date.now() - t0;
  await f.app.chart('board').scrollIntoViewIfNeeded();
  assert.ok((await f.app.chartInk('board')) > 1000, 'the overlay of twelve groups is drawn');
  const long = await f.app.page.evaluate(() => window.__long);
  console.log(`# twelve groups on the board ${ms} ms after the files were given; page tasks over 50 ms: ${long.length}` +
    (long.length ? ` (longest ${Math.round(Math.max(...long))} ms)` : ''));
  const names = await f.app.page.locator('[data-testid=board-row] [data-testid=board-name]').allTextContents();
  assert.deepEqual([...names].sort(), files.map((x) => JSON.parse(x.text).name).sort(), 'every group is on the board once');
  assert.deepEqual(f.app.errors, []);
  await f.context.close();
});

/** A video file Chromium's fake camera plays: `frames` grey frames (YUV4MPEG2, 4:2:0) of `luma`. */
function y4m(path, width, height, luma, frames = 10) {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const y = Buffer.from(luma);
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  writeFileSync(path, Buffer.concat([header, ...Array(frames).fill(frame)]));
}

test('the facilitator scans a group\'s QR code with the laptop camera (Chromium\'s fake camera playing it); the group joins the board', async () => {
  // The workshop and the group's code, made as in the room.
  const f = await facilitator();
  const workshopFile = await f.app.downloadText(f.app.page.getByTestId('workshop-export'));
  const g = await group(f.invite, 'Kelompok Kamera', { cash_budget: '120' });
  await g.app.page.getByTestId('group-send').click();
  await g.app.page.getByTestId('group-qr').locator('svg').waitFor();
  // The QR code as the camera would see it: 320 px on a white 640 × 480 frame.
  const luma = await g.app.page.evaluate(async () => {
    const svg = document.querySelector('[data-testid=group-qr] svg');
    const img = new Image();
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
    await img.decode();
    const c = document.createElement('canvas');
    c.width = 640; c.height = 480;
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 640, 480);
    ctx.drawImage(img, 160, 80, 320, 320);
    const d = ctx.getImageData(0, 0, 640, 480).data;
    return Array.from({ length: 640 * 480 }, (_, i) => Math.round(0.299 * d[4 * i] + 0.587 * d[4 * i + 1] + 0.114 * d[4 * i + 2]));
  });
  await g.context.close();
  await f.context.close();
  const video = join(ARTIFACTS, 'group-qr.y4m');
  y4m(video, 640, 480, luma);

  const cam = await start(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
  try {
    const context = await cam.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const app = new EntasPage(await context.newPage(), new URL('?page=workshop', cam.url).href);
    await app.page.goto(app.url);
    await app.page.getByTestId('workshop-import-file').setInputFiles({ name: workshopFile.name, mimeType: 'application/json', buffer: Buffer.from(workshopFile.text) });
    await app.page.getByTestId('workshop-head').waitFor();
    await app.page.getByTestId('collect-camera').click();
    await boardOf(app, 1);
    assert.match(await rows(app).first().textContent(), /Kelompok Kamera/);
    assert.match(await log(app).textContent(), /kamera: kelompok «Kelompok Kamera» ditambahkan/);
    // Scanning goes on for the next group; the same code seen again is not taken twice.
    await app.page.waitForTimeout(3000);
    await boardOf(app, 1);
    const camera = app.page.getByTestId('camera');
    const [frames, median, max] = await Promise.all(['data-frames', 'data-decode-median', 'data-decode-max'].map((a) => camera.getAttribute(a)));
    console.log(`# camera: the code was read; ${frames} frames decoded on the page, median ${median} ms, longest ${max} ms`);
    await app.page.getByTestId('camera-stop').click();
    assert.deepEqual(app.errors, []);
    await context.close();
  } finally {
    await cam.close();
  }
});

test('at a network address over plain http (not a secure context): the share link shows as text to select, the invitation and the camera say what does not work there', async () => {
  // A name for 127.0.0.1 that is not "localhost": Chromium treats the page as a LAN address over http.
  const lan = await start(['--host-resolver-rules=MAP entas.lan 127.0.0.1']);
  try {
    const base = `http://entas.lan:${new URL(lan.url).port}/`;
    const context = await lan.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const app = new EntasPage(await context.newPage(), base);
    await app.open();
    assert.equal(await app.page.evaluate(() => window.isSecureContext), false, 'the page is not a secure context');
    await app.shareButton.click();
    assert.match(await app.page.getByTestId('share-copied').textContent(), /salin secara manual/);
    assert.match(await app.shareUrl.inputValue(), /^http:\/\/entas\.lan:\d+\/#s=1\./, 'the link is shown, with this address');
    assert.equal(await app.qr.locator('svg').count(), 1, 'and its QR code');

    await app.nav('workshop').click();
    await app.page.getByTestId('workshop-begin').click();
    assert.match(await app.page.getByTestId('invite-link').inputValue(), /^http:\/\/entas\.lan:\d+\/#w=1\./);
    assert.match(await app.page.getByTestId('invite-insecure').textContent(), /http biasa/);
    assert.equal(await app.page.getByTestId('invite-local').count(), 0, 'not a laptop-only address');
    await app.page.getByTestId('collect-camera').click();
    assert.match(await app.page.getByTestId('camera-problem').textContent(), /alamat aman/);
    assert.match(await app.page.getByTestId('offline-sign').textContent(), /tidak tersedia di alamat ini/, 'the footer says no offline copy here');
    assert.deepEqual(app.errors, []);
    await context.close();
  } finally {
    await lan.close();
  }
});
