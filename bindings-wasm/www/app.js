// The verification page: hands the chosen files to Web Workers (worker.js) that read
// them in the browser and run trustloop's WASM build; no network access
// beyond loading this page. Panels: every dropped file's verdict (its family detected
// from its content), a custom code bundle's tree digest, a remote ref check.
import { entriesFromFiles } from '../pkg/web/index.js';

import { digest, download, el, formatSize, pill, table } from './dom.js';
import { renderBody } from './render.js';
import { keyLines, loadStoredKeys, parseKeyLines, storeKeys } from './trust.js';
import { verdictOf } from './verdict.js';

// Reading a file is this host's job; refuse what the core would refuse anyway
// (its largest input budget, 512 MiB) before pulling it into memory.
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const KIND_NAMES = { anip: 'ANIP package bundle', anpkg: '.anpkg package', 'assets-pa': 'assets.pa archive' };

const $ = (id) => document.getElementById(id);
const state = { files: [], lock: null, materials: null, tree: null, run: 0 };

// ---- The workers -----------------------------------------------------------------
// The first worker answers every call; a check of several files spreads them over one
// worker per core (navigator.hardwareConcurrency, at most MAX_WORKERS), started the
// first time a batch needs them, each running its own instance of the WASM build.

const MAX_WORKERS = 8;

// The WASM build is compiled once, here, and handed to every worker: they share its
// code, so a worker started for a batch neither compiles it again nor waits for V8 to
// re-optimize what another worker has already made hot.
const WASM_URL = new URL('../pkg/web/trustloop_bg.wasm', import.meta.url);
const wasmModule = WebAssembly.compileStreaming(fetch(WASM_URL)).catch(() =>
  // A server that does not label .wasm as application/wasm: compile it whole.
  fetch(WASM_URL).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)),
);

function startWorker() {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  wasmModule.then((module) => worker.postMessage({ module }), (e) => worker.postMessage({ moduleError: String(e?.message ?? e) }));
  const pending = new Map();
  let nextId = 1;
  worker.addEventListener('message', ({ data }) => {
    const call = pending.get(data.id);
    if (!call) return;
    if ('progress' in data) return call.onProgress?.(data.progress);
    pending.delete(data.id);
    if ('error' in data) call.reject(Object.assign(new Error(data.error.message), data.error));
    else call.resolve(data.result);
  });
  worker.addEventListener('error', (e) => {
    $('engine').textContent = `The verifier could not be loaded: ${e.message ?? 'worker error'}`;
    document.body.dataset.ready = 'error';
  });
  /**
   * Runs `op` in this worker; `onProgress(stage)` hears its progress. `args.file`, a
   * File, is read by the worker.
   */
  return (op, args = {}, onProgress) => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ id, op, ...args });
    });
  };
}

const workers = [startWorker()];
const call = workers[0];

/** The workers for a batch of `count` files, started as needed. */
function workersFor(count) {
  const wanted = Math.max(1, Math.min(count, navigator.hardwareConcurrency || 1, MAX_WORKERS));
  while (workers.length < wanted) workers.push(startWorker());
  document.body.dataset.workers = String(wanted);
  return workers.slice(0, wanted);
}

/** `file` if it is small enough to check; a worker reads it (off the page's thread). */
function withinLimit(file) {
  if (file.size > MAX_FILE_BYTES) {
    throw Object.assign(new Error(`${file.name} is larger than ${formatSize(MAX_FILE_BYTES)}`), { code: 'FILE_TOO_LARGE' });
  }
  return file;
}

// ---- Options and trust -------------------------------------------------------------

/** The trusted keys as [[id, key]], or throws with the line that is wrong. */
function trustedKeys() {
  return parseKeyLines($('trusted-keys').value);
}

function showTrustError(message) {
  $('trust-error').textContent = message ?? '';
  $('trust-error').hidden = !message;
  $('trusted-keys').setAttribute('aria-invalid', message ? 'true' : 'false');
}

async function options() {
  const opts = {
    trustedKeys: trustedKeys(),
    legacy: $('legacy').checked,
    allFindings: $('all-findings').checked,
    expectedContractSignature: $('expected-signature').value,
    lock: null,
  };
  if (state.lock) opts.lock = { name: state.lock.name, bytes: new Uint8Array(await withinLimit(state.lock).arrayBuffer()) };
  return opts;
}

function rememberKeys() {
  storeKeys($('remember-keys').checked ? $('trusted-keys').value : null);
}

// ---- Checking files ----------------------------------------------------------------

