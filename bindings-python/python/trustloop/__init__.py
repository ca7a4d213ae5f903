"""trustloop: one Rust verification core, in-process in Python.

* :mod:`trustloop.json` — canonical JSON and digests (Go ``encoding/json`` compatible)
* :mod:`trustloop.anip` — ANIP package trust loop (verify bundles, definitions and
  registry packages, lock files, build-local, custom code bundles, refs,
  attach-implementation, lint)
* :mod:`trustloop.anpkg` — Anolis ``.anpkg`` handoff packages (validate, export)
* :mod:`trustloop.assets_pa` — Prometeu ``assets.pa`` archives (incl. packing a project)
* :func:`keygen` — a fresh Ed25519 key pair
* :func:`limits`, :func:`set_limit`, :func:`reset_limits` — the resource budgets
  (``docs/limits.md``) for this process

Every failure raises :class:`TrustloopError` (``.code``, ``.message``, ``.findings``;
picklable, so it crosses process boundaries). ``python -m trustloop`` is a small
command line (``--version``, ``verify FILE``).
"""
from __future__ import annotations

from typing import Any, Dict, List

from . import _derive, _native
from . import anip, anpkg, assets_pa, json
from ._bytes import as_str
from ._errors import TrustloopError

__version__: str = _native.__version__

# No stdlib module names: ``from trustloop import *`` must not shadow ``json``
# (``trustloop.json`` stays an attribute and an importable submodule).
__all__ = ["TrustloopError", "anip", "anpkg", "assets_pa", "keygen", "operations", "limits", "set_limit", "reset_limits", "__version__"]


def keygen(key_id: str = "trustloop-ed25519") -> Dict[str, Any]:
    """A fresh Ed25519 key pair: ``key_id``, ``algorithm``, ``private_key_seed``,
    ``private_key``, ``public_key``, ``extra_public_entry`` (all strings)."""
    return _native.call("keygen", as_str(key_id, "key_id"))


def operations() -> List[Dict[str, Any]]:
    """The core's operation table this package is derived from: ``[{family, name, python,
    js, cli, summary, hosts: {python, node, wasm}, params: [{name, kind, required}],
    returns, fetches}]`` (``python`` is the dotted path here)."""
    return _native.operations()


def limits() -> Dict[str, int]:
    """The resource budgets in force for this process, by name (``docs/limits.md``)."""
    return _native.call("limits")


def set_limit(name: str, value: int) -> None:
    """Sets one resource budget for this process, e.g. ``set_limit("yaml_nodes", 100_000)``
    (like ``sys.set_int_max_str_digits``: set once, before handling input). Per-call
    options such as ``anpkg.validate(max_entries=…)`` still win for that call. An unknown
    name, or a nesting budget raised above its ceiling, raises ``TrustloopError``
    (``INVALID_OPTION``)."""
    if not isinstance(name, str):
        raise TypeError("name must be str")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeError("value must be a non-negative int")
    _native.call("set_limit", name, value)


def reset_limits() -> None:
    """Puts every resource budget back to its default."""
    _native.call("reset_limits")


# The operations of the table without a hand-written function above.
_derive.fill(globals(), "")
