// Builds dist-single/entas.html from the release build in dist/: one self-contained file (the app's wasm and
// JS, the worker's wasm and JS, the styles) that opens from a USB stick or a chat attachment with file://
// and runs fully offline. Nothing is fetched: the wasm is read from base64 in the page, the worker starts from
// a blob URL the page makes (`window.ENTAS_WORKER_URL`, read by src/jobs/pool.rs), and the service worker,
// which file:// cannot have, is left out.
import { readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const out = join(root, 'dist-single');
const files = readdirSync(dist);
const one = (re) => {
  const f = files.find((n) => re.test(n));
  if (!f) throw new Error(`dist/ has no file matching ${re}: run scripts/build.sh first`);
  return join(dist, f);
};
const text = (p) => readFileSync(p, 'utf8');
const b64 = (p) => readFileSync(p).toString('base64');
const safe = (s, what) => {
  if (/<\/script/i.test(s)) throw new Error(`${what} contains "</script": it cannot be inlined as it is`);
  return s;
};

// The app's ES module as a classic script: its exports become local names, its default export a global.
let app = text(one(/^entas-app-[0-9a-f]+\.js$/));
const exportList = /^export \{ initSync, __wbg_init as default \};$/m;
if (!exportList.test(app)) throw new Error('the app glue has an unexpected export list (wasm-bindgen changed?)');
app = app.replace(exportList, 'window.__entasInit = __wbg_init;')
  .replace(/^export (class|function|const|let|async function) /gm, '$1 ')
  .replace(/import\.meta\.url/g, 'location.href');
if (/^(import|export) /m.test(app)) throw new Error('the app glue still imports or exports after the rewrite');

const worker = text(join(dist, 'entas-worker.js'));
const css = text(one(/^main-[0-9a-f]+\.css$/));
const html = `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#0b3954">
<title>Entas — Simulasi Pengentasan Kemiskinan</title>
<style>${safe(css, 'the stylesheet').replace(/<\/style/gi, '<\\/style')}</style>
<script type="application/octet-stream" id="entas-app-wasm">${b64(one(/^entas-app-[0-9a-f]+_bg\.wasm$/))}</script>
<script type="application/octet-stream" id="entas-worker-wasm">${b64(join(dist, 'entas-worker_bg.wasm'))}</script>
<script type="text/plain" id="entas-worker-js">${safe(worker, 'the worker glue')}</script>
<script>
(function () {
  function bytes(id) {
    var s = atob(document.getElementById(id).textContent), u = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
    return u;
  }
  // The worker: its glue, then its wasm handed over from the page (a worker cannot read file:// URLs).
  var glue = document.getElementById('entas-worker-js').textContent;
  var blob = new Blob([glue, '\\n;(function(){var s=atob(', JSON.stringify(document.getElementById('entas-worker-wasm').textContent),
    ');var u=new Uint8Array(s.length);for(var i=0;i<s.length;i++)u[i]=s.charCodeAt(i);wasm_bindgen({module_or_path:u});})();'],
    { type: 'text/javascript' });
  window.ENTAS_WORKER_URL = URL.createObjectURL(blob);
  window.__entasAppWasm = bytes('entas-app-wasm');
})();
</script>
<script>
${safe(app, 'the app glue')}
</script>
<script>
window.__entasInit({ module_or_path: window.__entasAppWasm }).then(function (wasm) {
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } }));
});
</script>
</head>
<body></body>
</html>
`;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'entas.html'), html);
console.log(`dist-single/entas.html: ${(html.length / 1e6).toFixed(1)} MB, one file, opens with file://`);
