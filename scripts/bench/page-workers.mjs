// The verification page's batch on one worker vs one worker per core (issue 13 item 5):
// headless Chromium (Debian's /usr/bin/chromium, playwright-core from bindings-wasm)
// checks COUNT copies of an ANIP bundle, once with navigator.hardwareConcurrency = 1
// and once with = CORES, paired and order-alternated, each in a fresh page (the extra
// workers' start-up is part of the time). Prints medians and the median paired ratio.
//
// Usage: node scripts/bench/page-workers.mjs [--runs 7] [--count 24] [--cores 2] [--bundle FILE]
//   (default bundle: the fixtures' 1.2 MB gtm-pipeline-q2-review-0.4.5, which verifies; needs
//   bindings-wasm/pkg built: bash bindings-wasm/build.sh)
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { FIXTURES, WASM_DIR } from '../../bindings-wasm/test/support/paths.mjs';
import { startServer } from '../../bindings-wasm/test/support/static-server.mjs';
import { median } from './median.mjs';

const { chromium } = createRequire(join(WASM_DIR, 'package.json'))('playwright-core');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    count: { type: 'string', default: '24' },
    cores: { type: 'string', default: '2' },
    bundle: { type: 'string', default: join(FIXTURES, 'anip/gtm-pipeline-q2-review-0.4.5.anip-package.json') },
  },
});
const [runs, count, cores] = [values.runs, values.count, values.cores].map(Number);

const dir = mkdtempSync(join(tmpdir(), 'trustloop-page-bench-'));
const files = Array.from({ length: count }, (_, i) => {
  const file = join(dir, `bundle-${i}.anip-package.json`);
  copyFileSync(values.bundle, file);
  return file;
});
const server = await startServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });

/**
 * Milliseconds from picking the files to the last verdict, with `n` cores claimed,
 * measured in the page: from the input's `change` event (a capturing listener on the
 * window, so before the page's own) to the mutation that marks the results done. The
 * page is not polled for the end: Playwright's waitForSelector re-checks every 500 ms
 * once a wait is long, which rounded the batch up to its next tick and made runs look
 * bimodal.
 */
async function timeBatch(n) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript((k) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => k }), n);
  await page.goto(`${server.url}/www/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await page.evaluate((want) => {
    window.batchMs = new Promise((resolve) => {
      let start;
      window.addEventListener('change', () => { start = performance.now(); }, { capture: true, once: true });
      const results = document.getElementById('results');
      const done = () => results.dataset.done === 'true' && results.querySelectorAll('.result').length === want;
      new MutationObserver((_, observer) => {
        if (start !== undefined && done()) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      }).observe(results, { attributes: true, attributeFilter: ['data-done'] });
    });
  }, count);
  await page.setInputFiles('#files-input', files);
  const ms = await page.evaluate(() =>
    Promise.race([window.batchMs, new Promise((_, reject) => setTimeout(() => reject(new Error('the batch did not finish in 600 s')), 600_000))]),
  );
  const workers = await page.evaluate(() => document.body.dataset.workers);
  await context.close();
  if (workers !== String(Math.min(n, count))) throw new Error(`expected ${n} workers, the page used ${workers}`);
  return ms;
}

const one = [];
const many = [];
await timeBatch(1); // warm-up: the browser's compile cache
for (let r = 0; r < runs; r++) {
  if (r % 2 === 0) {
    one.push(await timeBatch(1));
    many.push(await timeBatch(cores));
  } else {
    many.push(await timeBatch(cores));
    one.push(await timeBatch(1));
  }
}
const ratios = one.map((t, i) => t / many[i]);
console.log(`page batch: ${count} × ${values.bundle.split('/').pop()}, ${runs} paired runs (order alternated)`);
console.log(`  1 worker:  median ${median(one).toFixed(0)} ms`);
console.log(`  ${cores} workers: median ${median(many).toFixed(0)} ms`);
console.log(`  speed-up (median of paired ratios): ${median(ratios).toFixed(2)}× (range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`);
await browser.close();
await server.close();
rmSync(dir, { recursive: true, force: true });
