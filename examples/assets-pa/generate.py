#!/usr/bin/env python3
"""Regenerates the example asset project's tiles and palettes (stdlib only).

The committed files are the source of truth; this script documents how the art was
made and rebuilds it byte-identically:  python3 examples/assets-pa/generate.py
"""
import json
import os
import struct
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "assets")


def png_indexed(side, pixels, palette_rgb):
    """An 8-bit palette-indexed PNG; trustloop reads the indices, not the PLTE colours."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(pixels[y * side:(y + 1) * side]) for y in range(side))
    plte = b"".join(bytes(c) for c in palette_rgb)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 3, 0, 0, 0))
            + chunk(b"PLTE", plte) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def write(rel, data):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode) as f:
        f.write(data)


def write_json(rel, doc):
    write(rel, json.dumps(doc, indent=2) + "\n")


def from_rows(rows, side, scale=1, ox=0, oy=0):
    px = [0] * (side * side)
    for y, row in enumerate(rows):
        for x, ch in enumerate(row):
            if ch != ".":
                for dy in range(scale):
                    for dx in range(scale):
                        px[(oy + y * scale + dy) * side + ox + x * scale + dx] = int(ch, 16)
    return px


def hexcolour(rgb):
    return "#%02x%02x%02x" % rgb


PREVIEW = [(0, 0, 0), (255, 255, 255), (255, 64, 64), (255, 200, 0), (64, 160, 255), (40, 40, 80),
           (120, 200, 255), (250, 250, 250)] + [(0, 0, 0)] * 8

# Digits 0-9, 3x5 pixels drawn at 1:1 in an 8x8 tile, colour 1 with a colour-2 shadow.
DIGITS = ["111101101101111", "010110010010111", "111001111100111", "111001111001111", "101101111001001",
          "111100111001111", "111100111101111", "111001001001001", "111101111101111", "111101111001111"]
for d, bits in enumerate(DIGITS):
    rows = [bits[r * 3:r * 3 + 3].replace("0", ".") for r in range(5)]
    px = from_rows(rows, 8, ox=2, oy=1)
    for i, v in enumerate(list(px)):
        x, y = i % 8, i // 8
        if v == 1 and x + 1 < 8 and y + 1 < 8 and px[(y + 1) * 8 + x + 1] == 0:
            px[(y + 1) * 8 + x + 1] = 2
    write(f"ui/font/glyphs/{d}.png", png_indexed(8, px, PREVIEW))
write_json("ui/font/palettes.json", {"schema_version": 1, "palettes": [
    {"index": 0, "palette": ["#000000", "#ffffff", "#505050"] + ["#000000"] * 13},
    {"index": 1, "palette": ["#000000", "#ffd700", "#7f6b00"] + ["#000000"] * 13}]})

# 16x16 icons drawn 8x8 at scale 2: heart, star, coin, key.
ICONS = [
    ["........", ".22..22.", "22222222", "22222222", ".222222.", "..2222..", "...22...", "........"],
    ["...33...", "...33...", "33333333", ".333333.", "..3333..", ".33..33.", "33....33", "........"],
    ["..3333..", ".333333.", "33311333", "33311333", "33311333", "33311333", ".333333.", "..3333.."],
    [".333....", "3...3...", "3...3...", ".33333333", "....3.3.", "....3.3.", "........", "........"],
]
for i, rows in enumerate(ICONS):
    write(f"ui/icons/{i}.png", png_indexed(16, from_rows([r[:8] for r in rows], 16, scale=2), PREVIEW))
write_json("ui/icons/palettes.json", {"schema_version": 1, "palettes": [
    {"index": 0, "palette": [0x0000, 0xFFFF, 0xF800, 0xFEA0] + [0] * 12}]})

# 32x32 sky: a vertical gradient tile and a cloud tile.
gradient = [4 if y < 16 else 6 for y in range(32) for _ in range(32)]
cloud = [5] * 1024
for y in range(10, 22):
    for x in range(4, 28):
        if (x - 16) ** 2 / 144 + (y - 16) ** 2 / 36 <= 1:
            cloud[y * 32 + x] = 7
write("backgrounds/sky/0.png", png_indexed(32, gradient, PREVIEW))
write("backgrounds/sky/1.png", png_indexed(32, cloud, PREVIEW))
write_json("backgrounds/sky/palettes.json", {"schema_version": 1, "palettes": [
    {"index": 0, "palette": [hexcolour(c) for c in PREVIEW]}]})

# A legacy-named cursor (tile_bank / TILES/indexed_v1: migrated on read).
ARROW = ["1.......", "11......", "121.....", "1221....", "12221...", "1211....", "11.1....", "........"]
write("legacy/cursor/0.png", png_indexed(8, from_rows(ARROW, 8), PREVIEW))
write_json("legacy/cursor/palettes.json", {"schema_version": 1, "palettes": [
    {"index": 0, "palette": ["#000000", "#ffffff", "#40a0ff"] + ["#000000"] * 13}]})
print("example tiles and palettes written under", ROOT)
