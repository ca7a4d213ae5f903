"""Project generator for the export differential suite (spec §15, ANPKG-ORACLE-4).

Every case is a canonical project folder (files relative to the project directory)
plus optional files under DATA_ROOT, built from a seeded `random.Random`, so a run is
reproducible from its seed. Project YAML is written with PyYAML in varied styles
(block, flow, mixed, other indents and widths, unicode on/off, explicit `---`,
comments, CRLF) and with hand-written plain scalars that YAML 1.1 resolves to other
types (`0x1F`, `1:20`, `yes`, `2024-01-01`, ...), so the loader and the emitter both
get exercised.
"""
import datetime as dt
import json
import random
import string

import yaml

TRICKY_STRINGS = [
    "", " ", "  lead", "trail  ", "1.0", "true", "yes", "no", "on", "off", "Yes", "NO", "null", "Null", "~",
    "0x0A", "0x1F", "0755", "0o17", "08", "5000", "-12", "+3", "1_000", "1:20", "12:30:45", "1:60", "1e3",
    "1.0e+3", "1.5e-5", ".inf", "-.inf", "+.INF", ".nan", ".NaN", "2024-01-01", "2024-1-1", "2024-01-01 10:00:00",
    "2024-01-01T10:00:00Z", "2001-12-14t21:59:43.10-05:00", "<<", "=", "!", "&", "*", "a: b", "a:b", "a #b",
    "a#b", "#start", "- x", "-x", "-", "--", "---", "...", "? x", "?x", ": x", "[a]", "{a}", "a, b", "it's",
    'say "hi"', "back\\slash", "%percent", "@at", "`tick", "|pipe", ">gt", "a\tb", "bell\x07", "esc\x1b",
    "nul\x00", "caf\u00e9", "\u4e2d\u6587", "emoji \U0001F600", "nbsp\u00a0x", "bom\ufeff", "line\u2028sep",
    "next\x85line", "cr\rx", "vt\x0bx", "a\nb", "a\n", "\na", "a\n\nb", "a \nb", "a\n b", "\u00e9" * 3, "x" * 130,
    " ".join(["word"] * 30), "y" * 85 + " z", "del\x7f",
]

KEY_POOL = [
    "name", "id", "mode", "value", "limit", "label", "address", "bus_path", "yes", "on", "1.0", "0x10", "",
    "a: b", "long_" + "k" * 125, "caf\u00e9", "multi\nline", " spaced ", "2024-01-01", "null", "~", "-", "?",
    "key with spaces", "k" * 200,
]

WORDS = ["alpha", "beta", "gamma", "delta", "sensor", "pump", "valve", "temp", "ph", "stir", "dose", "rate"]

CREATED_FORMS = [
    "2026-04-16T19:01:02.999999+00:00", "2026-04-16T21:01:02+02:00", "2026-04-16T19:01:02", "2026-04-16",
    "2026-04-16 19:01:02", "2026-04-16T19:01Z", "20260416T190102Z", "2026-W16-4", "2026-04-16T19:01:02.5Z",
    "2026-04-16T19:01:02z", "garbage", "", "  2026-01-01T00:00:00Z  ", "2026-04-16T10:00:00-23:59",
    "2026-02-30", "2026-04-16T24:00:00", "2026-04-16x10:11", "0999-01-01", "2026-04-16T10:00:00.1234567+05:30",
]


def _ident(rng, n=None):
    n = n or rng.randint(1, 10)
    first = rng.choice(string.ascii_lowercase + string.digits)
    return first + "".join(rng.choice(string.ascii_lowercase + string.digits + "-") for _ in range(n - 1))


def _provider_id(rng):
    return rng.choice(["sim", "bread", "ezo", "p", "dev"]) + str(rng.randint(0, 99)) + rng.choice(["", "_a", "-b"])


def folding_string(rng):
    """Long text around the 80-column fold: runs of spaces, escapes near the edge."""
    prefix = rng.choice(["", "", "#", "'", "\u00e9", "\t", "- ", "x: ", " "])
    parts = []
    while sum(len(p) for p in parts) < rng.randint(60, 260):
        parts.append(rng.choice(WORDS + ["x" * rng.randint(1, 30), "\u00e9\u00e9", "a\\b", '"q"', "\x07"]))
        parts.append(" " * rng.choice([1, 1, 1, 2, 3]))
    return prefix + "".join(parts).rstrip(rng.choice([" ", ""]))


