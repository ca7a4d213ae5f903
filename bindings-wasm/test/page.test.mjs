// The client-side verification page in headless Chromium (Debian's /usr/bin/chromium
// driven by playwright-core; no browser download): every family dropped at once, good
// and tampered, pinned and unpinned keys, at desktop and phone widths; the JSON
// downloads against the CLI's --json; axe-core; keyboard use; and not one request
// leaving the page's own origin. Screenshots go to build/test-output/page/
// (TRUSTLOOP_SCREENSHOT_DIR overrides).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { trustloop } from './support/load.mjs';
import { DEV_KEY, DEV_KEY_ID, makeInputs } from './support/page-inputs.mjs';
import { FIXTURES, PKG_WEB, REPO_ROOT, fixturesPresent, reportMissingFixtures } from './support/paths.mjs';
import { startServer } from './support/static-server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = process.env.TRUSTLOOP_SCREENSHOT_DIR || join(REPO_ROOT, 'build', 'test-output', 'page');
const CLI = process.env.TRUSTLOOP_CLI || join(process.env.CARGO_TARGET_DIR || join(REPO_ROOT, 'target'), 'debug', 'trustloop');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
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
const DESKTOP = { width: 1100, height: 900 };
const WIDTHS = { desktop: DESKTOP, 'phone-360': { width: 360, height: 780 }, 'phone-390': { width: 390, height: 844 } };

const haveFixtures = fixturesPresent();
const needsFixtures = haveFixtures ? {} : { skip: 'NOT RUN: fixtures folder missing' };
if (!haveFixtures && reportMissingFixtures(2, 'fixture-based page tests')) {
  test('fixtures folder present', () => assert.fail('CI=true and the fixtures folder is missing'));
}

let server;
let browser;
let inputs;
const pageErrors = [];
/** Every URL any page or its worker asked for. */
const requested = [];
const scratch = [];
const tempDir = (prefix) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(d);
  return d;
};

before(async () => {
  assert.ok(existsSync(join(PKG_WEB, 'trustloop.js')), 'pkg missing: run bindings-wasm/build.sh first');
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} missing: run scripts/setup.sh (Debian chromium)`);
  assert.ok(existsSync(CLI), `${CLI} missing: cargo build -p trustloop-cli (the page's JSON is compared with it)`);
  mkdirSync(SHOTS, { recursive: true });
  inputs = makeInputs(join(tempDir('trustloop-page-inputs-'), 'in'));
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  scratch.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/**
 * A fresh context and page with the verifier loaded (close its context when done);
 * `cores` stands in for the machine's navigator.hardwareConcurrency.
 */
async function openPage(viewport = DESKTOP, { cores } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  // The context sees the requests of its pages and of their workers.
  context.on('request', (r) => requested.push(r.url()));
  const page = await context.newPage();
  if (cores) await page.addInitScript((n) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n }), cores);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  await page.goto(`${server.url}/www/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return page;
}

/** Picks `files`, waits until every card has its verdict; resolves to [{name, kind, status, label}]. */
async function check(page, files) {
  await page.setInputFiles('#files-input', files);
  await page.waitForSelector(`#results[data-done="true"] .result:nth-child(${files.length})`, { timeout: 30_000 });
  return cards(page);
}

const cards = (page) =>
  page.$$eval('#results .result', (list) =>
    list.map((c) => ({
      name: c.dataset.name,
      kind: c.dataset.kind,
      status: c.querySelector('.badge').dataset.status,
      label: c.querySelector('.badge').textContent,
    })),
  );

const card = (page, name) => page.locator(`#results .result[data-name="${name}"]`);
const text = (locator) => locator.textContent().then((s) => (s ?? '').trim());

/** Cells of a result table (by its class) in a card, row by row. */
const tableRows = (page, name, cls) =>
  card(page, name).locator(`table.${cls} tbody tr`).evaluateAll((rows) => rows.map((r) => Array.from(r.cells, (c) => c.textContent.trim())));

async function setKeys(page, lines) {
  await page.fill('#trusted-keys', lines);
  await page.locator('#trusted-keys').blur();
}

/** The widest thing on the page must fit: the document and every card. */
async function assertNoOverflow(page, what) {
  const over = await page.evaluate(() => {
    const out = [];
    if (document.documentElement.scrollWidth > innerWidth) out.push(`document ${document.documentElement.scrollWidth} > ${innerWidth}`);
    for (const c of document.querySelectorAll('.card')) {
      if (c.scrollWidth > c.clientWidth + 1) out.push(`${c.id || c.dataset.name} ${c.scrollWidth} > ${c.clientWidth}`);
    }
    return out;
  });
  assert.deepEqual(over, [], `${what}: horizontal overflow`);
}

/** axe-core in the page (evaluated through the driver: the page's CSP admits no inline script). */
async function assertAccessible(page, what) {
  // Cards off screen are not rendered (content-visibility: auto), and axe then reports
  // their text's contrast against no background (dequelabs/axe-core#2768): render them
  // all, so every card's colours are checked.
  await page.$$eval('#results .result', (cards) => cards.forEach((c) => (c.style.contentVisibility = 'visible')));
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const r = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  });
  assert.deepEqual(violations, [], `${what}: axe violations`);
}

