#!/usr/bin/env python3
"""Writes refs.json: the remote custom-code-bundle ref corpus (spec §13, ANIP-REF).

Every expectation below is written from the spec's rules (not from running
trustloop): accepted refs list the parsed {kind, locator, immutable, digest},
rejected refs the stable code and upstream's exact message. Run from anywhere:
    python3 tests/vectors/anip-refs/generate.py
"""
import json
import os

HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
D = "#sha256:" + HEX
DIGEST = "sha256:" + HEX
C40 = "0123456789abcdef0123456789abcdef01234567"
C64 = HEX

MESSAGES = {
    "REF_REQUIRED": "custom code bundle ref is required",
    "REF_TOO_LONG": "custom code bundle ref is too long",
    "REF_UNSAFE_CHARACTERS": "custom code bundle ref contains unsafe characters",
    "REF_DIGEST_MISSING": "custom code bundle ref must include a sha256 digest fragment",
    "REF_DIGEST_INVALID": "custom code bundle ref digest must be sha256:<64 hex chars>",
    "REF_PATH_TRAVERSAL": "custom code bundle ref must not contain path traversal",
    "REF_SCHEME_UNSUPPORTED": "custom code bundle ref scheme must be git+https, registry, object+https, or object+s3",
    "REF_GIT_COMMIT_MISSING": "git custom code bundle ref must pin a commit with @<commit>",
    "REF_GIT_COMMIT_MUTABLE": "git custom code bundle ref must pin an immutable commit hash",
    "REF_GIT_URL_INVALID": "git custom code bundle ref must be a valid HTTPS git URL",
    "REF_GIT_URL_EXTRAS": "git custom code bundle ref must not include credentials, query, or fragment before the digest",
    "REF_GIT_PATH_UNSAFE": "git custom code bundle ref path is unsafe",
    "REF_REGISTRY_INVALID": "registry custom code bundle ref is invalid",
    "REF_REGISTRY_VERSION_MISSING": "registry custom code bundle ref must include @<version>",
    "REF_REGISTRY_VERSION_MUTABLE": "registry custom code bundle ref must pin an immutable version",
    "REF_OBJECT_HTTPS_URL_INVALID": "object HTTPS custom code bundle ref must be a valid HTTPS object URL",
    "REF_OBJECT_HTTPS_URL_EXTRAS": "object HTTPS custom code bundle ref must not include credentials, query, or fragment before the digest",
    "REF_OBJECT_HTTPS_PATH_UNSAFE": "object HTTPS custom code bundle ref path is unsafe",
    "REF_OBJECT_S3_URL_INVALID": "object S3 custom code bundle ref must be a valid s3 object URL",
    "REF_OBJECT_S3_URL_EXTRAS": "object S3 custom code bundle ref must not include credentials, query, or fragment before the digest",
    "REF_OBJECT_S3_PATH_UNSAFE": "object S3 custom code bundle ref path is unsafe",
}

cases = []


def ok(name, rule, ref, kind, locator, immutable="", digest=DIGEST, note=None):
    c = {
        "name": name,
        "rule": rule,
        "op": "ref_check",
        "input": {"text": ref},
        "expect": {"result": {"kind": kind, "locator": locator, "immutable": immutable, "digest": digest}},
    }
    if note:
        c["note"] = note
    cases.append(c)


def bad(name, rule, ref, code, note=None):
    c = {
        "name": name,
        "rule": rule,
        "op": "ref_check",
        "input": {"text": ref},
        "expect": {"exit_code": 1, "error_code": code, "error_message": MESSAGES[code]},
    }
    if note:
        c["note"] = note
    cases.append(c)


def object_https_of_length(n):
    """An accepted object+https ref exactly n bytes long."""
    head = "object+https://cdn.example.com/"
    fill = n - len(head) - len(D)
    return head + "a" * fill + D


GIT = "git+https://github.com/acme/anip-glue.git"

# ANIP-REF-12 upstream examples.
ok("git-upstream-example", "ANIP-REF-12 ANIP-REF-6", f"{GIT}@{C40}{D}", "git", GIT, C40)
ok("registry-upstream-example", "ANIP-REF-12 ANIP-REF-7", f"registry://acme/work-item-glue@1.2.3{D}", "registry",
   "registry://acme/work-item-glue", "1.2.3")
bad("git-upstream-floating-main", "ANIP-REF-12", f"{GIT}@main{D}", "REF_GIT_COMMIT_MUTABLE")
bad("registry-upstream-missing-digest", "ANIP-REF-12", "registry://acme/gtm-agent-glue@1.2.3", "REF_DIGEST_MISSING")