def rand_string(rng):
    r = rng.random()
    if r < 0.1:
        return folding_string(rng)
    if r < 0.45:
        return rng.choice(TRICKY_STRINGS)
    if r < 0.6:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 40)))
    if r < 0.75:
        alphabet = string.printable[:95]
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
    if r < 0.85:
        pieces = ["a", " ", "\u00e9", "\u4e2d", "\U0001F680", "\n", "'", '"', ":", "#", "\t", "\u00a0", "-", "x" * 20]
        return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
    return rng.choice(WORDS) + str(rng.randint(0, 1000))


def rand_float(rng):
    r = rng.random()
    if r < 0.1:
        return rng.choice([float("inf"), float("-inf"), float("nan"), -0.0, 0.0])
    if r < 0.3:
        return float(rng.randint(-1000, 1000))
    if r < 0.5:
        return rng.choice([0.1, 1 / 3, 2.5, 1e-5, 1.5e-7, 1e16, 1.2345e20, 123456789.125, 5e-324, 1.7976931348623157e308])
    return rng.uniform(-1, 1) * 10 ** rng.randint(-10, 25)


def rand_int(rng):
    r = rng.random()
    if r < 0.6:
        return rng.randint(-1000, 100000)
    if r < 0.8:
        return rng.randint(-(2**70), 2**70)
    return rng.choice([0, 1, -1, 2**63, -(2**63) - 1, 10**30])


def rand_datetime(rng):
    base = dt.datetime(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                       rng.randint(0, 59), rng.randint(0, 59), rng.choice([0, 0, 500000, 123456, 1]))
    r = rng.random()
    if r < 0.4:
        return base
    offset = dt.timedelta(hours=rng.randint(-12, 12), minutes=rng.choice([0, 0, 30, 45]))
    if r < 0.6:
        offset = dt.timedelta(0)
    try:
        return base.replace(tzinfo=dt.timezone(offset))
    except ValueError:
        return base


def rand_key(rng):
    r = rng.random()
    if r < 0.55:
        k = rng.choice(WORDS) + rng.choice(["", "_" + str(rng.randint(0, 9))])
    elif r < 0.8:
        k = rng.choice(KEY_POOL)
    elif r < 0.87:
        k = rand_int(rng)
    elif r < 0.9:
        k = rng.choice([True, False, None])
    elif r < 0.93:
        k = rand_float(rng)
        if k != k:  # NaN keys never compare equal; keep the document deterministic
            k = 1.5
    elif r < 0.96:
        k = dt.date(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28))
    else:
        k = rand_string(rng)
    if "token" in str(k).lower():
        k = "tok"
    return k


def rand_value(rng, depth=0):
    r = rng.random()
    if depth < 4 and r < 0.22:
        return [rand_value(rng, depth + 1) for _ in range(rng.randint(0, 5))]
    if depth < 4 and r < 0.42:
        return rand_map(rng, depth + 1)
    r = rng.random()
    if r < 0.4:
        return rand_string(rng)
    if r < 0.55:
        return rand_int(rng)
    if r < 0.7:
        return rand_float(rng)
    if r < 0.78:
        return rng.choice([True, False])
    if r < 0.84:
        return None
    if r < 0.9:
        return dt.date(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28))
    if r < 0.96:
        return rand_datetime(rng)
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, 80)))


def rand_map(rng, depth=0, n=None):
    out = {}
    for _ in range(rng.randint(0, 5) if n is None else n):
        out[rand_key(rng)] = rand_value(rng, depth)
    return out


