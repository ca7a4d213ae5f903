//! Input files as the user names them: `-` is standard input (the Unix convention),
//! any other name a file read by `trustloop_host::files::read`. Standard input is
//! bounded by the same byte budget as a file (`--max-input-bytes`, the `input_bytes`
//! budget; an `.anpkg` archive by `zip_total_bytes`), and can be read for one input per run: a second `-` would silently be
//! empty. A file named `-` is reached as `./-`.
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use trustloop_host::files::max_input_bytes;

/// The name that means standard input.
pub const STDIN: &str = "-";

static STDIN_TAKEN: AtomicBool = AtomicBool::new(false);

pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// Reads `path` whole (or standard input for `-`), with upstream's `read <what>: …` errors.
pub fn read(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    if is_stdin(path) {
        read_stdin(what)
    } else {
        trustloop_host::files::read(path, what)
    }
}

fn read_stdin(what: &str) -> Result<Vec<u8>, String> {
    let cap = max_input_bytes();
    read_stdin_within(cap, what)?.ok_or_else(|| {
        format!("read {what}: standard input is larger than the input limit of {cap} bytes (raise it with --max-input-bytes)")
    })
}

/// Standard input whole, `None` when it holds more than `cap` bytes. For inputs whose
/// file form has its own budget (an `.anpkg` archive: `zip_total_bytes`).
pub fn read_stdin_within(cap: u64, what: &str) -> Result<Option<Vec<u8>>, String> {
    if STDIN_TAKEN.swap(true, Ordering::SeqCst) {
        return Err(format!("read {what}: standard input (-) was already read for another input"));
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("read {what}: read standard input: {e}"))?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}
