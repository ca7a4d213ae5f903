"""The package's public surface is the core's operation table (core/src/api/ops.rs):
every operation for Python at its derived path, nothing public that the table lacks."""
from __future__ import annotations

import importlib
import inspect

import trustloop

# Public names that are not operations: the error class, the table itself, the version.
NOT_OPERATIONS = {"TrustloopError", "operations", "__version__"}
MODULES = ["trustloop", "trustloop.json", "trustloop.anip", "trustloop.anpkg", "trustloop.assets_pa"]


def _resolve(path: str) -> object:
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name, None)


def test_every_python_operation_is_at_its_derived_path() -> None:
    ops = trustloop.operations()
    assert len(ops) > 30
    for op in ops:
        target = _resolve(op["python"])
        if op["hosts"]["python"]:
            assert callable(target), f"{op['python']} is missing"
        else:
            assert target is None, f"{op['python']} exists but the table says Python has no {op['name']}"


def test_nothing_public_is_missing_from_the_table() -> None:
    table = {op["python"] for op in trustloop.operations() if op["hosts"]["python"]}
    for name in MODULES:
        module = importlib.import_module(name)
        for attr in module.__all__:
            value = getattr(module, attr)
            if attr in NOT_OPERATIONS or inspect.ismodule(value):
                continue
            assert f"{name}.{attr}" in table, f"{name}.{attr} is public but not an operation in core/src/api/ops.rs"


# Python spellings that differ from the table's parameter names, and why.
RENAMED = {
    # One argument takes the archive bytes or a path (the table's data | path).
    "trustloop.anpkg.validate": {"data": "data_or_path", "path": "data_or_path"},
    # tiles/palettes/tile_size, or the whole spec mapping as the first argument.
    "trustloop.assets_pa.glyph_bank": {"spec": "tiles"},
}


def test_each_function_takes_the_parameters_the_table_names() -> None:
    """The table's parameters (core/src/api/ops.rs) are the public function's: its
    required ones positional and in order, the optional ones by name or keyword, the
    options as keyword arguments."""
    for op in trustloop.operations():
        if not op["hosts"]["python"]:
            continue
        signature = inspect.signature(_resolve(op["python"]))
        params = signature.parameters
        renamed = RENAMED.get(op["python"], {})
        names = [renamed.get(p["name"], p["name"]) for p in op["params"] if p["kind"] != "options"]
        positional = [n for n, p in params.items() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        required = [renamed.get(p["name"], p["name"]) for p in op["params"] if p["required"] and p["kind"] != "options"]
        assert positional[: len(required)] == required, f"{op['python']}{signature}: required {required}"
        for name in names:
            assert name in params, f"{op['python']}{signature} lacks {name}"
        if any(p["kind"] == "options" for p in op["params"]):
            assert any(p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD) for p in params.values()), f"{op['python']}: options are keywords"


def test_the_table_names_the_cli_command_where_there_is_one() -> None:
    by_name = {op["python"]: op for op in trustloop.operations()}
    assert by_name["trustloop.anip.verify_bundle"]["cli"] == "anip verify --package-bundle"
    assert by_name["trustloop.anip.verify_bundle"]["js"] == "verifyBundle"
    assert by_name["trustloop.assets_pa.pack_files"]["js"] == "assetsPa.packFiles"


def test_results_are_native_objects_equal_to_the_cli_json() -> None:
    from trustloop import anip, assets_pa, TrustloopError

    import pytest

    r = anip.ref_check("git+https://example.com/repo.git@0123456789abcdef0123456789abcdef01234567#sha256:" + "0" * 64)
    assert r["kind"] == "git" and r["digest"] == "sha256:" + "0" * 64
    with pytest.raises(TrustloopError) as e:
        anip.verify_bundle(b"not json")
    assert isinstance(e.value.findings, list) and e.value.findings[0]["code"] == "JSON_SYNTAX"
    spec = {"tile_size": 8, "tiles": [{"index": 0, "pixels": "12345678" * 8}], "palettes": [{"index": 0, "palette": [0, 63488] + [0] * 14}]}
    summary, payload = assets_pa.glyph_bank(spec)
    assert type(summary["tile_count"]) is int
    from_spec = assets_pa.write([{"asset_id": 1, "asset_name": "ui", "bank_type": "GLYPH", "glyph": spec}], [1])
    entry = {"asset_id": 1, "asset_name": "ui", "bank_type": "GLYPH", "metadata": summary["metadata"], "payload": payload}
    assert assets_pa.write([entry], [1]) == from_spec
    assert type(assets_pa.read(from_spec)["asset_table"][0]["asset_id"]) is int
    assert assets_pa.extract(from_spec, 1) == payload
    with pytest.raises(TypeError):
        assets_pa.write([dict(entry, payload_hex="00")], [])


def test_keys_come_in_the_order_the_cli_prints_them() -> None:
    from trustloop import assets_pa

    project = {"assets/.prometeu/index.json": b'{"schema_version":1,"next_asset_id":0,"assets":[]}'}
    report, _files = assets_pa.pack_files(project, out_dir="out")
    assert list(report)[:3] == ["ok", "assets", "preload"]  # a record: insertion order
    assert len(report["artifact_sha256"]) > 1
    assert list(report["artifact_sha256"]) == sorted(report["artifact_sha256"])  # a Go map: key order
    assert list(trustloop.operations()[0]) == ["family", "name", "flat", "python", "js", "cli", "summary", "hosts", "params", "returns", "fetches"]


def test_star_imports_shadow_no_stdlib_module() -> None:
    import sys

    for name in MODULES:
        namespace: dict = {}
        exec(f"from {name} import *", namespace)
        shadowed = set(namespace) & set(sys.stdlib_module_names)
        assert not shadowed, f"from {name} import * shadows the stdlib's {sorted(shadowed)}"
    # Still reachable by attribute and import.
    import trustloop.json

    assert trustloop.json.digest(b"{}").startswith("sha256:")


def test_the_distribution_is_not_the_unrelated_trustloop_on_pypi() -> None:
    """`pip install trustloop` installs an unrelated project with the same import name;
    this package is distributed as trustloop-verify."""
    from importlib import metadata

    assert metadata.distribution("trustloop-verify").metadata["Name"] == "trustloop-verify"
