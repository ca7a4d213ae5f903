"""trustloop.assets_pa.pack: an asset project directory packed like
``trustloop assets-pa pack`` (staging then promotion, symlinks refused)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict

import pytest

from trustloop import TrustloopError, assets_pa

from conftest import ROOT, require_cli

EXAMPLE = ROOT / "examples" / "assets-pa"


def _copy(tmp_path: Path, name: str) -> Path:
    d = tmp_path / name
    shutil.copytree(EXAMPLE, d, ignore=shutil.ignore_patterns("build"))
    return d


def _cli_pack(project: Path) -> Dict[str, Any]:
    out = subprocess.run([str(require_cli()), "assets-pa", "pack", str(project), "--json"], capture_output=True, timeout=120)
    return json.loads(out.stdout)


def _portable(report: Dict[str, Any], out_dir: Path) -> Dict[str, Any]:
    """The report with artifact paths made relative to the output directory."""
    r = json.loads(json.dumps(report))
    prefix = str(out_dir) + "/"
    for a in r["artifacts"]:
        assert a["path"].startswith(prefix), a["path"]
        a["path"] = a["path"][len(prefix):]
    r["artifact_sha256"] = {k[len(prefix):]: v for k, v in r["artifact_sha256"].items()}
    return r


def test_pack_matches_the_cli_byte_for_byte(tmp_path: Path) -> None:
    ours = _copy(tmp_path, "ours")
    theirs = _copy(tmp_path, "theirs")
    report = assets_pa.pack(ours)
    assert report["ok"] is True, report["diagnostics"]
    expected = _cli_pack(theirs)
    assert expected["ok"] is True
    assert _portable(report, ours / "build") == _portable(expected, theirs / "build")
    names = sorted(p.name for p in (ours / "build").iterdir())
    assert names == sorted(p.name for p in (theirs / "build").iterdir())
    for name in names:
        assert (ours / "build" / name).read_bytes() == (theirs / "build" / name).read_bytes(), name
    # No staging directory is left behind.
    assert [p.name for p in ours.iterdir() if p.name.startswith(".build.staging")] == []
    # The archive verifies, and the in-memory packer gives the same bytes.
    archive = (ours / "build" / "assets.pa").read_bytes()
    assert assets_pa.verify(archive)["ok"] is True
    files = {p.relative_to(ours).as_posix(): p.read_bytes() for p in ours.rglob("*") if p.is_file() and "build" not in p.parts}
    _r, written = assets_pa.pack_files(files)
    assert written["build/assets.pa"] == archive


def test_out_dir(tmp_path: Path) -> None:
    project = _copy(tmp_path, "p")
    out = tmp_path / "elsewhere" / "out"
    report = assets_pa.pack(project, out_dir=out)
    assert report["ok"] is True
    assert (out / "assets.pa").is_file()
    assert report["artifacts"][0]["path"] == str(out / "assets.pa")
    assert not (project / "build").exists()


def test_a_failing_project_leaves_the_existing_output_untouched(tmp_path: Path) -> None:
    project = _copy(tmp_path, "p")
    assert assets_pa.pack(project)["ok"] is True
    before = {p.name: p.read_bytes() for p in (project / "build").iterdir()}
    (project / "build" / "keep.txt").write_text("mine")
    index = project / "assets" / ".prometeu" / "index.json"
    index.write_text(index.read_text().replace('"schema_version": 1', '"schema_version": 99'))
    report = assets_pa.pack(project)
    assert report["ok"] is False
    assert report["diagnostics"] and report["artifacts"] == []
    assert report == _cli_pack(project)
    after = {p.name: p.read_bytes() for p in (project / "build").iterdir()}
    assert after == dict(before, **{"keep.txt": b"mine"})
    assert [p.name for p in project.iterdir() if ".staging" in p.name] == []


def test_symlinked_inputs_are_refused(tmp_path: Path) -> None:
    project = _copy(tmp_path, "p")
    secret = tmp_path / "secret.json"
    secret.write_text("{}")
    palettes = project / "assets" / "ui" / "font" / "palettes.json"
    palettes.unlink()
    os.symlink(secret, palettes)
    report = assets_pa.pack(project)
    assert report["ok"] is False
    assert "PA_PROJECT_IO" in report["codes"]
    assert not (project / "build").exists()


def test_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(TrustloopError) as info:
        assets_pa.pack(tmp_path / "missing")
    assert info.value.code == "PA_PROJECT_IO"
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(TrustloopError) as info:
        assets_pa.pack(f)
    assert info.value.message == f"{f} is not a directory"
    with pytest.raises(TypeError):
        assets_pa.pack(b"/tmp")  # type: ignore[arg-type]
