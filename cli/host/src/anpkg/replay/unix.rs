//! Unix supervision: the runtime's own process group, killed whole; both pipes drained
//! together with `poll`.
use std::os::fd::AsFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, ChildStderr, ChildStdout, Command, ExitStatus};
use std::time::{Duration, Instant};

use rustix::event::{poll, PollFd, PollFlags, Timespec};
use rustix::process::{kill_process_group, Pid, Signal};

use super::drain::{read_once, Capped, DRAIN_GRACE};

/// The runtime leads a process group of its own.
pub(super) fn own_group(cmd: &mut Command) {
    cmd.process_group(0);
}

/// The exit code, or minus the signal that ended the runtime.
pub(super) fn exit_code(status: ExitStatus) -> i32 {
    status.code().unwrap_or_else(|| -status.signal().unwrap_or(1))
}

/// Drains both pipes until the runtime's group is gone (killed at `timeout`) and
/// the pipes are closed or [`DRAIN_GRACE`] has passed. `None` status: timed out.
pub(super) fn supervise(child: &mut Child, timeout: Duration) -> (Vec<u8>, Vec<u8>, Option<ExitStatus>) {
    let group = Pid::from_child(child);
    let kill_group = || {
        // ESRCH: the group is already empty.
        let _ = kill_process_group(group, Signal::KILL);
    };
    let mut out_pipe: Option<ChildStdout> = child.stdout.take();
    let mut err_pipe: Option<ChildStderr> = child.stderr.take();
    let mut out = Capped { kept: Vec::new(), open: out_pipe.is_some() };
    let mut err = Capped { kept: Vec::new(), open: err_pipe.is_some() };
    let start = Instant::now();
    let mut status: Option<ExitStatus> = None;
    let mut timed_out = false;
    let mut gone_at: Option<Instant> = None;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if gone_at.is_none() {
            match child.try_wait() {
                Ok(Some(s)) => {
                    status = Some(s);
                    kill_group();
                    gone_at = Some(Instant::now());
                }
                Ok(None) if start.elapsed() >= timeout => {
                    kill_group();
                    let _ = child.kill();
                    let _ = child.wait();
                    timed_out = true;
                    gone_at = Some(Instant::now());
                }
                Ok(None) => {}
                Err(_) => {
                    kill_group();
                    let _ = child.kill();
                    status = child.wait().ok();
                    gone_at = Some(Instant::now());
                }
            }
        }
        let drained = !out.open && !err.open;
        if (drained && gone_at.is_some()) || gone_at.is_some_and(|t| t.elapsed() >= DRAIN_GRACE) {
            break;
        }
        if drained {
            // Both pipes closed, runtime still running: just wait for it.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        }
        let wait = if gone_at.is_some() { Duration::from_millis(20) } else { Duration::from_millis(50) };
        drain_ready(&mut out_pipe, &mut out, &mut err_pipe, &mut err, wait, &mut buf);
    }
    (out.kept, err.kept, if timed_out { None } else { status })
}

/// Waits up to `wait` for output on the open pipes and reads what is there.
fn drain_ready(
    out_pipe: &mut Option<ChildStdout>,
    out: &mut Capped,
    err_pipe: &mut Option<ChildStderr>,
    err: &mut Capped,
    wait: Duration,
    buf: &mut [u8],
) {
    let timeout = Timespec { tv_sec: 0, tv_nsec: i64::try_from(wait.as_nanos()).unwrap_or(50_000_000) };
    let (out_ready, err_ready) = {
        let mut fds: Vec<PollFd<'_>> = Vec::with_capacity(2);
        let out_at = out_pipe.as_ref().filter(|_| out.open).map(|p| {
            fds.push(PollFd::new(p, PollFlags::IN));
            fds.len() - 1
        });
        let err_at = err_pipe.as_ref().filter(|_| err.open).map(|p| {
            fds.push(PollFd::from_borrowed_fd(p.as_fd(), PollFlags::IN));
            fds.len() - 1
        });
        if poll(&mut fds, Some(&timeout)).is_err() {
            return;
        }
        let ready = |at: Option<usize>| at.is_some_and(|i| !fds[i].revents().is_empty());
        (ready(out_at), ready(err_at))
    };
    if out_ready {
        read_once(out_pipe.as_mut(), out, buf);
    }
    if err_ready {
        read_once(err_pipe.as_mut(), err, buf);
    }
}

