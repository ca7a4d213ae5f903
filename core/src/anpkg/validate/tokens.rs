//! Token-like values (ANPKG-VAL-T1..T4): any non-blank string whose key path's last
//! `.` segment, lowercased, contains `token`. Runs before the schemas, over every
//! `.yaml`/`.yml`/`.json` file except the checksum file, in upstream's order
//! (`sorted()` of `Path` objects: component by component).
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::checksums::CHECKSUM_FILE;
use super::documents::{load_json, load_yaml, py_strip};
use super::manifest::read_by_load_mapping;
use super::{codes, Ctx, Stop};
use crate::emulate::python::repr::to_str;
use crate::emulate::python::yaml::Value;
use crate::diag::Finding;

pub fn check(ctx: &mut Ctx<'_>) -> Result<(), Stop> {
    let mut files: Vec<(&str, &[u8])> = ctx.tree.files().into_iter().filter(|(p, _)| *p != CHECKSUM_FILE).collect();
    crate::sort::sort_by(&mut files, |a, b| a.0.split('/').cmp(b.0.split('/')));
    for (rel, bytes) in files {
        let yaml = rel.ends_with(".yaml") || rel.ends_with(".yml");
        let doc = if rel.ends_with(".json") {
            load_json(bytes, rel)
        } else if yaml {
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
        let max_hits = if ctx.opts.all { MAX_HITS_PER_FILE } else { 1 };
        for key_path in find_tokens(&doc, max_hits) {
            ctx.fail(
                Finding::error(codes::TOKEN_LEAK, format!("Secret-like token value leaked at {rel}:{key_path}"))
                    .at_file(rel)
                    .at_path(key_path.as_str()),
            )?;
        }
        if yaml && read_by_load_mapping(rel) {
            ctx.parsed.keep(bytes, doc);
        }
    }
    Ok(())
}

/// Most token findings kept per file with `all`, and most bytes of their key paths
/// (a path is as long as the keys above it, which aliases can make large).
pub const MAX_HITS_PER_FILE: usize = 1000;
const MAX_HIT_PATH_BYTES: usize = 16 << 20;

/// Key paths of token-like values, depth-first, at most `max_hits` of them.
/// Mapping keys append `.str(key)`, list items `[i]`.
pub fn find_tokens(v: &Value, max_hits: usize) -> Vec<String> {
    let mut walk = Walk { path: String::from("$"), hits: Vec::new(), max_hits, hit_bytes: 0 };
    walk.visit(v, false);
    walk.hits
}

struct Walk {
    path: String,
    hits: Vec<String>,
    max_hits: usize,
    hit_bytes: usize,
}

impl Walk {
    fn full(&self) -> bool {
        self.hits.len() >= self.max_hits || self.hit_bytes > MAX_HIT_PATH_BYTES
    }

    /// `token_key`: the path's last `.` segment, lowercased, contains `token`. Decided
    /// once per key (list items append `[i]`, which cannot change it), not per value.
    /// Recursion depth is the value's nesting, which the loaders bound (docs/limits.md).
    fn visit(&mut self, v: &Value, token_key: bool) {
        match v {
            Value::Map(m) => {
                for (k, child) in m.iter() {
                    if self.full() {
                        return;
                    }
                    let key = to_str(k);
                    let last = key.rsplit('.').next().unwrap_or("");
                    let token_key = last.to_lowercase().contains("token");
                    let len = self.path.len();
                    self.path.push('.');
                    self.path.push_str(&key);
                    self.visit(child, token_key);
                    self.path.truncate(len);
                }
            }
            Value::Seq(items) => {
                for (i, child) in items.iter().enumerate() {
                    if self.full() {
                        return;
                    }
                    let len = self.path.len();
                    self.path.push_str(&format!("[{i}]"));
                    self.visit(child, token_key);
                    self.path.truncate(len);
                }
            }
            Value::Str(s) if token_key && !py_strip(s).is_empty() && !self.full() => {
                self.hit_bytes += self.path.len();
                self.hits.push(self.path.clone());
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulate::python::yaml::safe_load;

    fn hits(doc: &str) -> Vec<String> {
        find_tokens(&safe_load(doc).unwrap(), usize::MAX)
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
