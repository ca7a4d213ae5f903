"""Shared paths for the trustloop Python tests."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(os.environ.get("TRUSTLOOP_FIXTURES") or (ROOT.parent / "shared" / "fixtures"))
IS_CI = os.environ.get("CI", "").lower() in ("true", "1")

# Lines every test module may add ("NOT RUN: …"); printed in the terminal summary so
# they are visible even with -q (prints during collection are captured).
NOTICES: list = []


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    for line in NOTICES:
        terminalreporter.write_line(line, yellow=True, bold=True)


def _notice(line: str) -> None:
    if line not in NOTICES:
        NOTICES.append(line)


def cli_binary() -> "Path | None":
    """The trustloop CLI the differential tests compare against: ``$TRUSTLOOP_BIN``
    (the suite builds it), else ``<repo>/target/{debug,release}/trustloop``."""
    env = os.environ.get("TRUSTLOOP_BIN")
    if env:
        return Path(env)
    target = Path(os.environ.get("CARGO_TARGET_DIR") or (ROOT / "target"))
    for flavour in ("debug", "release"):
        candidate = target / flavour / "trustloop"
        if candidate.is_file():
            return candidate
    return None


def require_fixtures(sub: str) -> Path:
    """``$TRUSTLOOP_FIXTURES/<sub>``; skipped loudly when missing, failed under CI."""
    import pytest

    d = FIXTURES / sub
    if d.is_dir():
        return d
    if IS_CI:
        pytest.fail(f"CI=true and the fixtures folder is missing: {d}")
    _notice(f"NOT RUN: tests needing {d} (fixtures folder missing)")
    pytest.skip(f"fixtures folder missing: {d}")


def require_cli() -> Path:
    import pytest

    b = cli_binary()
    if b is not None and b.is_file():
        return b
    if IS_CI:
        pytest.fail("CI=true and the trustloop CLI binary is missing (set TRUSTLOOP_BIN)")
    _notice("NOT RUN: differential tests against the trustloop CLI (binary missing; set TRUSTLOOP_BIN)")
    pytest.skip("trustloop CLI binary missing")


def example_bundles(count: int) -> "list[bytes]":
    """``count`` signed bundles of the example definition (versions 1.0.0, 1.0.1, …),
    then one that is not JSON and one whose manifest was edited after signing."""
    import json

    from trustloop import anip

    definition = (ROOT / "examples" / "anip" / "order-desk-service-definition.json").read_bytes()
    out = []
    for n in range(count):
        files = anip.build_local(definition, package_id="order-desk", package_version=f"1.0.{n}")
        out.append(next(b for name, b in files.items() if name.endswith(".anip-package.json")))
    tampered = json.loads(out[-1])
    tampered["manifest"]["readme"] = str(tampered["manifest"].get("readme", "")) + " (edited after signing)"
    return out + [b"not json", json.dumps(tampered).encode()]

