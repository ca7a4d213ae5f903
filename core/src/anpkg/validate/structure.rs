//! Required files and directories (ANPKG-VAL-S1..S6).
use alloc::format;

use super::codes;
use super::tree::Kind;
use super::{Ctx, Stop};
use crate::diag::Finding;

pub const REQUIRED_FILES: [&str; 4] =
    ["machine-profile.yaml", "runtime/anolis-runtime.yaml", "meta/provenance.json", "meta/checksums.sha256"];

pub fn check(ctx: &mut Ctx<'_>) -> Result<(), Stop> {
    for rel in REQUIRED_FILES {
        if ctx.tree.kind(rel) != Kind::File {
            ctx.fail(Finding::error(codes::MISSING_FILE, format!("Missing required package file: {rel}")).at_file(rel))?;
        }
    }
    if ctx.tree.kind("providers") != Kind::Dir {
        ctx.fail(Finding::error(codes::MISSING_PROVIDERS_DIR, "Missing required package directory: providers/").at_file("providers/"))?;
        return Ok(());
    }
    // S6: `providers/` glob `*.y*ml` (case-sensitive, not recursive; directories match too).
    if !ctx.tree.children("providers").iter().any(|name| glob_yaml(name)) {
        ctx.fail(Finding::error(codes::NO_PROVIDER_CONFIGS, "No provider config files found under providers/").at_file("providers/"))?;
    }
    Ok(())
}

/// fnmatch `*.y*ml`: the name contains `.y` followed somewhere later by a final `ml`.
fn glob_yaml(name: &str) -> bool {
    name.match_indices(".y").any(|(i, _)| name.len() >= i + 2 + 2 && name.ends_with("ml"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn provider_glob() {
        for (name, ok) in [("sim0.yaml", true), ("a.yml", true), (".yaml", true), ("x.yXml", true), ("sim0.txt", false),
            ("a.YAML", false), ("a.yml.bak", false), ("a.y", false), ("a.yml", true), ("a.ml", false)] {
            assert_eq!(super::glob_yaml(name), ok, "{name}");
        }
    }
}
