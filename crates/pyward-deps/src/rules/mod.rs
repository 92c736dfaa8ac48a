//! The dependency analyzer's rules, one per file. Register new rules in [`RULES`].

mod dep001_vulnerable_dependency;
mod dep002_vulnerable_range;
mod dep003_unauditable_dependency;

pub use dep001_vulnerable_dependency::VULNERABLE_DEPENDENCY;
pub use dep002_vulnerable_range::VULNERABLE_RANGE;
pub use dep003_unauditable_dependency::UNAUDITABLE_DEPENDENCY;

use pyward_core::RuleMeta;

/// Every rule of `pyward deps`, sorted by code.
pub static RULES: &[&RuleMeta] = &[
    &VULNERABLE_DEPENDENCY,
    &VULNERABLE_RANGE,
    &UNAUDITABLE_DEPENDENCY,
];
