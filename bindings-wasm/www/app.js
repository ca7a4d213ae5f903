// The verification page: reads the chosen files in the browser and hands their
// bytes to the trustloop WASM module. No network access beyond loading this page.
import init, { verifyBundle, version } from '../pkg-web/trustloop.js';

// Reading a file is this host's job; refuse what the core would refuse anyway
// (64 MiB JSON limit) before pulling it into memory.
const MAX_FILE_BYTES = 64 * 1024 * 1024;

const $ = (id) => document.getElementById(id);
const state = { bundle: null, lock: null };
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
    const opts = { recordPath: bundleFile.name };
    const expected = $('expected-signature').value;
    if (expected !== '') opts.expectedContractSignature = expected;
    if (state.lock) opts.lock = await readFile(state.lock);
    const result = verifyBundle(await readFile(bundleFile), opts);
    if (state.bundle === bundleFile) showResult(result);
  } catch (e) {
    if (state.bundle === bundleFile) showError(e, bundleFile.name);
  }
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
});

try {
  await init();
  ready = true;
  $('engine').textContent = `trustloop ${version()} · WebAssembly · verification runs locally`;
  document.body.dataset.ready = 'true';
  setFile('bundle', state.bundle);
  verify();
} catch (e) {
  $('engine').textContent = `The verifier could not be loaded: ${e?.message ?? e}`;
  document.body.dataset.ready = 'error';
}
