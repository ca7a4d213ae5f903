// The verification page: reads the chosen files in the browser and hands their
// bytes to the trustloop WASM module. No network access beyond loading this page.
// Three panels: the package verdict, a custom code bundle's tree digest (compared
// with the digests the package declares), and a remote ref check.
import init, { bundleMaterials, entriesFromFiles, refCheck, treeDigest, verifyBundle, version } from '../pkg-web/index.js';

// Reading a file is this host's job; refuse what the core would refuse anyway
// (64 MiB JSON limit) before pulling it into memory.
const MAX_FILE_BYTES = 64 * 1024 * 1024;

const $ = (id) => document.getElementById(id);
const state = { bundle: null, lock: null, materials: null, tree: null };
let ready = false;

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const c of [].concat(children)) node.append(c);
  return node;
}

async function readFile(file) {
  if (file.size > MAX_FILE_BYTES) {
    throw Object.assign(new Error(`${file.name} is larger than 64 MiB`), { code: 'FILE_TOO_LARGE' });
  }
  return new Uint8Array(await file.arrayBuffer());
}

function setFile(kind, file) {
  state[kind] = file ?? null;
  const drop = $(`${kind}-drop`);
  drop.classList.toggle('has-file', Boolean(file));
  const defaults = {
    bundle: 'Drop a <code>.anip-package.json</code> here, or click to choose one',
    lock: 'A consumer <code>.anip.lock.json</code> the package must match',
  };
  const hint = $(`${kind}-name`);
  if (file) hint.textContent = `${file.name} · ${formatSize(file.size)}`;
  else hint.innerHTML = defaults[kind];
  $('verify-button').disabled = !ready || !state.bundle;
}

