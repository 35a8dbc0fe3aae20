// Debian's Chromium driven by playwright-core: never a downloaded browser.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDir } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// ENTAS_DIST serves another build (e.g. a worktree's, for before/after benchmarks).
export const DIST = process.env.ENTAS_DIST ?? join(here, '..', '..', 'dist');
export const ARTIFACTS = join(here, '..', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

// The quiet flag set: no background calls on this closed network.
const ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-sandbox', '--disable-dev-shm-usage'];

/** Starts the static server on dist/ and a headless Chromium (with `extraArgs`, e.g. a fake camera). */
export async function start(extraArgs = []) {
  const server = await serveDir(DIST);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: [...ARGS, ...extraArgs], headless: true });
  return {
    url: server.url,
    browser,
    async close() { await browser.close(); await server.close(); },
  };
}
