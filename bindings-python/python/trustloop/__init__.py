"""trustloop: one Rust verification core, in-process in Python.

* :mod:`trustloop.json` — canonical JSON and digests (Go ``encoding/json`` compatible)
* :mod:`trustloop.anip` — ANIP package trust loop (verify bundles, definitions and
  registry packages, lock files, build-local, custom code bundles, refs,
  attach-implementation, lint)
* :mod:`trustloop.anpkg` — Anolis ``.anpkg`` handoff packages (validate, export)
* :mod:`trustloop.assets_pa` — Prometeu ``assets.pa`` archives (incl. packing a project)
* :func:`keygen` — a fresh Ed25519 key pair

Every failure raises :class:`TrustloopError` (``.code``, ``.message``, ``.findings``).
"""
from __future__ import annotations

import json as _json
from typing import Any, Dict

from . import _native
from . import anip, anpkg, assets_pa, json
from ._bytes import as_str
from ._errors import TrustloopError

__version__: str = _native.__version__

__all__ = ["TrustloopError", "anip", "anpkg", "assets_pa", "json", "keygen", "__version__"]


def keygen(key_id: str = "trustloop-ed25519") -> Dict[str, Any]:
    """A fresh Ed25519 key pair: ``key_id``, ``algorithm``, ``private_key_seed``,
    ``private_key``, ``public_key``, ``extra_public_entry`` (all strings)."""
    return _json.loads(_native.keygen(as_str(key_id, "key_id")))
