// The badge of one checked file: a status (its colour) and the words on it. For ANIP
// the words say how far the signer is trusted (the core's `receipt_trust`, which the
// page always asks for), not only whether the checks passed.

// receipt_trust → [badge status, badge text, explanation] for a bundle whose checks passed.
const ANIP_TRUST = {
  'pinned-key': ['ok', 'Verified · trusted key', 'Every check passed and the receipt is signed by a key you trust.'],
  'bundle-embedded-key': ['intact', 'Intact · signed by its own key', 'Every check passed, but the receipt is signed only by the key the bundle carries: anyone could have made it. Add a trusted key to know who signed it.'],
  'registry-served-key': ['intact', 'Intact · registry key', 'Every check passed; the key came from the registry that served the package.'],
  'integrity-only': ['integrity', 'Integrity only · local receipt', 'Every check passed; the receipt is a local sha256 receipt: it proves the content is intact, not who made it.'],
  none: ['integrity', 'Intact · no receipt', 'Every check passed; there is no receipt, so nobody vouches for the package.'],
};

/** {status, label, detail} of a worker result. */
export function verdictOf(r) {
  if (!r.kind) {
    return { status: 'error', label: 'Unknown file', detail: 'Not an ANIP package bundle (JSON), an .anpkg (zip) or an assets.pa archive.' };
  }
  if (r.error) {
    return { status: 'error', label: 'Not verified', detail: 'The file was rejected before the checks ran.' };
  }
  if (r.kind === 'anip') return anipVerdict(r.result);
  if (r.kind === 'anpkg') {
    const n = r.result.findings.length;
    return r.result.valid
      ? { status: 'ok', label: 'Valid package', detail: r.result.message }
      : { status: 'failed', label: 'Invalid package', detail: `${n} finding${n === 1 ? '' : 's'}: ${r.result.message}` };
  }
  const v = r.result;
  if (!v.ok) return { status: 'failed', label: 'Invalid archive', detail: `${v.errors} error${v.errors === 1 ? '' : 's'}, ${v.warnings} warning${v.warnings === 1 ? '' : 's'}.` };
  return v.warnings
    ? { status: 'intact', label: `Valid archive · ${v.warnings} warning${v.warnings === 1 ? '' : 's'}`, detail: 'Every reader check passed; see the warnings below.' }
    : { status: 'ok', label: 'Valid archive', detail: 'Every reader check passed.' };
}

function anipVerdict(r) {
  const failed = r.checks.filter((c) => c.status !== 'pass');
  if (r.status === 'failed') {
    const onlyTrust = failed.length === 1 && failed[0].name === 'bundle_registry_key_trusted';
    return onlyTrust
      ? { status: 'failed', label: 'Failed · signer not trusted', detail: 'The bundle is intact, but no key you trust signed it.' }
      : { status: 'failed', label: 'Failed', detail: `${failed.length} of ${r.checks.length} checks failed.` };
  }
  const [status, label, detail] = ANIP_TRUST[r.receipt_trust] ?? ['intact', 'Intact', 'Every check passed.'];
  if (r.status === 'ok_legacy') {
    return { status: 'legacy', label: `${label} · legacy rules`, detail: `${detail} It passed only under the legacy rules; upstream would reject it.` };
  }
  return { status, label, detail };
}
