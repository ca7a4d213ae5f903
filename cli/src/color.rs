//! `--color auto|always|never` and `NO_COLOR` (no-color.org): colour only on a
//! terminal by default, so piped output stays plain bytes; the flag overrides the
//! environment. Colour never carries meaning alone: every coloured word is also a word.
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use anstyle::{AnsiColor, Style};
use clap::ValueEnum;

#[derive(Clone, Copy, Default, ValueEnum)]
pub enum When {
    /// Colour when stdout is a terminal and NO_COLOR is unset or empty.
    #[default]
    Auto,
    Always,
    Never,
}

static ON: AtomicBool = AtomicBool::new(false);

pub fn init(when: When) {
    let on = match when {
        When::Always => true,
        When::Never => false,
        When::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").map_or(true, |v| v.is_empty())
        }
    };
    ON.store(on, Ordering::Relaxed);
}

fn paint(text: &str, style: Style) -> String {
    if ON.load(Ordering::Relaxed) {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

/// A failure: bold red.
pub fn bad(text: &str) -> String {
    paint(text, AnsiColor::Red.on_default().bold())
}

/// A pass: green.
pub fn good(text: &str) -> String {
    paint(text, AnsiColor::Green.on_default())
}

/// Emphasis (a failing check's name): bold.
pub fn strong(text: &str) -> String {
    paint(text, Style::new().bold())
}
