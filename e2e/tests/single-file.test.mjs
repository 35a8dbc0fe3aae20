// The single-file build (scripts/single-file.mjs): dist-single/entas.html opened with file://, as from a USB
// stick or a chat attachment, runs the whole app and its workers with nothing fetched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { EntasPage } from '../support/entas-page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('entas.html opened from file:// runs the explorer, the worker analysis and the workshop with no request', async () => {
  execFileSync('node', [join(root, 'scripts', 'single-file.mjs')], { stdio: 'inherit' });
  const url = pathToFileURL(join(root, 'dist-single', 'entas.html')).href;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const app = new EntasPage(await context.newPage(), url);
    const requests = [];
    app.page.on('request', (r) => requests.push(r.url()));
    await app.open();
    await app.typeLever('cash_budget', '150');
    await app.analysisDone(120000);
    assert.match(await app.analysisStatus.textContent(), /simulasi/, 'the workers ran the analysis');
    assert.match(await app.page.getByTestId('offline-sign').textContent(), /Siap dipakai tanpa internet/);
    await app.nav('workshop').click();
    await app.page.getByTestId('workshop-begin').click();
    assert.match(await app.page.getByTestId('invite-local').textContent(), /hanya terbuka di laptop ini/);
    const foreign = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && u !== url);
    assert.deepEqual(foreign, [], 'nothing is fetched but the file itself');
    assert.deepEqual(app.errors, []);
    await context.close();
  } finally {
    await browser.close();
  }
});