# ANIP-REF-1: trim, required, length in bytes.
bad("empty", "ANIP-REF-1", "", "REF_REQUIRED")
bad("only-whitespace", "ANIP-REF-1", " \t\n\u3000", "REF_REQUIRED", "U+3000 is Unicode White_Space, trimmed like Go strings.TrimSpace")
ok("surrounding-whitespace-trimmed", "ANIP-REF-1", f"  registry://acme/glue@1.0.0{D}\n", "registry", "registry://acme/glue", "1.0.0")
ok("length-2048-accepted", "ANIP-REF-1", object_https_of_length(2048), "object+https", object_https_of_length(2048)[: -len(D)])
bad("length-2049-too-long", "ANIP-REF-1", object_https_of_length(2049), "REF_TOO_LONG")
bad("length-counts-bytes-not-chars", "ANIP-REF-1", "registry://" + "\u00e9" * 1100 + "@1" + D, "REF_TOO_LONG",
    "1100 two-byte characters exceed 2048 bytes before any character rule runs")

# ANIP-REF-2: unsafe characters.
for label, ch in [
    ("space", " "), ("tab", "\t"), ("nbsp", "\u00a0"), ("next-line", "\u0085"), ("line-separator", "\u2028"),
    ("del", "\u007f"), ("c1-control", "\u009b"), ("open-brace", "{"), ("close-brace", "}"), ("less-than", "<"),
    ("greater-than", ">"), ("double-quote", '"'), ("single-quote", "'"), ("backtick", "`"), ("pipe", "|"),
    ("caret", "^"), ("backslash", "\\"),
]:
    bad(f"unsafe-{label}", "ANIP-REF-2", f"registry://acme/gl{ch}ue@1.0.0{D}", "REF_UNSAFE_CHARACTERS")

# ANIP-REF-3: the digest fragment.
bad("digest-missing", "ANIP-REF-3", f"{GIT}@{C40}", "REF_DIGEST_MISSING")
bad("digest-empty", "ANIP-REF-3", f"{GIT}@{C40}#sha256:", "REF_DIGEST_MISSING")
bad("locator-empty", "ANIP-REF-3", D, "REF_DIGEST_MISSING")
bad("separator-is-case-sensitive", "ANIP-REF-3", f"registry://acme/glue@1.0.0#SHA256:{HEX}", "REF_DIGEST_MISSING")
bad("digest-63-hex", "ANIP-REF-3", f"registry://acme/glue@1.0.0#sha256:{HEX[:63]}", "REF_DIGEST_INVALID")
bad("digest-65-hex", "ANIP-REF-3", f"registry://acme/glue@1.0.0#sha256:{HEX}0", "REF_DIGEST_INVALID")
bad("digest-not-hex", "ANIP-REF-3", f"registry://acme/glue@1.0.0#sha256:{'g' * 64}", "REF_DIGEST_INVALID")
bad("two-digest-separators", "ANIP-REF-3", f"registry://acme/glue@1.0.0{D}{D}", "REF_DIGEST_INVALID")
ok("digest-uppercase-lowercased", "ANIP-REF-3", f"registry://acme/glue@1.0.0#sha256:{HEX.upper()}", "registry",
   "registry://acme/glue", "1.0.0")

# ANIP-REF-4: traversal, on the raw locator.
bad("traversal-registry", "ANIP-REF-4", f"registry://acme/../glue@1.0.0{D}", "REF_PATH_TRAVERSAL")
bad("traversal-anywhere", "ANIP-REF-4", f"object+https://cdn.example.com/a..b.tgz{D}", "REF_PATH_TRAVERSAL")

# ANIP-REF-5: scheme dispatch.
bad("scheme-plain-https", "ANIP-REF-5", f"https://cdn.example.com/glue.tgz{D}", "REF_SCHEME_UNSUPPORTED")
bad("scheme-uppercase", "ANIP-REF-5", f"GIT+HTTPS://github.com/acme/glue.git@{C40}{D}", "REF_SCHEME_UNSUPPORTED")
bad("scheme-git-http", "ANIP-REF-5", f"git+http://github.com/acme/glue.git@{C40}{D}", "REF_SCHEME_UNSUPPORTED")
bad("scheme-object-ftp", "ANIP-REF-5", f"object+ftp://host/glue.tgz{D}", "REF_SCHEME_UNSUPPORTED")
bad("scheme-bare-s3", "ANIP-REF-5", f"s3://bucket/glue.tgz{D}", "REF_SCHEME_UNSUPPORTED")