function resultCard(file) {
  const badge = el('span', { className: 'badge', textContent: 'Checking…', dataset: { status: 'running' } });
  const progress = el('progress', { 'aria-label': `Checking ${file.name}` });
  const stage = el('span', { className: 'muted small stage', textContent: 'reading the file' });
  const card = el('article', { className: 'card result', dataset: { name: file.name }, 'aria-busy': 'true' }, [
    el('div', { className: 'verdict-line' }, [
      badge,
      el('div', { className: 'verdict-text' }, [
        el('h2', { className: 'file-name', textContent: file.name }),
        el('div', { className: 'muted kind', textContent: formatSize(file.size) }),
        el('div', { className: 'muted verdict-detail' }),
        el('div', { className: 'progress-line' }, [progress, stage]),
      ]),
    ]),
    el('div', { className: 'result-body' }),
  ]);
  return card;
}

function showResult(card, file, r) {
  const v = verdictOf(r);
  const badge = card.querySelector('.badge');
  badge.dataset.status = v.status;
  badge.textContent = v.label;
  card.dataset.kind = r.kind ?? 'unknown';
  card.querySelector('.kind').textContent = `${KIND_NAMES[r.kind] ?? 'unknown content'} · ${formatSize(file.size)}`;
  card.querySelector('.verdict-detail').textContent = v.detail;
  card.querySelector('.progress-line').remove();
  card.removeAttribute('aria-busy');
  const body = card.querySelector('.result-body');
  body.append(...renderBody(r, (asset) => extract(card, file, asset)));
  if (r.kind === 'anip') {
    state.materials = { name: file.name, file };
    renderComparison();
  }
}

async function extract(card, file, asset) {
  card.querySelector('.extract-error')?.remove();
  try {
    const bytes = await call('extractAsset', { file: withinLimit(file), assetId: asset.asset_id });
    download(`${asset.asset_id}-${asset.asset_name}.bin`, bytes, 'application/octet-stream');
  } catch (e) {
    card.querySelector('.result-body').prepend(
      el('div', { className: 'error extract-error', role: 'alert', textContent: `Asset ${asset.asset_id} could not be extracted: ${e.code ?? 'ERROR'}: ${e.message}` }),
    );
  }
}

/** Checks one file in `worker` (number `index`) and shows its card. */
async function checkOne(card, file, opts, worker, index) {
  const run = state.run;
  card.dataset.worker = String(index);
  try {
    const r = await worker('check', { name: file.name, file: withinLimit(file), options: opts }, (stage) => {
      const s = card.querySelector('.stage');
      if (s) s.textContent = stage;
    });
    if (run !== state.run) return;
    showResult(card, file, r);
  } catch (e) {
    if (run !== state.run) return;
    showResult(card, file, { name: file.name, kind: 'unreadable', error: e, documents: [] });
  }
}

/** Checks every chosen file with the current options, one card each. */
async function checkAll() {
  if (document.body.dataset.ready !== 'true' || state.files.length === 0) return;
  const run = ++state.run;
  let opts;
  try {
    opts = await options();
    showTrustError(null);
  } catch (e) {
    showTrustError(`Trusted keys: ${e.message}`);
    return;
  }
  const results = $('results');
  const cards = state.files.map((file) => resultCard(file));
  results.replaceChildren(...cards);
  results.dataset.done = 'false';
  // Each worker takes the next unchecked file until none is left; cards keep the
  // files' order whatever order they finish in. Two files are in flight per worker:
  // the browser reads the next one while the worker checks the current one.
  const files = state.files;
  let next = 0;
  const checkNext = async (worker, index) => {
    for (let i = next++; i < files.length && run === state.run; i = next++) {
      await checkOne(cards[i], files[i], opts, worker, index);
    }
  };
  const pool = workersFor(files.length);
  // Every worker's first file before any worker's second: a small batch still spreads.
  await Promise.all([...pool, ...pool].map((worker, lane) => checkNext(worker, lane % pool.length)));
  if (run !== state.run) return;
  results.dataset.done = 'true';
}

function setFiles(files) {
  state.files = Array.from(files ?? []);
  $('files-drop').classList.toggle('has-file', state.files.length > 0);
  $('files-name').textContent = state.files.length
    ? state.files.map((f) => `${f.name} · ${formatSize(f.size)}`).join(', ')
    : 'Drop one or more files here, or press to choose them';
  $('verify-button').disabled = document.body.dataset.ready !== 'true' || state.files.length === 0;
}

