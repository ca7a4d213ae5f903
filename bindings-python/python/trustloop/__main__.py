"""``python -m trustloop …``: the ``trustloop`` CLI the wheel carries (installed as a
script beside this interpreter, as ruff and uv ship theirs), with the same arguments,
output and exit code. A source install without the binary says so and exits 1.
"""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import List, Optional


def find_cli() -> Optional[Path]:
    """The ``trustloop`` executable this distribution installed, if any."""
    name = "trustloop.exe" if os.name == "nt" else "trustloop"
    user = sysconfig.get_preferred_scheme("user") if sys.version_info >= (3, 10) else f"{os.name}_user"
    for scripts in (sysconfig.get_path("scripts"), sysconfig.get_path("scripts", user)):
        candidate = Path(scripts) / name
        if candidate.is_file():
            return candidate
    return None


def main(argv: Optional[List[str]] = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    cli = find_cli()
    if cli is None:
        print(
            "error: this install of trustloop-verify carries no `trustloop` CLI "
            "(a source build without it); the release wheels ship it",
            file=sys.stderr,
        )
        return 1
    if os.name == "nt":
        return subprocess.run([str(cli), *args]).returncode
    os.execv(cli, [str(cli), *args])
    return 1  # not reached: execv replaces the process


if __name__ == "__main__":
    sys.exit(main())
