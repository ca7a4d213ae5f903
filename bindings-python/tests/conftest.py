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