# ANIP-REF-6: git.
ok("git-commit-40", "ANIP-REF-6", f"{GIT}@{C40}{D}", "git", GIT, C40)
ok("git-commit-64", "ANIP-REF-6", f"{GIT}@{C64}{D}", "git", GIT, C64)
ok("git-commit-uppercase-kept", "ANIP-REF-6", f"{GIT}@{C40.upper()}{D}", "git", GIT, C40.upper())
bad("git-commit-39", "ANIP-REF-6", f"{GIT}@{C40[:39]}{D}", "REF_GIT_COMMIT_MUTABLE")
bad("git-commit-65", "ANIP-REF-6", f"{GIT}@{C64}0{D}", "REF_GIT_COMMIT_MUTABLE")
bad("git-tag", "ANIP-REF-6", f"{GIT}@v1.2.3{D}", "REF_GIT_COMMIT_MUTABLE")
bad("git-latest", "ANIP-REF-6", f"{GIT}@latest{D}", "REF_GIT_COMMIT_MUTABLE")
bad("git-no-at", "ANIP-REF-6", f"{GIT}{D}", "REF_GIT_COMMIT_MISSING")
bad("git-at-last-char", "ANIP-REF-6", f"{GIT}@{D}", "REF_GIT_COMMIT_MISSING")
bad("git-at-index-12", "ANIP-REF-6", f"git+https://@{C40}{D}", "REF_GIT_COMMIT_MISSING")
bad("git-at-index-13-passes-commit-rule", "ANIP-REF-6", f"git+https://h@{C40}{D}", "REF_GIT_URL_INVALID",
    "the @ is allowed at index 13; the URL https://h then has no path")
bad("git-port-not-numeric", "ANIP-REF-11", f"git+https://github.com:https/acme/glue.git@{C40}{D}", "REF_GIT_URL_INVALID")
bad("git-bad-percent-escape", "ANIP-REF-11", f"git+https://github.com/acme/gl%zzue.git@{C40}{D}", "REF_GIT_URL_INVALID")
ok("git-numeric-port", "ANIP-REF-11", f"git+https://git.example.com:8443/acme/glue.git@{C40}{D}", "git",
   "git+https://git.example.com:8443/acme/glue.git", C40)
bad("git-userinfo", "ANIP-REF-6", f"git+https://token@github.com/acme/glue.git@{C40}{D}", "REF_GIT_URL_EXTRAS")
bad("git-user-password", "ANIP-REF-6", f"git+https://user:pw@github.com/acme/glue.git@{C40}{D}", "REF_GIT_URL_EXTRAS")
bad("git-query", "ANIP-REF-6", f"{GIT}?ref=main@{C40}{D}", "REF_GIT_URL_EXTRAS")
bad("git-fragment", "ANIP-REF-6", f"{GIT}#main@{C40}{D}", "REF_GIT_URL_EXTRAS")
ok("git-trailing-bare-question-mark", "ANIP-REF-11", f"{GIT}?@{C40}{D}", "git", GIT + "?", C40,
   note="Go sets ForceQuery and leaves RawQuery empty")
ok("git-empty-fragment", "ANIP-REF-11", f"{GIT}#@{C40}{D}", "git", GIT + "#", C40, note="an empty fragment is no fragment in Go")
bad("git-double-slash-path", "ANIP-REF-10", f"git+https://github.com/acme//glue.git@{C40}{D}", "REF_GIT_PATH_UNSAFE")
bad("git-dot-segment", "ANIP-REF-10", f"git+https://github.com/acme/./glue.git@{C40}{D}", "REF_GIT_PATH_UNSAFE")
bad("git-hidden-segment", "ANIP-REF-10", f"git+https://github.com/.acme/glue.git@{C40}{D}", "REF_GIT_PATH_UNSAFE")
bad("git-encoded-traversal", "ANIP-REF-10", f"git+https://github.com/acme/%2e%2e/glue.git@{C40}{D}", "REF_GIT_PATH_UNSAFE",
    "the path is checked after Go percent-decodes it")
ok("git-ipv6-host", "ANIP-REF-11", f"git+https://[2001:db8::1]/acme/glue.git@{C40}{D}", "git",
   "git+https://[2001:db8::1]/acme/glue.git", C40)