function setLock(file) {
  state.lock = file ?? null;
  $('lock-drop').classList.toggle('has-file', Boolean(file));
  if (file) $('lock-name').textContent = `${file.name} · ${formatSize(file.size)}`;
  else $('lock-name').innerHTML = 'A consumer <code>.anip.lock.json</code> the package must match';
}

function wireDrop(drop, onFiles) {
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    if (e.dataTransfer?.files?.length) onFiles(e.dataTransfer.files);
  });
}

$('files-input').addEventListener('change', () => {
  setFiles($('files-input').files);
  checkAll();
});
wireDrop($('files-drop'), (files) => {
  setFiles(files);
  checkAll();
});
$('lock-input').addEventListener('change', () => {
  setLock($('lock-input').files[0]);
  checkAll();
});
wireDrop($('lock-drop'), (files) => {
  setLock(files[0]);
  checkAll();
});
// Dropping a file anywhere else must not navigate away from the page.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

for (const id of ['legacy', 'all-findings', 'expected-signature']) $(id).addEventListener('change', checkAll);
$('trusted-keys').addEventListener('change', () => {
  if ($('remember-keys').checked) rememberKeys();
  checkAll();
});
$('remember-keys').addEventListener('change', rememberKeys);
$('trust-store-input').addEventListener('change', async () => {
  const file = $('trust-store-input').files[0];
  if (!file) return;
  try {
    const keys = await call('trustStore', { file: withinLimit(file) });
    const current = $('trusted-keys').value.trim();
    $('trusted-keys').value = current ? `${current}\n${keyLines(keys)}` : keyLines(keys);
    showTrustError(null);
    if ($('remember-keys').checked) rememberKeys();
    checkAll();
  } catch (e) {
    showTrustError(`${file.name}: ${e.message}`);
  }
  $('trust-store-input').value = '';
});

$('verify-form').addEventListener('submit', (e) => {
  e.preventDefault();
  checkAll();
});
$('clear-button').addEventListener('click', () => {
  $('files-input').value = '';
  $('lock-input').value = '';
  $('expected-signature').value = '';
  setFiles([]);
  setLock(null);
  state.run++;
  $('results').replaceChildren();
  state.materials = null;
  renderComparison();
});

// ---- Custom code bundle: raw tree digest of a picked or dropped folder ----------

async function loadTree(source, label) {
  if (document.body.dataset.ready !== 'true') return;
  const token = {};
  state.treeToken = token;
  $('tree-error').hidden = true;
  try {
    const entries = await entriesFromFiles(source);
    if (state.treeToken !== token) return;
    const root = entries.root || label || 'bundle';
    const result = await call('treeDigest', { entries: Array.from(entries), root });
    if (state.treeToken !== token) return;
    state.tree = { root, picked: entries.length, result };
    $('tree-name').textContent = `${root} · ${entries.length} file${entries.length === 1 ? '' : 's'}`;
    $('tree-drop').classList.add('has-file');
    renderTree();
  } catch (e) {
    if (state.treeToken !== token) return;
    state.tree = null;
    $('tree-result').hidden = true;
    $('tree-error-code').textContent = e?.code ?? 'INTERNAL_ERROR';
    $('tree-error-message').textContent = String(e?.message ?? e);
    $('tree-error').hidden = false;
  }
}

function renderTree() {
  const { root, picked, result } = state.tree;
  $('tree-summary').replaceChildren(
    el('dt', { textContent: 'Folder' }), el('dd', { textContent: root }),
    el('dt', { textContent: 'Raw tree digest' }), el('dd', { id: 'tree-digest-cell' }, digest(result.digest, 'raw tree digest')),
    el('dt', { textContent: 'Files hashed' }),
    el('dd', { id: 'tree-count', textContent: `${result.files.length} of ${picked} (the rest are not bundle source files or sit in ignored folders)` }),
  );
  $('tree-digest-cell').querySelector('code').id = 'tree-digest';
  $('tree-files-title').textContent = `Hashed files (${result.files.length})`;
  const rows = table(['Path', 'Bytes', 'sha256'], result.files.map((f) => ({ cells: [f.path, String(f.bytes), f.sha256] }))).tBodies[0].rows;
  $('tree-files-body').replaceChildren(...rows);
  $('tree-result').hidden = false;
  renderComparison();
}

let comparisons = 0;

/**
 * The raw digest against every tree digest the last checked ANIP package declares. The
 * declared materials are read when a digest first needs them, not with every check.
 */
