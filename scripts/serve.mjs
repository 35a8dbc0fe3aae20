// Serves the built app (dist/) at http://127.0.0.1:8080 — the same static server the e2e tests use.
import { serveDir } from '../e2e/support/server.mjs';

const port = Number(process.env.PORT ?? 8080);
const { url } = await serveDir(new URL('../dist', import.meta.url).pathname, port);
console.log(`Entas is served at ${url} (Ctrl+C to stop). It keeps working offline after the first visit.`);
