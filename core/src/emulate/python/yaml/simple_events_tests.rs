//! The simple reader against saphyr-parser: same events wherever the simple one finishes.
use super::*;
use alloc::format;
use alloc::vec;
use saphyr_parser::Parser;

#[path = "../../../../benches/yaml_doc.rs"]
mod yaml_doc;

/// Every event of the text, or `None` where this reader declines it.
fn simple(text: &str) -> Option<Vec<Event<'_>>> {
    let mut reader = SimpleEvents::new(text)?;
    let mut events = Vec::new();
    while let Some(event) = reader.next_event() {
        events.push(event.ok()?);
    }
    Some(events)
}

fn saphyr(text: &str) -> Result<Vec<Event<'_>>, String> {
    let mut parser = Parser::new_from_str(text);
    let mut events = Vec::new();
    while let Some(event) = parser.next_event() {
        events.push(event.map_err(|e| format!("{e}"))?.0);
    }
    Ok(events)
}

/// Where this reader finishes, saphyr reads the same events (and no error).
fn assert_agrees(text: &str) -> bool {
    let Some(ours) = simple(text) else { return false };
    assert_eq!(Ok(ours), saphyr(text), "{text:?}");
    true
}

const SHAPES: &[&str] = &[
    "a: 1\n",
    "a:\n",
    "a:\nb: 2\n",
    "a:\n  b: 1\n  c:\n    - x\n    -\n    - y: 1\n      z: 2\n    - 'q'\nd: 'it''s'\n",
    "a:\n  - - q\n",
    "a:\n- 1\n- 2\nb: 3\n",
    "a:\n-\n- b: 1\n  c: 2\n-\n",
    "- a\n- b: c\n- [1, 2]\n- {x: y}\n-   deep: 1\n    more: 2\n",
    "k: [a, 'b', \"c\", [d, {e: f}], []]\nm: {a: 1, 'b': [2], \"c\": {}}\n",
    "k: [http://x:1/y, -1, a b , c]\n",
    "k: {a: b, c: d,}\n",
    "k: [a, b,]\n",
    "k: [a: b]\n",
    "k: {a}\n",
    "s: \"x\\n\\t\\\\ \\\" \\/ y\"\n",
    "t: \"\\u00e9\"\n",
    "a: x # comment\n# line\n  # indented\nb: y\n",
    "a:\n  # indented\n  b: 1\n",
    "a: x\n  # more indented after a plain scalar\nb: 1\n",
    "a: x\n  y\n",
    "a: x\n    y: 1\n",
    "a: b: c\n",
    "a : b\n",
    "a:b\n",
    "'q' : 1\n",
    "\"q\":1\n",
    "lit: |\n  one\n    two\n\n  three\n\nnext: 1\n",
    "lit: |-\n  one\n  two\n",
    "fold: >\n  one\n  two\n\n  three\n\n\n  four\nn: 1\n",
    "fold: >-\n  one\n  two\n",
    "fold: >\n  one\n    more\n  two\n",
    "lit: |\n\n  late\n",
    "lit: |+\n  keep\n\n",
    "lit: |2\n  x\n",
    "lit: | # c\n  x\n",
    "lit: |\n  x\n # between\nn: 1\n",
    "- |\n  x\n- >\n  y\n",
    "a:\n- |\n  x\n",
    "x: |\n  a\n\n   \n  b\n",
    "x: |\n  a\n     \n  b\n",
    "a: -5\nb: - x\nc: -\n",
    "a: &x 1\n", "a: *x\n", "a: !t 1\n", "? a\n: b\n", "--- \na: 1\n", "a: 1\n...\n", "%YAML 1.2\n---\na: 1\n",
    "[a, b]\n", "x\n", "# only\n", "",
    "a: 1\n b: 2\n", "a:\n  b: 1\n c: 2\n", "  a: 1\n",
    "a: 'x\n  y'\n", "a: [x,\n  y]\n", "a: \"x\\\n  y\"\n",
    "a: x #c\n", "a: x#c\n", "a: 'x'#c\n", "a: [x] #c\n", "a: [x]#c\n", "a: {x: [y]}   \n",
    "a: é\nb: 'ü'\n",
    "a: [-x, - y]\n", "a: [x, -]\n", "a: {x: -1}\n", "a: [ ]\n", "a: { }\n",
    "a: [x #c]\n", "a: {x: 1 , y: 2}\n", "a: {x:1}\n", "a: {\"x\":1}\n",
];

#[test]
fn agrees_with_saphyr_on_shapes() {
    let mut read = 0;
    for text in SHAPES {
        read += usize::from(assert_agrees(text));
    }
    // The shapes this reader is meant to read (the rest must be declined).
    assert_eq!(read, 26, "of {}", SHAPES.len());
}

#[test]
fn reads_the_benchmark_document() {
    let doc = yaml_doc::document(60_000);
    assert!(assert_agrees(&doc), "the benchmark document left the simple shape");
}

/// Random edits of the shapes and of a slice of the benchmark document (a fixed
/// LCG, so the run is repeatable): wherever this reader finishes, saphyr agrees.
#[test]
fn agrees_with_saphyr_on_mutations() {
    let pieces = [
        " ", "  ", "\n", "\n  ", "\n- ", "- ", ": ", ":", "#", " #", "'", "\"", "\\", "[", "]", "{", "}", ",", "|", ">",
        "-", "&a ", "*a", "!t ", "? ", "x", "1", "é", "|-\n", ">\n", "\n\n", "  - ", "---", "...", "%", "\u{2028}", "\u{85}", "\t", "\r", "\u{feff}", "\\u0041", "\\x41", "\\N", "|+\n", "|2\n", "\n    ", "''", "a: ", "- a: ", "{a: ", "[a, ", "\\", "\\\\", ": x", "#x", "a #", " - ", "\n\n  ",
    ];
    let bench = yaml_doc::document(3_000);
    let mut seeds: Vec<&str> = SHAPES.to_vec();
    seeds.push(&bench);
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = |n: usize| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n.max(1)
    };
    let mut read = 0;
    for round in 0..30_000 {
        let seed = seeds[round % seeds.len()];
        let mut doc: Vec<u8> = seed.as_bytes().to_vec();
        for _ in 0..1 + next(3) {
            let at = next(doc.len() + 1);
            match next(3) {
                0 => {
                    let piece = pieces[next(pieces.len())].as_bytes();
                    doc.splice(at..at, piece.iter().copied());
                }
                1 => {
                    let end = (at + 1 + next(4)).min(doc.len());
                    doc.drain(at.min(end)..end);
                }
                _ => {
                    let line_start = doc[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                    doc.splice(line_start..line_start, vec![b' '; 1 + next(3)]);
                }
            }
        }
        let Ok(text) = String::from_utf8(doc) else { continue };
        read += usize::from(assert_agrees(&text));
    }
    assert!(read > 2_000, "only {read} mutated documents were read by this reader");
}

/// Keys past saphyr's simple-key length (1024 characters) are left to saphyr.
#[test]
fn long_keys_are_declined() {
    let long = "k".repeat(1100);
    for text in [format!("{long}: 1\n"), format!("a: {{{long}: 1}}\n"), format!("- {long}: 1\n")] {
        assert!(!assert_agrees(&text), "read a {}-byte key", long.len());
    }
    assert!(assert_agrees(&format!("{}: 1\n", "k".repeat(900))));
}
