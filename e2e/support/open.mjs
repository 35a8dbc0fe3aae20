// Opens the app in a fresh browser context.
import { EntasPage } from './entas-page.mjs';

export async function openApp(env, viewport = { width: 1366, height: 768 }, deviceScaleFactor = 1) {
  const context = await env.browser.newContext({ viewport, deviceScaleFactor });
  const app = new EntasPage(await context.newPage(), env.url);
  await app.open();
  return { context, app };
}
