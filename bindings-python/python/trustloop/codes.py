"""Every finding and error code trustloop emits, once, from the core's table
(``docs/codes.md``): ``codes()`` lists them with their section, severity and meaning;
each code is also a module constant (``codes.PA_BAD_MAGIC == "PA_BAD_MAGIC"``), and
``Code`` is the ``Literal`` type of them all (spelled out in ``codes.pyi``)::

    from trustloop import codes
    if err.code == codes.REGISTRY_FETCH_FAILED: ...
"""
from __future__ import annotations

from typing import Any, Dict, List, Literal

from . import _native


def codes() -> List[Dict[str, Any]]:
    """``[{"code", "section", "severity", "meaning"}]`` in table order; ``severity`` is
    ``error``, ``warning``, ``info``, ``varies`` (both, by context) or ``retired``."""
    return _native.codes()


# The constants come from the table at import, so this file names no code itself.
_NAMES = tuple(row["code"] for row in codes())
globals().update({name: name for name in _NAMES})
Code = Literal[_NAMES]  # type: ignore[valid-type]
