//! A mutex's lock, poisoned or not: the holders in this crate only move values in and
//! out, so a panic elsewhere (caught as that input's `INTERNAL_PANIC`) leaves nothing
//! half-written behind.
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The lock of `m`, poisoned or not.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
