"""trustloop.limits / set_limit / reset_limits: the core's resource budgets
(docs/limits.md), process-wide, the same names in every host."""
from __future__ import annotations

from typing import Iterator

import pytest

import trustloop
from trustloop import TrustloopError, anpkg, json

from conftest import require_fixtures


@pytest.fixture(autouse=True)
def _defaults() -> Iterator[None]:
    trustloop.reset_limits()
    yield
    trustloop.reset_limits()


def test_every_budget_is_listed_with_its_default() -> None:
    limits = trustloop.limits()
    assert limits["yaml_nodes"] == 1_000_000
    assert limits["yaml_depth"] == 200
    assert limits["zip_entries"] == 10_000
    assert limits["input_bytes"] == 64 << 20
    assert all(isinstance(v, int) for v in limits.values())


def test_a_lowered_budget_applies_until_reset() -> None:
    package = (require_fixtures("anpkg/packages") / "sim-quickstart.anpkg").read_bytes()
    assert anpkg.validate(package)["valid"] is True
    trustloop.set_limit("yaml_nodes", 3)
    assert trustloop.limits()["yaml_nodes"] == 3
    r = anpkg.validate(package)
    assert (r["valid"], r["code"]) == (False, "ANPKG_YAML_LIMIT")
    trustloop.reset_limits()
    trustloop.set_limit("zip_entries", 2)
    assert anpkg.validate(package)["code"] == "ANPKG_ZIP_TOO_MANY_ENTRIES"
    # A per-call option still wins for that call.
    assert anpkg.validate(package, max_entries=10_000)["valid"] is True
    trustloop.reset_limits()
    trustloop.set_limit("json_depth", 1)
    with pytest.raises(TrustloopError) as e:
        json.digest(b"[[1]]")
    assert e.value.code == "JSON_TOO_DEEP"
    trustloop.reset_limits()
    assert json.digest(b"[[1]]").startswith("sha256:")


def test_unknown_names_and_raised_ceilings_are_refused() -> None:
    with pytest.raises(TrustloopError) as e:
        trustloop.set_limit("no_such_limit", 1)
    assert e.value.code == "INVALID_OPTION"
    with pytest.raises(TrustloopError) as e:
        trustloop.set_limit("yaml_depth", 201)
    assert e.value.code == "INVALID_OPTION"
    with pytest.raises(TypeError):
        trustloop.set_limit("yaml_nodes", -1)
    with pytest.raises(TypeError):
        trustloop.set_limit("yaml_nodes", True)
    assert trustloop.limits()["yaml_depth"] == 200
