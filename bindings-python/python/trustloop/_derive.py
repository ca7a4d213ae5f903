"""Functions for the operations of the core's table that have no hand-written function
in this package, derived from their rows (``trustloop.operations()``): the required
parameters positional, the optional ones positional or by keyword, the options as
keyword arguments. Values are checked by kind, then handed to the one native entry,
``_native.call``. Hand-written functions exist where a more idiomatic shape helps."""
from __future__ import annotations

from typing import Any, Callable, Dict, List, MutableMapping

from . import _native
from ._bytes import as_bytes, as_bytes_list, as_str


def _check(param: Dict[str, Any], value: Any) -> Any:
    if value is None:
        return None
    kind, name = param["kind"], param["name"]
    if kind == "bytes":
        return as_bytes(value, name)
    if kind == "text":
        return as_str(value, name)
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be int")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be bool")
        return value
    if kind == "bytes_list":
        return as_bytes_list(value, name)
    if kind == "files":
        return {as_str(k, f"{name} path"): as_bytes(v, f"{name} content") for k, v in value.items()}
    return value


def derived(row: Dict[str, Any]) -> Callable[..., Any]:
    """The function for one table row."""
    plain: List[Dict[str, Any]] = [p for p in row["params"] if p["kind"] != "options"]
    takes_options = len(plain) != len(row["params"])

    def operation(*args: Any, **kwargs: Any) -> Any:
        if len(args) > len(plain):
            raise TypeError(f"{row['name']}() takes {len(plain)} positional arguments but {len(args)} were given")
        values = []
        for i, param in enumerate(plain):
            if i < len(args):
                value = args[i]
            elif param["name"] in kwargs:
                value = kwargs.pop(param["name"])
            elif param["required"]:
                raise TypeError(f"{row['name']}() missing required argument: {param['name']!r}")
            else:
                value = None
            values.append(_check(param, value))
        if takes_options:
            return _native.call(row["flat"], *values, kwargs)
        if kwargs:
            raise TypeError(f"{row['name']}() got unexpected keyword arguments: {', '.join(kwargs)}")
        return _native.call(row["flat"], *values)

    operation.__name__ = operation.__qualname__ = row["name"]
    operation.__doc__ = f"{row['summary']} (derived from the operation table; CLI: {row['cli'] or '–'})."
    return operation


def fill(namespace: MutableMapping[str, Any], family: str) -> None:
    """Adds the family's operations this module lacks (and lists them in ``__all__``)."""
    for row in _native.operations():
        if row["family"] != family or not row["hosts"]["python"] or row["fetches"] or row["name"] in namespace:
            continue
        namespace[row["name"]] = derived(row)
        namespace["__all__"].append(row["name"])