/** Opens every <details> so hidden content is checked and photographed too. */
const openAllDetails = (page) => page.$$eval('details', (ds) => ds.forEach((d) => (d.open = true)));

/** Runs the CLI in `dir` (so it names files as the page does); stdout whatever the exit code. */
function runCli(dir, args) {
  try {
    return execFileSync(CLI, args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    if (typeof e.status !== 'number') throw e;
    return e.stdout;
  }
}

/** Clicks a download button; resolves to the downloaded text. */
async function downloaded(page, button) {
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return readFileSync(await dl.path());
}

// ---- Every family ---------------------------------------------------------------

test('the verifier loads in a module Web Worker and reports its version', async () => {
  const page = await openPage();
  assert.match(await text(page.locator('#engine')), /^trustloop \d+\.\d+\.\d+ · WebAssembly in a Web Worker/);
  assert.equal(await page.isDisabled('#verify-button'), true);
  const workers = page.workers().map((w) => new URL(w.url()).pathname);
  assert.deepEqual(workers, ['/www/worker.js']);
  // The page fetches and compiles the module once, for every worker; each worker
  // instantiates it and runs it, and none fetches it again.
  assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length), 1);
  assert.equal(await page.workers()[0].evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length), 0);
  await page.context().close();
});

test('several files are spread over one worker per core, and give the verdicts one worker gives', async () => {
  const all = [inputs.anipGood, inputs.anipTampered, inputs.anpkgGood, inputs.paGood, inputs.paTruncated, inputs.unknown];
  const one = await openPage(DESKTOP, { cores: 1 });
  const alone = await check(one, all);
  assert.equal(await one.evaluate(() => document.body.dataset.workers), '1');
  await one.context().close();
  const page = await openPage(DESKTOP, { cores: 3 });
  assert.deepEqual(await check(page, all), alone);
  assert.equal(await page.evaluate(() => document.body.dataset.workers), '3');
  const used = await page.$$eval('#results .result', (list) => [...new Set(list.map((c) => c.dataset.worker))].sort());
  assert.deepEqual(used, ['0', '1', '2'], 'every worker of the pool checked a file');
  await page.context().close();
});

