// The body of one file's result card, per family: ANIP (receipt, trust, checks),
// .anpkg (findings, files with checksums), assets.pa (prelude, asset table, preload,
// warnings, per-asset extract), then the JSON documents the CLI would print.
import { digest, download, el, pill, summary, table } from './dom.js';

// How far the receipt key is trusted (the core's `receipt_trust`), in words.
const TRUST_TEXT = {
  'bundle-embedded-key': 'signed with the key shipped inside the bundle (not pinned)',
  'registry-served-key': 'signed with the key the registry served (not pinned)',
  'integrity-only': 'local sha256 receipt: proves integrity, not authenticity',
  'pinned-key': 'signed with a key you trust (pinned)',
  untrusted: 'not signed by any key you trust',
  none: 'no receipt',
};

const locationText = (l = {}) => [l.file, l.path].filter(Boolean).join(' at ') || '—';

function errorBox(e) {
  return el('div', { className: 'error', role: 'alert' }, [
    el('div', { className: 'error-code', textContent: e.code ?? 'INTERNAL_ERROR' }),
    el('div', { className: 'error-message', textContent: e.message }),
  ]);
}

function findingsTable(findings) {
  return table(
    ['Code', 'Severity', 'Location', 'Message'],
    findings.map((f) => ({
      className: f.severity === 'error' ? 'fail' : '',
      cells: [el('code', { textContent: f.code }), pill(f.severity === 'error' ? 'fail' : f.severity, f.severity), locationText(f.location), f.message],
    })),
    'findings',
  );
}

function anipBody(r) {
  const res = r.result;
  const failed = res.checks.filter((c) => c.status !== 'pass').length;
  return [
    summary([
      ['Package', res.package_id ? `${res.package_id}@${res.package_version ?? ''}` : ''],
      ['Receipt', pill(res.receipt_status ?? 'none')],
      ['Receipt authority', res.receipt_authority],
      ['Receipt key', [res.receipt_key_id, res.receipt_algorithm].filter(Boolean).join(' · ')],
      ['Key trust', TRUST_TEXT[res.receipt_trust] ?? res.receipt_trust],
      ['Contract signature', res.contract_signature && digest(res.contract_signature, 'contract signature')],
      ['Definition digest', res.definition_digest && digest(res.definition_digest, 'definition digest')],
      ['Manifest digest', res.manifest_digest && digest(res.manifest_digest, 'manifest digest')],
      ['Lock digest', res.lock_digest && digest(res.lock_digest, 'lock digest')],
      ['Execution signature', res.package_execution_signature && digest(res.package_execution_signature, 'execution signature')],
      ['Source', res.source_kind],
    ]),
    el('h3', {}, ['Checks ', el('span', { className: 'muted', textContent: `${res.checks.length - failed} of ${res.checks.length} passed` })]),
    table(
      ['Check', 'Status', 'Detail'],
      res.checks.map((c) => ({ className: c.status, cells: [el('code', { textContent: c.name }), pill(c.status), c.detail ?? ''] })),
      'anip-checks',
    ),
  ];
}

function anpkgBody(r) {
  const res = r.result;
  const out = [
    summary([
      ['Path', res.path],
      ['Code', res.code ?? ''],
      ['Runtime config', res.replay.config ?? ''],
      ['Replay', `${res.replay.status} (a browser cannot run the runtime)`],
    ]),
  ];
  if (res.findings.length) out.push(el('h3', { textContent: `Findings (${res.findings.length})` }), findingsTable(res.findings));
  if (r.files) {
    out.push(
      el('h3', { textContent: `Files (${r.files.length})` }),
      table(
        ['Path', 'Bytes', 'sha256', 'meta/checksums.sha256'],
        r.files.map((f) => ({
          cells: [
            el('code', { textContent: f.path }),
            String(f.size),
            digest(f.sha256, `sha256 of ${f.path}`),
            f.declared === null ? pill('none', 'not listed') : f.declared === f.sha256 ? pill('pass', 'matches') : pill('fail', 'differs'),
          ],
        })),
        'anpkg-files',
      ),
    );
  } else if (r.filesError) {
    out.push(el('p', { className: 'muted', textContent: `The file list could not be read: ${r.filesError}` }));
  }
  return out;
}

function assetsPaBody(r, onExtract) {
  const out = [];
  const info = r.info;
  if (info) {
    const p = info.prelude;
    out.push(
      summary([
        ['Prelude', `magic ${p.magic} · schema_version ${p.schema_version} · header_len ${p.header_len} · payload_offset ${p.payload_offset} · flags ${p.flags} · reserved ${p.reserved}`],
        ['File', `${info.file_len} bytes, payload ${info.payload_len} bytes`],
      ]),
      el('h3', { textContent: `Assets (${info.asset_table.length})` }),
      table(
        ['Id', 'Name', 'Bank', 'Codec', 'Offset', 'Size', 'Decoded', 'Metadata', 'Extract'],
        info.asset_table.map((a) => {
          const button = el('button', { type: 'button', className: 'secondary small-button', textContent: 'Download', 'aria-label': `Download asset ${a.asset_id} (${a.asset_name})` });
          button.addEventListener('click', () => onExtract(a));
          return {
            cells: [String(a.asset_id), a.asset_name, a.bank_type, a.codec, String(a.offset), String(a.size), String(a.decoded_size),
              el('code', { textContent: JSON.stringify(a.metadata ?? {}) }), button],
          };
        }),
        'assets',
      ),
      el('h3', { textContent: `Preload (${info.preload.length})` }),
      info.preload.length
        ? table(['Asset id', 'Slot'], info.preload.map((x) => ({ cells: [String(x.asset_id), String(x.slot)] })), 'preload')
        : el('p', { className: 'muted', textContent: 'Nothing is preloaded.' }),
      el('h3', { textContent: `Warnings (${info.warnings.length})` }),
      info.warnings.length ? findingsTable(info.warnings) : el('p', { className: 'muted', textContent: 'No warnings.' }),
    );
  }
  if (!r.result.ok) out.push(el('h3', { textContent: `Findings (${r.result.findings.length})` }), findingsTable(r.result.findings));
  return out;
}

function documentsBlock(r) {
  return r.documents.map((doc) => {
    const button = el('button', { type: 'button', className: 'secondary', textContent: `Download ${doc.label}`, dataset: { document: doc.label } });
    button.addEventListener('click', () => {
      const stem = doc.label.toLowerCase().replace(/ json$/, '').replaceAll(' ', '-');
      download(`${r.name}.${stem}.json`, doc.text, 'application/json');
    });
    return el('div', { className: 'document' }, [
      button,
      el('details', {}, [
        el('summary', {}, [`${doc.label} · what `, el('code', { textContent: doc.command }), ' prints']),
        el('pre', { textContent: doc.text, tabIndex: 0, 'aria-label': doc.label }),
      ]),
    ]);
  });
}

/** The card body's nodes for a worker result. `onExtract(asset)` downloads one asset. */
export function renderBody(r, onExtract) {
  if (!r.kind) return [];
  if (r.error) return [errorBox(r.error), ...documentsBlock(r)];
  const body = r.kind === 'anip' ? anipBody(r) : r.kind === 'anpkg' ? anpkgBody(r) : assetsPaBody(r, onExtract);
  return [...body, ...documentsBlock(r)];
}
