//! Go's `*PathError` texts (`open <path>: no such file or directory`), which upstream's
//! messages embed and the hosts reproduce for every failed open, stat, read or write.
use std::path::Path;

/// Go's `*PathError` text: `open <path>: no such file or directory`.
pub fn go_path_error(path: &Path, e: &std::io::Error) -> String {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s,
            }
        }
    };
    format!("open {}: {reason}", path.display())
}

/// Go's `stat <path>: <reason>` text.
pub fn go_stat_error(path: &Path, e: &std::io::Error) -> String {
    go_path_error(path, e).replacen("open ", "stat ", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_as_go_prints_them() {
        let missing = Path::new("/nonexistent-trustloop/x.json");
        let e = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(go_path_error(missing, &e), "open /nonexistent-trustloop/x.json: no such file or directory");
        assert_eq!(go_stat_error(missing, &e), "stat /nonexistent-trustloop/x.json: no such file or directory");
    }
}
