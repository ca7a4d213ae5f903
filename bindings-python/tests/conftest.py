"""Shared paths for the trustloop Python tests."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(os.environ.get("TRUSTLOOP_FIXTURES") or (ROOT.parent / "shared" / "fixtures"))
IS_CI = os.environ.get("CI", "").lower() in ("true", "1")
