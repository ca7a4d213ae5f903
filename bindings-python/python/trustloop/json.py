"""Canonical JSON and digests exactly as the ANIP Go tools compute them.

``digest`` mode is Go ``encoding/json`` with HTML escaping off (every ANIP digest),
``signature`` mode escapes ``<``, ``>``, ``&`` (Ed25519 receipt payloads), ``jcs`` is
RFC 8785.
"""
from __future__ import annotations

from . import _derive, _native
from ._bytes import BytesLike, as_bytes, as_str

__all__ = ["canonicalize", "digest"]


def canonicalize(data: BytesLike, mode: str = "digest") -> bytes:
    """Canonical bytes of the JSON document ``data`` (no trailing newline).

    Raises :class:`trustloop.TrustloopError` for invalid JSON or an unknown ``mode``.
    """
    return _native.call("canonicalize", as_bytes(data, "data"), as_str(mode, "mode"))


def digest(data: BytesLike) -> str:
    """``sha256:<hex>`` of the digest-mode canonical bytes of ``data``."""
    return _native.call("digest", as_bytes(data, "data"))


# The operations of the table without a hand-written function above.
_derive.fill(globals(), "json")
