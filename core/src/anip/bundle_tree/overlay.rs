//! What a bundle may add or replace in a generated project (ANIP-APPLY-7, -8).
use crate::emulate::go::path as gopath;
use super::template::TemplateValues;

const PROTECTED_SUFFIXES: &[&str] = &[
    "/runtime_target.py",
    "/capabilities.py",
    "/runtime-target.ts",
    "/capabilities.ts",
    "/generatedruntime.cs",
    "/generatedcapabilities.cs",
    "/runtimetarget.java",
    "/generatedcapabilities.java",
];

const OVERLAY_SUFFIXES: &[&str] = &[
    "/backend_adapter.py",
    "/policy.py",
    "/backend-adapter.ts",
    "/policy.ts",
    "/backend_adapter.go",
    "/policy.go",
    "/backendadapter.java",
    "/policy.java",
    "/backendadapter.cs",
    "/policy.cs",
];

/// ANIP-APPLY-7: generated substrate a bundle can never replace (case-insensitive).
pub fn is_protected_substrate(path: &str) -> bool {
    let lower = path.to_lowercase();
    matches!(lower.as_str(), "anip-service-definition.json" | "dockerfile" | "docker-compose.yml")
        || lower.starts_with("agent-consumption/")
        || PROTECTED_SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// ANIP-APPLY-8: existing generated files a bundle may replace (case-insensitive).
pub fn is_allowed_overlay(path: &str) -> bool {
    let lower = path.to_lowercase();
    matches!(
        lower.as_str(),
        "pyproject.toml" | "package.json" | "go.mod" | "pom.xml" | "readme.md" | "backendadapter.cs" | "backend_adapter.cs" | "policy.cs"
    ) || lower.ends_with(".csproj")
        || lower.starts_with("tests/")
        || lower.starts_with("test/")
        || OVERLAY_SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// ANIP-APPLY-8: a Python `src/<PYTHON_MODULE_NAME>/**/app.py` may replace the
/// generated entrypoint (the module prefix is case-sensitive).
pub fn is_python_entrypoint_overlay(path: &str, values: &TemplateValues) -> bool {
    if !path.to_lowercase().ends_with("/app.py") {
        return false;
    }
    let module = values.get("PYTHON_MODULE_NAME").map(|s| s.trim()).unwrap_or("");
    if module.is_empty() {
        return false;
    }
    path.starts_with(&alloc::format!("{}/", gopath::join("src", module)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protected() {
        for p in ["Dockerfile", "anip-service-definition.JSON", "Agent-Consumption/kit.json", "src/x/Capabilities.py", "a/RuntimeTarget.java"] {
            assert!(is_protected_substrate(p), "{p}");
        }
        for p in ["capabilities.py", "docs/Dockerfile", "src/x/capabilities_extra.py"] {
            assert!(!is_protected_substrate(p), "{p}");
        }
    }

    #[test]
    fn overlays() {
        for p in ["README.md", "App.csproj", "BackendAdapter.cs", "tests/x.py", "TEST/y.py", "src/a/Policy.py", "x/backend-adapter.ts"] {
            assert!(is_allowed_overlay(p), "{p}");
        }
        for p in ["src/a/app.py", "src/readme.md", "testing/x.py", "policy.py"] {
            assert!(!is_allowed_overlay(p), "{p}");
        }
    }

    #[test]
    fn python_entrypoint() {
        let v: TemplateValues = [("PYTHON_MODULE_NAME".into(), "demo".into())].into_iter().collect();
        assert!(is_python_entrypoint_overlay("src/demo/services/x/App.py", &v));
        assert!(!is_python_entrypoint_overlay("src/Demo/app.py", &v));
        assert!(!is_python_entrypoint_overlay("src/demo/app.py", &TemplateValues::new()));
    }
}
