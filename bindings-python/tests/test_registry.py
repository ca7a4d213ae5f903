"""Registry sources over real HTTP: a server on 127.0.0.1 (ephemeral port) serves the
recorded registry responses (tests/examples/anip-registry/, written by
tests/vectors/anip-registry/generate.py); trustloop fetches them with urllib and must
agree with the trustloop CLI. What the core decides from the bodies (tampering,
lifecycle, trust policy, locks) is pinned by the vectors of tests/vectors/anip-registry/,
which every host runs; this file tests the fetching."""
from __future__ import annotations

import json
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

from trustloop import TrustloopError, anip

from conftest import ROOT, require_cli

ID, VERSION = "order-desk", "1.0.0"
API = "/registry-api/v1"


def published(scenario: str = "published") -> Tuple[Dict[str, Any], Dict[str, Any], Dict[str, Any]]:
    """Recorded responses of the example package: (record, receipt, keys)."""
    folder = ROOT / "tests" / "examples" / "anip-registry" / scenario
    return tuple(json.loads((folder / f"{name}.json").read_text(encoding="utf-8")) for name in ("download", "receipt", "keys"))  # type: ignore[return-value]


class Registry:
    """A loopback registry serving one package; records every request path."""

    def __init__(self, record: Dict[str, Any], receipt: Dict[str, Any], keys: Dict[str, Any], big: Optional[int] = None) -> None:
        bodies = {
            f"{API}/packages/{ID}/{VERSION}/download": json.dumps(record, indent=2).encode(),
            f"{API}/packages/{ID}/{VERSION}/receipt": json.dumps(receipt, indent=2).encode(),
            f"{API}/keys": json.dumps(keys, indent=2).encode(),
        }
        if big is not None:
            bodies[f"{API}/keys"] = b" " * big
        self.paths: List[str] = []
        paths = self.paths

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                paths.append(self.path)
                body = bodies.get(self.path.split("?", 1)[0])
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def serve() -> Iterator[Any]:
    started: List[Registry] = []

    def start(record: Dict[str, Any], receipt: Dict[str, Any], keys: Dict[str, Any], **kw: Any) -> Registry:
        r = Registry(record, receipt, keys, **kw)
        started.append(r)
        return r

    yield start
    for r in started:
        r.close()


def _cli(args: List[str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(require_cli()), *args], capture_output=True, timeout=120, stdin=subprocess.DEVNULL)


def _failed(result: Dict[str, Any]) -> List[str]:
    return [c["name"] for c in result["checks"] if c["status"] == "fail"]


def test_verifies_a_registry_package_like_the_cli(serve: Any) -> None:
    reg = serve(*published())
    r = anip.verify_registry(reg.base, f"{ID}@{VERSION}")
    assert r["status"] == "ok", _failed(r)
    assert r["source_kind"] == "registry"
    assert r["receipt_status"] == "verified"
    assert r["registry_record_path"] == f"{reg.base}{API}/packages/{ID}/{VERSION}"
    assert reg.paths == [f"{API}/packages/{ID}/{VERSION}/download", f"{API}/packages/{ID}/{VERSION}/receipt", f"{API}/keys"]
    out = _cli(["anip", "verify", "--registry-url", reg.base, "--package", f"{ID}@{VERSION}", "--json"])
    assert out.returncode == 0, out.stderr
    assert r == json.loads(out.stdout)
    # The base may already end with the API path (and a slash).
    assert anip.verify_registry(f"{reg.base}{API}/", f" {ID}@{VERSION} ") == r


def test_sans_io_form_agrees(serve: Any) -> None:
    record, receipt, keys = published()
    reg = serve(record, receipt, keys)
    fetched = anip.verify_registry(reg.base, f"{ID}@{VERSION}")
    direct = anip.verify_registry_responses(
        f"{reg.base}{API}/packages/{ID}/{VERSION}",
        json.dumps(record).encode(),
        json.dumps({"receipt": receipt}).encode(),
        json.dumps(keys).encode(),
    )
    assert direct == fetched


def test_yanked_packages_are_fetched_with_allow_yanked_only_on_request(serve: Any) -> None:
    reg = serve(*published("yanked"))
    with pytest.raises(TrustloopError) as info:
        anip.verify_registry(reg.base, f"{ID}@{VERSION}")
    out = _cli(["anip", "verify", "--registry-url", reg.base, "--package", f"{ID}@{VERSION}"])
    assert out.returncode == 1 and out.stderr.decode().strip() == info.value.message
    assert reg.paths[-3] == f"{API}/packages/{ID}/{VERSION}/download"
    r = anip.verify_registry(reg.base, f"{ID}@{VERSION}", allow_yanked_package=True)
    assert r["status"] == "ok", _failed(r)
    assert reg.paths[-3] == f"{API}/packages/{ID}/{VERSION}/download?allow_yanked=true"
    with pytest.raises(TypeError):
        anip.verify_registry(reg.base, f"{ID}@{VERSION}", allow_yanked_package="yes")  # type: ignore[arg-type]


