"""ANIP package trust loop: verify bundles and definitions, lock files, build-local.

Results are the same objects ``trustloop anip verify --json`` prints (keys in
snake_case, as upstream).
"""
from __future__ import annotations

import json as _json
import base64 as _base64
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from . import _native
from ._bytes import BytesLike, as_bytes, as_str

__all__ = [
    "verify_bundle",
    "verify_definition",
    "write_lock",
    "build_local",
    "exit_code",
    "ref_check",
    "tree_digest",
    "tree_combine",
    "bundle_report",
    "bundle_materials",
    "attach_request",
    "lint",
]

Entries = Union[Mapping[str, BytesLike], Sequence[Mapping[str, Any]]]


def _verify_options(
    expected_contract_signature: Optional[str],
    trusted_keys: Optional[Mapping[str, str]],
    legacy: bool,
    record_path: Optional[str],
) -> str:
    options: Dict[str, Any] = {}
    if expected_contract_signature is not None:
        options["expected_contract_signature"] = as_str(expected_contract_signature, "expected_contract_signature")
    if trusted_keys is not None:
        if not isinstance(trusted_keys, Mapping):
            raise TypeError("trusted_keys must be a mapping of key id to base64 public key")
        options["trusted_keys"] = {as_str(k, "trusted_keys key"): as_str(v, "trusted_keys value") for k, v in trusted_keys.items()}
    if not isinstance(legacy, bool):
        raise TypeError("legacy must be bool")
    if legacy:
        options["legacy"] = True
    if record_path is not None:
        options["record_path"] = as_str(record_path, "record_path")
    return _json.dumps(options)


def _optional_bytes(value: Optional[BytesLike], name: str) -> Optional[bytes]:
    return None if value is None else as_bytes(value, name)


def verify_bundle(
    data: BytesLike,
    *,
    lock: Optional[BytesLike] = None,
    expected_contract_signature: Optional[str] = None,
    trusted_keys: Optional[Mapping[str, str]] = None,
    legacy: bool = False,
    record_path: Optional[str] = None,
) -> Dict[str, Any]:
    """Verifies a ``.anip-package.json`` bundle (``anip verify --package-bundle``).

    Returns the result object (``status`` is ``"ok"`` or ``"failed"``; see
    :func:`exit_code`). Raises :class:`trustloop.TrustloopError` where upstream exits 1.
    """
    text = _native.verify_bundle(
        as_bytes(data, "data"),
        _optional_bytes(lock, "lock"),
        _verify_options(expected_contract_signature, trusted_keys, legacy, record_path),
    )
    return _json.loads(text)


def verify_definition(
    data: BytesLike,
    *,
    lock: Optional[BytesLike] = None,
    expected_contract_signature: Optional[str] = None,
    trusted_keys: Optional[Mapping[str, str]] = None,
    legacy: bool = False,
    record_path: Optional[str] = None,
) -> Dict[str, Any]:
    """Verifies a plain service-definition file (``anip verify --definition``)."""
    text = _native.verify_definition(
        as_bytes(data, "data"),
        _optional_bytes(lock, "lock"),
        _verify_options(expected_contract_signature, trusted_keys, legacy, record_path),
    )
    return _json.loads(text)


def exit_code(result: Mapping[str, Any]) -> int:
    """The upstream CLI exit code for a verify result: 2 when ``failed``, else 0
    (``ok``, or ``ok_legacy`` under the ``legacy`` option)."""
    return 2 if result.get("status") == "failed" else 0


def write_lock(bundle: BytesLike) -> bytes:
    """The consumer lock file (``anip-package-lock/v1``) for a bundle, as bytes."""
    return _native.write_lock(as_bytes(bundle, "bundle"))


def build_local(
    definition: BytesLike,
    *,
    package_id: str,
    package_version: str,
    generated_at: Optional[str] = None,
    signing_key: Optional[str] = None,
    signing_key_id: Optional[str] = None,
) -> Dict[str, bytes]:
    """``anip package build-local`` in memory: file name → file bytes."""
    options: Dict[str, str] = {
        "package_id": as_str(package_id, "package_id"),
        "package_version": as_str(package_version, "package_version"),
    }
    for name, value in (("generated_at", generated_at), ("signing_key", signing_key), ("signing_key_id", signing_key_id)):
        if value is not None:
            options[name] = as_str(value, name)
    files = _native.build_local(as_bytes(definition, "definition"), _json.dumps(options))
    return {name: content for name, content in files}


