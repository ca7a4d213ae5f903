"""The Python surface: error type, argument checking, hostile input never crashes."""
from __future__ import annotations

import base64

import pytest

import trustloop
from trustloop import TrustloopError, anip
from trustloop import _native


def test_version() -> None:
    assert isinstance(trustloop.__version__, str)
    assert trustloop.__version__.count(".") >= 2


def test_canonicalize_modes() -> None:
    src = b'{"b":"<&>","a":1.0}'
    assert trustloop.json.canonicalize(src) == b'{"a":1,"b":"<&>"}'
    assert trustloop.json.canonicalize(src, "signature") == b'{"a":1,"b":"\\u003c\\u0026\\u003e"}'
    assert trustloop.json.canonicalize(src, mode="jcs") == b'{"a":1,"b":"<&>"}'


def test_bytes_like_inputs() -> None:
    assert trustloop.json.canonicalize(bytearray(b"[1.0]")) == b"[1]"
    assert trustloop.json.canonicalize(memoryview(b"[1.0]")) == b"[1]"


def test_digest() -> None:
    assert trustloop.json.digest(b" { } ") == "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"


def test_error_type() -> None:
    with pytest.raises(TrustloopError) as info:
        trustloop.json.digest(b"{")
    e = info.value
    assert isinstance(e, Exception)
    assert e.code == "JSON_SYNTAX"
    assert e.message == "decode JSON: unexpected end of JSON input"
    assert str(e) == e.message
    assert e.findings and e.findings[0]["code"] == "JSON_SYNTAX"
    assert e.findings[0]["severity"] == "error"
    assert "JSON_SYNTAX" in repr(e)


def test_unknown_mode() -> None:
    with pytest.raises(TrustloopError) as info:
        trustloop.json.canonicalize(b"{}", "pretty")
    assert info.value.code == "UNKNOWN_MODE"


def test_nesting_beyond_gos_10000_levels_refused() -> None:
    at_limit = b"[" * 10_000 + b"]" * 10_000
    assert trustloop.json.canonicalize(at_limit) == at_limit
    deep = b"[" * 10_001 + b"]" * 10_001
    with pytest.raises(TrustloopError) as info:
        trustloop.json.canonicalize(deep)
    assert info.value.code == "JSON_TOO_DEEP"
    assert "invalid character '[' exceeded max depth" in str(info.value)
    with pytest.raises(TrustloopError):
        anip.verify_bundle(deep)


def test_nesting_far_beyond_limit_no_stack_overflow() -> None:
    with pytest.raises(TrustloopError) as info:
        trustloop.json.digest(b"[" * 1_000_000)
    assert info.value.code == "JSON_TOO_DEEP"


def test_50mb_string_never_crashes() -> None:
    big = b'"' + b"a" * (50 * 1024 * 1024) + b'"'
    try:
        d = trustloop.json.digest(big)
    except TrustloopError as e:
        assert e.code.startswith("JSON_")
    else:
        assert d.startswith("sha256:")
    with pytest.raises(TrustloopError):
        anip.verify_bundle(big)


