//! Go `path` helpers on `/`-separated paths (`Clean`, `Join`, `Base`, `Ext`).
//!
//! Upstream runs on Unix-style paths (`filepath` == `path` there), so bundle-relative
//! paths and walk paths follow these exact rules.
use alloc::string::String;
use alloc::vec::Vec;

/// Go `path.Clean`.
pub fn clean(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|s| *s != "..") {
                    out.pop();
                } else if !rooted {
                    out.push("..");
                }
            }
            s => out.push(s),
        }
    }
    let body = out.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => alloc::format!("/{body}"),
        (false, true) => ".".into(),
        (false, false) => body,
    }
}

/// Go `path.Join` of two elements: empty elements are ignored, the result is cleaned.
pub fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => String::new(),
        (true, false) => clean(b),
        (false, true) => clean(a),
        (false, false) => clean(&alloc::format!("{a}/{b}")),
    }
}

/// Go `path.Base`: the last element; "." for empty, "/" for only slashes.
pub fn base(p: &str) -> &str {
    if p.is_empty() {
        return ".";
    }
    let trimmed = p.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/";
    }
    match trimmed.rfind('/') {
        Some(i) => &trimmed[i + 1..],
        None => trimmed,
    }
}

/// Go `path.Ext`: the suffix from the last `.` of the last element, or "".
pub fn ext(p: &str) -> &str {
    for (i, b) in p.bytes().enumerate().rev() {
        match b {
            b'/' => return "",
            b'.' => return &p[i..],
            _ => {}
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_matches_go() {
        for (i, o) in [
            ("", "."),
            ("a/b", "a/b"),
            ("a//b/./c/", "a/b/c"),
            ("a/../../b", "../b"),
            ("/../a", "/a"),
            ("./", "."),
            ("a/..", "."),
            ("..", ".."),
            ("/", "/"),
        ] {
            assert_eq!(clean(i), o, "{i:?}");
        }
    }

    #[test]
    fn join_base_ext() {
        assert_eq!(join("root", "a/b.py"), "root/a/b.py");
        assert_eq!(join(".", "a.py"), "a.py");
        assert_eq!(join("", "a.py"), "a.py");
        assert_eq!(base("a/b.py"), "b.py");
        assert_eq!(base("a/b/"), "b");
        assert_eq!(ext("a/b.tar.gz"), ".gz");
        assert_eq!(ext("a.b/c"), "");
        assert_eq!(ext(".py"), ".py");
    }
}
