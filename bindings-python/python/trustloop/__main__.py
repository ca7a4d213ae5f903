"""``python -m trustloop``: the version, and verifying one bundle or definition.

    python -m trustloop --version
    python -m trustloop verify FILE [--definition]

``verify`` prints the result object as JSON (indented; the content of
``trustloop anip verify --json``) and exits with its exit code (0 ok, 2 a check failed);
a hard error prints ``error: <message>`` on stderr and exits 1. ``FILE`` ``-`` is stdin.
The full command line is the ``trustloop`` CLI.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import List, Optional

from . import __version__, anip
from ._errors import TrustloopError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m trustloop", description="trustloop verification core")
    parser.add_argument("--version", action="version", version=f"trustloop {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    verify = commands.add_parser("verify", help="verify an .anip-package.json bundle (or a definition) and print the result JSON")
    verify.add_argument("file", help="the bundle, or with --definition a service definition; - reads stdin")
    verify.add_argument("--definition", action="store_true", help="FILE is a plain service definition")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.file == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(args.file, "rb") as f:
                data = f.read()
        verify = anip.verify_definition if args.definition else anip.verify_bundle
        result = verify(data, record_path=args.file)
    except (OSError, TrustloopError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return anip.exit_code(result)


if __name__ == "__main__":
    sys.exit(main())
