//! `meta/provenance.json` (ANPKG-PROV-1/2): Python
//! `json.dumps(doc, indent=2, sort_keys=True)` plus `\n`. The document has a fixed
//! shape, so it is written directly, keys already in sorted order; strings are
//! escaped as Python's `ensure_ascii` does.
use alloc::format;
use alloc::string::String;

/// What provenance records about one export.
pub struct Provenance<'a> {
    pub exported_at: &'a str,
    pub omitted_variants: &'a [String],
    pub token_removed: bool,
    pub source_project: &'a str,
}

pub fn provenance_json(p: &Provenance<'_>) -> String {
    let omitted = if p.omitted_variants.is_empty() {
        String::from("[]")
    } else {
        let items: alloc::vec::Vec<String> =
            p.omitted_variants.iter().map(|v| format!("    {}", json_string(v))).collect();
        format!("[\n{}\n  ]", items.join(",\n"))
    };
    format!(
        "{{\n  \"exported_at\": {},\n  \"exported_variant\": \"manual\",\n  \"omitted_variants\": {},\n  \"package_format_version\": 1,\n  \"redaction_policy\": {{\n    \"deploy_time_env_var\": \"INFLUXDB_TOKEN\",\n    \"telemetry_influxdb_token_removed\": {}\n  }},\n  \"schema_versions\": {{\n    \"machine-profile\": 1,\n    \"runtime-config\": 1\n  }},\n  \"source_project\": {}\n}}\n",
        json_string(p.exported_at),
        omitted,
        if p.token_removed { "true" } else { "false" },
        json_string(p.source_project),
    )
}

/// A JSON string as Python's `json` writes it with `ensure_ascii=True`: `\"`, `\\`,
/// `\n`, `\r`, `\t`, `\b`, `\f`, everything else outside `' '..='~'` as `\u00xx`
/// (lowercase hex, surrogate pairs above U+FFFF).
pub fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{:04x}", u));
                }
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anpkg_prov_1_python_json_dumps_shape() {
        let none: [String; 0] = [];
        let text = provenance_json(&Provenance {
            exported_at: "2026-04-03T00:00:00Z",
            omitted_variants: &none,
            token_removed: false,
            source_project: "sim-quickstart",
        });
        assert!(text.starts_with("{\n  \"exported_at\": \"2026-04-03T00:00:00Z\",\n"));
        assert!(text.contains("\"omitted_variants\": [],\n"));
        assert!(text.ends_with("\"source_project\": \"sim-quickstart\"\n}\n"));
        let two = [String::from("automation"), String::from("caf\u{e9}\u{1F600}")];
        let text = provenance_json(&Provenance {
            exported_at: "x",
            omitted_variants: &two,
            token_removed: true,
            source_project: "p",
        });
        assert!(text.contains("\"omitted_variants\": [\n    \"automation\",\n    \"caf\\u00e9\\ud83d\\ude00\"\n  ],\n"));
        assert!(text.contains("\"telemetry_influxdb_token_removed\": true\n"));
        assert_eq!(json_string("a\"\\\n\u{1}\u{7f}/"), "\"a\\\"\\\\\\n\\u0001\\u007f/\"");
    }
}
