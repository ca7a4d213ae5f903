"""Python host runner of the hostile suite: `python python_host.py OP INPUT`.

Runs one operation in-process through the `trustloop` module and prints one JSON line
`{"code": <finding code or null>}` (null: the input was accepted). A crash (signal) or
an exception other than TrustloopError is the failure the suite looks for.
"""
import json
import sys

import trustloop


def anpkg_validate(path):
    with open(path, "rb") as f:
        result = trustloop.anpkg.validate(f.read())
    return result["code"]


def anpkg_validate_path(path):
    # The host reads the path (issue 9 F8: size checked before reading).
    return trustloop.anpkg.validate(path)["code"]


def anpkg_export(project_dir):
    try:
        trustloop.anpkg.export(project_dir)
    except trustloop.TrustloopError as e:
        return e.code
    return None


OPS = {"anpkg-validate": anpkg_validate, "anpkg-validate-path": anpkg_validate_path, "anpkg-export": anpkg_export}

if __name__ == "__main__":
    op, arg = sys.argv[1], sys.argv[2]
    print(json.dumps({"code": OPS[op](arg)}))
