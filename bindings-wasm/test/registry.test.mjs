// Registry sources end to end in Node: a real HTTP server on 127.0.0.1 (ephemeral
// port) serves records built by the package's own buildLocal (some tampered or
// yanked); verifyRegistry / writeLockRegistry fetch them with `fetch` and the core
// decides. The CLI, pointed at the same server, must print the same document.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';

import { trustloop } from './support/load.mjs';
import { REPO_ROOT } from './support/paths.mjs';

const ID = 'order-desk';
const VERSION = '1.0.0';
const run = promisify(execFile);

/** Recorded responses of the example package (tests/examples/anip-registry/): {record, receipt, keys}. */
function published(scenario = 'published') {
  const read = (name) => JSON.parse(readFileSync(join(REPO_ROOT, 'tests/examples/anip-registry', scenario, `${name}.json`), 'utf8'));
  return { record: read('download'), receipt: read('receipt'), keys: read('keys') };
}

const servers = [];
after(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

/** A loopback registry serving one package; `paths` records every request. */
async function serve({ record, receipt, keys }) {
  const paths = [];
  const api = `/registry-api/v1`;
  const routes = {
    [`${api}/packages/${ID}/${VERSION}/download`]: record,
    [`${api}/packages/${ID}/${VERSION}/receipt`]: receipt,
    [`${api}/keys`]: keys,
  };
  const server = createServer((req, res) => {
    paths.push(req.url);
    const body = routes[(req.url ?? '').split('?')[0]];
    if (req.method !== 'GET' || body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const text = JSON.stringify(body, null, 2);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
  });
  servers.push(server);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${server.address().port}`, paths };
}

const failed = (r) => r.checks.filter((c) => c.status === 'fail').map((c) => c.name);

async function rejects(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected a TrustloopError');
}

test('a published package verifies: three GETs, registry checks, record path', async () => {
  const reg = await serve(published());
  const r = await trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`);
  assert.equal(r.status, 'ok', JSON.stringify(failed(r)));
  assert.equal(r.source_kind, 'registry');
  assert.equal(r.receipt_status, 'verified');
  assert.equal(r.registry_signing_mode, 'dev');
  assert.equal(r.registry_record_path, `${reg.base}/registry-api/v1/packages/${ID}/${VERSION}`);
  const names = r.checks.map((c) => c.name);
  for (const n of ['registry_package_identity_matches', 'registry_manifest_digest_matches', 'registry_receipt_signature_valid']) {
    assert.ok(names.includes(n), `${n} missing`);
  }
  assert.ok(!names.some((n) => n.startsWith('bundle_')));
  assert.deepEqual(reg.paths, [
    `/registry-api/v1/packages/${ID}/${VERSION}/download`,
    `/registry-api/v1/packages/${ID}/${VERSION}/receipt`,
    '/registry-api/v1/keys',
  ]);
});

test('the base may already end with /registry-api/v1 (and a slash)', async () => {
  const reg = await serve(published());
  const r = await trustloop.verifyRegistry(`${reg.base}/registry-api/v1/`, ` ${ID}@${VERSION} `);
  assert.equal(r.status, 'ok');
  assert.equal(reg.paths.length, 3);
  assert.ok(reg.paths.every((p) => p.startsWith('/registry-api/v1/') && !p.includes('/registry-api/v1/registry-api')));
});

test('a yanked package is refused unless allowYankedPackage, which asks with ?allow_yanked=true', async () => {
  const pkg = published();
  pkg.record.lifecycle = { status: 'yanked' };
  const reg = await serve(pkg);
  const e = await rejects(trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`));
  assert.equal(e.name, 'TrustloopError');
  assert.equal(e.code, 'ANIP_REGISTRY_YANKED');
  assert.equal(e.message, `registry package ${ID}@${VERSION} is yanked; use --allow-yanked-package only for pinned historical reproduction`);
  assert.ok(reg.paths.every((p) => !p.includes('allow_yanked')));
  const r = await trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`, { allowYankedPackage: true });
  assert.equal(r.status, 'ok');
  assert.ok(reg.paths.includes(`/registry-api/v1/packages/${ID}/${VERSION}/download?allow_yanked=true`));
});