# Go's net/url (1.25.6 and later) brackets only an IPv6 address (netip.ParseAddr), IPv4-mapped included;
# each answer below is the Go CLI's.
bad("git-bracketed-non-address", "ANIP-REF-11", f"git+https://[2001:db8:1]/acme/glue.git@{C40}{D}", "REF_GIT_URL_INVALID")
bad("git-bracketed-ipv4", "ANIP-REF-11", f"git+https://[1.2.3.4]/acme/glue.git@{C40}{D}", "REF_GIT_URL_INVALID")
bad("git-second-bracket", "ANIP-REF-11", f"git+https://[::1][/acme/glue.git@{C40}{D}", "REF_GIT_URL_INVALID")
ok("git-bracketed-ipv4-mapped", "ANIP-REF-11", f"git+https://[::ffff:1.2.3.4]/acme/glue.git@{C40}{D}", "git",
   "git+https://[::ffff:1.2.3.4]/acme/glue.git", C40)
ok("git-bracketed-zone", "ANIP-REF-11", f"git+https://[fe80::1%25en0]/acme/glue.git@{C40}{D}", "git",
   "git+https://[fe80::1%25en0]/acme/glue.git", C40)
bad("object-https-bracketed-non-address", "ANIP-REF-11", f"object+https://[2001:db8:1]/a.zip{D}", "REF_OBJECT_HTTPS_URL_INVALID")

# ANIP-REF-7: registry.
bad("registry-empty-name", "ANIP-REF-7", f"registry://{D}", "REF_REGISTRY_INVALID")
bad("registry-double-slash", "ANIP-REF-7", f"registry://acme//glue@1.0.0{D}", "REF_REGISTRY_INVALID")
bad("registry-question-mark", "ANIP-REF-7", f"registry://acme/glue?@1.0.0{D}", "REF_REGISTRY_INVALID")
bad("registry-no-version", "ANIP-REF-7", f"registry://acme/glue{D}", "REF_REGISTRY_VERSION_MISSING")
bad("registry-at-index-0", "ANIP-REF-7", f"registry://@1.0.0{D}", "REF_REGISTRY_VERSION_MISSING")
bad("registry-at-last-char", "ANIP-REF-7", f"registry://acme/glue@{D}", "REF_REGISTRY_VERSION_MISSING")
for v in ["main", "LATEST", "Head", "master", "stable", "trunk", "default"]:
    bad(f"registry-floating-{v.lower()}", "ANIP-REF-7", f"registry://acme/glue@{v}{D}", "REF_REGISTRY_VERSION_MUTABLE")
ok("registry-build-metadata", "ANIP-REF-7", f"registry://acme/glue@1.0.0+build.7{D}", "registry", "registry://acme/glue", "1.0.0+build.7")
ok("registry-name-256", "ANIP-REF-7", f"registry://{'n' * 256}@1{D}", "registry", "registry://" + "n" * 256, "1")
bad("registry-name-257", "ANIP-REF-7", f"registry://{'n' * 257}@1{D}", "REF_REGISTRY_INVALID")
ok("registry-version-128", "ANIP-REF-7", f"registry://acme/glue@{'1' * 128}{D}", "registry", "registry://acme/glue", "1" * 128)
bad("registry-version-129", "ANIP-REF-7", f"registry://acme/glue@{'1' * 129}{D}", "REF_REGISTRY_INVALID")
bad("registry-name-leading-dash", "ANIP-REF-7", f"registry://-acme/glue@1.0.0{D}", "REF_REGISTRY_INVALID")
bad("registry-two-ats", "ANIP-REF-7", f"registry://acme@glue@1.0.0{D}", "REF_REGISTRY_INVALID")

# ANIP-REF-8: object+https.
OBJ = "object+https://cdn.example.com/bundles/glue-1.2.3.tgz"
ok("object-https-basic", "ANIP-REF-8", OBJ + D, "object+https", OBJ)
ok("object-https-segment-charset", "ANIP-REF-10", f"object+https://cdn.example.com/a/b~c+d=e,f@g-h_i.tgz{D}", "object+https",
   "object+https://cdn.example.com/a/b~c+d=e,f@g-h_i.tgz")
ok("object-https-trailing-bare-question-mark", "ANIP-REF-11", OBJ + "?" + D, "object+https", OBJ + "?")
ok("object-https-double-hash", "ANIP-REF-11", OBJ + "#" + D, "object+https", OBJ + "#", note="locator ends in #: empty fragment")
ok("object-https-escaped-letter", "ANIP-REF-10", f"object+https://cdn.example.com/glue%41.tgz{D}", "object+https",
   "object+https://cdn.example.com/glue%41.tgz")
