// The Vite-built first-steps page (bindings-wasm/examples/vite) in Debian's Chromium
// (playwright-core, no browser download): serves DIST on 127.0.0.1, picks the bundle
// files given, and checks each verdict the page shows.
//
//   node vite_page.mjs DIST GOOD_BUNDLE TAMPERED_BUNDLE
import assert from 'node:assert/strict';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { basename, extname, join, normalize } from 'node:path';

const { chromium } = createRequire(import.meta.url)(process.env.PLAYWRIGHT_CORE);
const [dist, good, tampered] = process.argv.slice(2);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

const server = createServer((req, res) => {
  const file = join(dist, normalize(decodeURIComponent(req.url.split('?')[0])).replace(/^\/+$/, 'index.html'));
  if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  // The picker is enabled once init() resolved.
  await page.locator('input[type=file]:enabled').waitFor({ timeout: 30000 });
  await page.locator('input[type=file]').setInputFiles([good, tampered]);
  await page.locator('li').nth(1).waitFor({ timeout: 30000 });
  const verdicts = await page.locator('li').allTextContents();
  console.log(verdicts.join('\n'));
  assert.deepEqual(errors, []);
  assert.equal(verdicts[0], `${basename(good)}: ok`);
  assert.match(verdicts[1], new RegExp(`^${basename(tampered)}: failed \\(failed: .+\\)$`));
} finally {
  await browser.close();
  server.close();
}
