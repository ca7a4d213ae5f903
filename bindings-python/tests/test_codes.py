"""trustloop.codes: the core's code table; codes.pyi spells out the same codes."""
from __future__ import annotations

import re
import typing
from pathlib import Path

from trustloop import codes

STUB = Path(codes.__file__).with_suffix(".pyi")


def _stub_literal() -> list:
    text = STUB.read_text(encoding="utf-8")
    block = re.search(r"^Code = Literal\[\n((?:    \"[A-Z0-9_]+\",\n)+)\]", text, re.M)
    assert block, f"{STUB} declares no Code literal"
    return re.findall(r'"([A-Z0-9_]+)"', block.group(1))


def test_the_stub_lists_exactly_the_codes_of_the_table() -> None:
    names = [c["code"] for c in codes.codes()]
    assert _stub_literal() == names
    stub_constants = re.findall(r'^([A-Z0-9_]+): Literal\["\1"\]$', STUB.read_text(encoding="utf-8"), re.M)
    assert stub_constants == names


def test_every_code_is_a_constant_and_a_literal_value() -> None:
    names = [c["code"] for c in codes.codes()]
    assert len(names) > 250 and len(set(names)) == len(names)
    assert all(getattr(codes, n) == n for n in names)
    assert list(typing.get_args(codes.Code)) == names


def test_rows_carry_section_severity_and_meaning() -> None:
    rows = {c["code"]: c for c in codes.codes()}
    for row in rows.values():
        assert list(row) == ["code", "section", "severity", "meaning"]
        assert row["severity"] in {"error", "warning", "info", "varies", "retired"}
        assert row["meaning"]
    assert rows["PA_UNKNOWN_KEY"]["severity"] == "warning"
    assert rows["REGISTRY_FETCH_FAILED"]["section"] == "bindings"
    assert rows["ANPKG_REPLAY_UNAVAILABLE"]["severity"] == "retired"
