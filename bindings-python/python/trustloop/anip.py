"""ANIP package trust loop: verify bundles, definitions and registry packages, lock
files, build-local, implementation material.

Results are the same objects ``trustloop anip verify --json`` prints (keys in
snake_case, as upstream).
"""
from __future__ import annotations

import base64 as _base64
import http as _http
import http.client as _httpclient
import urllib.error as _urlerr
import urllib.request as _urlreq
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _derive, _native
from ._bytes import BytesLike, as_bytes, as_bytes_list, as_str
from ._errors import TrustloopError
from .results import LintResult, RefCheck, VerifyResult

__all__ = [
    "verify_bundle",
    "verify_definition",
    "write_lock",
    "build_local",
    "exit_code",
    "ref_check",
    "trust_store",
    "tree_digest",
    "tree_combine",
    "tree_digest_many",
    "verify_many",
    "bundle_report",
    "bundle_materials",
    "attach_implementation",
    "lint",
    "verify_registry",
    "verify_registry_responses",
    "write_lock_registry",
    "write_lock_registry_responses",
]

Entries = Union[Mapping[str, BytesLike], Sequence[Mapping[str, Any]]]


def _verify_options(
    expected_contract_signature: Optional[str],
    trusted_keys: Optional[Mapping[str, str]],
    legacy: bool,
    record_path: Optional[str],
    extended_report: bool,
) -> Dict[str, Any]:
    return _verify_dict(expected_contract_signature, trusted_keys, legacy, record_path, extended_report)


def _verify_dict(
    expected_contract_signature: Optional[str],
    trusted_keys: Optional[Mapping[str, str]],
    legacy: bool,
    record_path: Optional[str],
    extended_report: bool,
) -> Dict[str, Any]:
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
    if not isinstance(extended_report, bool):
        raise TypeError("extended_report must be bool")
    if extended_report:
        options["extended_report"] = True
    return options


def _optional_bytes(value: Optional[BytesLike], name: str) -> Optional[bytes]:
    return None if value is None else as_bytes(value, name)


def _verify(op: str, data: BytesLike, lock: Optional[BytesLike], options: Dict[str, Any]) -> VerifyResult:
    """One native verify call: bytes in, the result object out."""
    return _native.call(op, as_bytes(data, "data"), _optional_bytes(lock, "lock"), options)


def verify_bundle(
    data: BytesLike,
    *,
    lock: Optional[BytesLike] = None,
    expected_contract_signature: Optional[str] = None,
    trusted_keys: Optional[Mapping[str, str]] = None,
    legacy: bool = False,
    record_path: Optional[str] = None,
    extended_report: bool = False,
) -> VerifyResult:
    """Verifies a ``.anip-package.json`` bundle (``anip verify --package-bundle``).

    Returns the result object (``status`` is ``"ok"`` or ``"failed"``; see
    :func:`exit_code`): upstream's document, plus trustloop's ``receipt_trust`` when
    ``extended_report``, ``trusted_keys`` or ``legacy`` is given (CLI ``--extended-report``).
    Raises :class:`trustloop.TrustloopError` where upstream exits 1.
    """
    options = _verify_options(expected_contract_signature, trusted_keys, legacy, record_path, extended_report)
    return _verify("verify_bundle", data, lock, options)


def verify_definition(
    data: BytesLike,
    *,
    lock: Optional[BytesLike] = None,
    expected_contract_signature: Optional[str] = None,
    trusted_keys: Optional[Mapping[str, str]] = None,
    legacy: bool = False,
    record_path: Optional[str] = None,
    extended_report: bool = False,
) -> VerifyResult:
    """Verifies a plain service-definition file (``anip verify --definition``)."""
    options = _verify_options(expected_contract_signature, trusted_keys, legacy, record_path, extended_report)
    return _verify("verify_definition", data, lock, options)


