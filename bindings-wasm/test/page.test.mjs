// The client-side verification page in headless Chromium (Debian's /usr/bin/chromium
// driven by playwright-core; no browser download): upload bundles, read the verdict.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { trustloop } from './support/load.mjs';
import { FIXTURES, PKG_WEB, REPO_ROOT, fixturesPresent, reportMissingFixtures } from './support/paths.mjs';
import { startServer } from './support/static-server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOT = process.env.TRUSTLOOP_SCREENSHOT || '/tmp/trustloop-page.png';
/** The bundle and ref panels, next to the main screenshot. */
const PANELS_SCREENSHOT = SCREENSHOT.replace(/(\.png)?$/, '-panels.png');
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
/** Fresh temporary directories, removed at the end. */
const scratch = [];
const tempDir = (prefix) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(d);
  return d;
};

before(async () => {
  assert.ok(existsSync(join(PKG_WEB, 'trustloop.js')), 'pkg-web missing: run bindings-wasm/build.sh first');
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} missing: run scripts/setup.sh (Debian chromium)`);
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  scratch.forEach((d) => rmSync(d, { recursive: true, force: true }));
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
  const dir = tempDir('trustloop-page-');
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

// ---- Custom code bundle and ref check panels (no fixtures needed) -------------

const GIT_REF = 'git+https://github.com/acme/demo-glue.git@0123456789abcdef0123456789abcdef01234567#sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const GLUE = {
  'README.md': '# Demo glue\n',
  'pyproject.toml': '[project]\nname = "demo-glue"\n',
  'src/demo_service/policy.py': 'ALLOW = True\n',
  'src/demo_service/app.py': 'app = 1\n',
  // Picked too, but not hashed: an ignored folder and a file type bundles do not select.
  'node_modules/left-pad/index.js': 'module.exports = 1\n',
  'notes.txt': 'not selected\n',
};

/** `<tmp>/glue` holding GLUE; resolves to its path. */
function glueFolder() {
  const root = join(tempDir('trustloop-page-tree-'), 'glue');
  for (const [path, text] of Object.entries(GLUE)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A package bundle declaring three materials: one pinned to `digest`, one to another digest, one unpinned. */
function bundleDeclaring(digest) {
  const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'tests/examples/anip-tree/demo-bundle-pinned.json'), 'utf8'));
  doc.manifest.implementation_material.custom_code_bundles = [
    { ref: GIT_REF, title: 'Demo glue', bundle_tree_sha256: digest.toUpperCase().replace('SHA256:', 'sha256:') },
    { ref: GIT_REF.replace('demo-glue', 'old-glue'), bundle_tree_sha256: `sha256:${'0'.repeat(64)}` },
    { ref: GIT_REF.replace('demo-glue', 'draft-glue') },
  ];
  const file = join(tempDir('trustloop-page-bundle-'), 'demo-service.anip-package.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

const materialRows = (page) =>
  page.$$eval('#materials-body tr', (rows) => rows.map((r) => ({ ref: r.cells[0].querySelector('.mono').textContent, status: r.cells[2].textContent })));

test('custom code bundle: a picked folder\'s raw digest, compared with the declared digests', async () => {
  const folder = glueFolder();
  const entries = Object.entries(GLUE).map(([path, text]) => ({ path, bytes: text }));
  const expected = trustloop.treeDigest(entries, { root: 'glue' });
  assert.equal(expected.files.length, 4, 'node_modules/ and notes.txt are not hashed');

  const page = await openPage();
  await page.setInputFiles('#tree-input', folder);
  await page.waitForSelector('#tree-result:not([hidden]) #tree-digest');
  assert.equal(await text(page, '#tree-digest'), expected.digest);
  assert.match(await text(page, '#tree-count'), /^4 of 6 /);
  assert.equal(await text(page, '#tree-name'), 'glue · 6 files');
  assert.match(await text(page, '#materials-note'), /^Load a package above/);
  const files = await page.$$eval('#tree-files-body tr', (rows) => rows.map((r) => [r.cells[0].textContent, r.cells[2].textContent]));
  assert.deepEqual(files, expected.files.map((f) => [f.path, f.sha256]));

  // Loading a package afterwards compares the same digest with what it declares.
  await page.setInputFiles('#bundle-input', bundleDeclaring(expected.digest));
  await page.waitForSelector('#materials-table:not([hidden])');
  assert.deepEqual(await materialRows(page), [
    { ref: GIT_REF, status: 'match' },
    { ref: GIT_REF.replace('demo-glue', 'old-glue'), status: 'differs' },
    { ref: GIT_REF.replace('demo-glue', 'draft-glue'), status: 'no digest' },
  ]);
  assert.match(await text(page, '#materials-note'), /matches 1 of 3 declared materials\.$/);

  // The ref panel in the same tab, for the screenshot.
  await page.fill('#ref-input', GIT_REF);
  await page.click('#ref-button');
  await page.waitForSelector('#ref-output:not([hidden])');
  await page.click('#tree-files-block summary');
  await page.locator('#tree-card').scrollIntoViewIfNeeded();
  await page.screenshot({ path: PANELS_SCREENSHOT, fullPage: true });
  await page.close();
});

test('ref check: a valid ref is parsed, an invalid one shows the code and upstream message', async () => {
  const page = await openPage();
  await page.fill('#ref-input', GIT_REF);
  await page.press('#ref-input', 'Enter');
  await page.waitForSelector('#ref-output:not([hidden]) #ref-verdict[data-status="ok"]');
  const rows = await page.$$eval('#ref-result dt', (dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling.textContent]));
  const parsed = trustloop.refCheck(GIT_REF);
  assert.deepEqual(rows, [['Kind', parsed.kind], ['Locator', parsed.locator], ['Pinned to', parsed.immutable], ['Digest', parsed.digest]]);
  assert.equal(await page.isHidden('#ref-error'), true);

  const mutable = 'git+https://github.com/acme/demo-glue.git@main';
  await page.fill('#ref-input', mutable);
  await page.click('#ref-button');
  await page.waitForSelector('#ref-verdict[data-status="error"]');
  let expected;
  try {
    trustloop.refCheck(mutable);
  } catch (e) {
    expected = e;
  }
  assert.equal(await text(page, '#ref-error-code'), expected.code);
  assert.equal(await text(page, '#ref-error-message'), expected.message);
  assert.equal(await page.isHidden('#ref-result'), true);
  await page.close();
});

test('no script errors on the page', () => {
  assert.deepEqual(pageErrors, []);
});
