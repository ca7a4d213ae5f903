"""Argument checks shared by the wrappers: bytes-like in, TypeError otherwise."""
from __future__ import annotations

from typing import List, Union

BytesLike = Union[bytes, bytearray, memoryview]


def as_bytes(value: object, name: str) -> bytes:
    """Accepts ``bytes``, ``bytearray`` or ``memoryview``; refuses ``str`` and others."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{name} must be bytes, bytearray or memoryview, not {type(value).__name__}")


def as_bytes_list(value: object, name: str) -> List[bytes]:
    """A batch's inputs: a list or tuple of bytes-like values."""
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{name} must be a list of bytes, not {type(value).__name__}")
    return [as_bytes(v, f"{name} item") for v in value]


def as_str(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be str, not {type(value).__name__}")
    return value
