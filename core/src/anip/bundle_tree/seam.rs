//! Seam and mode classification of bundle files (ANIP-APPLY-9, -10).

/// ANIP-APPLY-9 (a leading `/` is part of each suffix, so root-level files are
/// `custom_file`).
pub fn seam_for_path(path: &str) -> &'static str {
    let lower = path.to_lowercase();
    let any = |suffixes: &[&str]| suffixes.iter().any(|s| lower.ends_with(s));
    if any(&["/backend_adapter.py", "/backend-adapter.ts", "/backend_adapter.go", "/backendadapter.java", "/backendadapter.cs"]) {
        "backend_adapter"
    } else if any(&["/policy.py", "/policy.ts", "/policy.go", "/policy.java", "/policy.cs"]) {
        "policy"
    } else if any(&["/app.py", "/app.ts", "/app.go", "/application.java", "/program.cs"]) {
        "application_entrypoint"
    } else {
        "custom_file"
    }
}

/// ANIP-APPLY-10.
pub fn mode_for_path(path: &str, seam: &str, overlaid: bool) -> &'static str {
    if overlaid {
        return "extension_overlay";
    }
    if seam != "custom_file" {
        return "extension_material";
    }
    let lower = path.to_lowercase();
    if matches!(lower.as_str(), "pyproject.toml" | "package.json" | "go.mod" | "pom.xml") || lower.ends_with(".csproj") {
        "project_metadata"
    } else {
        "custom_file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seams() {
        assert_eq!(seam_for_path("BackendAdapter.cs"), "custom_file");
        assert_eq!(seam_for_path("x/BackendAdapter.cs"), "backend_adapter");
        assert_eq!(seam_for_path("src/x/POLICY.go"), "policy");
        assert_eq!(seam_for_path("src/Program.cs"), "application_entrypoint");
        assert_eq!(seam_for_path("src/gtm-app.ts"), "custom_file");
    }

    #[test]
    fn modes() {
        assert_eq!(mode_for_path("README.md", "custom_file", true), "extension_overlay");
        assert_eq!(mode_for_path("a/policy.py", "policy", false), "extension_material");
        assert_eq!(mode_for_path("Go.Mod", "custom_file", false), "project_metadata");
        assert_eq!(mode_for_path("a/go.mod", "custom_file", false), "custom_file");
        assert_eq!(mode_for_path("App.csproj", "custom_file", false), "project_metadata");
    }
}
