//! Expected texts are PyYAML 6.0.3 `safe_dump(…, sort_keys=False)` outputs for the
//! same Python values (ANPKG-YAML-2); the differential suite covers the rest.
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::safe_dump;
use crate::emulate::python::yaml::value::{Date, DateTime, Int, Map, Value};

fn s(x: &str) -> Value {
    Value::Str(x.into())
}
fn map(entries: Vec<(Value, Value)>) -> Value {
    Value::Map(entries.into_iter().collect::<Map>())
}
fn one(key: &str, v: Value) -> Value {
    map(vec![(s(key), v)])
}
fn dump(v: &Value) -> String {
    safe_dump(v).expect("emit")
}

#[test]
fn anpkg_yaml_2_strings_that_would_resolve_otherwise_are_quoted() {
    let items = [
        "", "1.0", "true", "yes", "on", "null", "~", "0x0A", "0755", "5000", "2026-04-03", "a: b", "a #b", "- x",
        " x", "*", "it's", "say \"hi\"", "1e3", "1:20", ".inf", "<<", "=", "08", "-", "a:b", "x ",
    ];
    let v = one("a", Value::Seq(items.iter().map(|x| s(x)).collect()));
    assert_eq!(
        dump(&v),
        "a:\n- ''\n- '1.0'\n- 'true'\n- 'yes'\n- 'on'\n- 'null'\n- '~'\n- '0x0A'\n- '0755'\n- '5000'\n- '2026-04-03'\n- 'a: b'\n- 'a #b'\n- '- x'\n- ' x'\n- '*'\n- it's\n- say \"hi\"\n- 1e3\n- '1:20'\n- '.inf'\n- '<<'\n- '='\n- 08\n- '-'\n- a:b\n- 'x '\n"
    );
}

#[test]
fn anpkg_yaml_2_numbers_bool_null() {
    let big = Int::parse_radix("12345678901234567890123", 10, false).expect("int");
    let floats = [25.0, 1e-5, 1e16, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, -0.0, 0.1];
    let v = map(vec![
        (s("i"), Value::Int(Int::from_i64(10))),
        (s("big"), Value::Int(big)),
        (s("f"), Value::Seq(floats.iter().map(|f| Value::Float(*f)).collect())),
        (s("b"), Value::Bool(true)),
        (s("n"), Value::Null),
    ]);
    assert_eq!(
        dump(&v),
        "i: 10\nbig: 12345678901234567890123\nf:\n- 25.0\n- 1.0e-05\n- 1.0e+16\n- .inf\n- -.inf\n- .nan\n- -0.0\n- 0.1\nb: true\nn: null\n"
    );
}

#[test]
fn anpkg_yaml_2_non_ascii_is_escaped_in_double_quotes() {
    let v = map(vec![
        (s("u"), s("caf\u{e9}")),
        (s("tab"), s("a\tb")),
        (s("emoji"), s("\u{1F600}")),
        (s("ls"), s("a\u{2028}b")),
        (s("nbsp"), s("a\u{a0}b")),
        (s("bom"), s("\u{feff}")),
    ]);
    assert_eq!(
        dump(&v),
        "u: \"caf\\xE9\"\ntab: \"a\\tb\"\nemoji: \"\\U0001F600\"\nls: \"a\\Lb\"\nnbsp: \"a\\_b\"\nbom: \"\\uFEFF\"\n"
    );
}

#[test]
fn anpkg_yaml_2_block_layout_and_empty_collections() {
    let v = map(vec![
        (s("m"), one("x", one("y", Value::Int(Int::ONE)))),
        (
            s("l"),
            Value::Seq(vec![
                Value::Seq(vec![Value::Int(Int::ONE), Value::Seq(vec![Value::Int(Int::from_i64(2))])]),
                map(vec![(s("a"), Value::Int(Int::ONE)), (s("b"), Value::Seq(vec![Value::Int(Int::from_i64(3))]))]),
            ]),
        ),
        (s("e1"), map(vec![])),
        (s("e2"), Value::Seq(vec![])),
        (s("le"), Value::Seq(vec![map(vec![]), Value::Seq(vec![])])),
    ]);
    assert_eq!(
        dump(&v),
        "m:\n  x:\n    y: 1\nl:\n- - 1\n  - - 2\n- a: 1\n  b:\n  - 3\ne1: {}\ne2: []\nle:\n- {}\n- []\n"
    );
    assert_eq!(dump(&map(vec![])), "{}\n");
    assert_eq!(dump(&s("abc")), "abc\n...\n");
}

