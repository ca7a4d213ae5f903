//! Windows supervision: the runtime is killed at the timeout (its descendants are
//! not: that would take a Job Object); each pipe is drained by a thread of its own, and
//! once the runtime is gone, output is collected until both pipes close or
//! [`DRAIN_GRACE`] has passed.
use std::io::Read;
use std::process::{Child, Command, ExitStatus};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::drain::{read_once, Capped, DRAIN_GRACE};
use crate::sync::lock;

/// Nothing to set up: the runtime is supervised alone.
pub(super) fn own_group(_cmd: &mut Command) {}

/// Windows exit codes are always present.
pub(super) fn exit_code(status: ExitStatus) -> i32 {
    status.code().unwrap_or(1)
}

type Shared = Arc<Mutex<Capped>>;

/// Reads `pipe` to its end on a thread, into a shared capped buffer.
fn drain(pipe: Option<impl Read + Send + 'static>) -> Shared {
    let shared = Arc::new(Mutex::new(Capped { kept: Vec::new(), open: pipe.is_some() }));
    if let Some(mut pipe) = pipe {
        let into = Arc::clone(&shared);
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            let mut local = Capped { kept: Vec::new(), open: true };
            while local.open {
                read_once(Some(&mut pipe), &mut local, &mut buf);
                let mut shared = lock(&into);
                shared.push(&local.kept);
                shared.open = local.open;
                local.kept.clear();
            }
        });
    }
    shared
}

/// Waits for the runtime (killed at `timeout`) and collects its output. `None`
/// status: timed out.
pub(super) fn supervise(child: &mut Child, timeout: Duration) -> (Vec<u8>, Vec<u8>, Option<ExitStatus>) {
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let start = Instant::now();
    let (status, timed_out) = loop {
        match child.try_wait() {
            Ok(Some(status)) => break (Some(status), false),
            Ok(None) if start.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break (None, true);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(_) => {
                let _ = child.kill();
                break (child.wait().ok(), false);
            }
        }
    };
    let gone = Instant::now();
    let is_open = |s: &Shared| lock(s).open;
    while (is_open(&out) || is_open(&err)) && gone.elapsed() < DRAIN_GRACE {
        std::thread::sleep(Duration::from_millis(10));
    }
    let take = |s: &Shared| std::mem::take(&mut lock(s).kept);
    (take(&out), take(&err), if timed_out { None } else { status })
}
