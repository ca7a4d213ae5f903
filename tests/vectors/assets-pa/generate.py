#!/usr/bin/env python3
"""Generates the assets.pa conformance vectors (spec assets-pa.md, rule ids PA-*).

Expected values come from the spec, never from running trustloop: the golden sha256s
of §17 are asserted here against an independent Python implementation of the v1
layout before anything is written, and every corruption case names the finding code
the spec assigns to the check it breaks (§10, PA-READ-2). Run from anywhere:

    python3 tests/vectors/assets-pa/generate.py

Writes *.json next to this script and binary archives under files/.
"""
import base64
import hashlib
import json
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")
REL_FILES = "tests/vectors/assets-pa/files"


# --- independent v1 layout (spec §2, §3, §6, §8, §9) ---------------------------------

def canon(v):
    """PA-HDR-2/3: sorted keys (code-point order = UTF-8 byte order), no whitespace."""
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def prelude(header_len, payload_offset=None, magic=b"PMTA", version=1, flags=0, reserved=0):
    if payload_offset is None:
        payload_offset = 32 + header_len
    return struct.pack("<4sIQQII", magic, version, header_len, payload_offset, flags, reserved)


def archive(header, payload=b"", padding=b"", **prelude_args):
    h = header if isinstance(header, bytes) else canon(header)
    po = prelude_args.pop("payload_offset", 32 + len(h) + len(padding))
    hl = prelude_args.pop("header_len", len(h))
    return prelude(hl, po, **prelude_args) + h + padding + payload


