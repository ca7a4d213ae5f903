"""Conformance vectors (tests/vectors/**/*.json, format in tests/vectors/README.md)
run through the public Python API."""
from __future__ import annotations

import base64
import hashlib
import json
from typing import Any, Dict, List

import pytest

import trustloop
from trustloop import TrustloopError, anip, assets_pa

from conftest import FIXTURES, IS_CI, NOTICES, ROOT

HOST = "python"
FIXTURES_PRESENT = FIXTURES.is_dir()
# Ops this binding exposes, from the core's operation table (vector ops are the table's
# flat names); cases of other ops are counted and reported as NOT RUN.
OPS = {op["flat"] for op in trustloop.operations() if op["hosts"]["python"]}


def _load():
    params = []
    not_run = 0
    other_ops: Dict[str, int] = {}
    for path in sorted((ROOT / "tests" / "vectors").rglob("*.json")):
        rel = path.relative_to(ROOT).as_posix()
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            hosts = case.get("hosts")
            if isinstance(hosts, list) and HOST not in hosts:
                continue
            if case.get("op") not in OPS:
                other_ops[case.get("op")] = other_ops.get(case.get("op"), 0) + 1
                continue
            if _uses_fixture(case) and not FIXTURES_PRESENT:
                not_run += 1
                continue
            params.append(pytest.param(case, id=f"{rel}#{case['name']}"))
    return params, not_run, other_ops


def _uses_fixture(case: Dict[str, Any]) -> bool:
    return any(isinstance(case.get(k), dict) and "fixture" in case[k] for k in ("input", "lock"))


def _bytes(form: Dict[str, str]) -> bytes:
    assert len(form) == 1, "input form must have exactly one key"
    if "text" in form:
        return form["text"].encode("utf-8")
    if "base64" in form:
        return base64.b64decode(form["base64"], validate=True)
    if "file" in form:
        return (ROOT / form["file"]).read_bytes()
    if "fixture" in form:
        return (FIXTURES / form["fixture"]).read_bytes()
    raise AssertionError(f"unknown input form {form!r}")


CASES, NOT_RUN, OTHER_OPS = _load()
if NOT_RUN:
    NOTICES.append(f"NOT RUN: {NOT_RUN} fixture cases, fixtures folder missing ({FIXTURES})")
if OTHER_OPS:
    NOTICES.append("NOT RUN (ops this binding does not expose): " + ", ".join(f"{op} ({n})" for op, n in sorted(OTHER_OPS.items())))


def _sha256(b: bytes) -> str:
    return "sha256:" + hashlib.sha256(b).hexdigest()


def _failed(result: Dict[str, Any]) -> List[str]:
    return [c["name"] for c in result.get("checks", []) if c.get("status") == "fail"]


def _invoke(case: Dict[str, Any]):
    data = _bytes(case["input"])
    lock = _bytes(case["lock"]) if "lock" in case else None
    options = case.get("options", {})
    op = case["op"]
    if op == "canonicalize":
        return "bytes", trustloop.json.canonicalize(data, options.get("mode", "digest"))
    if op == "digest":
        return "bytes", trustloop.json.digest(data).encode("utf-8")
    if op == "write_lock":
        return "bytes", anip.write_lock(data)
    if op in ("verify_bundle", "verify_definition"):
        fn = anip.verify_bundle if op == "verify_bundle" else anip.verify_definition
        return "verdict", fn(data, lock=lock, **options)
    if op == "build_local":
        return "files", anip.build_local(data, **options)
    if op in ("verify_registry_responses", "write_lock_registry_responses"):
        given = dict(options)
        responses = (given.pop("package_url"), data, _bytes(given.pop("receipt")), _bytes(given.pop("keys")))
        if op == "verify_registry_responses":
            return "verdict", anip.verify_registry_responses(*responses, lock=lock, **given)
        return "bytes", anip.write_lock_registry_responses(*responses, **given)
    rest = {k: v for k, v in options.items() if k != "entries"}
    if op == "ref_check":
        return "value", anip.ref_check(data.decode("utf-8", errors="replace"))
    if op == "tree_combine":
        return "bytes", anip.tree_combine(data, options.get("pointer", "")).encode("utf-8")
    if op == "tree_digest":
        return "value", anip.tree_digest(options.get("entries", []), **rest)
    if op == "bundle_report":
        return "value", anip.bundle_report(data, options.get("entries", []), **rest)
    if op == "bundle_materials":
        return "value", anip.bundle_materials(data)
    if op == "attach_implementation":
        return "value", anip.attach_implementation(data, options.get("entries"), **rest)
    if op == "lint":
        return "value", anip.lint(data)
    if op == "assets_pa_write":
        doc = json.loads(data)
        return "bytes", assets_pa.write(doc.get("entries"), doc.get("preload"))
    if op == "assets_pa_read":
        return "value", assets_pa.read(data)
    if op == "assets_pa_verify":
        return "value", assets_pa.verify(data)
    if op == "assets_pa_companions":
        return "files", assets_pa.companions(data)
    if op == "assets_pa_extract":
        return "bytes", assets_pa.extract(data, int(options["asset_id"]))
    if op == "assets_pa_glyph_bank":
        summary, _payload = assets_pa.glyph_bank(json.loads(data))
        return "value", summary
    if op == "assets_pa_pack_files":
        doc = json.loads(data)
        report, _files = assets_pa.pack_files({p: _bytes(f) for p, f in doc["files"].items()}, **options)
        return "value", report
    raise AssertionError(f"unknown op {op}")


