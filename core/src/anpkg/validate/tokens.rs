//! Token-like values (ANPKG-VAL-T1..T4): any non-blank string whose key path's last
//! `.` segment, lowercased, contains `token`. Runs before the schemas, over every
//! `.yaml`/`.yml`/`.json` file except the checksum file, in upstream's order
//! (`sorted()` of `Path` objects: component by component).
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::checksums::CHECKSUM_FILE;
use super::documents::{load_json, load_yaml, py_strip};
use super::{codes, Ctx, Stop};
use crate::anpkg::yaml::pyrepr::to_str;
use crate::anpkg::yaml::Value;
use crate::diag::Finding;

pub fn check(ctx: &mut Ctx<'_>) -> Result<(), Stop> {
    let mut files: Vec<(&str, &[u8])> = ctx.tree.files().into_iter().filter(|(p, _)| *p != CHECKSUM_FILE).collect();
    files.sort_by(|a, b| a.0.split('/').cmp(b.0.split('/')));
    for (rel, bytes) in files {
        let doc = if rel.ends_with(".json") {
            load_json(bytes, rel)
        } else if rel.ends_with(".yaml") || rel.ends_with(".yml") {
            load_yaml(bytes, rel, ctx.opts.yaml_limits)
        } else {
            continue;
        };
        let doc = match doc {
            Ok(d) => d,
            Err(f) => {
                ctx.fail(f)?;
                continue;
            }
        };
        let mut hits = Vec::new();
        find_tokens(&doc, &mut String::from("$"), &mut hits);
        for key_path in hits {
            ctx.fail(
                Finding::error(codes::TOKEN_LEAK, format!("Secret-like token value leaked at {rel}:{key_path}"))
                    .at_file(rel)
                    .at_path(key_path.as_str()),
            )?;
        }
    }
    Ok(())
}

/// Depth-first walk; mapping keys append `.str(key)`, list items `[i]`.
pub fn find_tokens(v: &Value, path: &mut String, hits: &mut Vec<String>) {
    match v {
        Value::Map(m) => {
            for (k, child) in m.iter() {
                let len = path.len();
                path.push('.');
                path.push_str(&to_str(k));
                find_tokens(child, path, hits);
                path.truncate(len);
            }
        }
        Value::Seq(items) => {
            for (i, child) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                find_tokens(child, path, hits);
                path.truncate(len);
            }
        }
        Value::Str(s) if !py_strip(s).is_empty() => {
            let last = path.rsplit('.').next().unwrap_or("");
            if last.to_lowercase().contains("token") {
                hits.push(path.clone());
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anpkg::yaml::safe_load;

    fn hits(doc: &str) -> Vec<String> {
        let mut out = Vec::new();
        find_tokens(&safe_load(doc).unwrap(), &mut String::from("$"), &mut out);
        out
    }

    #[test]
    fn anpkg_val_t_table() {
        assert_eq!(hits("token: abc"), ["$.token"]);
        for key in ["api_token", "auth_token", "TOKEN", "Tokenizer", "influx_token", "x_token", "x.token"] {
            assert_eq!(hits(&format!("'{key}': abc")), [format!("$.{key}")]);
        }
        assert_eq!(hits("tokens: [a]"), ["$.tokens[0]"]);
        assert_eq!(hits("providers: [{token: x}]"), ["$.providers[0].token"]);
        assert!(hits("'token.x': abc").is_empty());
        for v in ["''", "'   '", "12345", "null", "{v: a}"] {
            assert!(hits(&format!("token: {v}")).is_empty(), "{v}");
        }
        assert!(hits("password: hunter2").is_empty());
        assert_eq!(hits("1: {token: x}"), ["$.1.token"]);
        assert_eq!(hits("yes: {token: x}"), ["$.True.token"]);
    }
}
