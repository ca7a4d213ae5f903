//! What is rendered from the core's code table (`trustloop_core::api::codes`): the
//! tables of `docs/codes.md`, the TypeScript `Code` type (Node `index.d.ts`, WASM
//! `src/codes.d.ts`) and the Python stub `trustloop/codes.pyi`. `tests/tests/codes.rs`
//! checks each file against these and regenerates them.
use trustloop_core::api::codes::{Section, TABLE};

/// The markers around one section's table in `docs/codes.md`.
pub fn docs_markers(section: Section) -> (String, String) {
    (format!("<!-- codes:{} -->", section.as_str()), String::from("<!-- /codes -->"))
}

/// The sections in table order.
pub fn sections() -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for c in TABLE {
        if !out.contains(&c.section) {
            out.push(c.section);
        }
    }
    out
}

/// One section's markdown table.
pub fn docs_table(section: Section) -> String {
    let mut out = String::from("| code | severity | meaning |\n|---|---|---|\n");
    for c in TABLE.iter().filter(|c| c.section == section) {
        out.push_str(&format!("| `{}` | {} | {} |\n", c.code, c.severity.as_str(), c.meaning));
    }
    out
}

/// `docs` with every section's table replaced by its rendering; `Err` names a section
/// whose markers are missing.
pub fn docs(docs: &str) -> Result<String, String> {
    let mut text = docs.to_string();
    for section in sections() {
        let (start, end) = docs_markers(section);
        text = crate::generated::splice(&text, &start, &end, &docs_table(section))
            .ok_or_else(|| format!("docs/codes.md has no `{start}` … `{end}` block"))?;
    }
    Ok(text)
}

/// The markers around the generated block in `bindings-node/index.d.ts`.
pub const TS_MARKERS: (&str, &str) = ("// <codes> generated from core/src/codes.rs", "// </codes>");

/// The TypeScript declarations of the code list: the `Code` union and `CodeInfo`.
pub fn typescript() -> String {
    let mut out = String::from("/** Every finding and error code (docs/codes.md). */\nexport type Code =\n");
    for c in TABLE {
        out.push_str(&format!("  | '{}'\n", c.code));
    }
    out.push_str(concat!(
        "\n/** One row of the code table: `codes()` lists every code once. */\n",
        "export interface CodeInfo {\n",
        "  code: Code\n",
        "  /** The section of docs/codes.md, e.g. `anpkg-validate`. */\n",
        "  section: string\n",
        "  /** `varies`: an error in one place, a warning in another; `retired`: no longer emitted. */\n",
        "  severity: 'error' | 'warning' | 'info' | 'varies' | 'retired'\n",
        "  meaning: string\n",
        "}\n",
    ));
    out
}

/// `bindings-python/python/trustloop/codes.pyi`.
pub fn python_stub() -> String {
    let mut out = String::from(concat!(
        "# Generated from core/src/codes.rs by tests/tests/codes.rs",
        " (TRUSTLOOP_BLESS=1 cargo test -p trustloop-conformance --test codes).\n",
        "from typing import List, Literal, TypedDict\n\n",
        "Code = Literal[\n",
    ));
    for c in TABLE {
        out.push_str(&format!("    \"{}\",\n", c.code));
    }
    out.push_str(concat!(
        "]\n\n",
        "class CodeInfo(TypedDict):\n",
        "    code: Code\n",
        "    section: str\n",
        "    severity: Literal[\"error\", \"warning\", \"info\", \"varies\", \"retired\"]\n",
        "    meaning: str\n\n",
        "def codes() -> List[CodeInfo]: ...\n\n",
    ));
    for c in TABLE {
        out.push_str(&format!("{0}: Literal[\"{0}\"]\n", c.code));
    }
    out
}
