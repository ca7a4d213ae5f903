"""The shapes of trustloop's results, for type checkers: the JSON documents the CLI
prints with ``--json``, as ``TypedDict``s (keys in snake_case, as upstream). A typo such
as ``result["stauts"]`` is a type error under ``mypy --strict``. At run time results
are plain ``dict``s."""
from __future__ import annotations

import sys
from typing import Any, Dict, List

if sys.version_info >= (3, 11):
    from typing import Literal, NotRequired, TypedDict
else:  # pragma: no cover - Python 3.9/3.10
    from typing_extensions import Literal, NotRequired, TypedDict

__all__ = [
    "Check",
    "Finding",
    "VerifyResult",
    "LintResult",
    "RefCheck",
    "AnpkgValidateResult",
    "AnpkgExportReport",
    "AssetsPaVerifyResult",
    "PackReport",
]


class Location(TypedDict, total=False):
    file: str
    path: str


class Finding(TypedDict):
    """A finding: stable ``code`` (docs/codes.md), ``severity``, ``message``, ``location``."""

    code: str
    severity: Literal["error", "warning", "info"]
    message: str
    location: Location


class Check(TypedDict):
    """One check of a verify result."""

    name: str
    status: Literal["pass", "fail"]
    detail: NotRequired[str]


class VerifyResult(TypedDict):
    """``anip verify --json``: upstream's document (fields upstream omits when empty are
    absent), plus ``receipt_trust`` when the extended report is asked for."""

    status: Literal["ok", "ok_legacy", "failed"]
    source_kind: Literal["file", "package-bundle", "registry"]
    checks: List[Check]
    package_id: NotRequired[str]
    package_version: NotRequired[str]
    schema_version: NotRequired[str]
    definition_digest: NotRequired[str]
    registry_definition_digest: NotRequired[str]
    manifest_digest: NotRequired[str]
    lock_digest: NotRequired[str]
    package_execution_signature: NotRequired[str]
    receipt_authority: NotRequired[str]
    receipt_key_id: NotRequired[str]
    receipt_algorithm: NotRequired[str]
    receipt_status: NotRequired[Literal["none", "verified", "failed", "present"]]
    receipt_trust: NotRequired[str]
    contract_signature: NotRequired[str]
    lineage: NotRequired[Dict[str, Any]]
    product_revision: NotRequired[Dict[str, Any]]
    developer_revision: NotRequired[Dict[str, Any]]
    registry_receipt_signature: NotRequired[str]
    registry_record_path: NotRequired[str]
    registry_signing_mode: NotRequired[str]
    registry_active_key_id: NotRequired[str]
    package_lifecycle: NotRequired[str]
    package_lifecycle_warning: NotRequired[str]
    compatibility: NotRequired[Dict[str, Any]]
    agent_consumption_readiness: NotRequired[Dict[str, Any]]
    agent_consumability: NotRequired[Dict[str, Any]]


class LintResult(TypedDict):
    """``anip lint --json``."""

    status: Literal["clean", "findings"]
    findings: List[Finding]


class RefCheck(TypedDict):
    """``anip ref check --json``: a remote custom-code-bundle ref."""

    kind: str
    locator: str
    immutable: bool
    digest: str


class AnpkgValidateResult(TypedDict):
    """``anpkg validate --json``."""

    valid: bool
    path: str
    message: str
    code: str
    findings: List[Finding]
    replay: Dict[str, Any]


class AnpkgExportReport(TypedDict):
    """``anpkg export --json``."""

    sha256: str
    size: int
    entries: List[str]
    exported_at: str
    omitted_variants: List[str]
    token_removed: bool
    source_project: str
    warnings: List[Finding]
    path: NotRequired[str]


class AssetsPaVerifyResult(TypedDict):
    """``assets-pa verify --json``: every reader check."""

    ok: bool
    #: How many findings are errors and warnings.
    errors: int
    warnings: int
    codes: List[str]
    findings: List[Finding]


class Artifact(TypedDict):
    path: str
    sha256: str
    size: int


class PackReport(TypedDict):
    """``assets-pa pack --json``."""

    ok: bool
    assets: int
    preload: int
    codes: List[str]
    diagnostics: List[Finding]
    artifacts: List[Artifact]
    artifact_sha256: Dict[str, str]
