//! Standard output of every command (`out!`, `outln!`, [`write_all`] instead of
//! `out!`, `outln!`, `stdout().write_all`).
//!
//! A reader that went away (`trustloop … | head`) is not an error: like Unix tools,
//! trustloop then stops writing quietly, with no panic (`outln!` would exit 101),
//! and still exits with the command's own code, so `set -o pipefail` sees the verdict.
//! Any other write error is reported once on stderr and ends the process with exit 1.
use std::io::{ErrorKind, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static READER_GONE: AtomicBool = AtomicBool::new(false);

/// `out!` that survives a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => { $crate::stdout::write_fmt(format_args!($($arg)*)) };
}

/// `outln!` that survives a closed pipe.
macro_rules! outln {
    () => { $crate::stdout::write_all(b"\n") };
    ($($arg:tt)*) => { $crate::stdout::write_fmt(format_args!("{}\n", format_args!($($arg)*))) };
}

pub fn write_fmt(args: std::fmt::Arguments<'_>) {
    write_with(|out| out.write_fmt(args));
}

pub fn write_all(bytes: &[u8]) {
    write_with(|out| out.write_all(bytes));
}

fn write_with(write: impl FnOnce(&mut std::io::StdoutLock<'static>) -> std::io::Result<()>) {
    if READER_GONE.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::BrokenPipe => READER_GONE.store(true, Ordering::Relaxed),
        Err(e) => {
            eprintln!("error: write to stdout: {e}");
            std::process::exit(1);
        }
    }
}