def exit_code(result: Mapping[str, Any]) -> int:
    """The upstream CLI exit code for a verify result: 2 when ``failed``, else 0
    (``ok``, or ``ok_legacy`` under the ``legacy`` option)."""
    return _native.call("exit_code", dict(result))


def write_lock(bundle: BytesLike) -> bytes:
    """The consumer lock file (``anip-package-lock/v1``) for a bundle, as bytes."""
    return _native.call("write_lock", as_bytes(bundle, "bundle"))


def build_local(
    definition: BytesLike,
    *,
    package_id: str,
    package_version: str,
    generated_at: Optional[str] = None,
    name: Optional[str] = None,
    project_ref: Optional[str] = None,
    product_revision_ref: Optional[str] = None,
    developer_revision_ref: Optional[str] = None,
    source_doc_url: Optional[str] = None,
    showcase_url: Optional[str] = None,
    port: Optional[int] = None,
    write_definition: bool = False,
    definition_path: Optional[str] = None,
    signing_key: Optional[str] = None,
    signing_key_id: Optional[str] = None,
) -> Dict[str, bytes]:
    """``anip package build-local`` in memory: file name → file bytes, as upstream
    writes them for the same flags (``name`` is ``--name``, ``port`` is ``--port``, …).
    ``definition_path`` only names the definition in decode errors; ``signing_key``
    and ``signing_key_id`` are trustloop's extension."""
    options: Dict[str, Any] = {
        "package_id": as_str(package_id, "package_id"),
        "package_version": as_str(package_version, "package_version"),
    }
    texts = (
        ("generated_at", generated_at),
        ("name", name),
        ("project_ref", project_ref),
        ("product_revision_ref", product_revision_ref),
        ("developer_revision_ref", developer_revision_ref),
        ("source_doc_url", source_doc_url),
        ("showcase_url", showcase_url),
        ("definition_path", definition_path),
        ("signing_key", signing_key),
        ("signing_key_id", signing_key_id),
    )
    for option, value in texts:
        if value is not None:
            options[option] = as_str(value, option)
    if port is not None:
        if isinstance(port, bool) or not isinstance(port, int):
            raise TypeError("port must be an int")
        options["port"] = port
    if not isinstance(write_definition, bool):
        raise TypeError("write_definition must be a bool")
    options["write_definition"] = write_definition
    files = _native.call("build_local", as_bytes(definition, "definition"), options)
    return {file_name: content for file_name, content in files}


def ref_check(reference: str) -> RefCheck:
    """Validates a remote custom-code-bundle ref (spec §13): ``{kind, locator,
    immutable, digest}``, or :class:`trustloop.TrustloopError` with upstream's message."""
    return _native.call("ref_check", as_str(reference, "reference"))


def _entries(entries: Entries) -> List[Dict[str, Any]]:
    """A bundle tree as the core's entry list: ``{path: bytes}`` becomes
    ``[{path, base64}]``; a list of entry objects (``{path, text|base64|symlink|special}``)
    passes through."""
    if isinstance(entries, Mapping):
        out: List[Dict[str, Any]] = []
        for path, content in entries.items():
            out.append({"path": as_str(path, "entry path"), "base64": _base64.b64encode(as_bytes(content, "entry content")).decode("ascii")})
        return out
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
    return items


def tree_digest(entries: Entries, **options: Any) -> Dict[str, Any]:
    """Custom-code-bundle tree digest (ANIP-TREE): ``{digest, files}``. Options are the
    core's snake_case names (``root``, ``applied``, ``target``, ``vars``,
    ``system_name``, ``package_id``, ``root_name``, ``max_entries``, ``max_file_bytes``)."""
    return _native.call("tree_digest", _entries(entries), options)


