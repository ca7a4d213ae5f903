"""Prometeu ``assets.pa`` runtime archives: write, read, verify, extract, companion
files, GLYPH banks and asset-project packing (spec ``assets-pa.md``)."""
from __future__ import annotations

import json as _json
from typing import Any, Dict, Mapping, Sequence, Tuple

from . import _native
from ._bytes import BytesLike, as_bytes, as_str

__all__ = ["write", "read", "verify", "extract", "companions", "glyph_bank", "pack"]


def write(entries: Sequence[Mapping[str, Any]], preload: Sequence[Any] = ()) -> bytes:
    """The archive bytes for ``entries`` (``{asset_id, asset_name, bank_type, codec?,
    metadata?}`` plus ``payload_base64``/``payload_hex``/``glyph``) and ``preload``."""
    return _native.assets_pa_write(_json.dumps(list(entries)), _json.dumps(list(preload)))


def read(data: BytesLike) -> Dict[str, Any]:
    """The parsed archive (header, asset table, preload); raises on the first error."""
    return _json.loads(_native.assets_pa_read(as_bytes(data, "data")))


def verify(data: BytesLike) -> Dict[str, Any]:
    """Every reader check: ``{ok, codes, findings, …}``. Never raises for bad archives."""
    return _json.loads(_native.assets_pa_verify(as_bytes(data, "data")))


def extract(data: BytesLike, asset_id: int) -> bytes:
    """One asset's payload slice."""
    if not isinstance(asset_id, int) or isinstance(asset_id, bool):
        raise TypeError("asset_id must be int")
    return _native.assets_pa_extract(as_bytes(data, "data"), asset_id)


def companions(data: BytesLike) -> Dict[str, bytes]:
    """The companion files of an archive: file name → bytes."""
    return {name: content for name, content in _native.assets_pa_companions(as_bytes(data, "data"))}


def glyph_bank(spec: Mapping[str, Any]) -> Tuple[Dict[str, Any], bytes]:
    """A GLYPH/indexed_v1 payload from ``{tile_size, tiles, palettes}``: (summary, payload)."""
    summary, payload = _native.assets_pa_glyph_bank(_json.dumps(dict(spec)))
    return _json.loads(summary), payload


def pack(files: Mapping[str, BytesLike], **options: Any) -> Tuple[Dict[str, Any], Dict[str, bytes]]:
    """Packs an in-memory asset project (project path → bytes): (report, written files).
    Options: ``out_dir`` (default ``build``)."""
    project = {as_str(k, "project path"): as_bytes(v, "file content") for k, v in files.items()}
    report, written = _native.assets_pa_pack(project, _json.dumps(options))
    return _json.loads(report), {name: content for name, content in written}
