"""TrustloopError crosses process boundaries: pickling keeps code, message, findings,
exit code and any further attribute, so a ProcessPoolExecutor worker can raise it."""
from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

from trustloop import TrustloopError, anip


def _verify_malformed_bundle() -> None:
    anip.verify_bundle(b"{")


def _raised_by_the_core() -> TrustloopError:
    with pytest.raises(TrustloopError) as info:
        _verify_malformed_bundle()
    return info.value


def test_pickle_keeps_code_message_findings_exit_code_and_extra_attributes() -> None:
    error = _raised_by_the_core()
    assert error.findings, "the core's error carries findings"
    assert error.exit_code == 1, "the core's error carries the CLI's exit code"
    error.note = "added by the caller"  # type: ignore[attr-defined]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        copy = pickle.loads(pickle.dumps(error, protocol=protocol))
        assert type(copy) is TrustloopError
        assert (copy.code, copy.message, copy.findings, copy.exit_code) == (error.code, error.message, error.findings, 1)
        assert copy.note == "added by the caller"  # type: ignore[attr-defined]
        assert str(copy) == str(error)


def test_an_error_raised_in_a_process_pool_worker_reaches_the_caller() -> None:
    expected = _raised_by_the_core()
    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(_verify_malformed_bundle)
        with pytest.raises(TrustloopError) as info:
            future.result(timeout=120)
    got = info.value
    assert (got.code, got.message, got.findings, got.exit_code) == (expected.code, expected.message, expected.findings, expected.exit_code)
