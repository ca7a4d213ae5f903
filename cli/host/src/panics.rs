//! Panics inside a binding call: every call runs under `catch_unwind` and surfaces as
//! `INTERNAL_PANIC`, so the default hook's "thread … panicked at …" on stderr would be
//! noise in the host's output for an error the caller already receives. [`install`]
//! replaces it (in this library's copy of std only) with one that keeps the message and
//! location for [`describe`], which puts them into the error.
use std::any::Any;
use std::cell::RefCell;
use std::sync::Once;

thread_local! {
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the quiet hook once per process.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let text = match info.location() {
                Some(l) => format!("{} (at {}:{})", payload_text(info.payload()), l.file(), l.line()),
                None => payload_text(info.payload()),
            };
            LAST.with(|last| *last.borrow_mut() = Some(text));
        }));
    });
}

/// The message of a caught panic: what the hook kept on this thread, else the payload.
pub fn describe(payload: &(dyn Any + Send)) -> String {
    LAST.with(|last| last.borrow_mut().take()).unwrap_or_else(|| payload_text(payload))
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_caught_panic_is_described_with_its_location() {
        super::install();
        let payload = std::panic::catch_unwind(|| panic!("deliberate")).unwrap_err();
        let text = super::describe(payload.as_ref());
        assert!(text.starts_with("deliberate (at "), "{text}");
        assert!(text.contains("panics.rs:"), "{text}");
    }
}
