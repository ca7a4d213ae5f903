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


def test_the_table_names_the_cli_command_where_there_is_one() -> None:
    by_name = {op["python"]: op for op in trustloop.operations()}
    assert by_name["trustloop.anip.verify_bundle"]["cli"] == "anip verify --package-bundle"
    assert by_name["trustloop.anip.verify_bundle"]["js"] == "verifyBundle"
    assert by_name["trustloop.assets_pa.pack_files"]["js"] == "assetsPa.packFiles"
