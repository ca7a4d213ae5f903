//! Generate targets and `{{ANIP_<KEY>}}` template values (ANIP-APPLY-4).
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::diag::Error;

/// A code-generation target of `anip generate --target`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Python,
    TypeScript,
    Go,
    Java,
    CSharp,
}

impl Target {
    pub fn parse(s: &str) -> Result<Target, Error> {
        Ok(match s {
            "python" => Target::Python,
            "typescript" => Target::TypeScript,
            "go" => Target::Go,
            "java" => Target::Java,
            "csharp" => Target::CSharp,
            other => return Err(Error::new("APPLY_UNKNOWN_TARGET", alloc::format!("unsupported target {}", crate::anip::go_quote(other)))),
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Target::Python => "python",
            Target::TypeScript => "typescript",
            Target::Go => "go",
            Target::Java => "java",
            Target::CSharp => "csharp",
        }
    }
}

/// Template values, substituted in sorted key order (ANIP-APPLY-4a: upstream's
/// order is Go map order, which only matters when one value contains another
/// placeholder).
pub type TemplateValues = BTreeMap<String, String>;

/// Replaces every `{{ANIP_<KEY>}}` in `bytes` (Go `strings.ReplaceAll`, byte-wise, so
/// invalid UTF-8 passes through untouched).
pub fn substitute(bytes: &[u8], values: &TemplateValues) -> Vec<u8> {
    let mut current = bytes.to_vec();
    for (key, value) in values {
        let needle = alloc::format!("{{{{ANIP_{key}}}}}");
        current = replace_all(&current, needle.as_bytes(), value.as_bytes());
    }
    current
}

fn replace_all(hay: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    if needle.is_empty() || hay.len() < needle.len() {
        return hay.to_vec();
    }
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    while i < hay.len() {
        if hay[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    out
}

/// `systemNameToPackageName`: lowercase ASCII letters and digits, runs of anything
/// else become one `-`, trimmed; `generated-anip-service` when nothing is left.
pub fn slug(system_name: &str) -> String {
    let mut out = String::new();
    let mut last_dash = false;
    for c in system_name.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
            last_dash = false;
        } else if !last_dash {
            out.push('-');
            last_dash = true;
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "generated-anip-service".into()
    } else {
        trimmed.into()
    }
}

/// Go `csharpProjectName`: `-`, `_` and `.` become spaces, Go `titleCase` (the first
/// byte of each whitespace-separated word uppercased), spaces removed;
/// `GeneratedAnipService` when nothing is left. A word starting with a non-ASCII
/// character keeps it as is (Go would uppercase half of its UTF-8 bytes).
pub fn csharp_project_name(system_name: &str) -> String {
    let spaced: String = system_name.chars().map(|c| if matches!(c, '-' | '_' | '.') { ' ' } else { c }).collect();
    let joined: String = spaced
        .split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => core::iter::once(first.to_ascii_uppercase()).chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect();
    if joined.is_empty() {
        "GeneratedAnipService".into()
    } else {
        joined
    }
}

/// Go `csharpNamespace`: per `.`-separated segment keep ASCII letters and digits,
/// prefixing `Generated` when the segment's first byte is a digit; empty segments
/// dropped; `GeneratedAnipService` when nothing is left.
pub fn csharp_namespace(project_name: &str) -> String {
    let base = match project_name.trim() {
        "" => "GeneratedAnipService",
        b => b,
    };
    let parts: Vec<String> = base
        .split('.')
        .map(|segment| {
            let mut part = String::new();
            for (index, c) in segment.char_indices() {
                if c.is_ascii_alphanumeric() {
                    if index == 0 && c.is_ascii_digit() {
                        part.push_str("Generated");
                    }
                    part.push(c);
                }
            }
            part
        })
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        "GeneratedAnipService".into()
    } else {
        parts.join(".")
    }
}

/// The values `anip generate` sets for `target` when no naming flag is given
/// (spec ANIP-APPLY-4; the Python module and project name follow the package id
/// when there is one). Hosts may override any key.
pub fn default_values(target: Target, system_name: &str, package_id: &str) -> TemplateValues {
    let mut v = TemplateValues::new();
    let s = slug(system_name);
    match target {
        Target::Python => {
            let (module_source, project) =
                if package_id.trim().is_empty() { (s.clone(), s.clone()) } else { (slug(package_id), package_id.into()) };
            v.insert("PYTHON_MODULE_NAME".into(), module_source.replace('-', "_"));
            v.insert("PACKAGE_NAME".into(), project);
        }
        Target::TypeScript => {}
        Target::Go => {
            v.insert("GO_MODULE_PATH".into(), alloc::format!("generated/{s}"));
        }
        Target::Java => {
            let name = alloc::format!("dev.anip.generated.{}", s.replace('-', "_"));
            v.insert("JAVA_PACKAGE_PATH".into(), name.replace('.', "/"));
            v.insert("JAVA_PACKAGE_NAME".into(), name);
        }
        Target::CSharp => {
            let project = csharp_project_name(system_name);
            v.insert("CSHARP_ROOT_NAMESPACE".into(), csharp_namespace(&project));
            v.insert("PACKAGE_NAME".into(), project);
        }
    }
    v
}

/// Checks a template key given by a host (`--var KEY=VALUE`): the part after
/// `ANIP_`, made of ASCII letters, digits and `_`.
pub fn validate_key(key: &str) -> Result<(), Error> {
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(Error::new(
            "APPLY_TEMPLATE_KEY_INVALID",
            alloc::format!("template key {} must be letters, digits and _ (the part after ANIP_)", crate::anip::go_quote(key)),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_for_the_gtm_catalog() {
        let go = default_values(Target::Go, "GTM Pipeline Q2 Review", "");
        assert_eq!(go["GO_MODULE_PATH"], "generated/gtm-pipeline-q2-review");
        let java = default_values(Target::Java, "GTM Pipeline Q2 Review", "");
        assert_eq!(java["JAVA_PACKAGE_NAME"], "dev.anip.generated.gtm_pipeline_q2_review");
        assert_eq!(java["JAVA_PACKAGE_PATH"], "dev/anip/generated/gtm_pipeline_q2_review");
        let cs = default_values(Target::CSharp, "GTM Pipeline Q2 Review", "");
        assert_eq!(cs["CSHARP_ROOT_NAMESPACE"], "GTMPipelineQ2Review");
        assert_eq!(cs["PACKAGE_NAME"], "GTMPipelineQ2Review");
        let py = default_values(Target::Python, "X", "gtm-pipeline-q2-review");
        assert_eq!(py["PYTHON_MODULE_NAME"], "gtm_pipeline_q2_review");
        assert_eq!(py["PACKAGE_NAME"], "gtm-pipeline-q2-review");
        assert!(default_values(Target::TypeScript, "X", "y").is_empty());
    }

    #[test]
    fn csharp_defaults_as_upstream_derives_them() {
        // (system name, Go csharpProjectName, Go csharpNamespace), from upstream's rules.
        for (system, project, namespace) in [
            ("order-desk service", "OrderDeskService", "OrderDeskService"),
            ("work_item.fronting", "WorkItemFronting", "WorkItemFronting"),
            ("2fa gateway", "2faGateway", "Generated2faGateway"),
            ("Acme (EU) Orders!", "Acme(EU)Orders!", "AcmeEUOrders"),
            ("caf\u{e9} ops", "Caf\u{e9}Ops", "CafOps"),
            ("!!!", "!!!", "GeneratedAnipService"),
            ("  ", "GeneratedAnipService", "GeneratedAnipService"),
        ] {
            let v = default_values(Target::CSharp, system, "ignored");
            assert_eq!((v["PACKAGE_NAME"].as_str(), v["CSHARP_ROOT_NAMESPACE"].as_str()), (project, namespace), "{system:?}");
        }
        assert_eq!(csharp_namespace("Acme.9lives..Orders"), "Acme.Generated9lives.Orders");
        assert_eq!(csharp_namespace("Acme._9"), "Acme.9");
    }

    #[test]
    fn slug_rules() {
        assert_eq!(slug("  Hello, World! 2 "), "hello-world-2");
        assert_eq!(slug("***"), "generated-anip-service");
    }

    #[test]
    fn substitution_is_bytewise_and_sorted() {
        let mut v = TemplateValues::new();
        v.insert("A".into(), "{{ANIP_B}}".into());
        v.insert("B".into(), "b".into());
        assert_eq!(substitute(b"x{{ANIP_A}}\xff{{ANIP_B}}{{ANIP_C}}", &v), b"xb\xffb{{ANIP_C}}");
    }

    #[test]
    fn targets() {
        assert_eq!(Target::parse("java").unwrap(), Target::Java);
        assert_eq!(Target::parse("rust").unwrap_err().message(), "unsupported target \"rust\"");
    }
}
