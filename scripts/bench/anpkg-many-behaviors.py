#!/usr/bin/env python3
"""Writes a valid `.anpkg` with N behavior trees (default 5,000), for timing `.anpkg`
validate at scale: the fixture package `imported-profile.anpkg` plus N copies of a
behavior tree under runtime/behaviors/, listed in machine-profile.yaml's `behaviors`,
with meta/checksums.sha256 recomputed. Deterministic (fixed zip timestamps).

Usage: anpkg-many-behaviors.py FIXTURES_DIR OUT.anpkg [N]
"""
import hashlib, sys, zipfile

TREE = """<?xml version="1.0"?>
<root BTCPP_format="4">
  <BehaviorTree ID="Tree{i:05d}">
    <ReactiveSequence name="loop_{i:05d}">
      <GetParameterBool param="enable_{i}" value="{{enable}}"/>
      <GetParameter param="pwm_{i}" value="{{pwm}}"/>
      <AlwaysSuccess/>
    </ReactiveSequence>
  </BehaviorTree>
</root>
"""


def main(fixtures, out, n):
    src = zipfile.ZipFile(f"{fixtures}/anpkg/packages/imported-profile.anpkg")
    files = {name: src.read(name) for name in src.namelist() if not name.endswith("/")}
    trees = [f"runtime/behaviors/b{i:05d}.xml" for i in range(n)]
    for i, name in enumerate(trees):
        files[name] = TREE.format(i=i).encode()
    profile = files["machine-profile.yaml"].decode()
    assert "\nbehaviors:" not in profile
    files["machine-profile.yaml"] = (profile + "behaviors:\n" + "".join(f"  - {t}\n" for t in trees)).encode()
    files["meta/checksums.sha256"] = "".join(
        f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files) if name != "meta/checksums.sha256"
    ).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), files[name], zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5000)
