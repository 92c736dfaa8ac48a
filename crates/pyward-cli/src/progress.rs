//! The progress display on standard error: a line per analyzer while it runs, cleared when the
//! run ends. Shown only on a terminal, never in CI or with `--quiet`, so logs and pipes stay
//! clean.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use pyward_core::Progress;

/// A [`Progress`] drawn with `indicatif`.
pub struct TerminalProgress {
    multi: MultiProgress,
    bars: Mutex<HashMap<String, ProgressBar>>,
}

impl TerminalProgress {
    /// A display when standard error is a terminal, `CI` is not set, `TERM` is not `dumb` and
    /// the user did not ask for `--quiet`; `None` otherwise.
    pub fn for_terminal(quiet: bool) -> Option<TerminalProgress> {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        if quiet || ci || dumb || !std::io::stderr().is_terminal() {
            return None;
        }
        Some(TerminalProgress {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr_with_hz(15)),
            bars: Mutex::new(HashMap::new()),
        })
    }

    /// Removes every line of the display.
    pub fn clear(&self) {
        if let Ok(bars) = self.bars.lock() {
            for bar in bars.values() {
                bar.finish_and_clear();
            }
        }
        let _ = self.multi.clear();
    }
}

/// A line for work of unknown size: a spinner and what it is doing.
fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {prefix:<10} {msg} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

/// A line for work of known size: files done of the total, and a bar.
fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {prefix:<10} {msg} {pos}/{len} {wide_bar} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

impl TerminalProgress {
    fn bar(&self, name: &str) -> Option<ProgressBar> {
        self.bars.lock().ok().and_then(|b| b.get(name).cloned())
    }
}

impl Progress for TerminalProgress {
    fn start(&self, analyzer: &str, total: Option<u64>) {
        // A second start (the analyzer now knows how many files it has) sets the length.
        if let Some(bar) = self.bar(analyzer) {
            if let Some(total) = total {
                bar.set_length(total);
                bar.set_style(bar_style());
                bar.set_message("files");
            }
            return;
        }
        let bar = self.multi.add(ProgressBar::new(total.unwrap_or(0)));
        bar.set_prefix(analyzer.to_string());
        match total {
            Some(_) => {
                bar.set_style(bar_style());
                bar.set_message("files");
            }
            None => {
                bar.set_style(spinner_style());
                bar.set_message(if analyzer == "inventory" {
                    "walking the tree"
                } else {
                    "running"
                });
            }
        }
        bar.enable_steady_tick(Duration::from_millis(100));
        bar.tick();
        if let Ok(mut bars) = self.bars.lock() {
            bars.insert(analyzer.to_string(), bar);
        }
    }

    fn advance(&self, analyzer: &str, n: u64) {
        if let Some(bar) = self.bar(analyzer) {
            bar.inc(n);
        }
    }

    fn finish(&self, analyzer: &str) {
        if let Some(bar) = self.bar(analyzer) {
            if analyzer == "inventory" {
                bar.set_message(format!("{} files found", bar.position()));
            } else if bar.length().is_some_and(|l| l > 0) {
                bar.set_message("files, done");
            } else {
                bar.set_message("done");
            }
            // `abandon` keeps the position (`finish` would set it to the length).
            bar.abandon();
        }
    }
}