def verify_many(
    bundles: Sequence[BytesLike],
    *,
    expected_contract_signature: Optional[str] = None,
    trusted_keys: Optional[Mapping[str, str]] = None,
    legacy: bool = False,
    record_path: Optional[str] = None,
    extended_report: bool = False,
) -> List[Dict[str, Any]]:
    """``verify_bundle`` of every bundle with the same options, spread over every core
    with the GIL released: ``[{"result": VerifyResult} | {"error": {code, message,
    findings}}]`` in input order (one bad bundle is its own entry). Bounded by the
    ``batch_items``/``batch_bytes`` limits (``BATCH_TOO_LARGE``)."""
    options = _verify_options(expected_contract_signature, trusted_keys, legacy, record_path, extended_report)
    return _native.call("verify_many", as_bytes_list(bundles, "bundles"), options)  # type: ignore[no-any-return]


def tree_digest_many(trees: Sequence[Entries], **options: Any) -> List[Dict[str, Any]]:
    """``tree_digest`` of every tree (each as ``tree_digest`` takes it) with the same
    options, on every core: ``[{"result": {digest, files}} | {"error": {code, message,
    findings}}]`` in input order."""
    return _native.call("tree_digest_many", [_entries(t) for t in trees], options)  # type: ignore[no-any-return]


def tree_combine(data: BytesLike, pointer: str = "") -> str:
    """Tree digest of a per-file list ``[{path, sha256}]`` at JSON ``pointer`` in ``data``."""
    return _native.call("tree_combine", as_bytes(data, "data"), as_str(pointer, "pointer"))


def bundle_report(bundle: BytesLike, entries: Entries, **options: Any) -> Dict[str, Any]:
    """``generate``'s custom-code-bundle report for a package bundle and a local bundle
    tree: ``{report, template_values, custom_code_bundle_refs?, custom_code_bundle_warnings?}``.
    Options: ``target``, ``bundle_path``, ``root_name``, ``verify_digest``,
    ``custom_code_bundle_ref``, ``fetch``, ``vars``, ``existing_files``."""
    return _native.call("bundle_report", as_bytes(bundle, "bundle"), _entries(entries), options)


def bundle_materials(bundle: BytesLike) -> List[Dict[str, Any]]:
    """The implementation materials a package bundle declares (ANIP-MAT)."""
    return _native.call("bundle_materials", as_bytes(bundle, "bundle"))


def attach_implementation(bundle: BytesLike, entries: Optional[Entries] = None, **options: Any) -> Dict[str, Any]:
    """``package attach-implementation``: the publish request for ``bundle`` with an
    implementation material attached (options ``package_version``,
    ``implementation_material_ref``, ``custom_code_bundle_ref``, ``title``, ``bundle_root``)."""
    listed = None if entries is None else _entries(entries)
    return _native.call("attach_implementation", as_bytes(bundle, "bundle"), listed, options)


def trust_store(data: BytesLike) -> Dict[str, str]:
    """The pinned keys of a trust-store document (``--trust-store``: a ``keys``,
    ``items`` or ``registry_keys`` array of ``{key_id, algorithm, public_key}``), as the
    ``trusted_keys`` mapping the verify functions take. Raises
    :class:`trustloop.TrustloopError` (``ANIP_TRUST_STORE_INVALID``,
    ``ANIP_TRUST_STORE_EMPTY``, a JSON code)."""
    return _native.call("trust_store", as_bytes(data, "data"))


def lint(bundle: BytesLike) -> LintResult:
    """Publication lint of a bundle's package metadata: ``{status, findings}``."""
    return _native.call("lint", as_bytes(bundle, "bundle"))


# --- Registry sources (ANIP-SIG-12): fetched here with urllib, decided by the core. ---

#: Largest registry response body accepted (as the CLI; defined in the native layer).
MAX_REGISTRY_BODY_BYTES: int = _native.REGISTRY_MAX_BODY_BYTES
#: Default timeout of each registry request, in seconds (as the CLI).
REGISTRY_TIMEOUT_SECONDS: float = float(_native.REGISTRY_TIMEOUT_SECONDS)