RAW_SCALARS = [
    "0x1F", "0755", "1_000", "1:20", "190:20:30", "-0b101", "yes", "No", "ON", "off", "~", "null", "", ".5", "1.",
    "+.inf", ".NaN", "1.0e+3", "1e3", "2024-01-01", "2024-1-1 1:02:03", "2001-12-14t21:59:43.10-05:00",
    "2026-04-03 10:00:00 +01:00", "12:30", "08", "0o17", "'quoted'", '"dq \\u00e9"', "!!str 5", "!!float 3",
    "! 12", "!!binary aGVsbG8=", "plain words here", "[1, 2, {a: b}]", "{x: 1, y: [2]}", "!!omap [a: 1, b: 2]",
    "!!pairs [a: 1, a: 2]", "|\n    literal\n    block\n", ">\n    folded\n    text\n", "&anchor scalar",
]


def raw_section(rng):
    """Hand-written plain scalars that only a YAML 1.1 resolver types correctly."""
    lines = ["raw_scalars:"]
    picked = rng.sample(RAW_SCALARS, rng.randint(3, 12))
    for i, s in enumerate(picked):
        if s.startswith("&anchor"):
            lines.append(f"  k{i}: &a{i} scalar")
            lines.append(f"  k{i}_again: *a{i}")
        else:
            lines.append(f"  k{i}: {s}")
    return "\n".join(lines) + "\n"


def write_yaml(rng, data, allow_raw=False, plain=False):
    """YAML text for `data` in a random PyYAML style, maybe with extras."""
    if plain:
        text = yaml.safe_dump(data, sort_keys=False)
    else:
        text = yaml.safe_dump(
            data,
            sort_keys=False,
            default_flow_style=rng.choice([False, False, None, True]),
            allow_unicode=rng.choice([False, True]),
            width=rng.choice([80, 80, 40, 200, 1000]),
            indent=rng.choice([2, 2, 3, 4]),
            explicit_start=rng.random() < 0.15,
        )
        if rng.random() < 0.2:
            text = "# generated project file\n" + text
    if allow_raw and isinstance(data, dict) and "raw_scalars" not in data and rng.random() < 0.5:
        candidate = text + raw_section(rng)
        try:
            yaml.safe_load(candidate)
            text = candidate
        except yaml.YAMLError:
            pass
    if rng.random() < 0.1:
        text = text.replace("\n", "\r\n")
    return text.encode("utf-8")


def provider_config(rng, pid):
    cfg = {"provider": {"name": pid}}
    r = rng.random()
    if r < 0.3:
        cfg.update({
            "startup_policy": rng.choice(["degraded", "strict"]),
            "devices": [{"id": f"tempctl{i}", "type": "tempctl", "initial_temp": rand_float(rng)} for i in range(rng.randint(0, 4))],
            "simulation": {"mode": "non_interacting", "tick_rate_hz": rng.choice([10.0, 2.5, 100.0])},
        })
    elif r < 0.5:
        cfg.update({
            "hardware": {"bus_path": "mock://mixed-bus", "query_delay_us": rng.randint(0, 5000), "timeout_ms": 100,
                         "retry_count": rng.randint(0, 3)},
            "discovery": {"mode": "manual", "addresses": [rng.choice(["'0x0A'", 10, "0x0B"]) for _ in range(3)]},
            "devices": [{"id": f"d{i}", "type": "dcmotor", "label": rand_string(rng), "address": hex(rng.randint(1, 127))}
                        for i in range(rng.randint(1, 3))],
        })
    cfg.update(rand_map(rng, 1, n=rng.randint(0, 6)))
    return cfg


