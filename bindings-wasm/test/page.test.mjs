// The client-side verification page in headless Chromium (Debian's /usr/bin/chromium
// driven by playwright-core; no browser download): upload bundles, read the verdict.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { FIXTURES, PKG_WEB, REPO_ROOT, fixturesPresent, reportMissingFixtures } from './support/paths.mjs';
import { startServer } from './support/static-server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOT = process.env.TRUSTLOOP_SCREENSHOT || '/tmp/trustloop-page.png';
const HEADLESS_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const haveFixtures = fixturesPresent();
const needsFixtures = haveFixtures ? {} : { skip: 'NOT RUN: fixtures folder missing' };
if (!haveFixtures && reportMissingFixtures(4, 'fixture-based page tests')) {
  test('fixtures folder present', () => assert.fail('CI=true and the fixtures folder is missing'));
}

let server;
let browser;
const pageErrors = [];

before(async () => {
  assert.ok(existsSync(join(PKG_WEB, 'trustloop.js')), 'pkg-web missing: run bindings-wasm/build.sh first');
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} missing: run scripts/setup.sh (Debian chromium)`);
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page with the verifier loaded. */
async function openPage() {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  await page.goto(`${server.url}/www/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return page;
}

async function upload(page, selector, file) {
  await page.setInputFiles(selector, file);
  await page.waitForSelector('#result:not([hidden]) #verdict[data-status]:not([data-status=""])');
}

const verdict = (page) => page.getAttribute('#verdict', 'data-status');
const text = (page, sel) => page.textContent(sel).then((s) => (s ?? '').trim());
const checkRows = (page) =>
  page.$$eval('#checks-body tr', (rows) =>
    rows.map((r) => ({ name: r.cells[0].textContent, status: r.cells[1].textContent, detail: r.cells[2].textContent })),
  );

test('page loads the verifier and reports its version', async () => {
  const page = await openPage();
  assert.match(await text(page, '#engine'), /^trustloop \d+\.\d+\.\d+/);
  assert.equal(await page.isDisabled('#verify-button'), true);
  await page.close();
});

test('a garbage file gives a clean error, not a crash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trustloop-page-'));
  const garbage = join(dir, 'garbage.anip-package.json');
  writeFileSync(garbage, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x13, 0x37]));
  const page = await openPage();
  await upload(page, '#bundle-input', garbage);
  assert.equal(await verdict(page), 'error');
  assert.equal(await text(page, '#error-code'), 'JSON_SYNTAX');
  assert.match(await text(page, '#error-message'), /^decode package bundle: invalid character/);
  assert.equal(await page.isHidden('#checks-block'), true);
  // The page still works after an error: a good bundle verifies in the same tab.
  const example = join(REPO_ROOT, 'tests/examples/anip/order-desk-1.0.0.anip-package.json');
  if (existsSync(example)) {
    await page.setInputFiles('#bundle-input', example);
    await page.waitForFunction(() => document.querySelector('#verdict').dataset.status !== 'error');
    assert.equal(await verdict(page), 'ok');
  }
  await page.close();
});

test('a verified fixture bundle: status, receipt, checks table', needsFixtures, async () => {
  const page = await openPage();
  await upload(page, '#bundle-input', join(FIXTURES, 'anip/derived/current-runtime-compat-0.1.0.anip-package.json'));
  assert.equal(await verdict(page), 'ok');
  assert.equal(await text(page, '#verdict'), 'Verified');
  assert.equal(await text(page, '#package-name'), 'current-runtime-compat@0.1.0');
  const summary = await text(page, '#summary');
  assert.match(summary, /Receipt\s*verified/);
  assert.match(summary, /anip-registry-dev-ed25519-v1 · ed25519/);
  assert.match(summary, /Key trust\s*signed with the key shipped inside the bundle \(not pinned\)/);
  const rows = await checkRows(page);
  assert.ok(rows.length >= 8, `only ${rows.length} checks`);
  assert.deepEqual(rows.filter((r) => r.status !== 'pass'), []);
  assert.ok(rows.some((r) => r.name === 'bundle_receipt_signature_valid'));
  const json = JSON.parse(await page.textContent('#result-json'));
  assert.equal(json.status, 'ok');
  assert.equal(json.registry_record_path, 'current-runtime-compat-0.1.0.anip-package.json');
  await page.click('#json-block summary');
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  await page.close();
});

test('a tampered receipt fails with the failing check shown', needsFixtures, async () => {
  const page = await openPage();
  await upload(page, '#bundle-input', join(FIXTURES, 'anip/derived/tampered-receipt-signature.anip-package.json'));
  assert.equal(await verdict(page), 'failed');
  assert.match(await text(page, '#summary'), /Receipt\s*failed/);
  const failed = (await checkRows(page)).filter((r) => r.status === 'fail').map((r) => r.name);
  assert.deepEqual(failed, ['bundle_receipt_signature_valid']);
  await page.close();
});

test('lock file and expected contract signature are applied', needsFixtures, async () => {
  const page = await openPage();
  await page.fill('#expected-signature', 'sha256:6d3afcec7535f27e055ad3235a9ec15a27716f30f5c883f58b10972d13a898e9');
  await page.setInputFiles('#lock-input', join(FIXTURES, 'anip/derived/current-runtime-compat-0.1.0.mismatched-lock-digest.anip.lock.json'));
  await upload(page, '#bundle-input', join(FIXTURES, 'anip/derived/current-runtime-compat-0.1.0.anip-package.json'));
  assert.equal(await verdict(page), 'failed');
  const rows = await checkRows(page);
  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
  assert.equal(byName.expected_contract_signature_matches?.status, 'pass');
  assert.equal(byName.package_lock_matches?.status, 'fail');
  assert.match(byName.package_lock_matches.detail, /^lock mismatch for lock_digest: expected sha256:0{64} got sha256:8f40f3af/);
  await page.close();
});

test('an upstream bundle rejected before the checks shows the upstream message', needsFixtures, async () => {
  const page = await openPage();
  await upload(page, '#bundle-input', join(FIXTURES, 'anip/gtm-pipeline-q2-review-0.4.4.anip-package.json'));
  assert.equal(await verdict(page), 'error');
  assert.equal(await text(page, '#error-message'), 'resolved package is missing package_execution_signature');
  await page.close();
});

test('no script errors on the page', () => {
  assert.deepEqual(pageErrors, []);
});
