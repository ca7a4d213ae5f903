"""The Dask example (bindings-python/examples/dask_verify.py) on a LocalCluster of two
worker processes: batch results come back in input order and equal the local calls,
and a TrustloopError raised on a worker reaches the caller with its code and findings.
The same code takes a real scheduler address (``--scheduler`` / ``$TRUSTLOOP_DASK_SCHEDULER``)."""
from __future__ import annotations

import importlib.util
from typing import Any, Iterator

import pytest
from distributed import Client, LocalCluster

from conftest import ROOT, example_bundles
from trustloop import TrustloopError, anip

_spec = importlib.util.spec_from_file_location("dask_verify", ROOT / "bindings-python" / "examples" / "dask_verify.py")
assert _spec and _spec.loader
dask_verify: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dask_verify)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


def test_batch_results_cross_the_cluster_in_order(client: Client) -> None:
    bundles = example_bundles(6)
    got = dask_verify.verify_on(client, bundles, chunk_size=3)
    assert got == anip.verify_many(bundles)
    assert [e.get("result", {}).get("status") for e in got] == ["ok"] * 6 + [None, "failed"]
    # The work ran in the worker processes, not here.
    assert len(client.scheduler_info()["workers"]) == 2


def test_a_trustloop_error_on_a_worker_reaches_the_caller(client: Client) -> None:
    with pytest.raises(TrustloopError) as caught:
        client.submit(dask_verify.verify_one, b"{", pure=False).result()
    local = pytest.raises(TrustloopError, anip.verify_bundle, b"{").value
    assert (caught.value.code, caught.value.message, caught.value.findings, caught.value.exit_code) == (
        local.code, local.message, local.findings, local.exit_code)
    assert caught.value.code == "JSON_SYNTAX" and caught.value.findings


def test_the_scheduler_address_comes_from_the_argument_or_the_environment(monkeypatch: pytest.MonkeyPatch, client: Client) -> None:
    address = client.scheduler.address
    monkeypatch.setenv(dask_verify.SCHEDULER_ENV, address)
    with dask_verify.connect(None) as remote:
        assert remote.scheduler.address == address
        assert dask_verify.verify_on(remote, [b"{}"]) == anip.verify_many([b"{}"])
