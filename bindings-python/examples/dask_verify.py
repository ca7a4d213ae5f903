"""Re-verify many ANIP package bundles on a Dask cluster: for a registry that
re-verifies every published package, beyond what one machine's cores do.

Each task verifies a chunk of bundles with ``anip.verify_many`` (which spreads the
chunk over the worker's cores, GIL released); the results come back in input order.
Results are plain dicts and ``TrustloopError`` pickles with its code, message,
findings and exit code, so both survive the trip between processes.

    # a real cluster (started with `dask scheduler` and `dask worker tcp://…:8786`):
    python dask_verify.py --scheduler tcp://scheduler.example:8786 bundles/*.anip-package.json
    TRUSTLOOP_DASK_SCHEDULER=tcp://scheduler.example:8786 python dask_verify.py bundles/*.json
    # no scheduler given: a LocalCluster on this machine
    python dask_verify.py bundles/*.anip-package.json

Prints one line per bundle (``ok``, ``failed`` or the error code) and exits 2 if any
bundle did not verify. Workers need ``trustloop-verify`` installed (the same version).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence

from distributed import Client, LocalCluster

from trustloop import anip

SCHEDULER_ENV = "TRUSTLOOP_DASK_SCHEDULER"


def verify_chunk(bundles: List[bytes]) -> List[Dict[str, Any]]:
    """Runs on a worker: one batch call for the whole chunk."""
    return anip.verify_many(bundles)


def verify_one(bundle: bytes) -> Dict[str, Any]:
    """Runs on a worker: one bundle, raising ``TrustloopError`` where upstream exits 1
    (the error reaches the caller of ``Future.result()``)."""
    return dict(anip.verify_bundle(bundle))


def chunks(items: Sequence[bytes], size: int) -> Iterator[List[bytes]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def verify_on(client: Client, bundles: Sequence[bytes], chunk_size: int = 64) -> List[Dict[str, Any]]:
    """Every bundle's batch entry (``{"result": …}`` or ``{"error": …}``), in input order."""
    futures = client.map(verify_chunk, list(chunks(bundles, chunk_size)), pure=False)
    return [entry for chunk in client.gather(futures) for entry in chunk]


def connect(scheduler: Optional[str]) -> Client:
    """The scheduler given (argument, else ``$TRUSTLOOP_DASK_SCHEDULER``), or a local cluster."""
    address = scheduler or os.environ.get(SCHEDULER_ENV)
    if address:
        return Client(address)
    return Client(LocalCluster(n_workers=2, threads_per_worker=1))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scheduler", help=f"scheduler address (default: ${SCHEDULER_ENV}, else a LocalCluster)")
    parser.add_argument("--chunk-size", type=int, default=64)
    parser.add_argument("bundles", nargs="+", type=Path)
    args = parser.parse_args(argv)
    with connect(args.scheduler) as client:
        entries = verify_on(client, [p.read_bytes() for p in args.bundles], args.chunk_size)
    bad = 0
    for path, entry in zip(args.bundles, entries):
        verdict = entry["result"]["status"] if "result" in entry else entry["error"]["code"]
        bad += verdict not in ("ok", "ok_legacy")
        print(f"{verdict}\t{path}")
    return 2 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