def test_registry_lock_like_the_cli_and_verify_from_the_lock_alone(serve: Any) -> None:
    reg = serve(*published())
    lock = anip.write_lock_registry(reg.base, f"{ID}@{VERSION}")
    out = _cli(["anip", "lock", "write", "--registry-url", reg.base, "--package", f"{ID}@{VERSION}", "-o", "-"])
    assert out.returncode == 0, out.stderr
    assert lock == out.stdout
    doc = json.loads(lock)
    assert doc["source_kind"] == "registry"
    assert doc["registry_url"] == f"{reg.base}{API}"
    # ANIP-LOCK-3: the lock names the registry and the package.
    r = anip.verify_registry(None, lock=lock)
    assert r["status"] == "ok", _failed(r)
    # A re-published package passes trust checks but not the lock (ANIP-LOCK-6).
    republished = serve(*published("republished"))
    r = anip.verify_registry(republished.base, lock=lock)
    assert _failed(r) == ["package_lock_matches"]
    with pytest.raises(TrustloopError) as info:
        anip.verify_registry(reg.base, lock=b"{not json")
    assert info.value.code == "JSON_SYNTAX"


def test_fetch_errors(serve: Any) -> None:
    reg = serve(*published())
    with pytest.raises(TrustloopError) as info:
        anip.verify_registry(reg.base, "missing@9.9.9")
    assert info.value.code == "REGISTRY_FETCH_FAILED"
    assert info.value.message == f"registry request failed: GET {reg.base}{API}/packages/missing/9.9.9/download: 404 Not Found"
    with pytest.raises(TrustloopError) as info:
        anip.verify_registry(reg.base, "no-version")
    assert (info.value.code, info.value.message) == ("PACKAGE_REF_INVALID", "package reference must use package_id@package_version")
    with pytest.raises(TrustloopError) as info:
        anip.verify_registry(reg.base)
    assert info.value.message == "package id and package version are required for registry resolution"
    with pytest.raises(TrustloopError) as info:
        anip.verify_registry(None, f"{ID}@{VERSION}")
    assert info.value.code == "REGISTRY_URL_REQUIRED"
    with pytest.raises(TrustloopError) as info:
        anip.verify_registry("file:///etc", f"{ID}@{VERSION}")
    assert info.value.code == "REGISTRY_FETCH_FAILED"
    with pytest.raises(TypeError):
        anip.verify_registry(reg.base, f"{ID}@{VERSION}", timeout=0)


def test_registry_urls_are_built_like_the_cli() -> None:
    """The shared native helper (also the Node addon's): Go ``url.PathEscape`` segments,
    the API path appended once, ``allow_yanked`` on the download URL only."""
    from trustloop import _native

    t = _native.call("registry_target", " http://h:1/base/ ", "acme/glue pkg@1.0+b", None, True)
    assert t == {
        "registry_url": "http://h:1/base/registry-api/v1",
        "package_url": "http://h:1/base/registry-api/v1/packages/acme%2Fglue%20pkg/1.0+b",
        "download_url": "http://h:1/base/registry-api/v1/packages/acme%2Fglue%20pkg/1.0+b/download?allow_yanked=true",
        "receipt_url": "http://h:1/base/registry-api/v1/packages/acme%2Fglue%20pkg/1.0+b/receipt",
        "keys_url": "http://h:1/base/registry-api/v1/keys",
    }
    t = _native.call("registry_target", "http://h/registry-api/v1", "a@b@1.0", None, False)
    assert t["package_url"] == "http://h/registry-api/v1/packages/a@b/1.0"
    assert t["download_url"].endswith("/download")


def test_oversized_bodies_are_refused(serve: Any) -> None:
    record, receipt, keys = published()
    reg = serve(record, receipt, keys, big=anip.MAX_REGISTRY_BODY_BYTES + 1)
    with pytest.raises(TrustloopError) as info:
        anip.verify_registry(reg.base, f"{ID}@{VERSION}")
    assert info.value.code == "REGISTRY_FETCH_FAILED"
    assert info.value.message.endswith(f"body larger than {anip.MAX_REGISTRY_BODY_BYTES} bytes")


def test_refused_connection_is_a_fetch_error() -> None:
    # A port nobody listens on: bind, note the port, close.
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    with pytest.raises(TrustloopError) as info:
        anip.verify_registry(f"http://127.0.0.1:{port}", f"{ID}@{VERSION}", timeout=5)
    assert info.value.code == "REGISTRY_FETCH_FAILED"