def ref_check(reference: str) -> Dict[str, str]:
    """Validates a remote custom-code-bundle ref (spec §13): ``{kind, locator,
    immutable, digest}``, or :class:`trustloop.TrustloopError` with upstream's message."""
    return _json.loads(_native.ref_check(as_str(reference, "reference")))


def _entries_json(entries: Entries) -> str:
    """A bundle tree as the core's entry list: ``{path: bytes}`` becomes
    ``[{path, base64}]``; a list of entry objects (``{path, text|base64|symlink|special}``)
    passes through."""
    if isinstance(entries, Mapping):
        out: List[Dict[str, Any]] = []
        for path, content in entries.items():
            out.append({"path": as_str(path, "entry path"), "base64": _base64.b64encode(as_bytes(content, "entry content")).decode("ascii")})
        return _json.dumps(out)
    if isinstance(entries, (str, bytes)) or not isinstance(entries, Sequence):
        raise TypeError("entries must be a mapping of path to bytes or a list of entry objects")
    items: List[Dict[str, Any]] = []
    for e in entries:
        if not isinstance(e, Mapping):
            raise TypeError("each entry must be a mapping with a path")
        item = dict(e)
        if "bytes" in item:
            item["base64"] = _base64.b64encode(as_bytes(item.pop("bytes"), "entry bytes")).decode("ascii")
        items.append(item)
    return _json.dumps(items)


def tree_digest(entries: Entries, **options: Any) -> Dict[str, Any]:
    """Custom-code-bundle tree digest (ANIP-TREE): ``{digest, files}``. Options are the
    core's snake_case names (``root``, ``applied``, ``target``, ``vars``,
    ``system_name``, ``package_id``, ``root_name``, ``max_entries``, ``max_file_bytes``)."""
    return _json.loads(_native.tree_digest(_entries_json(entries), _json.dumps(options)))


def tree_combine(data: BytesLike, pointer: str = "") -> str:
    """Tree digest of a per-file list ``[{path, sha256}]`` at JSON ``pointer`` in ``data``."""
    return _native.tree_combine(as_bytes(data, "data"), as_str(pointer, "pointer"))


def bundle_report(bundle: BytesLike, entries: Entries, **options: Any) -> Dict[str, Any]:
    """``generate``'s custom-code-bundle report for a package bundle and a local bundle
    tree: ``{report, template_values, custom_code_bundle_refs?, custom_code_bundle_warnings?}``.
    Options: ``target``, ``bundle_path``, ``root_name``, ``verify_digest``,
    ``custom_code_bundle_ref``, ``fetch``, ``vars``, ``existing_files``."""
    return _json.loads(_native.bundle_report(as_bytes(bundle, "bundle"), _entries_json(entries), _json.dumps(options)))


def bundle_materials(bundle: BytesLike) -> List[Dict[str, Any]]:
    """The implementation materials a package bundle declares (ANIP-MAT)."""
    return _json.loads(_native.bundle_materials(as_bytes(bundle, "bundle")))


def attach_request(bundle: BytesLike, entries: Optional[Entries] = None, **options: Any) -> Dict[str, Any]:
    """``package attach-implementation``: the publish request for ``bundle`` with an
    implementation material attached (options ``package_version``,
    ``implementation_material_ref``, ``custom_code_bundle_ref``, ``title``, ``bundle_root``)."""
    ej = None if entries is None else _entries_json(entries)
    return _json.loads(_native.attach_request(as_bytes(bundle, "bundle"), ej, _json.dumps(options)))


def lint(bundle: BytesLike) -> Dict[str, Any]:
    """Publication lint of a bundle's package metadata: ``{status, findings}``."""
    return _json.loads(_native.lint(as_bytes(bundle, "bundle")))