def _subset(want: Any, got: Any, where: str) -> None:
    if isinstance(want, dict):
        assert isinstance(got, dict), f"{where}: expected an object, got {got!r}"
        for k, v in want.items():
            assert k in got, f"{where}.{k} missing"
            _subset(v, got[k], f"{where}.{k}")
    else:
        assert got == want, f"{where}: expected {want!r}, got {got!r}"


@pytest.mark.parametrize("case", CASES)
def test_vector(case: Dict[str, Any]) -> None:
    x = case["expect"]
    assert x, "expect is empty"
    wants_error = x.get("exit_code") == 1 or any(k.startswith("error_") for k in x)
    try:
        kind, out = _invoke(case)
    except TrustloopError as e:
        assert wants_error, f"unexpected error {e.code}: {e.message}"
        if "error_code" in x:
            assert e.code == x["error_code"], e.message
        if "error_message" in x:
            assert e.message == x["error_message"]
        if "error_message_prefix" in x:
            assert e.message.startswith(x["error_message_prefix"]), e.message
        return
    assert not wants_error, "expected an error, the call succeeded"
    if kind == "bytes":
        assert isinstance(out, bytes)
        if "exit_code" in x:
            assert x["exit_code"] == 0
        if "output_text" in x:
            assert out == x["output_text"].encode("utf-8")
        if "output_base64" in x:
            assert out == base64.b64decode(x["output_base64"])
        if "output_sha256" in x:
            assert _sha256(out) == x["output_sha256"]
        if "digest" in x:
            assert out.decode("utf-8") == x["digest"]
    elif kind == "verdict":
        if "exit_code" in x:
            assert anip.exit_code(out) == x["exit_code"], f"status {out.get('status')}, failed checks {_failed(out)}"
        if "status" in x:
            assert out.get("status") == x["status"], f"failed checks {_failed(out)}"
        if "checks" in x:
            got = out.get("checks", [])
            assert [c.get("name") for c in got] == [c["name"] for c in x["checks"]]
            for i, w in enumerate(x["checks"]):
                for k in ("status", "detail"):
                    if k in w:
                        assert got[i].get(k) == w[k], f"checks[{i}].{k} ({w['name']})"
        if "failed_checks" in x:
            assert _failed(out) == x["failed_checks"]
        if "result_subset" in x:
            _subset(x["result_subset"], out, "result")
        if "result_keys" in x:
            assert sorted(out) == sorted(x["result_keys"]), "result_keys"
    elif kind == "value":
        if "exit_code" in x:
            assert x["exit_code"] == 0
        if "result" in x:
            assert out == x["result"]
        if "result_subset" in x:
            _subset(x["result_subset"], out, "result")
    elif kind == "files":
        if "files_sha256" in x:
            assert {name: _sha256(b) for name, b in out.items()} == x["files_sha256"]


def test_vectors_loaded() -> None:
    assert CASES, "no vector case loaded"


def test_fixture_cases_run_under_ci() -> None:
    if NOT_RUN and IS_CI:
        pytest.fail(f"CI=true and {NOT_RUN} fixture cases could not run (fixtures folder missing: {FIXTURES})")
