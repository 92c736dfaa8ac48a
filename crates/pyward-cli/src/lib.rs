//! The pyward command-line tool: argument parsing, command dispatch, rendering and exit codes.
//! All analysis lives in the library crates; this crate only wires them together.

pub mod args;
pub mod commands;
pub mod output;
pub mod progress;
pub mod sources;

use pyward_core::Registry;

/// Every rule of every analyzer (see [`pyward_scan::registry`]).
pub fn registry() -> Registry {
    pyward_scan::registry()
}