def base_profile(rng, machine_id, runtime_ids):
    providers = {}
    compat = {}
    for pid in runtime_ids:
        entry = {"config": f"config/provider-{pid}.yaml"}
        if rng.random() < 0.3:
            entry["notes"] = rand_string(rng) or "n"
        providers[pid] = entry
        c = {"strategy": rng.choice(["local-build", "pinned-ref", "semver-range"]),
             "version": rng.choice(["unspecified", "0.2.7", "1.0", "2024-01-01", "^1.2", "yes"])}
        if rng.random() < 0.2:
            c["notes"] = rand_string(rng) or "n"
        compat[pid] = c
    profile = {
        "schema_version": rng.choice([1, 1, 1, 1.0]),
        "machine_id": machine_id,
        "display_name": (rand_string(rng) if rng.random() < 0.5 else machine_id) or machine_id,
        "runtime_profiles": {"manual": "config/anolis-runtime.manual.yaml"},
        "providers": providers,
        "compatibility": {
            "runtime": {"config_contract": "01-runtime-config", "http_contract": "02-runtime-http"},
            "providers": compat,
        },
    }
    if rng.random() < 0.6:
        profile["components"] = {
            "runtime": {"repo": "anolishq/anolis", "version": rng.choice(["0.1.27", "0.1.39", "1.0"])},
            "providers": {"sim": {"repo": "anolishq/anolis-provider-sim", "version": "0.2.5"}},
        }
        if rng.random() < 0.3:
            profile["components"]["optional"] = {"influx": {"package": "influxdb", "version": "2.7"}}
    if rng.random() < 0.2:
        profile["safety"] = {"estop_topology": rng.choice(["power_cut", "signal"])}
    if rng.random() < 0.2:
        profile["validation"] = {"expected_providers": list(runtime_ids), "check_http_script": "scripts/check.sh"}
    if rng.random() < 0.3:
        profile["behaviors"] = ["behaviors/local.xml"]
    if rng.random() < 0.4:
        items = list(profile.items())
        head, tail = items[:2], items[2:]
        rng.shuffle(tail)
        profile = dict(head + tail)
    return profile


def runtime_entry(rng, pid):
    e = {"id": rng.choice([pid, pid, f" {pid} ", f"{pid}\t"]),
         "command": rng.choice(["../anolis-provider-sim/build/dev-release/anolis-provider-sim", "/usr/bin/x", "prov"])}
    r = rng.random()
    if r < 0.5:
        e["args"] = ["--config", f"../anolis-projects/projects/x/config/provider-{pid}.yaml"]
    elif r < 0.6:
        e["args"] = ["-v", "--config", "old.yaml", "--config", "second.yaml"]
    elif r < 0.7:
        e["args"] = ["-v", "--config"]
    elif r < 0.8:
        e["args"] = [True, 1, 1.5, None, [1, "a"], {"a": 1}, dt.date(2024, 1, 1), "x"]
    elif r < 0.9:
        e["args"] = rng.choice(["--config", 5, {"a": 1}])
    # else: no args at all
    if rng.random() < 0.6:
        e["timeout_ms"] = rng.choice([5000, 100, 3000])
    if rng.random() < 0.4:
        e["restart_policy"] = {"enabled": rng.choice([True, False]), "max_attempts": 3, "backoff_ms": [100, 1000],
                               "timeout_ms": 30000}
    if rng.random() < 0.3:
        e.update({k: v for k, v in rand_map(rng, 2, n=2).items() if k not in ("id", "args")})
    return e


def runtime_doc(rng, entries):
    doc = {}
    if rng.random() < 0.7:
        doc["runtime"] = {"name": rng.choice(["anolis-main", "x", "yes"]), "shutdown_timeout_ms": 2000,
                          "startup_timeout_ms": 30000}
    if rng.random() < 0.6:
        doc["http"] = {"enabled": rng.choice([True, False]), "bind": "127.0.0.1", "port": rng.choice([8080, 0, 70000])}
    doc["providers"] = entries
    if rng.random() < 0.5:
        doc["polling"] = {"interval_ms": rng.choice([500, 100, 50])}
    r = rng.random()
    if r < 0.25:
        doc["telemetry"] = {"enabled": True, "influxdb": {"url": "http://localhost:8086", "org": "anolis", "bucket": "anolis",
                                                          "token": rng.choice(["super-secret", "", None, 5])}}
    elif r < 0.35:
        doc["telemetry"] = {"enabled": True, "influx_token": rng.choice(["s", None, ""]), "influx_url": "http://x"}
    elif r < 0.45:
        doc["telemetry"] = {"enabled": False, "influxdb": rng.choice([[1], "str", {}])}
    if rng.random() < 0.5:
        doc["logging"] = {"level": rng.choice(["info", "debug", "warn"])}
    if rng.random() < 0.4:
        doc.update(rand_map(rng, 1, n=rng.randint(1, 4)))
    if rng.random() < 0.15:
        keys = list(doc.items())
        rng.shuffle(keys)
        doc = dict(keys)
    return doc


