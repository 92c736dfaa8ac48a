//! The pyward command-line tool: argument parsing, command dispatch, rendering and exit codes.
//! All analysis lives in the library crates; this crate only wires them together.

pub mod args;
pub mod commands;
pub mod output;

use pyward_core::Registry;

/// Every rule of every analyzer, in one registry: the source of `pyward rule`, the generated
/// `docs/rules/` pages and SARIF rule metadata.
pub fn registry() -> Registry {
    let mut registry = Registry::new();
    registry.extend(pyward_deps::RULES.iter().copied());
    registry.extend(pyward_config::RULES.iter().copied());
    registry.extend(pyward_code::rules().iter().copied());
    registry
}