test('lock files from the registry carry registry_url and verify against it', async () => {
  const reg = await serve(published());
  const lock = await trustloop.writeLockRegistry(reg.base, `${ID}@${VERSION}`);
  assert.ok(lock instanceof Uint8Array);
  const l = JSON.parse(Buffer.from(lock).toString('utf8'));
  assert.equal(l.source_kind, 'registry');
  assert.equal(l.registry_url, `${reg.base}/registry-api/v1`);
  const r = await trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`, { lock });
  assert.equal(r.status, 'ok');
  assert.ok(r.checks.some((c) => c.name === 'package_lock_matches' && c.status === 'pass'));
  // A re-published package passes the trust checks, not the lock.
  const republished = await serve(published('republished'));
  const again = await trustloop.verifyRegistry(republished.base, `${ID}@${VERSION}`, { lock });
  assert.deepEqual(failed(again), ['package_lock_matches']);
});

test('fetch failures and bad refs are TrustloopErrors; opts.fetch replaces the transport', async () => {
  const reg = await serve(published());
  const missing = await rejects(trustloop.verifyRegistry(reg.base, `${ID}@9.9.9`));
  assert.equal(missing.code, 'REGISTRY_FETCH_FAILED');
  assert.equal(missing.message, `registry request failed: GET ${reg.base}/registry-api/v1/packages/${ID}/9.9.9/download: 404 Not Found`);
  assert.equal(missing.findings[0].code, 'REGISTRY_FETCH_FAILED');
  for (const ref of ['', 'order-desk', '@1.0.0', 'order-desk@']) {
    assert.equal((await rejects(trustloop.verifyRegistry(reg.base, ref))).code, 'PACKAGE_REF_INVALID', ref);
  }
  assert.equal((await rejects(trustloop.verifyRegistry('', `${ID}@${VERSION}`))).code, 'INVALID_ARGUMENT');
  const refused = await rejects(trustloop.verifyRegistry('http://127.0.0.1:1', `${ID}@${VERSION}`));
  assert.equal(refused.code, 'REGISTRY_FETCH_FAILED');
  const seen = [];
  const r = await trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`, { fetch: (url, init) => (seen.push(url), fetch(url, init)) });
  assert.equal(r.status, 'ok');
  assert.equal(seen.length, 3);
  // Ids are path-escaped like Go's url.PathEscape.
  await rejects(trustloop.verifyRegistry(reg.base, 'a b/c@1'));
  assert.ok(reg.paths.includes('/registry-api/v1/packages/a%20b%2Fc/1/download'), JSON.stringify(reg.paths));
});

// Byte-for-byte agreement with the CLI pointed at the same server.
const cli = process.env.TRUSTLOOP_CLI || join(process.env.CARGO_TARGET_DIR || join(REPO_ROOT, 'target'), 'debug', 'trustloop');
const cliSkip = existsSync(cli) ? false : `NOT RUN: CLI not built (${cli})`;
if (cliSkip) console.log(`${cliSkip}: registry CLI comparison`);
test('same result as `trustloop anip verify --registry-url … --json` and `anip lock write`', { skip: cliSkip }, async () => {
  const reg = await serve(published());
  const { stdout } = await run(cli, ['anip', 'verify', '--registry-url', reg.base, '--package', `${ID}@${VERSION}`, '--json']);
  const wasm = await trustloop.verifyRegistry(reg.base, `${ID}@${VERSION}`);
  assert.equal(JSON.stringify(wasm), JSON.stringify(JSON.parse(stdout)));
  const lock = await run(cli, ['anip', 'lock', 'write', '--registry-url', reg.base, '--package', `${ID}@${VERSION}`, '-o', '-']);
  assert.equal(Buffer.from(await trustloop.writeLockRegistry(reg.base, `${ID}@${VERSION}`)).toString('utf8'), lock.stdout);
  const pkg = published();
  pkg.record.lifecycle = { status: 'yanked' };
  const yanked = await serve(pkg);
  const e = await run(cli, ['anip', 'verify', '--registry-url', yanked.base, '--package', `${ID}@${VERSION}`, '--json']).catch((x) => x);
  assert.equal(e.code, 1);
  const thrown = await rejects(trustloop.verifyRegistry(yanked.base, `${ID}@${VERSION}`));
  assert.equal(`${thrown.message}\n`, e.stderr);
});