def behavior_setup(rng, files, data_root, doc, profile):
    """Adds an automation section and the files it references (ANPKG-RT-2, BT-2)."""
    name = rng.choice(["local.xml", "tree.xml", "caf\u00e9 tree.xml", "bt-1.xml", "x.yaml.xml"])
    content = rng.choice([b"<root />\n", b'<root BTCPP_format="4"><BehaviorTree ID="Main"/></root>\n',
                          bytes(rng.randrange(256) for _ in range(40))])
    r = rng.random()
    automation = {"enabled": rng.choice([True, False])}
    if r < 0.4:
        files[f"behaviors/{name}"] = content
        automation["behavior_tree"] = rng.choice([f"behaviors/{name}", f"./behaviors/{name}", f"  behaviors/{name}  ",
                                                  f"behaviors/../behaviors/{name}"])
    elif r < 0.55:
        files[f"behaviors/{name}"] = content
        automation["behavior_tree_path"] = f"behaviors/{name}"
        if rng.random() < 0.5:
            automation["behavior_tree"] = rng.choice(["", None])
    elif r < 0.7:
        data_root[f"shared/{name}"] = content
        automation["behavior_tree"] = f"shared/{name}"
    elif r < 0.8:
        data_root[f"systems/other-project/behaviors/{name}"] = content
        automation["behavior_tree"] = f"../other-project/behaviors/{name}"
    elif r < 0.9:
        automation["behavior_tree"] = rng.choice([5, "   ", True])
        automation["behavior_tree_path"] = "behaviors/none.xml"
    else:
        automation["tick_rate_hz"] = 10
    if rng.random() < 0.3:
        automation = dict(reversed(list(automation.items())))
    doc["automation"] = automation


def success_case(rng, index):
    """A project the reference exports (the generator avoids E1-E8 on purpose)."""
    project_name = rng.choice(["proj", "sim", "bio", "Mixed_Case", "x"]) + f"-{index}"
    machine_id = _ident(rng)
    runtime_ids = []
    while len(runtime_ids) < rng.randint(1, 3):
        pid = _provider_id(rng)
        if pid not in runtime_ids:
            runtime_ids.append(pid)
    files, data_root = {}, {}
    profile = base_profile(rng, machine_id, runtime_ids)
    # Profile-only providers are dropped from the package (ANPKG-MP-1).
    if rng.random() < 0.2:
        profile["providers"]["extra9"] = {"config": "config/provider-extra9.yaml"}
        files["config/provider-extra9.yaml"] = write_yaml(rng, provider_config(rng, "extra9"))
    entries = [runtime_entry(rng, pid) for pid in runtime_ids]
    doc = runtime_doc(rng, entries)
    if rng.random() < 0.45:
        behavior_setup(rng, files, data_root, doc, profile)
        if isinstance(doc["automation"].get("behavior_tree"), (int, bool)) or \
                (isinstance(doc["automation"].get("behavior_tree"), str) and not doc["automation"]["behavior_tree"].strip()):
            pass
    for pid in runtime_ids:
        path = profile["providers"][pid]["config"]
        if rng.random() < 0.07:
            continue  # missing provider config → `{}` (ANPKG-PRV-2)
        files[path] = write_yaml(rng, provider_config(rng, pid), allow_raw=True)
    # Other variants: only existing files count (ANPKG-EXP-1).
    for name in rng.sample(["automation", "telemetry", "full", "night shift", "caf\u00e9", "Zeta"], rng.randint(0, 3)):
        path = f"config/anolis-runtime.{name}.yaml"
        profile["runtime_profiles"][name] = path
        if rng.random() < 0.7:
            files[path] = rng.choice([b"{}", b"- 1\n", b"", write_yaml(rng, runtime_doc(rng, [runtime_entry(rng, "v")]))])
    files["machine-profile.yaml"] = write_yaml(rng, profile)
    files["config/anolis-runtime.manual.yaml"] = write_yaml(rng, doc, allow_raw=True)
    r = rng.random()
    if r < 0.6:
        created = rng.choice(CREATED_FORMS)
        files["workbench.json"] = json.dumps({"schema_version": 2, "meta": {"name": project_name, "created": created}}).encode()
    elif r < 0.7:
        files["workbench.json"] = rng.choice([b"{bad json", b'{"meta": []}', b'{"meta": {"created": 123}}', b"[]"])
    return {"name": project_name, "files": files, "data_root": data_root, "kind": "generated"}


