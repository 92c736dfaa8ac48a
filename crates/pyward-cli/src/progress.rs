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

impl Progress for TerminalProgress {
    fn start(&self, analyzer: &str, total: Option<u64>) {
        let style = ProgressStyle::with_template("{spinner} {prefix:<10} {msg} {pos} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let bar = self
            .multi
            .add(ProgressBar::new(total.unwrap_or(0)).with_style(style));
        bar.set_prefix(analyzer.to_string());
        bar.set_message(if analyzer == "inventory" {
            "files found:"
        } else {
            "files done:"
        });
        bar.enable_steady_tick(Duration::from_millis(100));
        bar.tick();
        if let Ok(mut bars) = self.bars.lock() {
            bars.insert(analyzer.to_string(), bar);
        }
    }

    fn advance(&self, analyzer: &str, n: u64) {
        if let Some(bar) = self.bars.lock().ok().and_then(|b| b.get(analyzer).cloned()) {
            bar.inc(n);
        }
    }

    fn finish(&self, analyzer: &str) {
        if let Some(bar) = self.bars.lock().ok().and_then(|b| b.get(analyzer).cloned()) {
            bar.set_message("done:");
            bar.finish();
        }
    }
}