async function renderComparison() {
  const render = ++comparisons;
  if (!state.tree) return;
  const note = $('materials-note');
  const tableEl = $('materials-table');
  const body = $('materials-body');
  body.replaceChildren();
  tableEl.hidden = true;
  const m = state.materials;
  if (!m) {
    note.textContent = 'Check an ANIP package above to compare this digest with the ones it declares.';
    return;
  }
  m.read ??= call('materials', { file: m.file }).then((list) => ({ list }), (error) => ({ error }));
  const { list, error } = await m.read;
  if (render !== comparisons) return; // a newer render has taken over meanwhile
  if (error) {
    note.textContent = `${m.name}: its implementation material could not be read (${error.code ?? 'ERROR'}: ${error.message}).`;
    return;
  }
  if (list.length === 0) {
    note.textContent = `${m.name} declares no implementation material.`;
    return;
  }
  const treeDigest = state.tree.result.digest.toLowerCase();
  let matched = 0;
  const rows = list.map((mat) => {
    const declared = mat.bundle_tree_sha256 ?? '';
    const status = !declared ? 'none' : declared.toLowerCase() === treeDigest ? 'pass' : 'fail';
    matched += status === 'pass' ? 1 : 0;
    const label = { pass: 'match', fail: 'differs', none: 'no digest' }[status];
    return {
      className: status === 'fail' ? 'fail' : '',
      cells: [
        el('span', {}, [el('div', { className: 'mono', textContent: mat.ref || '(no ref)' }), el('div', { className: 'muted small', textContent: mat.source ?? '' })]),
        declared || '—',
        pill(status, label),
      ],
    };
  });
  body.replaceChildren(...table(['Material', 'Declared tree digest', 'Status'], rows).tBodies[0].rows);
  note.textContent = matched
    ? `${m.name}: this folder matches ${matched} of ${list.length} declared material${list.length === 1 ? '' : 's'}.`
    : `${m.name}: this folder matches none of the ${list.length} declared material${list.length === 1 ? '' : 's'}.`;
  tableEl.hidden = false;
}

$('tree-input').addEventListener('change', () => {
  const files = $('tree-input').files;
  if (files && files.length > 0) loadTree(files);
});
$('tree-drop').addEventListener('dragover', (e) => {
  e.preventDefault();
  $('tree-drop').classList.add('dragging');
});
$('tree-drop').addEventListener('dragleave', () => $('tree-drop').classList.remove('dragging'));
$('tree-drop').addEventListener('drop', (e) => {
  e.preventDefault();
  $('tree-drop').classList.remove('dragging');
  // The DataTransfer is only readable during this event: entriesFromFiles takes
  // what it needs before its first await.
  if (e.dataTransfer) loadTree(e.dataTransfer);
});

// ---- Ref check ---------------------------------------------------------------

async function checkRef() {
  if (document.body.dataset.ready !== 'true') return;
  const verdict = $('ref-verdict');
  const result = $('ref-result');
  $('ref-error').hidden = true;
  result.hidden = true;
  try {
    const r = await call('refCheck', { text: $('ref-input').value });
    verdict.dataset.status = 'ok';
    verdict.textContent = 'Valid ref';
    result.replaceChildren(
      ...[['Kind', r.kind], ['Locator', r.locator], ['Pinned to', r.immutable], ['Digest', r.digest]]
        .filter(([, v]) => v)
        .flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v })]),
    );
    result.hidden = false;
  } catch (e) {
    verdict.dataset.status = 'error';
    verdict.textContent = 'Rejected';
    $('ref-error-code').textContent = e?.code ?? 'INTERNAL_ERROR';
    $('ref-error-message').textContent = String(e?.message ?? e);
    $('ref-error').hidden = false;
  }
  $('ref-output').hidden = false;
}

$('ref-form').addEventListener('submit', (e) => {
  e.preventDefault();
  checkRef();
});

// ---- Start ---------------------------------------------------------------------

const stored = loadStoredKeys();
if (stored !== null) {
  $('trusted-keys').value = stored;
  $('remember-keys').checked = true;
}
try {
  const version = await call('version');
  $('ref-button').disabled = false;
  $('engine').textContent = `trustloop ${version} · WebAssembly in a Web Worker · verification runs locally`;
  document.body.dataset.ready = 'true';
  setFiles(state.files.length ? state.files : $('files-input').files);
  checkAll();
} catch (e) {
  $('engine').textContent = `The verifier could not be loaded: ${e?.message ?? e}`;
  document.body.dataset.ready = 'error';
}
