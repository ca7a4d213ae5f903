"""The package is typed for its users: results are TypedDicts (trustloop.results), so
mypy --strict accepts correct use and refuses a misspelled key."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def _mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess:
    program = tmp_path / "user.py"
    program.write_text(textwrap.dedent(source), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(program)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_correct_use_type_checks(tmp_path: Path) -> None:
    out = _mypy(
        tmp_path,
        """
        from trustloop import anip, anpkg, assets_pa, TrustloopError

        def ok(bundle: bytes) -> bool:
            result = anip.verify_bundle(bundle)
            failed = [c["name"] for c in result["checks"] if c["status"] == "fail"]
            return result["status"] != "failed" and not failed and anip.exit_code(result) == 0

        def valid(data: bytes) -> str:
            return anpkg.validate(data)["code"] + str(assets_pa.verify(data)["ok"])

        try:
            ok(b"{}")
        except TrustloopError as e:
            print(e.code, e.exit_code)
        """,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_a_misspelled_key_is_a_type_error(tmp_path: Path) -> None:
    out = _mypy(
        tmp_path,
        """
        from trustloop import anip

        def status(bundle: bytes) -> str:
            return anip.verify_bundle(bundle)["stauts"]
        """,
    )
    assert out.returncode == 1
    assert '"VerifyResult" has no key "stauts"' in out.stdout