for (const [width, viewport] of Object.entries(WIDTHS)) {
  test(`every family at once, good and tampered, at ${width} width`, async () => {
    const page = await openPage(viewport);
    const all = [
      inputs.anipGood, inputs.anipTampered, inputs.anipLocal,
      inputs.anpkgGood, inputs.anpkgTampered,
      inputs.paGood, inputs.paTruncated,
      inputs.unknown,
    ];
    const got = await check(page, all);
    assert.deepEqual(got, [
      { name: basename(inputs.anipGood), kind: 'anip', status: 'intact', label: 'Intact · signed by its own key' },
      { name: basename(inputs.anipTampered), kind: 'anip', status: 'failed', label: 'Failed' },
      { name: basename(inputs.anipLocal), kind: 'anip', status: 'integrity', label: 'Integrity only · local receipt' },
      { name: basename(inputs.anpkgGood), kind: 'anpkg', status: 'ok', label: 'Valid package' },
      { name: basename(inputs.anpkgTampered), kind: 'anpkg', status: 'failed', label: 'Invalid package' },
      { name: basename(inputs.paGood), kind: 'assets-pa', status: 'ok', label: 'Valid archive' },
      { name: basename(inputs.paTruncated), kind: 'assets-pa', status: 'failed', label: 'Invalid archive' },
      { name: basename(inputs.unknown), kind: 'unknown', status: 'error', label: 'Unknown file' },
    ]);
    await assertNoOverflow(page, width);
    await page.screenshot({ path: join(SHOTS, `${width}-every-family.png`), fullPage: true });
    // Each verdict on its own, for a quick look at every family at this width.
    for (const c of got) {
      await card(page, c.name).locator('.verdict-line').screenshot({ path: join(SHOTS, `${width}-verdict-${c.name}.png`) });
    }
    // Pinned: the same good bundle is now verified as signed by a trusted key.
    await setKeys(page, `${DEV_KEY_ID}=${DEV_KEY}`);
    await page.waitForFunction((n) => document.querySelector(`.result[data-name="${n}"] .badge`)?.dataset.status === 'ok', basename(inputs.anipGood));
    await page.waitForSelector(`#results[data-done="true"] .result:nth-child(${all.length})`);
    const pinned = await cards(page);
    assert.equal(pinned[0].label, 'Verified · trusted key');
    // A local receipt never passes pinning: integrity is not authenticity (this probe's
    // receipt also claims an ed25519 signer it does not have, a second failed check).
    assert.equal(pinned[2].label, 'Failed');
    const localFailed = (await tableRows(page, pinned[2].name, 'anip-checks')).filter((r) => r[1] === 'fail').map((r) => r[0]);
    assert.deepEqual(localFailed, ['bundle_registry_key_trusted', 'bundle_receipt_claims_match']);
    await openAllDetails(page);
    await assertNoOverflow(page, `${width}, pinned, details open`);
    await page.screenshot({ path: join(SHOTS, `${width}-every-family-pinned.png`), fullPage: true });
    await assertAccessible(page, width);
    await page.context().close();
  });
}

test('content decides the kind, not the name: a zip named .json is read as an .anpkg', async () => {
  const dir = tempDir('trustloop-page-');
  const misnamed = join(dir, 'looks-like.anip-package.json');
  writeFileSync(misnamed, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x13, 0x37]));
  const assetsNamedZip = join(dir, 'assets.zip');
  writeFileSync(assetsNamedZip, inputs.paBytes);
  const page = await openPage();
  const got = await check(page, [misnamed, assetsNamedZip]);
  assert.deepEqual(got.map((c) => [c.kind, c.status]), [['anpkg', 'failed'], ['assets-pa', 'ok']]);
  // The findings are the core's for that name (`anpkg validate looks-like.anip-package.json`).
  const expected = trustloop.anpkg.validate(readFileSync(misnamed), { path: basename(misnamed), all: true });
  assert.equal(expected.valid, false);
  assert.deepEqual(
    await tableRows(page, basename(misnamed), 'findings'),
    expected.findings.map((f) => [f.code, f.severity, f.location.file ?? '—', f.message]),
  );
  await page.context().close();
});

// ---- Trust choices ------------------------------------------------------------------

test('trust: a pinned wrong key fails the bundle; a trust-store file pins the right one', async () => {
  const page = await openPage();
  const other = trustloop.keygen();
  await setKeys(page, `# someone else\n${other.key_id}=${other.public_key}`);
  let [c] = await check(page, [inputs.anipGood]);
  assert.equal(c.label, 'Failed · signer not trusted');
  const failed = (await tableRows(page, c.name, 'anip-checks')).filter((r) => r[1] === 'fail').map((r) => r[0]);
  assert.deepEqual(failed, ['bundle_registry_key_trusted']);

  await page.fill('#trusted-keys', '');
  await page.setInputFiles('#trust-store-input', inputs.trustStore);
  await page.waitForFunction(() => document.querySelector('.result .badge')?.dataset.status === 'ok');
  assert.equal(await page.inputValue('#trusted-keys'), `${DEV_KEY_ID}=${DEV_KEY}`);
  [c] = await cards(page);
  assert.equal(c.label, 'Verified · trusted key');
  assert.match(await text(card(page, c.name).locator('.summary')), /Key trust\s*signed with a key you trust \(pinned\)/);

  // A store without an ed25519 key is refused (it would pin nothing), in the core's words.
  const empty = join(tempDir('trustloop-page-store-'), 'empty-store.json');
  writeFileSync(empty, JSON.stringify({ keys: [{ key_id: 'r', algorithm: 'rsa', public_key: 'AAAA' }] }));
  await page.setInputFiles('#trust-store-input', empty);
  await page.waitForSelector('#trust-error:not([hidden])');
  assert.equal(await text(page.locator('#trust-error')), 'empty-store.json: trust store has no ed25519 keys');
  assert.equal(await page.inputValue('#trusted-keys'), `${DEV_KEY_ID}=${DEV_KEY}`, 'the keys already there stay');

  // A line that is not KEY_ID=BASE64 stops checking and says which line.
  await setKeys(page, 'no equals sign here');
  await page.waitForSelector('#trust-error:not([hidden])');
  assert.match(await text(page.locator('#trust-error')), /line 1: expected KEY_ID=BASE64/);
  assert.equal(await page.getAttribute('#trusted-keys', 'aria-invalid'), 'true');
  await page.context().close();
});

