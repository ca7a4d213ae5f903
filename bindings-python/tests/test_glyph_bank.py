"""glyph_bank accepts the issue's (tiles, palettes) form and the spec form alike."""
import pytest

from trustloop import TrustloopError, assets_pa

TILES = [{"index": i, "pixels": [(p + i) % 16 for p in range(64)]} for i in range(2)]
PALETTES = [{"index": 0, "palette": [c * 2048 for c in range(16)]}]


def test_tiles_palettes_form_equals_spec_form():
    a = assets_pa.glyph_bank(TILES, PALETTES, tile_size=8)
    b = assets_pa.glyph_bank({"tile_size": 8, "tiles": TILES, "palettes": PALETTES})
    assert a == b
    summary, payload = a
    assert summary["metadata"]["tile_size"] == 8
    assert isinstance(payload, bytes) and len(payload) > 0


def test_tile_size_is_required_with_tiles_and_palettes():
    with pytest.raises(TypeError):
        assets_pa.glyph_bank(TILES, PALETTES)


def test_blocking_diagnostics_raise():
    with pytest.raises(TrustloopError) as e:
        assets_pa.glyph_bank(TILES + [dict(TILES[0])], PALETTES, tile_size=8)
    assert e.value.code.startswith("PA_")
