"""ANIP package trust loop: verify bundles and definitions, lock files, build-local.

Results are the same objects ``trustloop anip verify --json`` prints (keys in
snake_case, as upstream).
"""
from __future__ import annotations

import json as _json
from typing import Any, Dict, Mapping, Optional

from . import _native
from ._bytes import BytesLike, as_bytes, as_str

__all__ = ["verify_bundle", "verify_definition", "write_lock", "build_local", "exit_code"]


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