@pytest.mark.parametrize("bad", ["{}", None, 42, ["x"], {"a": 1}])
def test_non_bytes_is_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        trustloop.json.canonicalize(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        trustloop.json.digest(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        anip.verify_bundle(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        anip.write_lock(bad)  # type: ignore[arg-type]


def test_option_types_checked() -> None:
    with pytest.raises(TypeError):
        anip.verify_bundle(b"{}", lock="x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        anip.verify_bundle(b"{}", legacy="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        anip.verify_bundle(b"{}", trusted_keys={"k": 1})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        anip.verify_bundle(b"{}", expected_contract_signature=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        anip.verify_bundle(b"{}", nope=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        anip.build_local(b"{}", package_id=1, package_version="1")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        trustloop.keygen(7)  # type: ignore[arg-type]


def test_native_refuses_str_directly() -> None:
    with pytest.raises(TypeError):
        _native.call("digest", "{}")


def test_native_options_must_be_object() -> None:
    with pytest.raises(TrustloopError) as info:
        _native.call("verify_bundle", b"{}", None, [1])
    assert info.value.code == "OPTIONS_NOT_OBJECT"
    with pytest.raises(TrustloopError) as info:
        _native.call("verify_bundle", b"{}", None, {"nope": 1})
    assert info.value.code == "INVALID_OPTION"


def test_native_call_checks_names_and_arguments_against_the_table() -> None:
    with pytest.raises(TrustloopError) as info:
        _native.call("no_such_operation")
    assert info.value.code == "UNKNOWN_OPERATION"
    with pytest.raises(TrustloopError) as info:
        _native.call("verify_bundle")  # data is required
    assert info.value.code == "INVALID_ARGUMENT"
    with pytest.raises(TypeError):
        _native.call("digest", b"{}", b"{}")
    with pytest.raises(TypeError):
        _native.call("assets_pa_extract", b"", True)  # a bool is not an asset id
    with pytest.raises(TypeError):
        _native.call("verify_bundle", b"{}", None, {1: "non-str key"})
    with pytest.raises(TrustloopError) as info:
        _native.call("verify_registry", "http://registry.invalid")  # fetching is the wrapper's
    assert info.value.code == "UNSUPPORTED_OPERATION"


def test_native_arguments_that_nest_forever_are_refused_not_followed() -> None:
    looped: list = []
    looped.append(looped)
    with pytest.raises(TrustloopError) as info:
        _native.call("verify_bundle", b"{}", None, {"trusted_keys": looped})
    assert info.value.code == "JSON_TOO_DEEP"
    deep: object = "leaf"
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(TrustloopError) as info:
        _native.call("tree_digest", deep)
    assert info.value.code == "JSON_TOO_DEEP"


@pytest.mark.parametrize("data", [b"", b"null", b"[]", b"{}", b'{"service_definition":1}', b"\x00\x01", b'{"a":', b"\xff\xfe"])
def test_verify_bundle_garbage(data: bytes) -> None:
    try:
        result = anip.verify_bundle(data)
    except TrustloopError as e:
        assert e.code and e.message
    else:
        assert result["status"] == "failed"


@pytest.mark.parametrize("data", [b"", b"null", b"{}", b'{"capability_formalizations":"x"}'])
def test_verify_definition_garbage(data: bytes) -> None:
    try:
        result = anip.verify_definition(data)
    except TrustloopError as e:
        assert e.code and e.message
    else:
        assert result["status"] == "failed"


def test_write_lock_and_build_local_garbage() -> None:
    with pytest.raises(TrustloopError):
        anip.write_lock(b"not json")
    with pytest.raises(TrustloopError):
        anip.build_local(b"not json", package_id="p", package_version="1.0.0")


def test_exit_code() -> None:
    assert anip.exit_code({"status": "ok"}) == 0
    assert anip.exit_code({"status": "failed"}) == 2


def test_keygen() -> None:
    a = trustloop.keygen("k1")
    b = trustloop.keygen()
    assert a["key_id"] == "k1"
    assert a["algorithm"] == "ed25519"
    assert len(base64.b64decode(a["public_key"])) == 32
    assert a["extra_public_entry"] == f"k1={a['public_key']}"
    assert b["key_id"] == "trustloop-ed25519"
    assert a["private_key_seed"] != b["private_key_seed"]


def test_panic_becomes_internal_panic(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(TrustloopError) as info:
        _native._panic_for_test()
    assert info.value.code == "INTERNAL_PANIC"
    assert "deliberate test panic (at " in info.value.message
    assert capfd.readouterr().err == ""  # caught: no "thread … panicked" on stderr
    # The module still works afterwards.
    assert trustloop.json.digest(b"{}").startswith("sha256:")


def test_ref_check() -> None:
    hexd = "0123456789abcdef" * 4
    ok = anip.ref_check(f"registry://acme/glue@1.2.3#sha256:{hexd}")
    assert ok["kind"] == "registry"
    assert ok["digest"] == f"sha256:{hexd}"
    with pytest.raises(TrustloopError) as info:
        anip.ref_check("")
    assert info.value.code == "REF_REQUIRED"
    with pytest.raises(TypeError):
        anip.ref_check(b"x")  # type: ignore[arg-type]


def test_tree_digest_entry_forms_agree() -> None:
    files = {"README.md": b"# Demo\n", "src/app.py": b"print(1)\n"}
    as_map = anip.tree_digest(files)
    as_list = anip.tree_digest([{"path": p, "text": c.decode()} for p, c in files.items()])
    as_bytes_list = anip.tree_digest([{"path": p, "bytes": c} for p, c in files.items()])
    assert as_map["digest"] == as_list["digest"] == as_bytes_list["digest"]
    assert as_map["digest"].startswith("sha256:")
    with pytest.raises(TrustloopError) as info:
        anip.tree_digest(files, no_such_option=1)
    assert info.value.code == "INVALID_OPTION"
    with pytest.raises(TypeError):
        anip.tree_digest("README.md")  # type: ignore[arg-type]


def test_material_ops_on_garbage() -> None:
    for fn in (anip.bundle_materials, anip.lint):
        with pytest.raises(TrustloopError):
            fn(b"{")
    with pytest.raises(TrustloopError):
        anip.bundle_report(b"not json", {})
    with pytest.raises(TrustloopError):
        anip.tree_combine(b"[]", "/nope")


@pytest.mark.parametrize("data", [b"", b"PMTA", b"\x00" * 64, b"x" * 100_000])
def test_assets_pa_verify_never_raises(data: bytes) -> None:
    from trustloop import assets_pa

    result = assets_pa.verify(data)
    assert result["ok"] is False
    assert result["codes"]
    with pytest.raises(TrustloopError):
        assets_pa.read(data)


def test_assets_pa_argument_types() -> None:
    from trustloop import assets_pa

    with pytest.raises(TypeError):
        assets_pa.extract(b"", "0")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        assets_pa.pack_files({"a": "text"})  # type: ignore[dict-item]
    with pytest.raises(TrustloopError):
        assets_pa.write([{"asset_id": "x"}], [])


def test_errors_carry_the_exit_code_the_cli_gives() -> None:
    with pytest.raises(TrustloopError) as info:
        anip.verify_bundle(b"not json")
    assert info.value.exit_code == 1
    with pytest.raises(TrustloopError) as info:
        anip.lint(b"not json")
    assert info.value.exit_code == 2
    with pytest.raises(TrustloopError) as info:
        anip.build_local(b"{}", package_id="", package_version="1.0.0")
    assert (info.value.code, info.value.exit_code) == ("ANIP_BUILD_ARGS", 2)
    from trustloop import assets_pa

    with pytest.raises(TrustloopError) as info:
        assets_pa.write([{"asset_id": "x"}])
    assert info.value.exit_code is None  # no CLI command


def test_trust_store_gives_the_trusted_keys_mapping() -> None:
    store = b'{"keys":[{"key_id":"k1","algorithm":"ed25519","public_key":"AAAA"},{"key_id":"k2","algorithm":"rsa","public_key":"B"}]}'
    assert anip.trust_store(store) == {"k1": "AAAA"}
    with pytest.raises(TrustloopError) as info:
        anip.trust_store(b'{"keys":[]}')
    assert info.value.code == "ANIP_TRUST_STORE_EMPTY"


def test_an_operation_without_a_hand_written_function_is_derived_from_its_row() -> None:
    from trustloop import _derive
    from pathlib import Path

    row = {op["flat"]: op for op in trustloop.operations()}
    definition = (Path(__file__).resolve().parents[2] / "examples" / "anip" / "order-desk-service-definition.json").read_bytes()
    files = anip.build_local(definition, package_id="order-desk", package_version="1.0.0")
    bundle = next(b for n, b in files.items() if n.endswith(".anip-package.json"))
    lock = anip.write_lock(bundle)
    verify = _derive.derived(row["verify_bundle"])
    assert verify(bundle, lock=lock, extended_report=True) == anip.verify_bundle(bundle, lock=lock, extended_report=True)
    canonicalize = _derive.derived(row["canonicalize"])
    assert canonicalize(b'{"b":1,"a":2}', "jcs") == trustloop.json.canonicalize(b'{"b":1,"a":2}', "jcs")
    with pytest.raises(TypeError):
        _derive.derived(row["assets_pa_extract"])(b"", True)
    with pytest.raises(TypeError):
        verify()  # data is required
    with pytest.raises(TrustloopError) as info:
        verify(bundle, nope=1)
    assert info.value.code == "INVALID_OPTION"
