"""The batch operations (``anip.verify_many``, ``anip.tree_digest_many``,
``anpkg.validate_many``): every input's entry equals its own single call, in input
order, a bad input is its own entry, and the batch is bounded (``BATCH_TOO_LARGE``)."""
from __future__ import annotations

from typing import Any, Dict, List

import pytest

import trustloop
from conftest import ROOT, example_bundles
from trustloop import TrustloopError, anip, anpkg



def _entry(f: Any, *args: Any, **options: Any) -> Dict[str, Any]:
    """A single call's outcome, shaped as a batch entry."""
    try:
        return {"result": f(*args, **options)}
    except TrustloopError as e:
        return {"error": {"code": e.code, "message": e.message, "findings": e.findings}}


def test_verify_many_equals_the_single_calls_in_order() -> None:
    bundles = example_bundles(5) + [b"{}"]
    got = anip.verify_many(bundles, extended_report=True)
    assert got == [_entry(anip.verify_bundle, b, extended_report=True) for b in bundles]
    assert [e["result"]["status"] for e in got[:5]] == ["ok"] * 5
    assert got[5]["error"]["code"] == "JSON_SYNTAX"
    assert got[6]["result"]["status"] == "failed"
    assert "error" in got[-1]
    assert anip.verify_many([]) == []


def test_tree_digest_many_equals_the_single_calls() -> None:
    trees: List[Any] = [{f"src/f{n}.py": b"x" * n} for n in range(4)] + [[{"path": "no-content"}]]
    got = anip.tree_digest_many(trees)
    assert got == [_entry(anip.tree_digest, t) for t in trees]
    assert "error" in got[-1] and all("result" in e for e in got[:-1])


def test_validate_many_equals_the_single_calls() -> None:
    package = anpkg.export(str(ROOT / "examples" / "anpkg" / "greenhouse-bench"))
    packages = [package, b"not a zip", package[: len(package) // 2], package]
    got = anpkg.validate_many(packages)
    assert got == [_entry(anpkg.validate, p) for p in packages]
    assert got[0]["result"]["valid"] is True and got[1]["result"]["valid"] is False


def test_the_batch_is_bounded_and_typed() -> None:
    trustloop.set_limit("batch_items", 2)
    try:
        with pytest.raises(TrustloopError) as caught:
            anip.verify_many([b"{}"] * 3)
        assert caught.value.code == "BATCH_TOO_LARGE"
    finally:
        trustloop.reset_limits()
    with pytest.raises(TypeError):
        anip.verify_many(b"{}")
    with pytest.raises(TypeError):
        anip.verify_many(["{}"])  # type: ignore[list-item]