def error_cases(rng):
    """Projects the reference refuses (E1-E8), plus the documented divergences."""
    def base():
        c = success_case(random.Random(rng.random()), 0)
        c["kind"] = "error"
        return c

    def make(title, mutate, kind="error"):
        for _ in range(50):
            c = base()
            c["name"] = "err-" + title
            c["files"] = dict(c["files"])
            profile = yaml.safe_load(c["files"]["machine-profile.yaml"])
            if profile["runtime_profiles"].get("manual") != "config/anolis-runtime.manual.yaml":
                continue
            mutate(c, profile)
            c["kind"] = kind
            return c
        raise RuntimeError(title)

    def set_file(path, text):
        return lambda c, p: c["files"].__setitem__(path, text.encode() if isinstance(text, str) else text)

    manual = "config/anolis-runtime.manual.yaml"

    def first_provider_path(c, p):
        return next(iter(p["providers"].values()))["config"]

    def with_manual(text):
        def m(c, p):
            c["files"][manual] = text.encode()
        return m

    def provider_text(text):
        def m(c, p):
            c["files"][first_provider_path(c, p)] = text.encode()
        return m

    def profile_edit(fn):
        def m(c, p):
            fn(p)
            c["files"]["machine-profile.yaml"] = yaml.safe_dump(p, sort_keys=False).encode()
        return m

    def runtime_edit(fn):
        def m(c, p):
            doc = yaml.safe_load(c["files"][manual])
            fn(doc, p)
            c["files"][manual] = yaml.safe_dump(doc, sort_keys=False).encode()
        return m

    cases = [
        make("e1-no-profile", lambda c, p: c["files"].pop("machine-profile.yaml")),
        make("e2-profile-malformed", set_file("machine-profile.yaml", "{not: valid: yaml")),
        make("e2-profile-list", set_file("machine-profile.yaml", "- 1\n")),
        make("e2-profile-empty", set_file("machine-profile.yaml", "")),
        make("e2-profile-not-utf8", set_file("machine-profile.yaml", b"a: \xff\n")),
        make("e2-manual-malformed", with_manual("a: [\n")),
        make("e2-provider-malformed", provider_text("b: {\n")),
        make("e2-provider-two-documents", provider_text("a: 1\n---\nb: 2\n")),
        make("e3-no-manual-file", lambda c, p: c["files"].pop(manual)),
        make("e3-manual-list", with_manual("- 1\n")),
        make("e3-manual-empty", with_manual("")),
        make("e3-runtime-profiles-list", profile_edit(lambda p: p.__setitem__("runtime_profiles", ["x"]))),
        make("e4-providers-empty", runtime_edit(lambda d, p: d.__setitem__("providers", []))),
        make("e4-providers-missing", runtime_edit(lambda d, p: d.pop("providers"))),
        make("e4-entry-not-object", runtime_edit(lambda d, p: d["providers"].append([1]))),
        make("e4-id-int", runtime_edit(lambda d, p: d["providers"][0].__setitem__("id", 5))),
        make("e4-id-blank", runtime_edit(lambda d, p: d["providers"][0].__setitem__("id", "  "))),
        make("e4-duplicate-id", runtime_edit(lambda d, p: d["providers"].append(dict(d["providers"][0], id=" " + d["providers"][0]["id"].strip())))),
        make("e5-unknown-runtime-id", runtime_edit(lambda d, p: d["providers"].append({"id": "ghost", "command": "x"}))),
        make("e5-provider-config-empty", provider_text("")),
        make("e5-provider-config-list", provider_text("- 1\n")),
        make("e6-absolute-behavior", runtime_edit(lambda d, p: d.__setitem__("automation", {"behavior_tree": "/etc/hosts"}))),
        make("e6-missing-behavior", runtime_edit(lambda d, p: d.__setitem__("automation", {"behavior_tree": "behaviors/ghost.xml"}))),
        make("e6-behavior-outside-roots", runtime_edit(lambda d, p: d.__setitem__("automation", {"behavior_tree": "../../../../x.xml"}))),
        make("e6-windows-absolute", runtime_edit(lambda d, p: d.__setitem__("automation", {"behavior_tree": "C:\\x.xml"}))),
        make("e7-bad-machine-id", profile_edit(lambda p: p.__setitem__("machine_id", "Bad_ID"))),
        make("e7-contracts-and-bad-id", profile_edit(lambda p: p.update({"contracts": {}, "machine_id": "Bad_ID"}))),
        make("e7-display-name-empty", profile_edit(lambda p: p.__setitem__("display_name", ""))),
        make("e7-schema-version-2", profile_edit(lambda p: p.__setitem__("schema_version", 2))),
        make("e7-version-not-string", profile_edit(lambda p: next(iter(p["compatibility"]["providers"].values())).__setitem__("version", 1.0))),
        make("e7-bad-provider-id", runtime_edit(lambda d, p: d["providers"][0].__setitem__("id", "bad/id"))),
        make("e8-provider-api-token", provider_text("provider:\n  api_token: leaked\n")),
        make("e8-runtime-token", runtime_edit(lambda d, p: d["providers"][0].__setitem__("auth_token", "x"))),
        make("e8-tokens-list", runtime_edit(lambda d, p: d.__setitem__("tokens", ["a"]))),
        make("e8-behavior-yaml-token", lambda c, p: (c["files"].__setitem__("behaviors/b.yaml", b"token: abc\n"),
                                                      runtime_edit(lambda d, q: d.__setitem__("automation", {"behavior_tree": "behaviors/b.yaml"}))(c, p))),
        # Upstream crashes (traceback, exit 1): compared by exit code only.
        make("crash-variant-name-int", lambda c, p: (profile_edit(lambda q: q["runtime_profiles"].__setitem__(5, "v.yaml"))(c, p),
                                                      c["files"].__setitem__("v.yaml", b"{}"))),
        make("crash-created-overflow", set_file("workbench.json", '{"meta": {"created": "0001-01-01T00:00:00+01:00"}}')),
        make("crash-behavior-json-invalid", lambda c, p: (c["files"].__setitem__("behaviors/b.json", b"not json"),
                                                           runtime_edit(lambda d, q: d.__setitem__("automation", {"behavior_tree": "behaviors/b.json"}))(c, p))),
        # Aliases of scalars are exported identically; of collections/timestamps trustloop refuses.
        make("alias-scalars-identical", provider_text("a: &x hello\nb: *x\nn: &n 5\nm: *n\nbase: &b {k: 1}\nmerged:\n  <<: *b\n  z: 2\n"), kind="identical"),
        make("alias-collection", provider_text("defaults: &d {timeout: 5, nested: {a: 1}}\ndev: *d\n"), kind="divergence-alias"),
        make("alias-timestamp", provider_text("a: &t 2024-01-01\nb: *t\n"), kind="divergence-alias"),
        # Project files are read with libyaml (ANPKG-REF-4): tabs between tokens and `?`
        # in flow plain scalars load there (not in the validator's pure-Python PyYAML).
        make("libyaml-tabs", provider_text("x: b\tc\ny: 1\t# c\nz: 'q'\t\n"), kind="identical"),
        make("libyaml-question-in-flow", provider_text("origins: [http://x?y=1, b]\n"), kind="identical"),
        # and tabs saphyr refuses: after a simple key's `:`, leading a flow collection's line
        make("libyaml-tab-after-colon-and-in-flow", provider_text("x:\tb\nk:\n  y: [a,\n\tb]\n"), kind="identical"),
        # Lines less indented than their block inside quoted scalars and flow collections
        # (no indentation rule there in libyaml or PyYAML; YAML 1.2 has one).
        make("under-indented-quoted-and-flow", provider_text("device:\n  name: 'line one\nline two'\n  tags: [a,\n  b, {c: d,\n}]\n"),
             kind="identical"),
        make("e2-provider-key-colon-on-next-line", provider_text("device: {name\n: x}\n")),
        make("e2-provider-empty-key", provider_text(": x\n")),
        make("e2-provider-duplicate-anchor", provider_text("a: &x 1\nb: &x 2\n")),
    ]
    return cases
