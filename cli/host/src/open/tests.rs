use std::path::PathBuf;

use super::*;

fn scratch(name: &str) -> PathBuf {
    crate::scratch::scratch(&format!("open-{name}"))
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[test]
fn go_texts_for_a_directory_and_a_missing_file() {
    let d = scratch("texts");
    let err = read_path(&d, 1024).expect_err("directory");
    assert_eq!(err.go_text(&d), format!("read {}: is a directory", d.display()));
    let missing = d.join("missing.json");
    let err = read_path(&missing, 1024).expect_err("missing");
    assert_eq!(err.go_text(&missing), format!("open {}: no such file or directory", missing.display()));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_large_file_is_refused_from_its_size_before_reading() {
    let d = scratch("sparse");
    let big = d.join("big.json");
    // Sparse: 4 GiB on paper, nothing on disk; refused before a byte is read.
    std::fs::File::create(&big).expect("create").set_len(4 << 30).expect("set_len");
    assert!(matches!(read_path(&big, 1 << 20), Err(OpenError::TooLarge(n)) if n == 1 << 20));
    std::fs::write(&big, b"12345").expect("write");
    assert_eq!(read_path(&big, 5).expect("at the cap"), b"12345");
    assert!(matches!(read_path(&big, 4), Err(OpenError::TooLarge(4))));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_device_is_read_through_the_cap() {
    let err = read_path(Path::new("/dev/zero"), 1 << 20).expect_err("endless");
    assert!(matches!(err, OpenError::TooLarge(n) if n == 1 << 20));
    assert_eq!(read_path(Path::new("/dev/null"), 16).expect("empty"), b"");
}

#[test]
fn a_fifo_without_a_writer_does_not_hang() {
    let d = scratch("fifo");
    let fifo = d.join("f");
    mkfifo(&fifo);
    // Opened non-blocking; no writer: end of file, not a wait.
    assert_eq!(read_path(&fifo, 16).expect("empty"), b"");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn the_buffer_never_grows_past_the_cap() {
    let d = scratch("growth");
    let f = d.join("f");
    std::fs::write(&f, vec![7u8; 300_000]).expect("write");
    let (file, _) = open_path(&f).expect("open");
    // Read as a stream of unknown size (as for a pipe).
    let bytes = read_capped(file, 0, 300_000).expect("fits");
    assert_eq!(bytes.len(), 300_000);
    assert!(bytes.capacity() <= 300_001, "capacity {}", bytes.capacity());
    let _ = std::fs::remove_dir_all(&d);
}

fn listed(dir: &Dir, name: &str) -> Listed {
    let list: Vec<Listed> = dir.list(FileIdentity::Read, || Ok::<(), ()>(())).expect("list");
    list.into_iter().find(|l| l.name == name).expect("listed")
}

/// A listing that skips file identities (the packer's walk) types every entry as the
/// full listing does: only a regular file's identity is left out, never a symlink, a
/// FIFO or a directory taken for a file.
#[test]
fn skipping_file_identities_keeps_every_kind() {
    let d = scratch("kinds");
    std::fs::write(d.join("file"), b"x").expect("write");
    std::fs::create_dir_all(d.join("dir")).expect("mkdir");
    std::os::unix::fs::symlink("file", d.join("link")).expect("symlink");
    mkfifo(&d.join("fifo"));
    let dir = Dir::open_root(&d).expect("open");
    let kinds = |files| {
        let mut list: Vec<(String, Kind, bool)> =
            dir.list(files, || Ok::<(), ()>(())).expect("list").into_iter().map(|l| (l.name, l.kind, l.identity.0.is_some())).collect();
        list.sort_by(|a, b| a.0.cmp(&b.0));
        list
    };
    let full = kinds(FileIdentity::Read);
    let typed = kinds(FileIdentity::Skip);
    let expected = [("dir", Kind::Dir), ("fifo", Kind::Special), ("file", Kind::File), ("link", Kind::Symlink)];
    for (list, what) in [(&full, "read"), (&typed, "skip")] {
        let got: Vec<(&str, Kind)> = list.iter().map(|(n, k, _)| (n.as_str(), *k)).collect();
        assert_eq!(got, expected, "{what}");
    }
    assert!(full.iter().all(|(_, _, id)| *id), "a full listing identifies every entry");
    assert_eq!(typed.iter().filter(|(_, _, id)| !id).map(|(n, _, _)| n.as_str()).collect::<Vec<_>>(), ["file"]);
    let _ = std::fs::remove_dir_all(&d);
}

/// Puts something new at `f` with a rename, so the old file's inode is still in use
/// (a freed inode number could be reused by the replacement).
fn replace_with(f: &Path, make: &dyn Fn(&Path)) {
    let tmp = f.with_extension("new");
    make(&tmp);
    std::fs::rename(&tmp, f).expect("rename");
}

#[test]
fn a_listed_file_swapped_before_opening_is_changed() {
    let d = scratch("swap");
    let f = d.join("a.py");
    type Make<'a> = &'a dyn Fn(&Path);
    let cases: [(&str, Kind, Make); 3] = [
        ("symlink", Kind::Symlink, &|p| std::os::unix::fs::symlink("/etc/hostname", p).expect("symlink")),
        ("fifo", Kind::Special, &mkfifo),
        ("other file", Kind::File, &|p| std::fs::write(p, b"other").expect("write")),
    ];
    for (what, found, make) in cases {
        std::fs::write(&f, b"listed").expect("write");
        let dir = Dir::open_root(&d).expect("open");
        let child = listed(&dir, "a.py");
        assert_eq!(child.kind, Kind::File);
        assert_eq!(dir.read_file(&child, 100).expect("unchanged"), b"listed");
        replace_with(&f, make);
        match dir.read_file(&child, 100) {
            Err(OpenError::Changed { listed: Kind::File, found: f }) => assert_eq!(f, found, "{what}"),
            other => panic!("{what}: {other:?}"),
        }
        match dir.open_below(Path::new("a.py"), &child) {
            Err(OpenError::Changed { .. }) => {}
            other => panic!("{what}: {other:?}"),
        }
        std::fs::remove_file(&f).expect("remove");
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_listed_directory_swapped_for_a_symlink_is_not_descended() {
    let d = scratch("swapdir");
    std::fs::create_dir(d.join("sub")).expect("mkdir");
    let dir = Dir::open_root(&d).expect("open");
    let child = listed(&dir, "sub");
    std::fs::remove_dir(d.join("sub")).expect("rmdir");
    std::os::unix::fs::symlink("/etc", d.join("sub")).expect("symlink");
    assert!(matches!(dir.open_dir(&child), Err(OpenError::Changed { listed: Kind::Dir, found: Kind::Symlink })));
    let _ = std::fs::remove_dir_all(&d);
}

/// The cached parent handle gives the same answers as walking from the root, and
/// is used: once cached, renaming the directory away does not hide its files.
#[test]
fn open_rel_cached_reuses_the_parent_and_answers_like_open_rel() {
    let d = scratch("rel-cached");
    std::fs::create_dir_all(d.join("real/in")).expect("mkdir");
    std::fs::create_dir_all(d.join("other")).expect("mkdir");
    std::fs::write(d.join("real/in/f.json"), b"f").expect("write");
    std::fs::write(d.join("real/in/h.json"), b"h").expect("write");
    std::fs::write(d.join("other/o.json"), b"o").expect("write");
    std::fs::write(d.join("top.json"), b"t").expect("write");
    std::os::unix::fs::symlink("f.json", d.join("real/in/g.json")).expect("symlink");
    let dir = Dir::open_root(&d).expect("open");
    let mut parent = None;
    let read = |r: Result<Option<(File, Meta)>, RelError>| {
        let (mut f, _) = r.expect("ok").expect("found");
        let mut s = String::new();
        f.read_to_string(&mut s).expect("read");
        s
    };
    assert_eq!(read(dir.open_rel_cached("real/in/f.json", &mut parent)), "f");
    assert_eq!(parent.as_ref().map(|(p, _)| p.as_str()), Some("real/in"));
    assert!(matches!(dir.open_rel_cached("real/in/g.json", &mut parent), Err(RelError::Symlink(p)) if p == "real/in/g.json"));
    assert_eq!(read(dir.open_rel_cached("real/in/f.json", &mut parent)), "f");
    std::fs::rename(d.join("real"), d.join("moved")).expect("rename");
    assert_eq!(read(dir.open_rel_cached("real/in/h.json", &mut parent)), "h", "the cached handle is used");
    assert!(dir.open_rel("real/in/h.json").expect("ok").is_none());
    assert_eq!(read(dir.open_rel_cached("other/o.json", &mut parent)), "o");
    assert_eq!(parent.as_ref().map(|(p, _)| p.as_str()), Some("other"));
    assert_eq!(read(dir.open_rel_cached("top.json", &mut parent)), "t");
    assert!(dir.open_rel_cached("real/in/h.json", &mut parent).expect("ok").is_none());
    assert!(matches!(dir.open_rel_cached("other/../x", &mut parent), Err(RelError::Io(_))));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn open_rel_refuses_symlinks_anywhere_along_the_path() {
    let d = scratch("rel");
    std::fs::create_dir_all(d.join("real/in")).expect("mkdir");
    std::fs::write(d.join("real/in/f.json"), b"{}").expect("write");
    std::os::unix::fs::symlink("real", d.join("link")).expect("symlink");
    std::os::unix::fs::symlink("f.json", d.join("real/in/g.json")).expect("symlink");
    let dir = Dir::open_root(&d).expect("open");
    assert!(dir.open_rel("real/in/f.json").expect("ok").is_some());
    assert!(dir.open_rel("real/in/none.json").expect("ok").is_none());
    assert!(dir.open_rel("none/f.json").expect("ok").is_none());
    assert!(matches!(dir.open_rel("link/in/f.json"), Err(RelError::Symlink(p)) if p == "link"));
    assert!(matches!(dir.open_rel("real/in/g.json"), Err(RelError::Symlink(p)) if p == "real/in/g.json"));
    for escaping in ["../x", "real/../../x", "/etc/hostname", "real//in/f.json"] {
        assert!(matches!(dir.open_rel(escaping), Err(RelError::Io(_))), "{escaping}");
    }
    let _ = std::fs::remove_dir_all(&d);
}
