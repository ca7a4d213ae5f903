//! Human-readable `inspect`: prelude, a table of assets, the preload list, warnings.
use std::fmt::Write;

use trustloop_core::api::assets_pa::reader::ArchiveInfo;
use trustloop_core::api::json::{to_compact, Value};

fn metadata_text(m: &trustloop_core::api::json::Map) -> String {
    m.sorted()
        .map(|(k, v)| match v {
            Value::String(s) => format!("{k}={s}"),
            other => format!("{k}={}", to_compact(other)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn render(name: &str, info: &ArchiveInfo) -> String {
    let p = &info.prelude;
    let mut s = String::new();
    let _ = writeln!(s, "{name}: assets.pa, {} bytes", info.file_len);
    let _ = writeln!(
        s,
        "prelude: magic {} schema_version {} header_len {} payload_offset {} flags {} reserved {}",
        String::from_utf8_lossy(&p.magic),
        p.schema_version,
        p.header_len,
        p.payload_offset,
        p.flags,
        p.reserved
    );
    let _ = writeln!(s, "payload: {} bytes", info.payload_len());
    let table = &info.header.asset_table;
    let _ = writeln!(s, "\nassets ({}):", table.len());
    let rows: Vec<[String; 8]> = table
        .iter()
        .map(|e| {
            [
                e.asset_id.to_string(),
                e.asset_name.clone(),
                e.bank_type.as_str().into(),
                e.codec.as_str().into(),
                e.offset.to_string(),
                e.size.to_string(),
                e.decoded_size.to_string(),
                metadata_text(&e.metadata),
            ]
        })
        .collect();
    let head = ["asset_id", "asset_name", "bank", "codec", "offset", "size", "decoded", "metadata"];
    let mut widths: Vec<usize> = head.iter().map(|h| h.len()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r.iter()) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut l = String::from(" ");
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                l.push_str(&format!(" {c}"));
            } else {
                l.push_str(&format!(" {c:<w$}", w = widths[i]));
            }
        }
        l.trim_end().to_string()
    };
    let _ = writeln!(s, "{}", line(head.to_vec()));
    for r in &rows {
        let _ = writeln!(s, "{}", line(r.iter().map(String::as_str).collect()));
    }
    let _ = writeln!(s, "\npreload ({}):", info.header.preload.len());
    for pr in &info.header.preload {
        let bank = info.header.entry(pr.asset_id).map(|e| e.bank_type.as_str()).unwrap_or("?");
        let _ = writeln!(s, "  asset_id {} -> {bank} slot {}", pr.asset_id, pr.slot);
    }
    if info.warnings.is_empty() {
        let _ = writeln!(s, "\nwarnings: none");
    } else {
        let _ = writeln!(s, "\nwarnings ({}):", info.warnings.len());
        for w in &info.warnings {
            let _ = writeln!(s, "  {} [{}]", w.message, w.code);
        }
    }
    s
}
