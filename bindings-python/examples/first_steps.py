"""First steps with trustloop in Python: build and sign a local ANIP package, verify it,
catch a tampered copy, and verify many bundles in worker processes.

Run it with the wheel installed (`pip install trustloop-verify`):

    python first_steps.py examples/anip/order-desk-service-definition.json

It type-checks under `mypy --strict` (results are TypedDicts).
"""
from __future__ import annotations

import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import List

import trustloop
from trustloop import TrustloopError, anip


def failing_checks(bundle: bytes) -> List[str]:
    """The names of the checks that failed (empty when the bundle verifies)."""
    result = anip.verify_bundle(bundle)
    return [check["name"] for check in result["checks"] if check["status"] == "fail"]


def main(definition_path: str) -> int:
    definition = Path(definition_path).read_bytes()
    files = anip.build_local(definition, package_id="order-desk", package_version="1.0.0")
    bundle = files["order-desk-1.0.0.anip-package.json"]

    print(f"trustloop {trustloop.__version__}: verify -> {anip.verify_bundle(bundle)['status']}")

    document = json.loads(bundle)
    document["manifest"]["readme"] = f"{document['manifest'].get('readme', '')}\n(edited after signing)"
    tampered = json.dumps(document).encode()
    print("tampered copy fails:", ", ".join(failing_checks(tampered)))

    # Results and errors cross process boundaries (pickled): a worker's TrustloopError
    # reaches the caller with its code and findings.
    with ProcessPoolExecutor(max_workers=2) as pool:
        verdicts = list(pool.map(failing_checks, [bundle, tampered]))
        try:
            pool.submit(failing_checks, b"{").result()
        except TrustloopError as error:
            print(f"malformed bundle: {error.code} ({len(error.findings)} finding(s))")
    return 0 if verdicts[0] == [] and verdicts[1] != [] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
