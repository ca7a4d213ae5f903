#!/usr/bin/env python3
"""Writes an asset project of BANKS glyph banks × TILES 8×8 PNG tiles (and one palettes
file each) under ROOT/assets, for timing and measuring `assets-pa pack` at scale
(assets-pa-pack-memory.sh, scaling.py). Deterministic.

Usage: assets-pa-project.py ROOT BANKS [TILES]
"""
import json, os, struct, sys, zlib
root, banks = sys.argv[1], int(sys.argv[2])
tiles = int(sys.argv[3]) if len(sys.argv) > 3 else 8
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
def png(seed):
    raw = b"".join(b"\x00" + bytes((x + y + seed) % 16 for x in range(8)) for y in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 3, 0, 0, 0))
            + chunk(b"PLTE", bytes(48)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
assets = []
os.makedirs(f"{root}/assets/.prometeu")
palettes = json.dumps({"schema_version": 1, "palettes": [{"index": 0, "palette": list(range(16))}]})
for i in range(banks):
    r = f"banks/b{i:05d}"
    d = f"{root}/assets/{r}"
    os.makedirs(d)
    for t in range(tiles):
        with open(f"{d}/{t}.png", "wb") as f:
            f.write(png(i + t))
    with open(f"{d}/palettes.json", "w") as f:
        f.write(palettes)
    with open(f"{d}/asset.json", "w") as f:
        json.dump({"schema_version": 1, "asset_uuid": f"uuid-{i}", "name": f"bank_{i}", "type": "glyph_bank",
                   "inputs": {"sprites": [f"{t}.png" for t in range(tiles)], "palettes": ["palettes.json"]},
                   "output": {"format": "GLYPH/indexed_v1", "codec": "NONE"},
                   "preload": {"enabled": i < 16}}, f)
    assets.append({"asset_id": i, "asset_uuid": f"uuid-{i}", "root": r, "included_in_build": True})
with open(f"{root}/assets/.prometeu/index.json", "w") as f:
    json.dump({"schema_version": 1, "next_asset_id": banks, "assets": assets}, f)
