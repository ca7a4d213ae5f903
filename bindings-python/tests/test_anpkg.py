"""trustloop.anpkg: validate (archive bytes, zip file, extracted directory, replay) and
export, checked against the fixture packages and the trustloop CLI's ``--json`` output."""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path
from typing import Any, Dict, List

import pytest

from trustloop import TrustloopError, anpkg

from conftest import FIXTURES, ROOT, require_cli, require_fixtures

_PACKAGE_DIR = FIXTURES / "anpkg" / "packages"
# Every fixture package (a placeholder that skips/fails loudly when the folder is missing).
PACKAGES = sorted(p.stem for p in _PACKAGE_DIR.glob("*.anpkg")) if _PACKAGE_DIR.is_dir() else ["(fixtures missing)"]


def _cli_json(args: List[str]) -> Dict[str, Any]:
    out = subprocess.run([str(require_cli()), *args, "--json"], capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    assert out.stdout, out.stderr.decode(errors="replace")
    return json.loads(out.stdout)


def _extract(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as z:
        z.extractall(into)
    return into


def _script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


# ---------------------------------------------------------------- validate


@pytest.mark.parametrize("name", PACKAGES)
def test_fixture_packages_validate_like_the_cli(name: str, tmp_path: Path) -> None:
    archive = require_fixtures("anpkg/packages") / f"{name}.anpkg"
    expected = _cli_json(["anpkg", "validate", str(archive)])
    assert expected["valid"] is True
    assert anpkg.validate(archive) == expected
    assert anpkg.validate(str(archive)) == expected
    # Bytes in memory, shown under the same path.
    assert anpkg.validate(archive.read_bytes(), name=str(archive.resolve())) == expected
    # Extracted directory.
    d = _extract(archive, tmp_path / name)
    expected_dir = _cli_json(["anpkg", "validate", str(d)])
    assert expected_dir["valid"] is True
    assert anpkg.validate(d) == expected_dir
    assert expected_dir["message"] == f"Package validation passed: {d.resolve()}"


def test_every_fixture_package_is_covered() -> None:
    require_fixtures("anpkg/packages")
    assert len(PACKAGES) >= 3, PACKAGES


def _mutated(tmp_path: Path) -> Path:
    """sim-quickstart extracted, with a secret-like token added and checksums left stale."""
    d = _extract(require_fixtures("anpkg/packages") / "sim-quickstart.anpkg", tmp_path / "mutated")
    provider = next((d / "providers").glob("*.yaml"))
    provider.write_text(provider.read_text() + "api_token: x\n")
    return d


def test_failures_agree_with_the_cli(tmp_path: Path) -> None:
    d = _mutated(tmp_path)
    for all_findings in (False, True):
        extra = ["--all"] if all_findings else []
        expected = _cli_json(["anpkg", "validate", str(d), *extra])
        got = anpkg.validate(d, all=all_findings)
        assert got == expected
        assert got["valid"] is False and got["code"] and got["findings"]
    missing = tmp_path / "nope.anpkg"
    assert anpkg.validate(missing) == _cli_json(["anpkg", "validate", str(missing)])
    garbage = tmp_path / "garbage.anpkg"
    garbage.write_bytes(b"not a zip")
    assert anpkg.validate(garbage) == _cli_json(["anpkg", "validate", str(garbage)])
    assert anpkg.validate(b"not a zip")["message"] == "Validation failed: File is not a zip file"
    assert anpkg.validate(b"not a zip", name="x.txt")["message"] == "Validation failed: Unsupported package format: x.txt"


def test_limits_are_options(tmp_path: Path) -> None:
    data = (require_fixtures("anpkg/packages") / "sim-quickstart.anpkg").read_bytes()
    r = anpkg.validate(data, max_entries=2)
    assert r["valid"] is False
    assert r["code"] == "ANPKG_ZIP_TOO_MANY_ENTRIES"
    with pytest.raises(TypeError):
        anpkg.validate(data, max_entries=-1)
    with pytest.raises(TypeError):
        anpkg.validate(data, timeout=0)
    with pytest.raises(TypeError):
        anpkg.validate(data, all="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        anpkg.validate(tmp_path, name="x.anpkg")
    with pytest.raises(TypeError):
        anpkg.validate(123)  # type: ignore[arg-type]


# ---------------------------------------------------------------- replay

CHECKING_RUNTIME = """\
# Fails unless called as the reference calls it: from the package root, with
# --check-config <config>, without the workbench's secrets in the environment.
[ "$1" = "--check-config" ] || { echo "bad args: $*" >&2; exit 3; }
[ -f "$2" ] || { echo "config $2 not found from $(pwd)" >&2; exit 4; }
[ -z "${ANOLIS_WORKBENCH_RUNTIME_TOKEN+x}" ] || { echo "token leaked" >&2; exit 5; }
[ -z "${CREDENTIALS_DIRECTORY+x}" ] || { echo "credentials leaked" >&2; exit 6; }
[ "$TRUSTLOOP_TEST_KEPT" = "kept" ] || { echo "environment dropped" >&2; exit 7; }
[ -z "${TRUSTLOOP_TEST_DROPPED+x}" ] || { echo "environment not from the allowlist" >&2; exit 8; }
echo "config ok"
exit 0
"""


@pytest.fixture
def secret_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANOLIS_WORKBENCH_RUNTIME_TOKEN", "secret-token")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", "/run/credentials/x")
    monkeypatch.setenv("TRUSTLOOP_TEST_KEPT", "kept")
    monkeypatch.setenv("TRUSTLOOP_TEST_DROPPED", "dropped")


def test_replay_passes_with_a_scrubbed_environment(tmp_path: Path, secret_env: None) -> None:
    archive = require_fixtures("anpkg/packages") / "sim-quickstart.anpkg"
    runtime = _script(tmp_path / "runtime-ok", CHECKING_RUNTIME)
    for target in (archive, archive.read_bytes(), _extract(archive, tmp_path / "pkg")):
        r = anpkg.validate(target, runtime_bin=runtime, replay_env=["TRUSTLOOP_TEST_KEPT"])
        assert r["valid"] is True, r["message"]
        assert r["replay"] == {"status": "passed", "config": "runtime/anolis-runtime.yaml"}
    # Only the allowlist (and the names given) reach the runtime.
    assert anpkg.validate(archive, runtime_bin=runtime)["code"] == "ANPKG_REPLAY_FAILED"
    with pytest.raises(TypeError):
        anpkg.validate(archive, runtime_bin=runtime, replay_env="TRUSTLOOP_TEST_KEPT")
    assert anpkg.validate(archive, runtime_bin=runtime, replay_env=["TRUSTLOOP_TEST_KEPT"]) == _cli_json(
        ["anpkg", "validate", str(archive), "--runtime-bin", str(runtime), "--replay-env", "TRUSTLOOP_TEST_KEPT"]
    )


def test_replay_failure_reports_the_runtime_output(tmp_path: Path) -> None:
    archive = require_fixtures("anpkg/packages") / "sim-quickstart.anpkg"
    runtime = _script(tmp_path / "runtime-fail", 'echo "on stdout"\necho "  bad provider config  " >&2\nexit 1\n')
    r = anpkg.validate(archive, runtime_bin=runtime)
    assert r["valid"] is False
    assert r["replay"]["status"] == "failed"
    assert r["code"] == "ANPKG_REPLAY_FAILED"
    assert r["message"] == "Validation failed: Runtime replay check failed for runtime/anolis-runtime.yaml: bad provider config"
    assert r == _cli_json(["anpkg", "validate", str(archive), "--runtime-bin", str(runtime)])
    quiet = _script(tmp_path / "runtime-quiet", "exit 9\n")
    r = anpkg.validate(archive, runtime_bin=quiet)
    assert r["message"].endswith(": exit 9")


def test_replay_timeout_kills_the_runtime(tmp_path: Path) -> None:
    archive = require_fixtures("anpkg/packages") / "sim-quickstart.anpkg"
    runtime = _script(tmp_path / "runtime-hangs", "exec sleep 30\n")
    r = anpkg.validate(archive, runtime_bin=runtime, timeout=1)
    assert r["valid"] is False
    assert r["replay"]["status"] == "failed"
    assert r["code"] == "ANPKG_REPLAY_TIMEOUT"
    assert r["message"] == "Validation failed: Runtime replay check timed out for runtime/anolis-runtime.yaml after 1 s"
    assert r == _cli_json(["anpkg", "validate", str(archive), "--runtime-bin", str(runtime), "--timeout", "1"])


def test_replay_missing_binary_and_skipped(tmp_path: Path) -> None:
    archive = require_fixtures("anpkg/packages") / "sim-quickstart.anpkg"
    r = anpkg.validate(archive, runtime_bin=tmp_path / "no-such-runtime")
    assert r["code"] == "ANPKG_RUNTIME_BIN_NOT_FOUND"
    assert r["replay"]["status"] == "failed"
    # Static failure: the runtime is never started.
    marker = tmp_path / "started"
    runtime = _script(tmp_path / "runtime-marks", f'touch "{marker}"\nexit 0\n')
    r = anpkg.validate(_mutated(tmp_path), runtime_bin=runtime)
    assert r["replay"]["status"] == "skipped"
    assert not marker.exists()
    assert anpkg.validate(archive)["replay"] == {"status": "not_requested", "config": "runtime/anolis-runtime.yaml"}


# ---------------------------------------------------------------- export


def _project(tmp_path: Path, name: str) -> Path:
    """The fixture inputs placed at ``<data root>/systems/<name>``."""
    d = tmp_path / "data" / "systems" / name
    shutil.copytree(require_fixtures("anpkg/inputs") / name, d)
    return d


def _appendix_a(tmp_path: Path) -> Path:
    doc = json.loads((ROOT / "bindings-python" / "tests" / "data" / "anpkg-appendix-a.json").read_text(encoding="utf-8"))
    d = tmp_path / "data" / "systems" / doc["project"]
    for rel, text in doc["files"].items():
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        (d / rel).write_bytes(text.encode("utf-8"))
    return d


def _expected(name: str) -> bytes:
    return (require_fixtures("anpkg/packages") / f"{name}.anpkg").read_bytes()


def test_export_sim_quickstart_is_byte_identical(tmp_path: Path) -> None:
    d = _project(tmp_path, "sim-quickstart")
    assert anpkg.export(d) == _expected("sim-quickstart")


def test_export_imported_profile_with_stubs_is_byte_identical(tmp_path: Path) -> None:
    d = _project(tmp_path, "imported-profile")
    as_is = anpkg.export_report(d)
    assert as_is["omitted_variants"] == ["automation"]
    for variant in ("telemetry", "full"):
        (d / "config" / f"anolis-runtime.bioreactor.{variant}.yaml").write_text("{}")
    assert anpkg.export(d) == _expected("imported-profile")


def test_export_appendix_a_is_byte_identical(tmp_path: Path) -> None:
    d = _appendix_a(tmp_path)
    assert anpkg.export(d) == _expected("export-behavior")
    report = anpkg.export_report(d)
    assert report["token_removed"] is True
    assert report["exported_at"] == "2026-04-16T19:01:02Z"


@pytest.mark.parametrize("name", ["sim-quickstart", "imported-profile"])
def test_export_writes_atomically_like_the_cli(name: str, tmp_path: Path) -> None:
    d = _project(tmp_path, name)
    ours = tmp_path / "out" / "a" / f"{name}.anpkg"
    theirs = tmp_path / "cli" / f"{name}.anpkg"
    package = anpkg.export(d, ours)
    assert ours.read_bytes() == package
    assert not Path(str(ours) + ".tmp").exists()
    report = anpkg.export_report(d, ours)
    expected = _cli_json(["anpkg", "export", str(d), str(theirs)])
    assert theirs.read_bytes() == package
    assert report.pop("path") == str(ours.resolve())
    assert expected.pop("path") == str(theirs.resolve())
    assert report == expected
    # The export validates.
    assert anpkg.validate(package)["valid"] is True


def test_export_errors_carry_upstream_messages(tmp_path: Path) -> None:
    empty = tmp_path / "data" / "systems" / "empty"
    empty.mkdir(parents=True)
    with pytest.raises(TrustloopError) as info:
        anpkg.export(empty)
    out = subprocess.run([str(require_cli()), "anpkg", "export", str(empty), str(tmp_path / "x.anpkg")], capture_output=True)
    assert out.returncode == 1
    assert out.stderr.decode().strip() == f"ERROR: {info.value.message}"
    assert info.value.code.startswith("ANPKG_EXPORT_")
    assert not (tmp_path / "x.anpkg").exists()


def test_export_refuses_files_outside_the_project(tmp_path: Path) -> None:
    d = _project(tmp_path, "sim-quickstart")
    outside = tmp_path / "secret.yaml"
    outside.write_text("provider:\n  name: sim0\n")
    provider = d / "config" / "provider-sim.sim0.yaml"
    provider.unlink()
    os.symlink(outside, provider)
    with pytest.raises(TrustloopError) as info:
        anpkg.export(d)
    assert info.value.code == "ANPKG_EXPORT_OUTSIDE_PROJECT"
    with pytest.raises(TrustloopError) as info:
        anpkg.export(_project(tmp_path / "small", "sim-quickstart"), max_file_size=100)
    assert info.value.code == "ANPKG_EXPORT_FILE_TOO_LARGE"


def test_export_argument_types(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        anpkg.export(b"/tmp")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        anpkg.export(tmp_path, max_total_size="1")  # type: ignore[arg-type]
