//! Several inputs in one call: each input goes through one function on every core
//! (`trustloop_host::batch::each`, rayon), and the results come back in input order,
//! so the printed bytes are those of a sequential run. While they run, a progress bar
//! shows on stderr when stderr is a terminal and there is more than one input; never
//! on a pipe.
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

pub fn each<T: Send>(inputs: &[String], one: impl Fn(&str) -> T + Sync + Send) -> Vec<T> {
    let bar = (inputs.len() > 1 && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(inputs.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
            bar.set_style(style);
        }
        bar
    });
    let run = |input: &String| {
        let result = one(input);
        if let Some(bar) = &bar {
            bar.set_message(input.clone());
            bar.inc(1);
        }
        result
    };
    // Standard input serves the first `-` only: in order, so which one is deterministic.
    let results = if inputs.iter().any(|i| i == crate::input::STDIN) {
        inputs.iter().map(run).collect()
    } else {
        trustloop_host::batch::each(inputs, run)
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    results
}
