"""``python -m trustloop``: ``--version`` and ``verify FILE`` (the result JSON, the
result's exit code; hard errors exit 1)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Optional

import trustloop
from trustloop import anip

from conftest import ROOT

EXAMPLES = ROOT / "tests" / "examples" / "anip"
GOOD = EXAMPLES / "order-desk-1.0.0.anip-package.json"
TAMPERED = EXAMPLES / "tampered" / "signature-bit-flip.anip-package.json"
DEFINITION = ROOT / "examples" / "anip" / "order-desk-service-definition.json"


def _run(*args: str, stdin: Optional[bytes] = None) -> "subprocess.CompletedProcess[bytes]":
    return subprocess.run([sys.executable, "-m", "trustloop", *args], input=stdin, capture_output=True, timeout=120)


def test_version() -> None:
    out = _run("--version")
    assert out.returncode == 0
    assert out.stdout.decode() == f"trustloop {trustloop.__version__}\n"


def test_verify_prints_the_result_and_exits_with_its_code() -> None:
    for path, code in [(GOOD, 0), (TAMPERED, 2)]:
        out = _run("verify", str(path))
        assert out.returncode == code, out.stderr
        assert json.loads(out.stdout) == anip.verify_bundle(path.read_bytes(), record_path=str(path))
    out = _run("verify", "--definition", str(DEFINITION))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["source_kind"] == "file"


def test_verify_reads_stdin_for_dash() -> None:
    out = _run("verify", "-", stdin=GOOD.read_bytes())
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["registry_record_path"] == "-"


def test_hard_errors_exit_1_with_the_message_on_stderr() -> None:
    out = _run("verify", "-", stdin=b"{")
    assert out.returncode == 1
    assert out.stdout == b""
    assert out.stderr.decode().startswith("error: decode package bundle: ")
    missing = Path(ROOT / "no-such-bundle.json")
    out = _run("verify", str(missing))
    assert out.returncode == 1
    assert "no-such-bundle.json" in out.stderr.decode()


def test_usage_errors_exit_2() -> None:
    assert _run().returncode == 2
    assert _run("verify").returncode == 2