def _policy_dict(
    require_registry_mode: Optional[str], trusted_registry_key_id: Optional[str], allow_yanked_package: bool
) -> Dict[str, Any]:
    policy: Dict[str, Any] = {}
    if require_registry_mode is not None:
        policy["require_registry_mode"] = as_str(require_registry_mode, "require_registry_mode")
    if trusted_registry_key_id is not None:
        policy["trusted_registry_key_id"] = as_str(trusted_registry_key_id, "trusted_registry_key_id")
    if not isinstance(allow_yanked_package, bool):
        raise TypeError("allow_yanked_package must be bool")
    if allow_yanked_package:
        policy["allow_yanked_package"] = True
    return policy


def _opener() -> _urlreq.OpenerDirector:
    """HTTP(S) only: no ``file:``, ``ftp:`` or ``data:`` URLs, not even through a redirect."""
    opener = _urlreq.OpenerDirector()
    for handler in (
        _urlreq.ProxyHandler(),
        _urlreq.HTTPHandler(),
        _urlreq.HTTPSHandler(),
        _urlreq.HTTPDefaultErrorHandler(),
        _urlreq.HTTPRedirectHandler(),
        _urlreq.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _fetch_error(url: str, detail: object) -> TrustloopError:
    return TrustloopError("REGISTRY_FETCH_FAILED", f"registry request failed: GET {url}: {detail}")


def _get(opener: _urlreq.OpenerDirector, url: str, timeout: float) -> bytes:
    """One GET: the body (at most :data:`MAX_REGISTRY_BODY_BYTES`), or ``REGISTRY_FETCH_FAILED``
    with the CLI's message."""
    if not url.lower().startswith(("http://", "https://")):
        raise _fetch_error(url, "unsupported URL scheme (http or https only)")
    request = _urlreq.Request(url, headers={"Accept": "application/json"})
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read(MAX_REGISTRY_BODY_BYTES + 1)
    except _urlerr.HTTPError as e:
        try:
            reason = _http.HTTPStatus(e.code).phrase
        except ValueError:
            reason = e.reason
        e.close()
        raise _fetch_error(url, f"{e.code} {reason}") from None
    except _urlerr.URLError as e:
        raise _fetch_error(url, e.reason) from None
    except (OSError, ValueError, _httpclient.HTTPException) as e:
        raise _fetch_error(url, e) from None
    if len(body) > MAX_REGISTRY_BODY_BYTES:
        raise _fetch_error(url, f"body larger than {MAX_REGISTRY_BODY_BYTES} bytes")
    return body


def _fetch_registry(
    registry_url: Optional[str], package: Optional[str], lock: Optional[bytes], allow_yanked: bool, timeout: float
) -> Tuple[str, bytes, bytes, bytes]:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise TypeError("timeout must be a positive number of seconds")
    target = _native.call(
        "registry_target",
        "" if registry_url is None else as_str(registry_url, "registry_url"),
        "" if package is None else as_str(package, "package"),
        lock,
        allow_yanked,
    )
    opener = _opener()
    download = _get(opener, target["download_url"], float(timeout))
    receipt = _get(opener, target["receipt_url"], float(timeout))
    keys = _get(opener, target["keys_url"], float(timeout))
    return target["package_url"], download, receipt, keys


def verify_registry(
    registry_url: Optional[str],
    package: Optional[str] = None,
    *,
    lock: Optional[BytesLike] = None,
    require_registry_mode: Optional[str] = None,
    trusted_registry_key_id: Optional[str] = None,
    allow_yanked_package: bool = False,
    expected_contract_signature: Optional[str] = None,
    trusted_keys: Optional[Mapping[str, str]] = None,
    legacy: bool = False,
    record_path: Optional[str] = None,
    extended_report: bool = False,
    timeout: float = REGISTRY_TIMEOUT_SECONDS,
) -> VerifyResult:
    """``anip verify --registry-url URL --package ID@VERSION``: fetches the package record,
    its receipt and the registry keys (``urllib``, HTTP(S) only, ``timeout`` seconds per
    request, bodies up to 64 MiB) and verifies them.

    ``registry_url`` and ``package`` may be ``None`` when ``lock`` names them
    (ANIP-LOCK-3). Returns the result object; raises :class:`trustloop.TrustloopError`
    where upstream exits 1 (yanked or taken-down packages with upstream's message,
    ``REGISTRY_FETCH_FAILED``, ``PACKAGE_REF_INVALID``, ``REGISTRY_URL_REQUIRED``).
    """
    lock_bytes = _optional_bytes(lock, "lock")
    options = _verify_dict(expected_contract_signature, trusted_keys, legacy, record_path, extended_report)
    options.update(_policy_dict(require_registry_mode, trusted_registry_key_id, allow_yanked_package))
    package_url, download, receipt, keys = _fetch_registry(registry_url, package, lock_bytes, allow_yanked_package, timeout)
    return _native.call("verify_registry_responses", package_url, download, receipt, keys, lock_bytes, options)


def verify_registry_responses(
    package_url: str,
    download: BytesLike,
    receipt: BytesLike,
    keys: BytesLike,
    *,
    lock: Optional[BytesLike] = None,
    require_registry_mode: Optional[str] = None,
    trusted_registry_key_id: Optional[str] = None,
    allow_yanked_package: bool = False,
    expected_contract_signature: Optional[str] = None,
    trusted_keys: Optional[Mapping[str, str]] = None,
    legacy: bool = False,
    record_path: Optional[str] = None,
    extended_report: bool = False,
) -> VerifyResult:
    """Sans-IO registry verify: the bodies of ``GET {package_url}/download``,
    ``{package_url}/receipt`` and ``{registry}/keys``, fetched by the caller."""
    options = _verify_dict(expected_contract_signature, trusted_keys, legacy, record_path, extended_report)
    options.update(_policy_dict(require_registry_mode, trusted_registry_key_id, allow_yanked_package))
    return _native.call(
        "verify_registry_responses",
        as_str(package_url, "package_url"),
        as_bytes(download, "download"),
        as_bytes(receipt, "receipt"),
        as_bytes(keys, "keys"),
        _optional_bytes(lock, "lock"),
        options,
    )


def write_lock_registry(
    registry_url: str,
    package: str,
    *,
    require_registry_mode: Optional[str] = None,
    trusted_registry_key_id: Optional[str] = None,
    allow_yanked_package: bool = False,
    timeout: float = REGISTRY_TIMEOUT_SECONDS,
) -> bytes:
    """``anip lock write --registry-url URL --package ID@VERSION``: the consumer lock file
    (carrying ``registry_url``) for a registry package, after its trust checks passed."""
    policy = _policy_dict(require_registry_mode, trusted_registry_key_id, allow_yanked_package)
    package_url, download, receipt, keys = _fetch_registry(
        as_str(registry_url, "registry_url"), as_str(package, "package"), None, allow_yanked_package, timeout
    )
    return _native.call("write_lock_registry_responses", package_url, download, receipt, keys, policy)


def write_lock_registry_responses(
    package_url: str,
    download: BytesLike,
    receipt: BytesLike,
    keys: BytesLike,
    *,
    require_registry_mode: Optional[str] = None,
    trusted_registry_key_id: Optional[str] = None,
    allow_yanked_package: bool = False,
) -> bytes:
    """Sans-IO form of :func:`write_lock_registry`."""
    policy = _policy_dict(require_registry_mode, trusted_registry_key_id, allow_yanked_package)
    return _native.call(
        "write_lock_registry_responses",
        as_str(package_url, "package_url"),
        as_bytes(download, "download"),
        as_bytes(receipt, "receipt"),
        as_bytes(keys, "keys"),
        policy,
    )


# The operations of the table without a hand-written function above.
_derive.fill(globals(), "anip")
