"""``python -m trustloop`` is the ``trustloop`` CLI the wheel carries: the same bytes on
stdout, the same exit codes, stdin for ``-``; and the man page the wheel installs is
the one the CLI renders."""
from __future__ import annotations

import os
import subprocess
import sys
from typing import Optional

import pytest

import trustloop
from trustloop import __main__ as entry

from conftest import ROOT

EXAMPLES = ROOT / "tests" / "examples" / "anip"
GOOD = EXAMPLES / "order-desk-1.0.0.anip-package.json"
TAMPERED = EXAMPLES / "tampered" / "signature-bit-flip.anip-package.json"
MAN_PAGE = ROOT / "bindings-python" / "wheel-data" / "data" / "share" / "man" / "man1" / "trustloop.1"


def _module(*args: str, stdin: Optional[bytes] = None) -> "subprocess.CompletedProcess[bytes]":
    return subprocess.run([sys.executable, "-m", "trustloop", *args], input=stdin, capture_output=True, timeout=120)


def _cli(*args: str, stdin: Optional[bytes] = None) -> "subprocess.CompletedProcess[bytes]":
    cli = entry.find_cli()
    assert cli is not None, "the install carries the trustloop CLI (scripts/suites/20-python.sh puts it in wheel-data/scripts)"
    return subprocess.run([str(cli), *args], input=stdin, capture_output=True, timeout=120)


def test_the_cli_is_installed_beside_the_interpreter() -> None:
    cli = entry.find_cli()
    assert cli is not None and os.access(cli, os.X_OK)
    assert _module("--version").stdout == _cli("--version").stdout
    assert trustloop.__version__.encode() in _module("--version").stdout


@pytest.mark.parametrize("args", [
    ("anip", "verify", "--package-bundle", str(GOOD), "--json"),
    ("anip", "verify", "--package-bundle", str(TAMPERED)),
    ("anip", "verify"),
    ("no-such-command",),
])
def test_same_output_and_exit_code_as_the_cli(args: "tuple[str, ...]") -> None:
    via_module, direct = _module(*args), _cli(*args)
    assert (via_module.returncode, via_module.stdout, via_module.stderr) == (direct.returncode, direct.stdout, direct.stderr)
    assert via_module.returncode == {str(GOOD): 0, str(TAMPERED): 2}.get(args[-1] if args[-1] != "--json" else args[-2], via_module.returncode)


def test_dash_reads_stdin() -> None:
    out = _module("anip", "verify", "--package-bundle", "-", "--json", stdin=GOOD.read_bytes())
    assert out.returncode == 0, out.stderr
    assert out.stdout == _cli("anip", "verify", "--package-bundle", "-", "--json", stdin=GOOD.read_bytes()).stdout


def test_without_the_cli_it_says_so(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(entry, "find_cli", lambda: None)
    assert entry.main(["--version"]) == 1
    assert capsys.readouterr().err.startswith("error: this install of trustloop-verify carries no `trustloop` CLI")


def test_the_wheel_man_page_is_the_one_the_cli_renders() -> None:
    rendered = _cli("man").stdout
    assert MAN_PAGE.read_bytes() == rendered, (
        "bindings-python/wheel-data/data/share/man/man1/trustloop.1 is stale: regenerate it with `trustloop man > …`"
    )
