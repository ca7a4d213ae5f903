"""Prometeu ``assets.pa`` runtime archives: write, read, verify, extract, companion
files, GLYPH banks and asset-project packing, from a directory (:func:`pack`, as the
CLI) or from memory (:func:`pack_files`) (spec ``assets-pa.md``)."""
from __future__ import annotations

import base64 as _base64
import os as _os
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, Union

from . import _derive, _native
from .results import AssetsPaVerifyResult, PackReport
from ._bytes import BytesLike, as_bytes, as_str

__all__ = ["write", "read", "verify", "extract", "companions", "verify_companions", "glyph_bank", "pack", "pack_files"]


def _entry(entry: Mapping[str, Any], at: str) -> Mapping[str, Any]:
    """An entry whose ``payload`` is bytes, in the core's JSON form (``payload_base64``)."""
    if "payload" not in entry:
        return entry
    if any(k in entry for k in ("payload_base64", "payload_hex", "glyph")):
        raise TypeError(f"{at}: give one payload form (payload, payload_base64, payload_hex or glyph)")
    out = {k: v for k, v in entry.items() if k != "payload"}
    out["payload_base64"] = _base64.b64encode(as_bytes(entry["payload"], f"{at}.payload")).decode("ascii")
    return out


def write(entries: Sequence[Mapping[str, Any]], preload: Sequence[Any] = ()) -> bytes:
    """The archive bytes for ``entries`` (``{asset_id, asset_name, bank_type, codec?,
    metadata?}`` plus the payload: ``payload`` bytes, or ``payload_base64``/``payload_hex``
    text, or a ``glyph`` bank spec) and ``preload`` (the preloaded asset ids)."""
    listed = [_entry(e, f"entries[{i}]") for i, e in enumerate(entries)]
    return _native.call("assets_pa_write", listed, list(preload))


def read(data: BytesLike) -> Dict[str, Any]:
    """The parsed archive (header, asset table, preload); raises on the first error."""
    return _native.call("assets_pa_read", as_bytes(data, "data"))


def verify(data: BytesLike) -> AssetsPaVerifyResult:
    """Every reader check: ``{ok, codes, findings, …}``. Never raises for bad archives."""
    return _native.call("assets_pa_verify", as_bytes(data, "data"))


def extract(data: BytesLike, asset_id: int) -> bytes:
    """One asset's payload slice."""
    if not isinstance(asset_id, int) or isinstance(asset_id, bool):
        raise TypeError("asset_id must be int")
    return _native.call("assets_pa_extract", as_bytes(data, "data"), asset_id)


def companions(data: BytesLike) -> Dict[str, bytes]:
    """The companion files of an archive: file name → bytes."""
    return {name: content for name, content in _native.call("assets_pa_companions", as_bytes(data, "data"))}


def verify_companions(data: BytesLike, asset_table: BytesLike, preload: BytesLike) -> Dict[str, Any]:
    """Whether ``asset_table.json`` and ``preload.json`` mirror the archive byte for byte
    (PA-COMP-4): ``{ok, findings}``."""
    return _native.call(
        "assets_pa_verify_companions",
        as_bytes(data, "data"), as_bytes(asset_table, "asset_table"), as_bytes(preload, "preload")
    )


def glyph_bank(
    tiles: Union[Sequence[Mapping[str, Any]], Mapping[str, Any]],
    palettes: Optional[Sequence[Mapping[str, Any]]] = None,
    *,
    tile_size: Optional[int] = None,
) -> Tuple[Dict[str, Any], bytes]:
    """A GLYPH/indexed_v1 payload: ``(summary, payload)``.

    ``glyph_bank(tiles, palettes, tile_size=8)`` with tiles ``[{index, pixels}]``
    (palette indices 0..15) and palettes ``[{index, palette}]`` (16 RGB565 values), or
    ``glyph_bank({"tile_size": 8, "tiles": [...], "palettes": [...]})``.
    """
    if palettes is None:
        if not isinstance(tiles, Mapping):
            raise TypeError("glyph_bank(tiles, palettes, tile_size=...) or glyph_bank(spec)")
        spec: Dict[str, Any] = dict(tiles)
    else:
        if tile_size is None:
            raise TypeError("glyph_bank(tiles, palettes) needs tile_size= (8, 16 or 32)")
        spec = {"tile_size": tile_size, "tiles": list(tiles), "palettes": list(palettes)}
    summary, payload = _native.call("assets_pa_glyph_bank", spec)
    return summary, payload


def _path(value: object, name: str) -> str:
    if isinstance(value, (str, _os.PathLike)):
        return _os.fsdecode(_os.fspath(value))
    raise TypeError(f"{name} must be str or os.PathLike, not {type(value).__name__}")


def pack(project_dir: Union[str, "_os.PathLike[str]"], out_dir: Optional[Union[str, "_os.PathLike[str]"]] = None) -> PackReport:
    """``trustloop assets-pa pack``: packs the asset project in ``project_dir`` into
    ``out_dir`` (default ``<project_dir>/build``) and returns the report ``--json``
    prints: ``{ok, assets, preload, codes, diagnostics, artifacts: [{path, sha256, size}],
    artifact_sha256}``.

    Every input is validated before anything is written; the outputs are written into a
    staging directory next to ``out_dir`` and renamed into place together, so a project
    that does not pack (``ok`` false, ``diagnostics`` say why) leaves an existing output
    untouched. Symlinks inside the project are refused, not followed. Raises
    :class:`trustloop.TrustloopError` (``PA_PROJECT_IO``) when ``project_dir`` is not a
    directory.
    """
    out = None if out_dir is None else _path(out_dir, "out_dir")
    return _native.call("assets_pa_pack", _path(project_dir, "project_dir"), out)


def pack_files(files: Mapping[str, BytesLike], **options: Any) -> Tuple[PackReport, Dict[str, bytes]]:
    """Packs an in-memory asset project (project path → bytes): (report, written files),
    nothing touches the disk. Options: ``out_dir`` (prefix of the returned paths,
    default ``build``)."""
    project = {as_str(k, "project path"): as_bytes(v, "file content") for k, v in files.items()}
    report, written = _native.call("assets_pa_pack_files", project, options)
    return report, {name: content for name, content in written}


# The operations of the table without a hand-written function above.
_derive.fill(globals(), "assets_pa")
