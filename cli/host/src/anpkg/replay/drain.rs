//! The runtime's output: kept per stream up to a cap, the rest read and dropped, so a
//! chatty runtime never blocks on a full pipe.
use std::io::Read;
use std::time::Duration;

/// Output kept per stream (stdout, stderr; the `replay_output_bytes` budget); the rest
/// is drained and dropped.
pub fn max_output_bytes() -> usize {
    trustloop_core::api::budgets::Budget::ReplayOutputBytes.get()
}
/// How long output is still drained once the runtime's group is gone.
pub const DRAIN_GRACE: Duration = Duration::from_millis(200);

/// Output kept up to a cap; the rest counted and dropped.
pub(super) struct Capped {
    pub(super) kept: Vec<u8>,
    pub(super) open: bool,
}

impl Capped {
    pub(super) fn push(&mut self, bytes: &[u8]) {
        let room = max_output_bytes().saturating_sub(self.kept.len());
        self.kept.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }
}

/// One read from a ready pipe (it does not block); end of file or an error closes it.
pub(super) fn read_once(pipe: Option<&mut impl Read>, into: &mut Capped, buf: &mut [u8]) {
    let Some(pipe) = pipe else { return };
    match pipe.read(buf) {
        Ok(0) => into.open = false,
        Ok(n) => into.push(&buf[..n]),
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
        Err(_) => into.open = false,
    }
}