test('trust: keys stay in local storage only when the user asks, and are restored', async () => {
  const page = await openPage();
  const stored = () => page.evaluate(() => localStorage.getItem('trustloop.trustedKeys'));
  await setKeys(page, `${DEV_KEY_ID}=${DEV_KEY}`);
  assert.equal(await stored(), null, 'nothing stored without the opt-in');
  await page.check('#remember-keys');
  assert.equal(await stored(), `${DEV_KEY_ID}=${DEV_KEY}`);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.inputValue('#trusted-keys'), `${DEV_KEY_ID}=${DEV_KEY}`);
  assert.equal(await page.isChecked('#remember-keys'), true);
  await page.uncheck('#remember-keys');
  assert.equal(await stored(), null, 'unticking forgets the keys');
  await page.context().close();
});

test('legacy switch: passed to the verifier and shown in the CLI command', async () => {
  const page = await openPage();
  await page.check('#legacy');
  const [c] = await check(page, [inputs.anipGood]);
  // A current bundle needs no relaxation: still ok, still distinguished by its signer.
  assert.equal(c.label, 'Intact · signed by its own key');
  assert.match(await text(card(page, c.name).locator('.document summary code')), / --compat legacy --extended-report --json$/);
  await page.context().close();
});

// ---- Family details -------------------------------------------------------------------

test('.anpkg: every finding with code and location, the file list with checksums', async () => {
  const page = await openPage();
  await check(page, [inputs.anpkgGood, inputs.anpkgTampered]);
  const files = await tableRows(page, basename(inputs.anpkgGood), 'anpkg-files');
  assert.deepEqual(files.map((r) => r[0]), ['machine-profile.yaml', 'meta/checksums.sha256', 'meta/provenance.json', 'providers/bench0.yaml', 'runtime/anolis-runtime.yaml']);
  const sums = Object.fromEntries(
    files.filter((r) => r[0] !== 'meta/checksums.sha256').map((r) => [r[0], r[2].replace(/Copy$/, '')]),
  );
  assert.deepEqual(files.map((r) => r[3]), ['matches', 'not listed', 'matches', 'matches', 'matches']);
  for (const digest of Object.values(sums)) assert.match(digest, /^[0-9a-f]{64}$/);
  const expected = trustloop.anpkg.validate(readFileSync(inputs.anpkgTampered), { all: true, path: basename(inputs.anpkgTampered) });
  const findings = await tableRows(page, basename(inputs.anpkgTampered), 'findings');
  assert.deepEqual(findings, expected.findings.map((f) => [f.code, f.severity, f.location.file, f.message]));
  assert.equal(findings.length, 2, 'with "every finding", both findings are listed');
  // Without it, only the first.
  await page.uncheck('#all-findings');
  await page.waitForFunction((n) => document.querySelectorAll(`.result[data-name="${n}"] table.findings tbody tr`).length === 1, basename(inputs.anpkgTampered));
  await page.context().close();
});

test('assets.pa: prelude, asset table, preload, warnings, and a per-asset download', async () => {
  const page = await openPage();
  const [c] = await check(page, [inputs.paGood]);
  const info = trustloop.assetsPa.read(inputs.paBytes);
  const summary = await text(card(page, c.name).locator('.summary'));
  assert.match(summary, /magic PMTA · schema_version 1 · header_len \d+ · payload_offset \d+/);
  const assets = await tableRows(page, c.name, 'assets');
  assert.deepEqual(assets.map((r) => [Number(r[0]), r[1], r[2], Number(r[5])]), info.asset_table.map((a) => [a.asset_id, a.asset_name, a.bank_type, a.size]));
  const preload = await tableRows(page, c.name, 'preload');
  assert.deepEqual(preload, info.preload.map((p) => [String(p.asset_id), String(p.slot)]));
  assert.match(await text(card(page, c.name)), new RegExp(`Warnings \\(${info.warnings.length}\\)`));
  const asset = info.asset_table[1];
  const bytes = await downloaded(page, page.getByRole('button', { name: `Download asset ${asset.asset_id} (${asset.asset_name})` }));
  assert.ok(Buffer.from(trustloop.assetsPa.extract(inputs.paBytes, asset.asset_id)).equals(bytes), 'the extracted asset');
  await page.context().close();
});