#[test]
fn anpkg_yaml_2_multiline_strings_are_single_quoted_with_doubled_breaks() {
    let v = map(vec![(s("s"), s("a\nb")), (s("t"), s("a\n")), (s("u"), s("\na")), (s("v"), s("a\n\nb  c"))]);
    assert_eq!(dump(&v), "s: 'a\n\n  b'\nt: 'a\n\n  '\nu: '\n\n  a'\nv: 'a\n\n\n  b  c'\n");
}

#[test]
fn anpkg_yaml_2_dates_and_datetimes() {
    let d = Date { year: 2026, month: 4, day: 3 };
    let naive = DateTime { date: d, hour: 10, minute: 0, second: 0, microsecond: 0, utc_offset_seconds: None };
    let aware = DateTime { microsecond: 500_000, utc_offset_seconds: Some(-(5 * 3600 + 30 * 60)), ..naive };
    let v = map(vec![(s("d"), Value::Date(d)), (s("dt"), Value::DateTime(naive)), (s("dtz"), Value::DateTime(aware))]);
    assert_eq!(dump(&v), "d: 2026-04-03\ndt: 2026-04-03 10:00:00\ndtz: 2026-04-03 10:00:00.500000-05:30\n");
}

fn words(prefix: &str) -> String {
    let mut out = String::from(prefix);
    for i in 0..40 {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&alloc::format!("word{i}"));
    }
    out
}

#[test]
fn anpkg_yaml_2_folding_at_80() {
    assert_eq!(
        dump(&one("k", s(&words("")))),
        "k: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12\n  word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23 word24\n  word25 word26 word27 word28 word29 word30 word31 word32 word33 word34 word35 word36\n  word37 word38 word39\n"
    );
    assert_eq!(
        dump(&one("k", s(&words("#")))),
        "k: '#word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12\n  word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23 word24\n  word25 word26 word27 word28 word29 word30 word31 word32 word33 word34 word35 word36\n  word37 word38 word39'\n"
    );
    let mut k2 = "x".repeat(100);
    k2.push_str(&"\u{e9}".repeat(30));
    let v = map(vec![(s("k"), s(&words("\u{e9}"))), (s("k2"), s(&k2))]);
    let e9 = "\\xE9";
    let expected = alloc::format!(
        "k: \"\\xE9word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11\\\n  \\ word12 word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23\\\n  \\ word24 word25 word26 word27 word28 word29 word30 word31 word32 word33 word34 word35\\\n  \\ word36 word37 word38 word39\"\nk2: \"{}{}\\\n  {}\\\n  {}\"\n",
        "x".repeat(100),
        e9,
        e9.repeat(20),
        e9.repeat(9)
    );
    assert_eq!(dump(&v), expected);
}

#[test]
fn anpkg_yaml_2_keys_simple_and_complex() {
    let v = map(vec![
        (Value::Int(Int::ONE), s("int")),
        (Value::Null, s("null")),
        (Value::Float(1.5), s("f")),
        (s(""), s("empty")),
        (s(&"k".repeat(130)), s("long")),
        (s("a\nb"), s("multi")),
        (s("yes"), s("str-yes")),
    ]);
    assert_eq!(
        dump(&v),
        alloc::format!(
            "1: int\nnull: 'null'\n1.5: f\n? ''\n: empty\n? {}\n: long\n? 'a\n\n  b'\n: multi\n'yes': str-yes\n",
            "k".repeat(130)
        )
    );
}

#[test]
fn anpkg_yaml_2_binary_set_and_tuples() {
    let hello: Vec<u8> = b"hello".iter().copied().cycle().take(150).collect();
    let v = map(vec![(s("b"), Value::Binary(hello)), (s("e"), Value::Binary(Vec::new()))]);
    assert_eq!(
        dump(&v),
        "b: !!binary |\n  aGVsbG9oZWxsb2hlbGxvaGVsbG9oZWxsb2hlbGxvaGVsbG9oZWxsb2hlbGxvaGVsbG9oZWxsb2hl\n  bGxvaGVsbG9oZWxsb2hlbGxvaGVsbG9oZWxsb2hlbGxvaGVsbG9oZWxsb2hlbGxvaGVsbG9oZWxs\n  b2hlbGxvaGVsbG9oZWxsb2hlbGxvaGVsbG9oZWxsb2hlbGxv\ne: !!binary \"\"\n"
    );
    assert_eq!(dump(&one("s", Value::Set(vec![Value::Int(Int::ONE)]))), "s: !!set\n  1: null\n");
    let t = Value::Tuple(vec![Value::Int(Int::ONE), Value::Int(Int::from_i64(2))]);
    assert_eq!(dump(&one("t", Value::Seq(vec![t]))), "t:\n- - 1\n  - 2\n");
}