def glyph_payload(tile_size, tiles, palettes):
    plane = bytearray(256 * 256 // 2)
    per_row = 256 // tile_size
    for t, px in enumerate(tiles):
        x0, y0 = (t % per_row) * tile_size, (t // per_row) * tile_size
        for i, v in enumerate(px):
            idx = (y0 + i // tile_size) * 256 + x0 + i % tile_size
            plane[idx // 2] |= v if idx % 2 == 0 else v << 4
    pal = bytearray(2048)
    for p, colours in palettes.items():
        for c, value in enumerate(colours):
            struct.pack_into("<H", pal, (p * 16 + c) * 2, value)
    return bytes(plane + pal)


def glyph_entry(asset_id, name, tile_size, offset):
    return {"asset_id": asset_id, "asset_name": name, "bank_type": "GLYPH", "codec": "NONE",
            "decoded_size": 67584, "metadata": {"height": 256, "palette_count": 64,
                                                "tile_size": tile_size, "width": 256},
            "offset": offset, "size": 34816}


def sha(b):
    return hashlib.sha256(b).hexdigest()


def palette16(colours):
    out = [0] * 16
    for c, v in colours.items():
        out[c] = v
    return out


# --- the golden inputs of §17 ---------------------------------------------------------

V2_TILE = [x + 1 for y in range(8) for x in range(8)]
V2_PALETTE = palette16({1: 0xF800, 2: 0x07E0})

V3_BG = [1] + [0] * (32 * 32 - 1)
V3_FONT = [3] + [0] * 63
V3_HUD0 = [7] + [0] * 255
V3_HUD1 = [0] * 255 + [15]
V3_BG_PAL = palette16({1: 0x8410})
V3_FONT_PAL = palette16({3: 0x001F})
V3_HUD_PAL = palette16({15: 0xFFFF})

V1 = archive({"asset_table": [], "preload": []})
V2_PAYLOAD = glyph_payload(8, [V2_TILE], {0: V2_PALETTE})
V2_HEADER = {"asset_table": [glyph_entry(0, "ui", 8, 0)], "preload": [{"asset_id": 0, "slot": 0}]}
V2 = archive(V2_HEADER, V2_PAYLOAD)
V3_SLICES = {3: glyph_payload(8, [V3_FONT], {0: V3_FONT_PAL}),
             7: glyph_payload(16, [V3_HUD0, V3_HUD1], {63: V3_HUD_PAL}),
             9: glyph_payload(32, [V3_BG], {0: V3_BG_PAL})}
V3_HEADER = {"asset_table": [glyph_entry(3, "font", 8, 0), glyph_entry(7, "hud", 16, 34816),
                             glyph_entry(9, "bg", 32, 69632)],
             "preload": [{"asset_id": 3, "slot": 0}, {"asset_id": 7, "slot": 1}]}
V3 = archive(V3_HEADER, V3_SLICES[3] + V3_SLICES[7] + V3_SLICES[9])

# The spec's numbers (§17), checked against the independent layout above.
SPEC = {
    "v1": "877205722db8a517c2dcbf270563eec162f6f4954fa9daf373ffc87cadcb29b2",
    "v2": "833ed3f804dceb37acc76137ab31fa12654836ab6d8e3ffc7e8a5f0c674bc296",
    "v2_payload": "4c4dbc8b81034d6b07179e5ba187e09cddb7db9ad764359a9acc82424cea74b7",
    "v2_asset_table": "6bc03c5671a1f18241b7018efb3e7d9da3db509dbd98bb6d20c4b5ecea1b953f",
    "v3": "14c8ad040280e19fff8d65b182ebf87b368d388819fe3035c69630abd0d14a75",
    "v3_payload": "c34bf48559cf50ac48eecba1b00d4bd137ab2ecc0beddae9ed2bf03871fa5871",
    "v3_slice_3": "3dbcd68d8ee01361cf9a779d743985baff19b6226ba34732cc08d8b5ab9f0949",
    "v3_slice_7": "45cd33d60eab092280672f260b55dca9f73c0ab4a8f8b20a5791a39dda2eb710",
    "v3_slice_9": "2364ec8c40416777016b66bdafb037a89cb524dddc167fb8dbbd7281b510d5dc",
    "v3_asset_table": "a9a6cea25f119a9133ec6987d62c63fdbce3f0ec35e080aa1c9f7e7743bb0cdf",
}
assert len(V1) == 63 and sha(V1) == SPEC["v1"]
assert len(V2) == 35085 and sha(V2) == SPEC["v2"] and sha(V2_PAYLOAD) == SPEC["v2_payload"]
assert V2_PAYLOAD[0:4] == bytes.fromhex("21436587") and V2_PAYLOAD[128:132] == bytes.fromhex("21436587")
assert V2_PAYLOAD[32768:32774] == bytes.fromhex("0000" "00f8" "e007")
assert len(canon(V2_HEADER["asset_table"]) + b"\n") == 186
assert sha(canon(V2_HEADER["asset_table"]) + b"\n") == SPEC["v2_asset_table"]
assert len(V3) == 105122 and sha(V3) == SPEC["v3"]
assert sha(V3_SLICES[3] + V3_SLICES[7] + V3_SLICES[9]) == SPEC["v3_payload"]
assert all(sha(V3_SLICES[i]) == SPEC[f"v3_slice_{i}"] for i in (3, 7, 9))
assert V3_SLICES[7][1935] == 0xF0
assert len(canon(V3_HEADER["asset_table"]) + b"\n") == 567
assert sha(canon(V3_HEADER["asset_table"]) + b"\n") == SPEC["v3_asset_table"]


# --- helpers for cases ----------------------------------------------------------------

def b64(b):
    return base64.b64encode(b).decode()


def text_or_b64(b):
    try:
        s = b.decode("utf-8")
        if all(c >= " " or c in "\n\t" for c in s):
            return {"text": s}
    except UnicodeDecodeError:
        pass
    return {"base64": b64(b)}


written_files = {}


def file_input(name, data):
    os.makedirs(FILES, exist_ok=True)
    with open(os.path.join(FILES, name), "wb") as f:
        f.write(data)
    written_files[name] = True
    return {"file": f"{REL_FILES}/{name}"}


def small_or_file(name, data):
    return {"base64": b64(data)} if len(data) <= 4096 else file_input(name + ".pa", data)


def sha_tag(b):
    return "sha256:" + sha(b)


def hex_pixels(px):
    return "".join("0123456789abcdef"[v] for v in px)


def glyph_json(tile_size, tiles, palettes):
    return {"tile_size": tile_size,
            "tiles": [{"index": i, "pixels": hex_pixels(t)} for i, t in enumerate(tiles)],
            "palettes": [{"index": p, "palette": c} for p, c in sorted(palettes.items())]}


def write_file(name, description, cases):
    doc = {"area": "assets-pa", "description": description, "cases": cases}
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=True)
        f.write("\n")


# --- write vectors (golden bytes, PA-WRITE) -------------------------------------------

V2_ENTRIES = {"entries": [{"asset_id": 0, "asset_name": "ui", "bank_type": "GLYPH",
                           "glyph": glyph_json(8, [V2_TILE], {0: V2_PALETTE})}], "preload": [0]}
V3_ENTRIES = {"entries": [
    {"asset_id": 9, "asset_name": "bg", "bank_type": "GLYPH", "glyph": glyph_json(32, [V3_BG], {0: V3_BG_PAL})},
    {"asset_id": 3, "asset_name": "font", "bank_type": "GLYPH", "glyph": glyph_json(8, [V3_FONT], {0: V3_FONT_PAL})},
    {"asset_id": 7, "asset_name": "hud", "bank_type": "GLYPH",
     "glyph": glyph_json(16, [V3_HUD0, V3_HUD1], {63: V3_HUD_PAL})}], "preload": [7, 3]}


def write_case(name, rule, doc, expect, note=None):
    c = {"name": name, "rule": rule, "op": "assets_pa_write", "input": {"text": json.dumps(doc, separators=(",", ":"))},
         "expect": expect}
    if note:
        c["note"] = note
    return c


write_cases = [
    write_case("v1-empty-archive", "PA-PRELUDE-3 PA-PRELUDE-5 PA-HDR-2", {"entries": [], "preload": []},
               {"output_sha256": sha_tag(V1)}),
    write_case("v2-one-glyph", "PA-GLYPH-1..4 PA-PRELOAD-4 PA-SLICE-2", V2_ENTRIES, {"output_sha256": sha_tag(V2)}),
    write_case("v3-three-glyphs-out-of-order", "PA-WRITE-1 PA-PRELOAD-4 PA-SLICE-2", V3_ENTRIES,
               {"output_sha256": sha_tag(V3)}, "input order 9, 3, 7 and preload order 7, 3 must not matter"),
    write_case("v2-from-raw-payload", "PA-WRITE-1",
               {"entries": [{"asset_id": 0, "asset_name": "ui", "bank_type": "GLYPH", "codec": "NONE",
                             "metadata": {"height": 256, "palette_count": 64, "tile_size": 8, "width": 256},
                             "payload_base64": b64(V2_PAYLOAD)}], "preload": [0]},
               {"output_sha256": sha_tag(V2)}),
    write_case("sounds-refused", "PA-SOUNDS-2",
               {"entries": [{"asset_id": 1, "asset_name": "sfx", "bank_type": "SOUNDS", "payload_hex": "00"}],
                "preload": []}, {"error_code": "PA_WRITE_SOUNDS_UNSUPPORTED"}),
    write_case("legacy-codec-refused", "PA-CODEC-1",
               {"entries": [dict(V2_ENTRIES["entries"][0], codec="RAW")], "preload": []},
               {"error_code": "PA_UNKNOWN_CODEC"}),
    write_case("duplicate-asset-id-refused", "PA-ENTRY-3",
               {"entries": [V2_ENTRIES["entries"][0], V2_ENTRIES["entries"][0]], "preload": []},
               {"error_code": "PA_DUPLICATE_ASSET_ID"}),
    write_case("preload-unknown-asset-refused", "PA-PRELOAD-5",
               {"entries": V2_ENTRIES["entries"], "preload": [4]}, {"error_code": "PA_PRELOAD_UNKNOWN_ASSET"}),
    write_case("glyph-metadata-collision-refused", "PA-WRITE-2",
               {"entries": [dict(V2_ENTRIES["entries"][0], metadata={"tile_size": 8})], "preload": []},
               {"error_code": "PA_ASSET_METADATA_COLLISION"}),
    write_case("wrong-glyph-size-refused-by-self-check", "PA-WRITE-3 PA-GLYPH-5",
               {"entries": [{"asset_id": 0, "asset_name": "ui", "bank_type": "GLYPH",
                             "metadata": {"height": 256, "palette_count": 64, "tile_size": 8, "width": 256},
                             "payload_hex": "00"}], "preload": []},
               {"error_code": "PA_GLYPH_CONTRACT"}),
    write_case("float-metadata-refused-by-self-check", "PA-WRITE-3 PA-HDR-4",
               {"entries": [dict(V2_ENTRIES["entries"][0], metadata={"scale": 1.5})], "preload": []},
               {"error_code": "PA_NUMBER_NOT_ALLOWED"}),
]
write_file("write.json", "assets.pa writer: golden bytes of spec §17 V1-V3 (sha256 from the spec) and refusals.",
           write_cases)

# --- companions, read and extract vectors --------------------------------------------

V2_IN = file_input("v2.pa", V2)
V3_IN = file_input("v3.pa", V3)

other_cases = [
    {"name": "v1-companions", "rule": "PA-COMP-2", "op": "assets_pa_companions", "input": {"base64": b64(V1)},
     "expect": {"files_sha256": {"asset_table.json": sha_tag(b"[]\n"), "preload.json": sha_tag(b"[]\n")}}},
    {"name": "v2-companions", "rule": "PA-COMP-2", "op": "assets_pa_companions", "input": V2_IN,
     "expect": {"files_sha256": {"asset_table.json": "sha256:" + SPEC["v2_asset_table"],
                                 "preload.json": sha_tag(b'[{"asset_id":0,"slot":0}]\n')}}},
    {"name": "v3-companions", "rule": "PA-COMP-2", "op": "assets_pa_companions", "input": V3_IN,
     "expect": {"files_sha256": {"asset_table.json": "sha256:" + SPEC["v3_asset_table"],
                                 "preload.json": sha_tag(canon(V3_HEADER["preload"]) + b"\n")}}},
    {"name": "v1-read", "rule": "PA-READ-3", "op": "assets_pa_read", "input": {"base64": b64(V1)},
     "expect": {"result_subset": {"prelude": {"magic": "PMTA", "schema_version": 1, "header_len": 31,
                                              "payload_offset": 63, "flags": 0, "reserved": 0},
                                  "file_len": 63, "payload_len": 0, "asset_table": [], "preload": [],
                                  "warnings": []}}},
    {"name": "v2-read", "rule": "PA-READ-3", "op": "assets_pa_read", "input": V2_IN,
     "expect": {"result_subset": {"prelude": {"header_len": 237, "payload_offset": 269},
                                  "file_len": 35085, "payload_len": 34816,
                                  "asset_table": V2_HEADER["asset_table"], "preload": V2_HEADER["preload"],
                                  "warnings": []}}},
    {"name": "v3-read", "rule": "PA-READ-3", "op": "assets_pa_read", "input": V3_IN,
     "expect": {"result_subset": {"prelude": {"header_len": 642, "payload_offset": 674},
                                  "asset_table": V3_HEADER["asset_table"], "preload": V3_HEADER["preload"],
                                  "warnings": []}}},
    {"name": "v2-read-bad-magic-is-an-error", "rule": "PA-READ-1", "op": "assets_pa_read",
     "input": {"base64": b64(b"PMTU" + V1[4:])}, "expect": {"error_code": "PA_BAD_MAGIC"}},
]
for i in (3, 7, 9):
    other_cases.append({"name": f"v3-extract-{i}", "rule": "PA-ENV-2 PA-SLICE-1", "op": "assets_pa_extract",
                        "input": V3_IN, "options": {"asset_id": i},
                        "expect": {"output_sha256": "sha256:" + SPEC[f"v3_slice_{i}"]}})
other_cases.append({"name": "v3-extract-unknown", "rule": "PA-READ-3", "op": "assets_pa_extract", "input": V3_IN,
                    "options": {"asset_id": 4}, "expect": {"error_code": "PA_EXTRACT_UNKNOWN_ASSET"}})
write_file("read.json", "assets.pa reader: read results, companion mirrors and slice extraction for spec §17 V1-V3.",
           other_cases)

# --- corruption suite (verify), every reader check ------------------------------------

# A small structurally valid base (one SOUNDS entry, accepted without payload checks,
# PA-BANK-2) keeps prelude/header/preload cases small; GLYPH-contract cases need the
# real 34816-byte slice and are stored under files/.
S_ENTRY = {"asset_id": 5, "asset_name": "sfx", "bank_type": "SOUNDS", "codec": "NONE", "decoded_size": 8,
           "metadata": {"sample_rate": 22050}, "offset": 0, "size": 8}
S_HEADER = {"asset_table": [S_ENTRY], "preload": [{"asset_id": 5, "slot": 0}]}
S_PAYLOAD = bytes(range(1, 9))
S = archive(S_HEADER, S_PAYLOAD)
S_HL = len(canon(S_HEADER))


def with_entry(**changes):
    e = dict(S_ENTRY, **changes)
    return {"asset_table": [e], "preload": S_HEADER["preload"]}


def header_text(text, payload=S_PAYLOAD):
    return archive(text.encode() if isinstance(text, str) else text, payload)


def two_sounds(a, b, preload=None, payload=None):
    return {"asset_table": [dict(S_ENTRY, **a), dict(S_ENTRY, **b)], "preload": preload or []}


def g_entry(**changes):
    e = glyph_entry(0, "ui", 8, 0)
    meta = changes.pop("metadata", None)
    if meta is not None:
        e["metadata"] = meta
    e.update(changes)
    return e


def g_meta(**changes):
    m = {"height": 256, "palette_count": 64, "tile_size": 8, "width": 256}
    for k, v in changes.items():
        if v is None:
            m.pop(k)
        else:
            m[k] = v
    return m


V2_HL = len(canon(V2_HEADER))
zeros = bytes(34816)

corrupt = [
    # Prelude (PA-PRELUDE-6, §10 step 1)
    ("prelude-truncated-31-bytes", "PA-PRELUDE-6", S[:31], "PA_PRELUDE_TRUNCATED"),
    ("prelude-empty-file", "PA-PRELUDE-6", b"", "PA_PRELUDE_TRUNCATED"),
    ("prelude-magic-pmtu", "PA-PRELUDE-6", b"PMTU" + S[4:], "PA_BAD_MAGIC"),
    ("prelude-magic-lowercase", "PA-PRELUDE-6", b"pmta" + S[4:], "PA_BAD_MAGIC"),
    ("prelude-schema-version-2", "PA-PRELUDE-6", prelude(S_HL, version=2) + S[32:], "PA_UNSUPPORTED_SCHEMA_VERSION"),
    ("prelude-schema-version-0", "PA-PRELUDE-6", prelude(S_HL, version=0) + S[32:], "PA_UNSUPPORTED_SCHEMA_VERSION"),
    ("prelude-flags-1", "PA-PRELUDE-6", prelude(S_HL, flags=1) + S[32:], "PA_NON_ZERO_FLAGS"),
    ("prelude-reserved-1", "PA-PRELUDE-6", prelude(S_HL, reserved=1) + S[32:], "PA_NON_ZERO_RESERVED"),
    ("prelude-header-len-beyond-file", "PA-PRELUDE-6", prelude(len(S), 32 + len(S)) + S[32:],
     "PA_HEADER_OUT_OF_BOUNDS"),
    ("prelude-header-len-u64-max", "PA-PRELUDE-6", prelude(2**64 - 1, 0) + S[32:], "PA_HEADER_OUT_OF_BOUNDS"),
    ("prelude-payload-offset-inside-header", "PA-PRELUDE-6", prelude(S_HL, 32 + S_HL - 1) + S[32:],
     "PA_PAYLOAD_OFFSET_INVALID"),
    ("prelude-payload-offset-beyond-file", "PA-PRELUDE-6", prelude(S_HL, len(S) + 1) + S[32:],
     "PA_PAYLOAD_OFFSET_INVALID"),
    ("prelude-non-zero-padding", "PA-PRELUDE-6 D3", archive(S_HEADER, S_PAYLOAD, padding=b"\x00\x01\x00\x00"),
     "PA_NON_ZERO_PADDING"),
    # Header bytes and shape (§10 steps 2-3)
    ("header-not-utf8", "PA-HDR-6", header_text(b'{"asset_table":[],"preload":["\xff"]}', b""), "PA_HEADER_NOT_UTF8"),
    ("header-not-json", "PA-HDR-6", header_text('{"asset_table":[', b""), "PA_HEADER_NOT_JSON"),
    ("header-array-root", "PA-HDR-6", header_text("[]", b""), "PA_HEADER_NOT_OBJECT"),
    ("header-duplicate-top-level-key", "PA-HDR-6", header_text('{"asset_table":[],"preload":[],"preload":[]}', b""),
     "PA_HEADER_DUPLICATE_KEY"),
    ("header-duplicate-entry-key", "PA-HDR-6",
     header_text(canon(S_HEADER).decode().replace('"size":8', '"size":8,"size":8')), "PA_HEADER_DUPLICATE_KEY"),
    ("header-missing-asset-table", "PA-HDR-6", header_text('{"preload":[]}', b""), "PA_HEADER_SHAPE"),
    ("header-asset-table-not-array", "PA-HDR-1", header_text('{"asset_table":{},"preload":[]}', b""),
     "PA_HEADER_SHAPE"),
    ("header-preload-not-array", "PA-HDR-1", header_text('{"asset_table":[],"preload":{}}', b""), "PA_HEADER_SHAPE"),
    ("entry-missing-size", "PA-ENTRY-6",
     header_text(canon({"asset_table": [{k: v for k, v in S_ENTRY.items() if k != "size"}], "preload": []})),
     "PA_HEADER_SHAPE"),
    ("entry-empty-asset-name", "PA-ENTRY-6", archive(with_entry(asset_name=""), S_PAYLOAD), "PA_HEADER_SHAPE"),
    ("entry-metadata-not-object", "PA-ENTRY-6", archive(with_entry(metadata=[]), S_PAYLOAD), "PA_HEADER_SHAPE"),
    ("entry-asset-id-string", "PA-ENTRY-6", archive(with_entry(asset_id="5"), S_PAYLOAD), "PA_HEADER_SHAPE"),
    # Numbers (§10 step 4)
    ("number-negative", "PA-HDR-4", header_text(canon(S_HEADER).decode().replace('"offset":0', '"offset":-0')),
     "PA_NUMBER_NOT_ALLOWED"),
    ("number-2-pow-53", "PA-HDR-4",
     header_text(canon(S_HEADER).decode().replace('"sample_rate":22050', '"sample_rate":9007199254740992')),
     "PA_NUMBER_NOT_ALLOWED"),
    ("number-integral-fraction", "PA-HDR-4", header_text(canon(S_HEADER).decode().replace('"size":8', '"size":8.0')),
     "PA_NUMBER_NOT_ALLOWED"),
    ("number-exponent-in-metadata", "PA-HDR-4",
     header_text(canon(S_HEADER).decode().replace('"sample_rate":22050', '"sample_rate":1e3')),
     "PA_NUMBER_NOT_ALLOWED"),
    # Entries (§10 step 5)
    ("entry-asset-id-2147483648", "PA-HDR-5", archive(with_entry(asset_id=2147483648), S_PAYLOAD),
     "PA_ASSET_ID_OUT_OF_RANGE"),
    ("entry-codec-raw", "PA-CODEC-1", archive(with_entry(codec="RAW"), S_PAYLOAD), "PA_UNKNOWN_CODEC"),
    ("entry-codec-lz4", "PA-CODEC-1", archive(with_entry(codec="LZ4"), S_PAYLOAD), "PA_UNKNOWN_CODEC"),
    ("entry-codec-lowercase-none", "PA-CODEC-1", archive(with_entry(codec="none"), S_PAYLOAD), "PA_UNKNOWN_CODEC"),
    ("entry-bank-legacy-tiles", "PA-BANK-3", archive(with_entry(bank_type="TILES"), S_PAYLOAD),
     "PA_UNKNOWN_BANK_TYPE"),
    ("entry-bank-lowercase-glyph", "PA-BANK-3", archive(with_entry(bank_type="glyph"), S_PAYLOAD),
     "PA_UNKNOWN_BANK_TYPE"),
    ("table-duplicate-asset-id", "PA-ENTRY-6", archive(two_sounds({"size": 4}, {"offset": 4, "size": 4}), S_PAYLOAD),
     "PA_DUPLICATE_ASSET_ID"),
    ("table-not-sorted", "PA-ENTRY-3",
     archive(two_sounds({"asset_id": 6, "size": 4}, {"offset": 4, "size": 4}), S_PAYLOAD), "PA_ASSET_TABLE_NOT_SORTED"),
    # Slices (§10 step 6)
    ("slice-past-payload-end", "PA-SLICE-3", archive(with_entry(size=9), S_PAYLOAD), "PA_SLICE_OUT_OF_BOUNDS"),
    ("slice-offset-overflows", "PA-SLICE-3", archive(with_entry(offset=9007199254740991), S_PAYLOAD),
     "PA_SLICE_OUT_OF_BOUNDS"),
    ("slice-overlap", "PA-SLICE-3",
     archive(two_sounds({"size": 5}, {"asset_id": 6, "offset": 3, "size": 5}), S_PAYLOAD), "PA_SLICE_OVERLAP"),
    ("slice-trailing-byte", "PA-SLICE-3 D4", S + b"\x00", "PA_TRAILING_PAYLOAD_BYTES"),
    ("slice-empty-table-with-payload", "PA-SLICE-3", archive({"asset_table": [], "preload": []}, b"\x00"),
     "PA_TRAILING_PAYLOAD_BYTES"),
    # GLYPH contract (§10 step 6, PA-GLYPH-5), with real-size slices
    ("glyph-tile-size-12", "PA-GLYPH-5", archive({"asset_table": [g_entry(metadata=g_meta(tile_size=12))]}, zeros),
     "PA_GLYPH_CONTRACT"),
    ("glyph-width-128", "PA-GLYPH-5", archive({"asset_table": [g_entry(metadata=g_meta(width=128))]}, zeros),
     "PA_GLYPH_CONTRACT"),
    ("glyph-palette-count-16", "PA-GLYPH-5",
     archive({"asset_table": [g_entry(metadata=g_meta(palette_count=16))]}, zeros), "PA_GLYPH_CONTRACT"),
    ("glyph-missing-tile-size", "PA-GLYPH-5",
     archive({"asset_table": [g_entry(metadata=g_meta(tile_size=None))]}, zeros), "PA_GLYPH_CONTRACT"),
    ("glyph-size-34815", "PA-GLYPH-5", archive({"asset_table": [g_entry(size=34815)]}, zeros[:34815]),
     "PA_GLYPH_CONTRACT"),
    ("glyph-decoded-size-65536", "PA-GLYPH-5", archive({"asset_table": [g_entry(decoded_size=65536)]}, zeros),
     "PA_GLYPH_CONTRACT"),
    # Preload (§10 step 7)
    ("preload-unknown-asset", "PA-PRELOAD-5",
     archive({"asset_table": [S_ENTRY], "preload": [{"asset_id": 4, "slot": 0}]}, S_PAYLOAD),
     "PA_PRELOAD_UNKNOWN_ASSET"),
    ("preload-duplicate-asset", "PA-PRELOAD-5",
     archive({"asset_table": [S_ENTRY], "preload": [{"asset_id": 5, "slot": 0}, {"asset_id": 5, "slot": 1}]},
             S_PAYLOAD), "PA_PRELOAD_DUPLICATE_ASSET"),
    ("preload-slot-conflict", "PA-PRELOAD-5",
     archive(two_sounds({"size": 4}, {"asset_id": 6, "offset": 4, "size": 4},
                        [{"asset_id": 5, "slot": 0}, {"asset_id": 6, "slot": 0}]), S_PAYLOAD),
     "PA_PRELOAD_SLOT_CONFLICT"),
    ("preload-entry-missing-slot", "PA-PRELOAD-5",
     archive({"asset_table": [S_ENTRY], "preload": [{"asset_id": 5}]}, S_PAYLOAD), "PA_HEADER_SHAPE"),
    ("preload-slot-beyond-i32", "PA-PRELOAD-5",
     archive({"asset_table": [S_ENTRY], "preload": [{"asset_id": 5, "slot": 2147483648}]}, S_PAYLOAD),
     "PA_HEADER_SHAPE"),
]

verify_cases = []
for name, rule, data, code in corrupt:
    verify_cases.append({"name": name, "rule": rule, "op": "assets_pa_verify", "input": small_or_file(name, data),
                         "expect": {"result_subset": {"ok": False, "codes": [code]}}})

# Accepted inputs, some with warnings (§19).
v2_padded = archive(V2_HEADER, V2_PAYLOAD, padding=bytes(4))
two_gap = {"asset_table": [dict(S_ENTRY, size=3), dict(S_ENTRY, asset_id=6, offset=4, size=4)], "preload": []}
accepted = [
    ("accept-v1", "PA-PRELUDE-6", V1, []),
    ("accept-v2", "PA-READ-1", V2, []),
    ("accept-v2-zero-padding", "PA-PRELUDE-6 D3", v2_padded, []),
    ("accept-small-sounds-base", "PA-BANK-2 D11", S, []),
    ("accept-missing-preload", "PA-HDR-6", archive({"asset_table": [S_ENTRY]}, S_PAYLOAD), []),
    ("accept-asset-id-0-and-max", "PA-HDR-5",
     archive(two_sounds({"asset_id": 0, "size": 4}, {"asset_id": 2147483647, "offset": 4, "size": 4}), S_PAYLOAD),
     []),
    ("accept-zero-size-slice-at-payload-end", "PA-SLICE-4",
     archive(two_sounds({"size": 8}, {"asset_id": 6, "offset": 8, "size": 0}), S_PAYLOAD), []),
    ("warn-unknown-entry-key", "PA-ENTRY-6", archive(with_entry(extra=1), S_PAYLOAD), ["PA_UNKNOWN_KEY"]),
    ("warn-unknown-top-level-key", "PA-HDR-6", archive(dict(S_HEADER, comment="x"), S_PAYLOAD), ["PA_UNKNOWN_KEY"]),
    ("warn-header-not-canonical", "PA-HDR-6",
     header_text(json.dumps(S_HEADER, sort_keys=True)), ["PA_HEADER_NOT_CANONICAL"]),
    ("warn-slice-gap", "PA-SLICE-4", archive(two_gap, S_PAYLOAD), ["PA_NON_CANONICAL_SLICE_LAYOUT"]),
    ("warn-preload-slot-16-glyph", "PA-PRELOAD-5",
     archive({"asset_table": V2_HEADER["asset_table"], "preload": [{"asset_id": 0, "slot": 16}]}, V2_PAYLOAD),
     ["PA_PRELOAD_NOT_CANONICAL", "PA_PRELOAD_SLOT_BEYOND_KNOWN_RANGE"]),
    ("warn-preload-reordered", "PA-PRELOAD-5",
     archive({"asset_table": V3_HEADER["asset_table"], "preload": list(reversed(V3_HEADER["preload"]))},
             V3_SLICES[3] + V3_SLICES[7] + V3_SLICES[9]), ["PA_PRELOAD_NOT_CANONICAL"]),
]
for name, rule, data, codes in accepted:
    inp = V2_IN if data == V2 else small_or_file(name, data)
    verify_cases.append({"name": name, "rule": rule, "op": "assets_pa_verify", "input": inp,
                         "expect": {"result_subset": {"ok": True, "codes": codes}}})
write_file("verify.json",
           "assets.pa reader/validator: the corruption suite (one case per reader check, each with the finding "
           "code of spec §10 PA-READ-2) and accepted inputs with their warnings.", verify_cases)

# --- glyph bank builder ---------------------------------------------------------------

def gb_case(name, rule, doc, expect):
    return {"name": name, "rule": rule, "op": "assets_pa_glyph_bank",
            "input": {"text": json.dumps(doc, separators=(",", ":"))}, "expect": expect}


def bank(tile_size, n, palettes=1):
    return {"tile_size": tile_size, "tiles": [{"index": i, "pixels": "0" * tile_size * tile_size} for i in range(n)],
            "palettes": [{"index": p, "palette": [0] * 16} for p in range(palettes)]}


gb = [
    gb_case("v2-tile", "PA-GLYPH-1..4", glyph_json(8, [V2_TILE], {0: V2_PALETTE}),
            {"result_subset": {"payload_sha256": "sha256:" + SPEC["v2_payload"], "size": 34816, "decoded_size": 67584,
                               "metadata": {"height": 256, "palette_count": 64, "tile_size": 8, "width": 256},
                               "palette_authored": 1, "tile_count": 1}}),
    gb_case("v3-hud-two-tiles", "PA-GLYPH-3", glyph_json(16, [V3_HUD0, V3_HUD1], {63: V3_HUD_PAL}),
            {"result_subset": {"payload_sha256": "sha256:" + SPEC["v3_slice_7"], "tile_count": 2}}),
    gb_case("hex-colour-strings", "PA-GLYPH-4",
            {"tile_size": 8, "tiles": [{"index": 0, "pixels": V2_TILE}],
             "palettes": [{"index": 0, "palette": ["#000000", "#ff0000", "#00ff00"] + [0] * 13}]},
            {"result_subset": {"payload_sha256": "sha256:" + SPEC["v2_payload"]}}),
    gb_case("tiles-listed-out-of-order", "PA-GLYPH-1",
            {"tile_size": 16, "tiles": [{"index": 1, "pixels": hex_pixels(V3_HUD1)},
                                        {"index": 0, "pixels": hex_pixels(V3_HUD0)}],
             "palettes": [{"index": 63, "palette": V3_HUD_PAL}]},
            {"result_subset": {"payload_sha256": "sha256:" + SPEC["v3_slice_7"]}}),
    gb_case("tile-size-12", "PA-DIAG-2", bank(12, 1), {"error_code": "PA_GLYPH_BAD_METADATA"}),
    gb_case("duplicate-tile-index", "PA-DIAG-2",
            dict(bank(8, 2), tiles=[{"index": 0, "pixels": "0" * 64}, {"index": 0, "pixels": "0" * 64}]),
            {"error_code": "PA_GLYPH_DUPLICATE_TILE_INDEX"}),
    gb_case("missing-tile-index", "PA-DIAG-2",
            dict(bank(8, 2), tiles=[{"index": 0, "pixels": "0" * 64}, {"index": 2, "pixels": "0" * 64}]),
            {"error_code": "PA_GLYPH_MISSING_TILE_INDEX"}),
    gb_case("capacity-65-tiles-at-32", "PA-GLYPH-1 PA-DIAG-2",
            {"tile_size": 32, "tiles": [{"index": i, "pixels": ""} for i in range(65)],
             "palettes": [{"index": 0, "palette": [0] * 16}]}, {"error_code": "PA_GLYPH_CAPACITY_OVERFLOW"}),
    gb_case("pixel-value-16", "PA-GLYPH-7",
            dict(bank(8, 1), tiles=[{"index": 0, "pixels": [16] + [0] * 63}]),
            {"error_code": "PA_GLYPH_PIXEL_OUT_OF_RANGE"}),
    gb_case("tile-wrong-pixel-count", "PA-DIAG-2", dict(bank(8, 1), tiles=[{"index": 0, "pixels": "0" * 63}]),
            {"error_code": "PA_GLYPH_TILE_MALFORMED"}),
    gb_case("no-palettes", "PA-DIAG-2", bank(8, 1, palettes=0), {"error_code": "PA_GLYPH_NO_PALETTES"}),
    gb_case("65-palettes", "PA-DIAG-2", bank(8, 1, palettes=65), {"error_code": "PA_GLYPH_TOO_MANY_PALETTES"}),
    gb_case("palette-index-64", "PA-GLYPH-1 PA-DIAG-2",
            dict(bank(8, 1), palettes=[{"index": 64, "palette": [0] * 16}]),
            {"error_code": "PA_GLYPH_MALFORMED_PALETTE"}),
    gb_case("palette-15-colours", "PA-DIAG-2", dict(bank(8, 1), palettes=[{"index": 0, "palette": [0] * 15}]),
            {"error_code": "PA_GLYPH_MALFORMED_PALETTE"}),
    gb_case("palette-colour-65536", "PA-DIAG-2",
            dict(bank(8, 1), palettes=[{"index": 0, "palette": [65536] + [0] * 15}]),
            {"error_code": "PA_GLYPH_MALFORMED_PALETTE"}),
]
write_file("glyph-bank.json", "GLYPH/indexed_v1 payload builder (PA-GLYPH-7) and its blocking diagnostics (PA-DIAG-2).",
           gb)


# --- packer vectors (a project as a map of files) -------------------------------------

def png_indexed(side, pixels):
    """A minimal 8-bit palette-indexed PNG (stdlib only)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(pixels[y * side:(y + 1) * side]) for y in range(side))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 3, 0, 0, 0))
            + chunk(b"PLTE", bytes(48)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def asset_json(uuid, name, sprites, preload=True, **extra):
    doc = {"schema_version": 1, "asset_uuid": uuid, "name": name, "type": "glyph_bank",
           "inputs": {"sprites": sprites, "palettes": ["palettes.json"]},
           "output": {"format": "GLYPH/indexed_v1", "codec": "NONE"}, "preload": {"enabled": preload}}
    doc.update(extra)
    return doc


def palettes_json(palettes):
    return {"schema_version": 1, "palettes": [{"index": p, "palette": c} for p, c in sorted(palettes.items())]}


def project(files):
    out = {}
    for path, content in sorted(files.items()):
        if isinstance(content, (dict, list)):
            out[path] = {"text": json.dumps(content, indent=2) + "\n"}
        else:
            out[path] = {"base64": b64(content)}
    return {"files": out}


V2_PROJECT = {
    "assets/.prometeu/index.json": {"schema_version": 1, "next_asset_id": 1, "assets": [
        {"asset_id": 0, "asset_uuid": "0b9c5f0e-ui", "root": "ui", "included_in_build": True}]},
    "assets/ui/asset.json": asset_json("0b9c5f0e-ui", "ui", ["tiles/0.png"]),
    "assets/ui/tiles/0.png": png_indexed(8, V2_TILE),
    "assets/ui/palettes.json": palettes_json({0: V2_PALETTE}),
}
V3_PROJECT = {
    "assets/.prometeu/index.json": {"schema_version": 1, "next_asset_id": 12, "assets": [
        {"asset_id": 9, "asset_uuid": "u-bg", "root": "backgrounds/bg", "included_in_build": True},
        {"asset_id": 3, "asset_uuid": "u-font", "root": "font", "included_in_build": True},
        {"asset_id": 7, "asset_uuid": "u-hud", "root": "hud", "included_in_build": True},
        {"asset_id": 11, "asset_uuid": "u-old", "root": "old", "included_in_build": False}]},
    "assets/backgrounds/bg/asset.json": asset_json("u-bg", "bg", ["0.png"], preload=False),
    "assets/backgrounds/bg/0.png": png_indexed(32, V3_BG),
    "assets/backgrounds/bg/palettes.json": palettes_json({0: V3_BG_PAL}),
    "assets/font/asset.json": asset_json("u-font", "font", ["glyphs/0.png"]),
    "assets/font/glyphs/0.png": png_indexed(8, V3_FONT),
    "assets/font/palettes.json": palettes_json({0: V3_FONT_PAL}),
    "assets/hud/asset.json": asset_json("u-hud", "hud", ["1.png", "0.png"]),
    "assets/hud/0.png": png_indexed(16, V3_HUD0),
    "assets/hud/1.png": png_indexed(16, V3_HUD1),
    "assets/hud/palettes.json": palettes_json({63: V3_HUD_PAL}),
    "assets/old/asset.json": asset_json("u-old", "old", ["0.png"]),
    "assets/stray/asset.json": asset_json("u-stray", "stray", ["0.png"]),
}


def pack_case(name, rule, files, expect, note=None):
    c = {"name": name, "rule": rule, "op": "assets_pa_pack_files", "input": {"text": json.dumps(project(files))},
         "expect": expect}
    if note:
        c["note"] = note
    return c


def changed(base, **updates):
    out = dict(base)
    for k, v in updates.items():
        out[k.replace("__", "/")] = v
    return out


ok_v2 = {"result_subset": {"ok": True, "assets": 1, "preload": 1, "codes": [], "artifact_sha256": {
    "build/assets.pa": SPEC["v2"], "build/asset_table.json": SPEC["v2_asset_table"],
    "build/preload.json": sha(b'[{"asset_id":0,"slot":0}]\n')}}}
V2_ASSET = "assets/ui/asset.json"
V2_INDEX = "assets/.prometeu/index.json"
legacy = asset_json("0b9c5f0e-ui", "ui", ["tiles/0.png"])
legacy["type"] = "tile_bank"
legacy["output"] = {"format": "TILES/indexed_v1", "codec": "NONE"}


def with_file(base, path, content):
    d = dict(base)
    d[path] = content
    return d


def failing(codes):
    return {"result_subset": {"ok": False, "codes": codes}}


idx = V2_PROJECT[V2_INDEX]
pack_cases = [
    pack_case("v2-project", "PA-WRITE-2 PA-COMP-2", V2_PROJECT, ok_v2,
              "the project of spec §17 V2 as PNG tile + palettes file packs to V2's exact bytes"),
    pack_case("v3-project", "PA-WRITE-1 PA-ENTRY-3 PA-INDEX-3", V3_PROJECT,
              {"result_subset": {"ok": True, "assets": 3, "preload": 2,
                                 "codes": ["PA_UNREGISTERED_ROOT", "PA_EXCLUDED_FROM_BUILD"],
                                 "artifact_sha256": {"build/assets.pa": SPEC["v3"],
                                                     "build/asset_table.json": SPEC["v3_asset_table"]}}},
              "registry order, sprite order and an excluded/unregistered root must not change V3's bytes"),
    pack_case("legacy-names-migrated", "PA-MIG-3", with_file(V2_PROJECT, V2_ASSET, legacy),
              {"result_subset": {"ok": True, "codes": ["PA_MIGRATED", "PA_MIGRATED"],
                                 "artifact_sha256": {"build/assets.pa": SPEC["v2"]}}}),
    pack_case("asset-json-schema-version-2", "PA-MIG-2",
              with_file(V2_PROJECT, V2_ASSET, dict(V2_PROJECT[V2_ASSET], schema_version=2)),
              failing(["PA_UNSUPPORTED_INPUT_VERSION"])),
    pack_case("asset-json-schema-version-0", "PA-MIG-2",
              with_file(V2_PROJECT, V2_ASSET, dict(V2_PROJECT[V2_ASSET], schema_version=0)),
              failing(["PA_UNSUPPORTED_INPUT_VERSION"])),
    pack_case("index-json-schema-version-2", "PA-MIG-2",
              with_file(V2_PROJECT, V2_INDEX, dict(idx, schema_version=2)), failing(["PA_UNSUPPORTED_INPUT_VERSION"])),
    pack_case("codec-raw-rejected", "PA-MIG-3",
              with_file(V2_PROJECT, V2_ASSET, dict(V2_PROJECT[V2_ASSET], output={"format": "GLYPH/indexed_v1",
                                                                                   "codec": "RAW"})),
              failing(["PA_ASSET_CODEC_REJECTED"])),
    pack_case("index-missing", "PA-INDEX-1", {k: v for k, v in V2_PROJECT.items() if k != V2_INDEX},
              failing(["PA_INDEX_MISSING"])),
    pack_case("index-malformed", "PA-DIAG-3", with_file(V2_PROJECT, V2_INDEX, b"{"), failing(["PA_INDEX_MALFORMED"])),
    pack_case("index-duplicate-root", "PA-INDEX-3",
              with_file(V2_PROJECT, V2_INDEX, dict(idx, next_asset_id=2, assets=idx["assets"] + [
                  {"asset_id": 1, "asset_uuid": "other", "root": "ui", "included_in_build": True}])),
              failing(["PA_INDEX_DUPLICATE_ROOT"])),
    pack_case("index-duplicate-uuid", "PA-INDEX-3",
              with_file(V2_PROJECT, V2_INDEX, dict(idx, next_asset_id=2, assets=idx["assets"] + [
                  {"asset_id": 1, "asset_uuid": "0b9c5f0e-ui", "root": "ui2", "included_in_build": True}])),
              failing(["PA_INDEX_DUPLICATE_ASSET_UUID"])),
    pack_case("index-next-asset-id-not-above-max", "PA-INDEX-3",
              with_file(V2_PROJECT, V2_INDEX, dict(idx, next_asset_id=0)), failing(["PA_INDEX_NEXT_ASSET_ID"])),
    pack_case("identity-conflict", "PA-INDEX-3",
              with_file(V2_PROJECT, V2_ASSET, dict(V2_PROJECT[V2_ASSET], asset_uuid="someone-else")),
              failing(["PA_ASSET_IDENTITY_CONFLICT"])),
    pack_case("input-path-dotdot", "PA-ASSET-3",
              with_file(V2_PROJECT, V2_ASSET, asset_json("0b9c5f0e-ui", "ui", ["../ui/tiles/0.png"])),
              failing(["PA_ASSET_BAD_INPUT_PATH"])),
    pack_case("metadata-collision", "PA-WRITE-2",
              with_file(V2_PROJECT, V2_ASSET, dict(V2_PROJECT[V2_ASSET], output={
                  "format": "GLYPH/indexed_v1", "codec": "NONE", "metadata": {"tile_size": 8}})),
              failing(["PA_ASSET_METADATA_COLLISION"])),
    pack_case("excluded-from-build", "PA-ENTRY-3",
              with_file(V2_PROJECT, V2_INDEX, dict(idx, assets=[dict(idx["assets"][0], included_in_build=False)])),
              {"result_subset": {"ok": True, "assets": 0, "preload": 0, "codes": ["PA_EXCLUDED_FROM_BUILD"],
                                 "artifact_sha256": {"build/assets.pa": SPEC["v1"]}}}),
    pack_case("sound-bank-blocking", "PA-SOUNDS-2",
              with_file(V2_PROJECT, V2_ASSET, dict(V2_PROJECT[V2_ASSET], type="sound_bank", output={
                  "format": "SOUNDS/pcm16le_v1", "codec": "NONE"})),
              failing(["PA_ASSET_SOUNDS_UNSUPPORTED"])),
    pack_case("pipeline-stays-out-of-header", "PA-ENTRY-5 PA-COMP-3",
              with_file(V2_PROJECT, V2_ASSET, dict(V2_PROJECT[V2_ASSET], output={
                  "format": "GLYPH/indexed_v1", "codec": "NONE", "pipeline": {"tool": "aseprite"}})), ok_v2),
    pack_case("png-pixel-index-16", "PA-GLYPH-7",
              with_file(V2_PROJECT, "assets/ui/tiles/0.png", png_indexed(8, [16] + [0] * 63)),
              failing(["PA_GLYPH_PIXEL_OUT_OF_RANGE"])),
    pack_case("png-not-a-png", "PA-MIG-4", with_file(V2_PROJECT, "assets/ui/tiles/0.png", b"GIF89a"),
              failing(["PA_GLYPH_PNG_INVALID"])),
    pack_case("input-missing", "PA-ASSET-3",
              {k: v for k, v in V2_PROJECT.items() if k != "assets/ui/palettes.json"}, failing(["PA_ASSET_INPUT_MISSING"])),
]
write_file("pack.json",
           "asset-project packer: a project given as a map of files (op input {\"files\": {path: input form}}); "
           "golden outputs reuse spec §17 sha256s.", pack_cases)

# Remove stale binary files.
for name in os.listdir(FILES):
    if name not in written_files:
        os.remove(os.path.join(FILES, name))
print(f"wrote {len(write_cases)} write, {len(other_cases)} read, {len(verify_cases)} verify "
      f"({len(corrupt)} corruption), {len(gb)} glyph-bank, {len(pack_cases)} pack cases; {len(written_files)} files")