// ---- The JSON download is the CLI's --json ------------------------------------------

/** Every JSON download button of a card, with the bytes it saves. */
async function documentsOf(page, name) {
  const out = {};
  for (const button of await card(page, name).locator('button[data-document]').all()) {
    out[await button.getAttribute('data-document')] = await downloaded(page, button);
  }
  return out;
}

test('downloaded result JSON equals `trustloop … --json` byte for byte, every family', async () => {
  const dir = dirname(inputs.anipGood);
  const page = await openPage();
  const n = (p) => basename(p);
  await check(page, [inputs.anipGood, inputs.anipTampered, inputs.anpkgGood, inputs.anpkgTampered, inputs.paGood, inputs.paTruncated]);
  const cli = {
    anipGood: runCli(dir, ['anip', 'verify', '--package-bundle', n(inputs.anipGood), '--extended-report', '--json']),
    anipTampered: runCli(dir, ['anip', 'verify', '--package-bundle', n(inputs.anipTampered), '--extended-report', '--json']),
  };
  assert.equal((await documentsOf(page, n(inputs.anipGood)))['Result JSON'].toString(), cli.anipGood);
  assert.equal((await documentsOf(page, n(inputs.anipTampered)))['Result JSON'].toString(), cli.anipTampered);
  // anpkg validate names the package by its resolved path; a page only knows the file name.
  for (const p of [inputs.anpkgGood, inputs.anpkgTampered]) {
    const printed = runCli(dir, ['anpkg', 'validate', n(p), '--all', '--json']).replaceAll(JSON.stringify(realpathSync(p)).slice(1, -1), n(p));
    assert.equal((await documentsOf(page, n(p)))['Result JSON'].toString(), printed, n(p));
  }
  for (const p of [inputs.paGood, inputs.paTruncated]) {
    const docs = await documentsOf(page, n(p));
    assert.equal(docs['Inspect JSON'].toString(), runCli(dir, ['assets-pa', 'inspect', n(p), '--json']), `inspect ${n(p)}`);
    assert.equal(docs['Verify JSON'].toString(), runCli(dir, ['assets-pa', 'verify', n(p), '--json']), `verify ${n(p)}`);
  }
  // Options: pinned key, lock file, expected contract signature, legacy.
  const signature = trustloop.verifyBundle(readFileSync(inputs.anipGood)).contract_signature;
  await page.fill('#expected-signature', signature);
  await page.check('#legacy');
  await page.setInputFiles('#lock-input', inputs.anipLock);
  await setKeys(page, `${DEV_KEY_ID}=${DEV_KEY}`);
  await check(page, [inputs.anipGood]);
  const command = await text(card(page, n(inputs.anipGood)).locator('.document summary code'));
  assert.equal(command, `trustloop anip verify --package-bundle ${n(inputs.anipGood)} --lock-file ${n(inputs.anipLock)} --expected-contract-signature ${signature} --trusted-key ${DEV_KEY_ID}=${DEV_KEY} --compat legacy --extended-report --json`);
  const args = command.split(' ').slice(1);
  const printed = runCli(dir, args);
  assert.equal((await documentsOf(page, n(inputs.anipGood)))['Result JSON'].toString(), printed);
  assert.equal(JSON.parse(printed).receipt_trust, 'pinned-key');
  await page.context().close();
});

// ---- Any screen, any input device, no network ------------------------------------------

