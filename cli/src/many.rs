//! Several inputs in one call: each input goes through one function, in order, and the
//! results come back together (the seam a batch, parallel API can replace). While they
//! run, a progress bar shows on stderr when stderr is a terminal and there is more than
//! one input; never on a pipe.
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

pub fn each<T>(inputs: &[String], mut one: impl FnMut(&str) -> T) -> Vec<T> {
    let bar = (inputs.len() > 1 && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(inputs.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
            bar.set_style(style);
        }
        bar
    });
    let results = inputs
        .iter()
        .map(|input| {
            if let Some(bar) = &bar {
                bar.set_message(input.clone());
            }
            let result = one(input);
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            result
        })
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    results
}
