// The host-side helpers of js/helpers.js (in both packages): reading picked or
// dropped folders into bundle entries, and the registry URL rules. The browser's
// File / FileSystemEntry objects are stood in for by plain objects with the same
// members; the page test drives the real ones in Chromium.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { trustloop } from './support/load.mjs';

/** A `File` as `<input webkitdirectory>` gives it. */
function file(relativePath, text, { picked = true } = {}) {
  const bytes = Buffer.from(text, 'utf8');
  return {
    name: relativePath.split('/').at(-1),
    size: bytes.length,
    webkitRelativePath: picked ? relativePath : '',
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  };
}

/** A dropped folder as the File and Directory Entries API shows it. */
function dirEntry(name, children) {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader() {
      let done = false;
      // Two batches, then an empty one: readEntries must be called until it is empty.
      const batches = [children.slice(0, 1), children.slice(1)];
      return { readEntries: (ok) => queueMicrotask(() => ok(done ? [] : batches.shift() ?? ((done = true), []))) };
    },
  };
}

function fileEntry(name, text) {
  return { name, isFile: true, isDirectory: false, file: (ok) => ok(file(name, text, { picked: false })) };
}

const dataTransfer = (...roots) => ({ items: roots.map((r) => ({ webkitGetAsEntry: () => r })), files: [] });

const text = (entries) => entries.map((e) => [e.path, Buffer.from(e.bytes).toString('utf8')]);

test('a picked folder: paths relative to it, its name as root, same digest as the entries', async () => {
  const picked = [file('glue/README.md', '# Glue\n'), file('glue/src/demo/policy.py', 'ALLOW = True\n')];
  const entries = await trustloop.entriesFromFiles(picked);
  assert.equal(entries.root, 'glue');
  assert.deepEqual(text(entries), [['README.md', '# Glue\n'], ['src/demo/policy.py', 'ALLOW = True\n']]);
  assert.ok(entries.every((e) => e.bytes instanceof Uint8Array));
  const direct = [{ path: 'README.md', bytes: '# Glue\n' }, { path: 'src/demo/policy.py', bytes: 'ALLOW = True\n' }];
  assert.equal(trustloop.treeDigest(entries, { root: entries.root }).digest, trustloop.treeDigest(direct).digest);
});

test('dropped loose files keep their names; nothing is stripped', async () => {
  const entries = await trustloop.entriesFromFiles([file('a.py', 'a', { picked: false }), file('b.py', 'b', { picked: false })]);
  assert.equal(entries.root, '');
  assert.deepEqual(text(entries), [['a.py', 'a'], ['b.py', 'b']]);
});

test('a dropped folder (DataTransfer) is walked in full and its name stripped', async () => {
  const glue = dirEntry('glue', [fileEntry('README.md', '# Glue\n'), dirEntry('src', [fileEntry('a.py', 'x'), fileEntry('b.py', 'y')])]);
  const entries = await trustloop.entriesFromFiles(dataTransfer(glue));
  assert.equal(entries.root, 'glue');
  assert.deepEqual(text(entries), [['README.md', '# Glue\n'], ['src/a.py', 'x'], ['src/b.py', 'y']]);
  // Several dropped items: their own names are the first path segment.
  const two = await trustloop.entriesFromFiles(dataTransfer(fileEntry('top.py', 't'), dirEntry('lib', [fileEntry('c.py', 'c')])));
  assert.equal(two.root, '');
  assert.deepEqual(text(two), [['top.py', 't'], ['lib/c.py', 'c']]);
});

test('a folder larger than maxTotalBytes is refused before it is read', async () => {
  let read = false;
  const big = { ...file('glue/big.bin', 'x'.repeat(100)), arrayBuffer: async () => ((read = true), new ArrayBuffer(100)) };
  await assert.rejects(trustloop.entriesFromFiles([big], { maxTotalBytes: 99 }), (e) => e.name === 'TrustloopError' && e.code === 'FILES_TOO_LARGE');
  assert.equal(read, false);
});

test('registryApiBase appends /registry-api/v1 once, like the CLI', () => {
  assert.equal(trustloop.registryApiBase('http://r.example/'), 'http://r.example/registry-api/v1');
  assert.equal(trustloop.registryApiBase(' http://r.example/registry-api/v1/ '), 'http://r.example/registry-api/v1');
  assert.equal(trustloop.registryApiBase('http://r.example/base'), 'http://r.example/base/registry-api/v1');
  assert.throws(() => trustloop.registryApiBase(' '), (e) => e.code === 'INVALID_ARGUMENT');
  assert.throws(() => trustloop.registryApiBase(undefined), (e) => e.code === 'INVALID_ARGUMENT');
});

test('fetchRegistryResponses refuses a blank base or a bad reference before any GET', async () => {
  let calls = 0;
  const fetch = async () => {
    calls += 1;
    throw new Error('no GET expected');
  };
  const message = 'baseUrl is required (the Registry base URL)';
  await assert.rejects(trustloop.fetchRegistryResponses(' ', 'p@1', { fetch }), (e) =>
    e.name === 'TrustloopError' && e.code === 'INVALID_ARGUMENT' && e.message === message &&
    JSON.stringify(e.findings) === JSON.stringify([{ code: 'INVALID_ARGUMENT', severity: 'error', message, location: {} }]));
  await assert.rejects(trustloop.fetchRegistryResponses('http://r', 'p@', { fetch }), (e) =>
    e.code === 'PACKAGE_REF_INVALID' && e.message === 'package reference must use package_id@package_version');
  await assert.rejects(trustloop.fetchRegistryResponses('http://r', undefined, { fetch }), (e) =>
    e.code === 'PACKAGE_REF_INVALID' && e.message === 'package reference is required');
  assert.equal(calls, 0);
});
