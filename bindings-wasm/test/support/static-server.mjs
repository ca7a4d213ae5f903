// A tiny static server for the verification page: serves bindings-wasm/www and
// bindings-wasm/pkg (nothing else) on 127.0.0.1. Used by the page test with an
// ephemeral port; `npm run serve` or scripts/page.sh (PORT, default 8080) for a look.
// Every response carries the page's Content-Security-Policy as a header too: the
// page's <meta> policy does not reach its Web Worker, which gets the policy of the
// response that delivered its script.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { WASM_DIR } from './paths.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
};
const ROOTS = ['www', 'pkg'];
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

function resolvePath(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (path === '/' || path === '/www') return { redirect: '/www/' };
  if (path.endsWith('/')) path += 'index.html';
  const rel = normalize(path).replace(/^[/\\]+/, '');
  if (!ROOTS.some((r) => rel === r || rel.startsWith(r + sep))) return null;
  const full = join(WASM_DIR, rel);
  if (!full.startsWith(WASM_DIR + sep)) return null;
  return { file: full };
}

/** Starts the server; resolves to {url, close()}. */
export function startServer(port = 0) {
  const server = createServer((req, res) => {
    const target = req.method === 'GET' || req.method === 'HEAD' ? resolvePath(req.url ?? '/') : null;
    if (target?.redirect) {
      res.writeHead(302, { location: target.redirect }).end();
      return;
    }
    let st;
    try {
      st = target && statSync(target.file);
    } catch {
      st = null;
    }
    if (!st || !st.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(target.file)] ?? 'application/octet-stream',
      'content-length': st.size,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': CSP,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(target.file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      resolve({ url: `http://127.0.0.1:${p}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url } = await startServer(Number(process.env.PORT ?? 8080));
  console.log(`trustloop verification page: ${url}/www/  (serving ${fileURLToPath(new URL('../../', import.meta.url))}{www,pkg})`);
}
