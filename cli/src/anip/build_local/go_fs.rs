//! The file-system steps of upstream's build-local with Go's semantics and error
//! texts: `filepath.Join` (lexically cleaned), `os.MkdirAll`, `os.WriteFile` (mode
//! 0600, written in place, no parent directories created).
use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use trustloop_host::go_errors::go_path_error;

/// Go's `filepath.Clean` (Unix): `.` and empty elements dropped, `..` resolved
/// lexically, no trailing slash; `""` becomes `.`.
pub fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                _ if rooted => {}
                _ => parts.push(".."),
            },
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// Go's `filepath.Join(dir, name)`.
pub fn join(dir: &str, name: &str) -> String {
    match (dir.is_empty(), name.is_empty()) {
        (true, true) => String::new(),
        (true, false) => clean(name),
        (false, true) => clean(dir),
        (false, false) => clean(&format!("{dir}/{name}")),
    }
}

/// Go's `os.MkdirAll(path, 0o755)`, with its error text (`mkdir <path>: <reason>`,
/// naming the component that failed).
pub fn mkdir_all(path: &str) -> Result<(), String> {
    let mkdir_error = |p: &str, e: &std::io::Error| go_path_error(Path::new(p), e).replacen("open ", "mkdir ", 1);
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(_) => return Err(format!("mkdir {path}: not a directory")),
        Err(_) => {}
    }
    let trimmed = path.trim_end_matches('/');
    let parent = &trimmed[..trimmed.rfind('/').unwrap_or(0)];
    if !parent.is_empty() {
        mkdir_all(parent)?;
    }
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o755);
    match builder.create(path) {
        Ok(()) => Ok(()),
        // `foo/.` and races: an existing directory is success.
        Err(_) if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) => Ok(()),
        Err(e) => Err(mkdir_error(path, &e)),
    }
}

/// Go's `os.WriteFile(path, bytes, 0o600)`: created or truncated in place.
pub fn write_file(path: &str, bytes: &[u8]) -> Result<(), String> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| go_path_error(Path::new(path), &e))?;
    file.write_all(bytes).map_err(|e| go_path_error(Path::new(path), &e).replacen("open ", "write ", 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_and_join_as_go() {
        for (input, want) in [
            ("", "."),
            ("a/b/../c", "a/c"),
            ("/../a", "/a"),
            ("../../a", "../../a"),
            ("a/./b//c/", "a/b/c"),
            ("/", "/"),
            ("a/..", "."),
        ] {
            assert_eq!(clean(input), want, "{input}");
        }
        assert_eq!(join("out/", "sub/dir-1.0"), "out/sub/dir-1.0");
        assert_eq!(join("out", "a-/.."), "out");
        assert_eq!(join("", "x"), "x");
    }

    #[test]
    fn mkdir_all_names_the_file_in_the_way() {
        let dir = std::env::temp_dir().join(format!("tl-go-fs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("file");
        std::fs::write(&file, b"x").unwrap();
        let file = file.to_str().unwrap();
        assert_eq!(mkdir_all(file).unwrap_err(), format!("mkdir {file}: not a directory"));
        assert_eq!(mkdir_all(&format!("{file}/sub")).unwrap_err(), format!("mkdir {file}: not a directory"));
        let nested = format!("{}/a/b", dir.to_str().unwrap());
        mkdir_all(&nested).unwrap();
        assert!(Path::new(&nested).is_dir());
        let missing_parent = format!("{}/none/x.json", dir.to_str().unwrap());
        assert_eq!(
            write_file(&missing_parent, b"{}").unwrap_err(),
            format!("open {missing_parent}: no such file or directory")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