test('keyboard: every control is reachable by Tab with a visible focus ring, and operable', async () => {
  const page = await openPage();
  const reached = new Map();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const a = document.activeElement;
      // A file input is invisible: its drop zone or button shows the ring.
      const shown = a.type === 'file' ? a.closest('label') : a;
      const style = getComputedStyle(shown);
      return { id: a.id, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (f.id) reached.set(f.id, f.ring);
  }
  for (const id of ['files-input', 'trusted-keys', 'trust-store-input', 'remember-keys', 'legacy', 'all-findings', 'lock-input', 'expected-signature', 'clear-button', 'tree-input', 'ref-input']) {
    assert.equal(reached.get(id), true, `${id} reached with a visible focus ring`);
  }
  // Space ticks a checkbox; Enter in the ref field submits it.
  await page.focus('#legacy');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('#legacy'), true);
  await page.focus('#ref-input');
  await page.keyboard.type('git+https://github.com/acme/glue.git@main');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ref-verdict[data-status="error"]');
  // A result's download button works from the keyboard.
  await check(page, [inputs.paGood]);
  const button = card(page, basename(inputs.paGood)).locator('button[data-document="Verify JSON"]');
  await button.focus();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(dl.suggestedFilename(), 'assets.pa.verify.json');
  await page.context().close();
});

test('no request leaves the page\'s origin (worker included), and the policy says so', async () => {
  const page = await openPage();
  await check(page, [inputs.anipGood, inputs.anpkgGood, inputs.paGood]);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /connect-src 'self'/);
  // The worker's own requests are observed too: the module is fetched by it.
  assert.ok(requested.some((u) => u.endsWith('/trustloop_bg.wasm')), 'the worker\'s fetch of the module was seen');
  const foreign = requested.filter((u) => {
    const url = new URL(u);
    if (url.protocol === 'blob:') return new URL(url.pathname).origin !== server.url;
    if (url.protocol === 'data:') return false;
    return url.origin !== server.url;
  });
  assert.deepEqual(foreign, []);
  await page.context().close();
});

// ---- Fixtures (upstream bundles and packages) ------------------------------------------

test('upstream fixtures: a lock mismatch, a bundle rejected before the checks, an upstream .anpkg', needsFixtures, async () => {
  const page = await openPage();
  await page.setInputFiles('#lock-input', join(FIXTURES, 'anip/derived/current-runtime-compat-0.1.0.mismatched-lock-digest.anip.lock.json'));
  const bundle = join(FIXTURES, 'anip/derived/current-runtime-compat-0.1.0.anip-package.json');
  const rejected = join(FIXTURES, 'anip/gtm-pipeline-q2-review-0.4.4.anip-package.json');
  const pkg = join(FIXTURES, 'anpkg/packages/sim-quickstart.anpkg');
  const got = await check(page, [bundle, rejected, pkg]);
  assert.deepEqual(got.map((c) => c.label), ['Failed', 'Not verified', 'Valid package']);
  const lockRow = (await tableRows(page, basename(bundle), 'anip-checks')).find((r) => r[0] === 'package_lock_matches');
  assert.equal(lockRow[1], 'fail');
  assert.match(lockRow[2], /^lock mismatch for lock_digest: expected sha256:0{64} got sha256:8f40f3af/);
  assert.equal(await text(card(page, basename(rejected)).locator('.error-message')), 'resolved package is missing package_execution_signature');
  await page.context().close();
});

test('upstream fixtures: a legacy bundle is refused, then accepted under the legacy switch and marked so', needsFixtures, async () => {
  const page = await openPage();
  const legacy = join(FIXTURES, 'anip/gitlab-fronting-showcase-0.2.0.anip-package.json');
  let [c] = await check(page, [legacy]);
  assert.equal(c.label, 'Not verified');
  await page.check('#legacy');
  await page.waitForFunction(() => document.querySelector('.result .badge')?.dataset.status === 'legacy');
  [c] = await cards(page);
  assert.equal(c.label, 'Intact · signed by its own key · legacy rules');
  await card(page, c.name).locator('.verdict-line').screenshot({ path: join(SHOTS, 'desktop-verdict-legacy.png') });
  await page.context().close();
});

test('dropping several files on the drop zone checks each', async () => {
  const page = await openPage();
  const files = [inputs.anipGood, inputs.anpkgGood, inputs.paGood].map((p) => ({ name: basename(p), base64: readFileSync(p).toString('base64') }));
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (ch) => ch.charCodeAt(0))], f.name));
    document.querySelector('#files-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
  await page.waitForSelector('#results[data-done="true"] .result:nth-child(3)');
  assert.deepEqual((await cards(page)).map((c) => [c.kind, c.status]), [['anip', 'intact'], ['anpkg', 'ok'], ['assets-pa', 'ok']]);
  await page.context().close();
});

