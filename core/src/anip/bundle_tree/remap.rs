//! Path remapping after template substitution (ANIP-APPLY-5).
use alloc::string::String;
use alloc::vec::Vec;

use crate::emulate::go::path as gopath;
use super::path::validate_generated_file_path;
use super::template::TemplateValues;
use crate::diag::Error;

fn value<'v>(values: &'v TemplateValues, key: &str) -> &'v str {
    values.get(key).map(|s| s.trim()).unwrap_or("")
}

/// Package names that stay where they are under `src/`.
fn remappable_python_package(name: &str) -> bool {
    !matches!(name.trim().to_lowercase().as_str(), "" | "shared" | "common" | "tests" | "test")
}

/// Returns the final path of an already validated, substituted `path`. Only runs
/// when template values exist at all. Remapped paths are validated again.
pub fn remap(path: &str, content: &[u8], values: &TemplateValues) -> Result<String, Error> {
    if values.is_empty() {
        return Ok(path.into());
    }
    let module = value(values, "PYTHON_MODULE_NAME");
    if !module.is_empty() && path.starts_with("src/") && path.to_lowercase().ends_with(".py") {
        let parts: Vec<&str> = path.split('/').collect();
        if parts.len() == 3 && parts[2].eq_ignore_ascii_case("app.py") {
            return Ok(path.into());
        }
        if parts.len() >= 3 && parts[1] != module && remappable_python_package(parts[1]) {
            let joined = alloc::format!("src/{module}/{}", parts[2..].join("/"));
            return validate_generated_file_path(&gopath::clean(&joined));
        }
    }
    let package_name = value(values, "JAVA_PACKAGE_NAME");
    let package_path = value(values, "JAVA_PACKAGE_PATH");
    let lower = path.to_lowercase();
    if package_name.is_empty() || package_path.is_empty() || !lower.starts_with("src/main/java/") || !lower.ends_with(".java") {
        return Ok(path.into());
    }
    let declaration = alloc::format!("package {package_name};");
    if !contains(content, declaration.as_bytes()) {
        return Ok(path.into());
    }
    let joined = gopath::clean(&alloc::format!("src/main/java/{package_path}/{}", gopath::base(path)));
    validate_generated_file_path(&joined)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> TemplateValues {
        pairs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect()
    }

    #[test]
    fn python_remap_rules() {
        let v = values(&[("PYTHON_MODULE_NAME", "generated_jira")]);
        assert_eq!(remap("src/historical_jira/backend_adapter.py", b"", &v).unwrap(), "src/generated_jira/backend_adapter.py");
        assert_eq!(remap("src/historical_jira/deep/x.py", b"", &v).unwrap(), "src/generated_jira/deep/x.py");
        assert_eq!(remap("src/x/App.py", b"", &v).unwrap(), "src/x/App.py");
        assert_eq!(remap("src/shared/util.py", b"", &v).unwrap(), "src/shared/util.py");
        assert_eq!(remap("src/Tests/t.py", b"", &v).unwrap(), "src/Tests/t.py");
        assert_eq!(remap("src/generated_jira/x.py", b"", &v).unwrap(), "src/generated_jira/x.py");
        assert_eq!(remap("lib/other/x.py", b"", &v).unwrap(), "lib/other/x.py");
        assert_eq!(remap("src/x/y.pyi", b"", &v).unwrap(), "src/x/y.pyi");
    }

    #[test]
    fn java_remap_needs_package_declaration() {
        let v = values(&[("JAVA_PACKAGE_NAME", "dev.anip.generated.demo"), ("JAVA_PACKAGE_PATH", "dev/anip/generated/demo")]);
        let moved = remap("src/main/java/com/old/Policy.java", b"package dev.anip.generated.demo;\n", &v).unwrap();
        assert_eq!(moved, "src/main/java/dev/anip/generated/demo/Policy.java");
        assert_eq!(remap("src/main/java/com/old/Policy.java", b"package com.old;", &v).unwrap(), "src/main/java/com/old/Policy.java");
        assert_eq!(remap("SRC/Main/Java/a/B.JAVA", b"package dev.anip.generated.demo;", &v).unwrap(), "src/main/java/dev/anip/generated/demo/B.JAVA");
    }

    #[test]
    fn no_values_no_remap() {
        assert_eq!(remap("src/a/b.py", b"", &TemplateValues::new()).unwrap(), "src/a/b.py");
    }

    #[test]
    fn remapped_path_is_validated() {
        let v = values(&[("PYTHON_MODULE_NAME", "bad name")]);
        assert_eq!(remap("src/a/b.py", b"", &v).unwrap_err().code(), "TREE_PATH_UNSAFE_SEGMENT");
    }
}
