// Serves the built app (dist/) at http://127.0.0.1:8080 — the same static server the e2e tests use.
// `--lan` serves it on every network interface (the laptop's hotspot or the meeting room's Wi-Fi), so the
// groups' phones can open it, and prints each address the phones can use.
import { networkInterfaces } from 'node:os';
import { serveDir } from '../e2e/support/server.mjs';

const lan = process.argv.includes('--lan');
const port = Number(process.env.PORT ?? 8080);
const dist = new URL('../dist', import.meta.url).pathname;
let served;
try {
  served = await serveDir(dist, port, lan ? '0.0.0.0' : '127.0.0.1');
} catch (e) {
  console.error(`Cannot serve on port ${port}: ${e.code === 'EADDRINUSE' ? 'the port is in use (another Entas?); set PORT=8081' : e.message}`);
  process.exit(1);
}
if (!lan) {
  console.log(`Entas is served at ${served.url} (Ctrl+C to stop). It keeps working offline after the first visit.`);
} else {
  const addresses = Object.values(networkInterfaces()).flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => `http://${a.address}:${port}/`);
  console.log(`Entas is served on the local network (Ctrl+C to stop). On this laptop: http://127.0.0.1:${port}/`);
  if (addresses.length === 0) console.log('No network address found: turn on the hotspot or join the room\'s Wi-Fi, then start again.');
  for (const a of addresses) console.log(`For the groups' phones and laptops: ${a}`);
  if (addresses[0]) console.log(`Facilitator: open ${addresses[0]}?page=workshop on this laptop (not 127.0.0.1): the invitation's QR code then carries that address.`);
  console.log('Over plain http on a network address the browser keeps no offline copy and allows no clipboard; the app says so and shows links as text to select.');
}