bad("object-https-no-path", "ANIP-REF-8", f"object+https://cdn.example.com{D}", "REF_OBJECT_HTTPS_URL_INVALID")
bad("object-https-root-path", "ANIP-REF-8", f"object+https://cdn.example.com/{D}", "REF_OBJECT_HTTPS_URL_INVALID")
bad("object-https-no-host", "ANIP-REF-8", f"object+https:///glue.tgz{D}", "REF_OBJECT_HTTPS_URL_INVALID")
bad("object-https-bad-port", "ANIP-REF-11", f"object+https://cdn.example.com:x1/glue.tgz{D}", "REF_OBJECT_HTTPS_URL_INVALID")
bad("object-https-bad-escape", "ANIP-REF-11", f"object+https://cdn.example.com/glue%4.tgz{D}", "REF_OBJECT_HTTPS_URL_INVALID")
bad("object-https-userinfo", "ANIP-REF-8", f"object+https://key@cdn.example.com/glue.tgz{D}", "REF_OBJECT_HTTPS_URL_EXTRAS")
bad("object-https-query", "ANIP-REF-8", f"{OBJ}?X-Amz-Signature=abc{D}", "REF_OBJECT_HTTPS_URL_EXTRAS")
bad("object-https-fragment", "ANIP-REF-8", f"{OBJ}#part{D}", "REF_OBJECT_HTTPS_URL_EXTRAS")
bad("object-https-encoded-traversal", "ANIP-REF-10", f"object+https://cdn.example.com/a/%2e%2e/glue.tgz{D}",
    "REF_OBJECT_HTTPS_PATH_UNSAFE")
bad("object-https-hidden-segment", "ANIP-REF-10", f"object+https://cdn.example.com/.well-known/glue.tgz{D}",
    "REF_OBJECT_HTTPS_PATH_UNSAFE")

# ANIP-REF-9: object+s3.
ok("object-s3-basic", "ANIP-REF-9", f"object+s3://acme-bundles/glue/1.2.3.tgz{D}", "object+s3", "object+s3://acme-bundles/glue/1.2.3.tgz")
ok("object-s3-bucket-3", "ANIP-REF-9", f"object+s3://abc/glue.tgz{D}", "object+s3", "object+s3://abc/glue.tgz")
ok("object-s3-bucket-63", "ANIP-REF-9", f"object+s3://{'b' * 63}/glue.tgz{D}", "object+s3", f"object+s3://{'b' * 63}/glue.tgz")
bad("object-s3-bucket-2", "ANIP-REF-9", f"object+s3://ab/glue.tgz{D}", "REF_OBJECT_S3_PATH_UNSAFE")
bad("object-s3-bucket-64", "ANIP-REF-9", f"object+s3://{'b' * 64}/glue.tgz{D}", "REF_OBJECT_S3_PATH_UNSAFE")
bad("object-s3-bucket-underscore", "ANIP-REF-9", f"object+s3://acme_bundles/glue.tgz{D}", "REF_OBJECT_S3_PATH_UNSAFE")
bad("object-s3-bucket-with-port", "ANIP-REF-9", f"object+s3://acme-bundles:443/glue.tgz{D}", "REF_OBJECT_S3_PATH_UNSAFE",
    "the port is part of Go's Host, so the bucket rule fails")
bad("object-s3-no-key", "ANIP-REF-9", f"object+s3://acme-bundles{D}", "REF_OBJECT_S3_URL_INVALID")
bad("object-s3-root-key", "ANIP-REF-9", f"object+s3://acme-bundles/{D}", "REF_OBJECT_S3_URL_INVALID")
bad("object-s3-userinfo", "ANIP-REF-9", f"object+s3://key@acme-bundles/glue.tgz{D}", "REF_OBJECT_S3_URL_EXTRAS")
bad("object-s3-query", "ANIP-REF-9", f"object+s3://acme-bundles/glue.tgz?versionId=1{D}", "REF_OBJECT_S3_URL_EXTRAS")
bad("object-s3-key-segment", "ANIP-REF-10", f"object+s3://acme-bundles/glue/-x.tgz{D}", "REF_OBJECT_S3_PATH_UNSAFE")

doc = {
    "area": "anip-refs",
    "description": "Remote custom-code-bundle refs (spec §13, ANIP-REF-1..12): every rule and message, every family, "
    "and the Go net/url quirks of ANIP-REF-11. Generated by generate.py in this folder.",
    "cases": cases,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "refs.json")
with open(path, "w", encoding="ascii") as f:
    json.dump(doc, f, indent=1, ensure_ascii=True)
    f.write("\n")
names = [c["name"] for c in cases]
assert len(names) == len(set(names)), "duplicate case names"
print(f"wrote {path}: {len(cases)} cases")