// ---- Custom code bundle and ref check panels ----------------------------------------------

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

function glueFolder() {
  const root = join(tempDir('trustloop-page-tree-'), 'glue');
  for (const [path, body] of Object.entries(GLUE)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
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

test('custom code bundle: a picked folder\'s raw digest, compared with the declared digests', async () => {
  const folder = glueFolder();
  const entries = Object.entries(GLUE).map(([path, body]) => ({ path, bytes: body }));
  const expected = trustloop.treeDigest(entries, { root: 'glue' });
  assert.equal(expected.files.length, 4, 'node_modules/ and notes.txt are not hashed');

  const page = await openPage({ width: 390, height: 844 });
  await page.setInputFiles('#tree-input', folder);
  await page.waitForSelector('#tree-result:not([hidden]) #tree-digest');
  assert.equal(await text(page.locator('#tree-digest')), expected.digest);
  assert.match(await text(page.locator('#tree-count')), /^4 of 6 /);
  assert.equal(await text(page.locator('#tree-name')), 'glue · 6 files');
  assert.match(await text(page.locator('#materials-note')), /^Check an ANIP package above/);
  const files = await page.$$eval('#tree-files-body tr', (rows) => rows.map((r) => [r.cells[0].textContent, r.cells[2].textContent]));
  assert.deepEqual(files, expected.files.map((f) => [f.path, f.sha256]));

  await check(page, [bundleDeclaring(expected.digest)]);
  await page.waitForSelector('#materials-table:not([hidden])');
  const materials = await page.$$eval('#materials-body tr', (rows) => rows.map((r) => ({ ref: r.cells[0].querySelector('.mono').textContent, status: r.cells[2].textContent })));
  assert.deepEqual(materials, [
    { ref: GIT_REF, status: 'match' },
    { ref: GIT_REF.replace('demo-glue', 'old-glue'), status: 'differs' },
    { ref: GIT_REF.replace('demo-glue', 'draft-glue'), status: 'no digest' },
  ]);
  assert.match(await text(page.locator('#materials-note')), /matches 1 of 3 declared materials\.$/);
  // The comparison follows the last checked package, whose materials are read when the
  // digest needs them: here a bundle without a definition, whose materials cannot be read.
  const broken = join(tempDir('trustloop-page-bundle-'), 'broken.anip-package.json');
  writeFileSync(broken, '{"x": 1}');
  await check(page, [broken]);
  await page.waitForSelector('#materials-table[hidden]', { state: 'attached' });
  await page.waitForFunction(() => document.getElementById('materials-note').textContent.startsWith('broken.anip-package.json:'));
  const refusal = (() => {
    try {
      trustloop.bundleMaterials(readFileSync(broken));
    } catch (e) {
      return `${e.code}: ${e.message}`;
    }
    assert.fail('the broken bundle has readable materials');
  })();
  assert.equal(await text(page.locator('#materials-note')), `broken.anip-package.json: its implementation material could not be read (${refusal}).`);
  await page.fill('#ref-input', GIT_REF);
  await page.click('#ref-button');
  await page.waitForSelector('#ref-output:not([hidden])');
  await openAllDetails(page);
  await assertNoOverflow(page, 'tree and ref panels at 390 px');
  await page.locator('#tree-card').screenshot({ path: join(SHOTS, 'phone-390-bundle-panel.png') });
  await assertAccessible(page, 'tree and ref panels');
  await page.context().close();
});

test('ref check: a valid ref is parsed, an invalid one shows the code and upstream message', async () => {
  const page = await openPage();
  await page.fill('#ref-input', GIT_REF);
  await page.press('#ref-input', 'Enter');
  await page.waitForSelector('#ref-output:not([hidden]) #ref-verdict[data-status="ok"]');
  const rows = await page.$$eval('#ref-result dt', (dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling.textContent]));
  const parsed = trustloop.refCheck(GIT_REF);
  assert.deepEqual(rows, [['Kind', parsed.kind], ['Locator', parsed.locator], ['Pinned to', parsed.immutable], ['Digest', parsed.digest]]);
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
  assert.equal(await text(page.locator('#ref-error-code')), expected.code);
  assert.equal(await text(page.locator('#ref-error-message')), expected.message);
  assert.equal(await page.isHidden('#ref-result'), true);
  await page.context().close();
});

test('no script errors on the page', () => {
  assert.deepEqual(pageErrors, []);
});