function formatSize(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

async function verify() {
  if (!ready || !state.bundle) return;
  const bundleFile = state.bundle;
  try {
    // The page shows how far the receipt key is trusted: ask for the extended report.
    const opts = { recordPath: bundleFile.name, extendedReport: true };
    const expected = $('expected-signature').value;
    if (expected !== '') opts.expectedContractSignature = expected;
    if (state.lock) opts.lock = await readFile(state.lock);
    state.materials = null;
    renderComparison();
    const bytes = await readFile(bundleFile);
    if (state.bundle === bundleFile) setMaterials(bundleFile, bytes);
    const result = verifyBundle(bytes, opts);
    if (state.bundle === bundleFile) showResult(result);
  } catch (e) {
    if (state.bundle === bundleFile) showError(e, bundleFile.name);
  }
}

/** The package's declared implementation materials, for the bundle panel. */
function setMaterials(file, bytes) {
  try {
    state.materials = { name: file.name, list: bundleMaterials(bytes) };
  } catch (e) {
    state.materials = { name: file.name, error: e };
  }
  renderComparison();
}

const VERDICT_TEXT = {
  ok: ['Verified', 'Every check passed.'],
  ok_legacy: ['Verified (legacy)', 'Every check passed under the legacy rules; upstream would reject this package.'],
  failed: ['Failed', 'At least one check failed.'],
};

// How far the receipt key is trusted (the core's `receipt_trust`).
const TRUST_TEXT = {
  'bundle-embedded-key': 'signed with the key shipped inside the bundle (not pinned)',
  'integrity-only': 'local sha256 receipt: proves integrity, not authenticity',
  'pinned-key': 'signed with a pinned key',
  untrusted: 'the signing key is not pinned',
  none: 'no receipt',
};

function showResult(r) {
  resetResult();
  const [label, detail] = VERDICT_TEXT[r.status] ?? [r.status, ''];
  setVerdict(r.status, label);
  $('package-name').textContent = r.package_id ? `${r.package_id}@${r.package_version ?? ''}` : 'Service definition';
  const failed = r.checks.filter((c) => c.status !== 'pass').length;
  $('verdict-detail').textContent = failed ? `${failed} of ${r.checks.length} checks failed.` : detail;

  const rows = [
    ['Receipt', pill(r.receipt_status ?? 'none')],
    ['Receipt authority', r.receipt_authority],
    ['Receipt key', [r.receipt_key_id, r.receipt_algorithm].filter(Boolean).join(' · ')],
    ['Key trust', TRUST_TEXT[r.receipt_trust] ?? r.receipt_trust],
    ['Contract signature', r.contract_signature],
    ['Definition digest', r.definition_digest],
    ['Manifest digest', r.manifest_digest],
    ['Lock digest', r.lock_digest],
    ['Execution signature', r.package_execution_signature],
    ['Source', r.source_kind],
  ];
  const summary = $('summary');
  for (const [k, v] of rows) {
    if (v === undefined || v === '') continue;
    summary.append(el('dt', { textContent: k }), el('dd', {}, v));
  }
  summary.hidden = false;

  const body = $('checks-body');
  for (const c of r.checks) {
    body.append(
      el('tr', { className: c.status }, [
        el('td', { textContent: c.name }),
        el('td', {}, pill(c.status)),
        el('td', { textContent: c.detail ?? '' }),
      ]),
    );
  }
  $('checks-count').textContent = `${r.checks.length - failed} of ${r.checks.length} passed`;
  $('checks-block').hidden = false;
  showJson(r);
}

function showError(e, fileName) {
  resetResult();
  setVerdict('error', 'Not verified');
  $('package-name').textContent = fileName;
  const trustloopError = e && e.name === 'TrustloopError';
  $('verdict-detail').textContent = trustloopError || e?.code
    ? 'The package could not be verified: it was rejected before the checks ran.'
    : 'The verifier stopped unexpectedly. Reload the page before trying again.';
  $('error-code').textContent = e?.code ?? 'INTERNAL_ERROR';
  $('error-message').textContent = String(e?.message ?? e);
  $('error').hidden = false;
  if (trustloopError) showJson({ code: e.code, message: e.message, findings: e.findings }, 'Error JSON · findings');
}

function pill(status) {
  return el('span', { className: `pill ${status}`, textContent: status });
}

function setVerdict(status, label) {
  const v = $('verdict');
  v.dataset.status = status;
  v.textContent = label;
  $('result').hidden = false;
}

function showJson(value, title = 'Result JSON · the document <code>trustloop anip verify --json</code> prints') {
  $('json-title').innerHTML = title;
  $('result-json').textContent = JSON.stringify(value, null, 2);
  $('json-block').hidden = false;
}

function resetResult() {
  for (const id of ['summary', 'checks-block', 'error', 'json-block']) $(id).hidden = true;
  $('summary').replaceChildren();
  $('checks-body').replaceChildren();
}

function wireDrop(kind) {
  const drop = $(`${kind}-drop`);
  const input = $(`${kind}-input`);
  input.addEventListener('change', () => {
    setFile(kind, input.files[0]);
    verify();
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    const file = e.dataTransfer?.files?.[0];
    if (file) {
      setFile(kind, file);
      verify();
    }
  });
}

wireDrop('bundle');
wireDrop('lock');
// Dropping a file anywhere else must not navigate away from the page.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

$('verify-form').addEventListener('submit', (e) => {
  e.preventDefault();
  verify();
});
$('clear-button').addEventListener('click', () => {
  $('verify-form').reset();
  setFile('bundle', null);
  setFile('lock', null);
  $('result').hidden = true;
  state.materials = null;
  renderComparison();
});

// ---- Custom code bundle: raw tree digest of a picked or dropped folder ----------

async function loadTree(source, label) {
  if (!ready) return;
  const token = {};
  state.treeToken = token;
  $('tree-error').hidden = true;
  try {
    const entries = await entriesFromFiles(source);
    if (state.treeToken !== token) return;
    const root = entries.root || label || 'bundle';
    const result = treeDigest(entries, { root });
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
  const summary = $('tree-summary');
  summary.replaceChildren(
    el('dt', { textContent: 'Folder' }), el('dd', { textContent: root }),
    el('dt', { textContent: 'Raw tree digest' }), el('dd', { id: 'tree-digest', textContent: result.digest }),
    el('dt', { textContent: 'Files hashed' }),
    el('dd', { id: 'tree-count', textContent: `${result.files.length} of ${picked} (the rest are not bundle source files or sit in ignored folders)` }),
  );
  $('tree-files-title').textContent = `Hashed files (${result.files.length})`;
  $('tree-files-body').replaceChildren(
    ...result.files.map((f) => el('tr', {}, [el('td', { textContent: f.path }), el('td', { textContent: String(f.bytes) }), el('td', { textContent: f.sha256 })])),
  );
  $('tree-result').hidden = false;
  renderComparison();
}

/** The raw digest against every tree digest the loaded package declares. */
function renderComparison() {
  if (!state.tree) return;
  const note = $('materials-note');
  const table = $('materials-table');
  const body = $('materials-body');
  body.replaceChildren();
  table.hidden = true;
  const m = state.materials;
  if (!m) {
    note.textContent = 'Load a package above to compare this digest with the ones it declares.';
    return;
  }
  if (m.error) {
    note.textContent = `${m.name}: its implementation material could not be read (${m.error.code ?? 'ERROR'}: ${m.error.message ?? m.error}).`;
    return;
  }
  if (m.list.length === 0) {
    note.textContent = `${m.name} declares no implementation material.`;
    return;
  }
  const digest = state.tree.result.digest.toLowerCase();
  let matched = 0;
  for (const mat of m.list) {
    const declared = mat.bundle_tree_sha256 ?? '';
    const status = !declared ? 'none' : declared.toLowerCase() === digest ? 'pass' : 'fail';
    matched += status === 'pass' ? 1 : 0;
    const label = { pass: 'match', fail: 'differs', none: 'no digest' }[status];
    body.append(
      el('tr', { className: status === 'fail' ? 'fail' : '' }, [
        el('td', {}, [el('div', { className: 'mono', textContent: mat.ref || '(no ref)' }), el('div', { className: 'muted small', textContent: mat.source ?? '' })]),
        el('td', { textContent: declared || '—' }),
        el('td', {}, el('span', { className: `pill ${status}`, textContent: label })),
      ]),
    );
  }
  note.textContent = matched
    ? `${m.name}: this folder matches ${matched} of ${m.list.length} declared material${m.list.length === 1 ? '' : 's'}.`
    : `${m.name}: this folder matches none of the ${m.list.length} declared material${m.list.length === 1 ? '' : 's'}.`;
  table.hidden = false;
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

function checkRef() {
  if (!ready) return;
  const text = $('ref-input').value;
  const verdict = $('ref-verdict');
  const result = $('ref-result');
  $('ref-error').hidden = true;
  result.hidden = true;
  try {
    const r = refCheck(text);
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

try {
  await init();
  ready = true;
  $('ref-button').disabled = false;
  $('engine').textContent = `trustloop ${version} · WebAssembly · verification runs locally`;
  document.body.dataset.ready = 'true';
  setFile('bundle', state.bundle);
  verify();
} catch (e) {
  $('engine').textContent = `The verifier could not be loaded: ${e?.message ?? e}`;
  document.body.dataset.ready = 'error';
}
