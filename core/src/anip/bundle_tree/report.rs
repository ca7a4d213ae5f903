//! `custom-code-bundle-report.json` (ANIP-APPLY-11), byte-compatible with upstream.
use alloc::string::String;
use alloc::vec::Vec;

use crate::json::{Map, Value};

/// One applied file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportFile {
    pub path: String,
    pub sha256: String,
    pub seam: &'static str,
    pub mode: &'static str,
    pub bytes: u64,
    pub overlaid: bool,
}

/// The report of one apply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The cleaned bundle path as given (omitted when empty).
    pub bundle_path: String,
    /// The applied tree digest (omitted when empty).
    pub bundle_sha256: String,
    /// Sorted by path; printed as `null` when empty, like Go's nil slice.
    pub files: Vec<ReportFile>,
}

impl Report {
    /// The report object, fields in upstream's struct order.
    pub fn to_value(&self) -> Value {
        let mut m = Map::record();
        if !self.bundle_path.is_empty() {
            m.insert("bundle_path", self.bundle_path.as_str().into());
        }
        if !self.bundle_sha256.is_empty() {
            m.insert("bundle_sha256", self.bundle_sha256.as_str().into());
        }
        let files = if self.files.is_empty() {
            Value::Null
        } else {
            Value::Array(
                self.files
                    .iter()
                    .map(|f| {
                        // `executable` is `omitempty` and always false (ANIP-TREE-7).
                        Map::record()
                            .with("path", f.path.as_str())
                            .with("sha256", f.sha256.as_str())
                            .with("seam", f.seam)
                            .with("mode", f.mode)
                            .with("bytes", f.bytes)
                            .with("overlaid", f.overlaid)
                            .with("substrate", false)
                            .into()
                    })
                    .collect(),
            )
        };
        m.insert("files", files);
        m.into()
    }

    /// The file upstream writes: `MarshalIndent` plus a newline.
    #[cfg(test)]
    pub fn to_file_bytes(&self) -> String {
        crate::json::to_pretty(&self.to_value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_report_has_null_files() {
        let r = Report { bundle_path: "build".into(), bundle_sha256: "sha256:e3".into(), files: Vec::new() };
        assert_eq!(r.to_file_bytes(), "{\n  \"bundle_path\": \"build\",\n  \"bundle_sha256\": \"sha256:e3\",\n  \"files\": null\n}\n");
    }

    #[test]
    fn file_shape() {
        let r = Report {
            bundle_path: String::new(),
            bundle_sha256: "d".into(),
            files: alloc::vec![ReportFile { path: "a<b".into(), sha256: "s".into(), seam: "policy", mode: "extension_material", bytes: 3, overlaid: false }],
        };
        assert_eq!(
            r.to_file_bytes(),
            "{\n  \"bundle_sha256\": \"d\",\n  \"files\": [\n    {\n      \"path\": \"a\\u003cb\",\n      \"sha256\": \"s\",\n      \"seam\": \"policy\",\n      \"mode\": \"extension_material\",\n      \"bytes\": 3,\n      \"overlaid\": false,\n      \"substrate\": false\n    }\n  ]\n}\n"
        );
    }
}
