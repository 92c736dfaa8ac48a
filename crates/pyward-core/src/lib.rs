//! The shared model of pyward.
//!
//! Every analyzer (dependencies, code, configuration, live probes) produces [`Finding`]s against
//! [`RuleMeta`] entries registered in a [`Registry`]. Emitters in `pyward-report` only ever see
//! this model, so a new analyzer gets every output format for free.

pub mod analyzer;
pub mod finding;
pub mod fs;
pub mod identity;
pub mod inventory;
mod macros;
pub mod names;
pub mod project_config;
pub mod rule;
pub mod select;
pub mod severity;
pub mod starter;
pub mod suppress;
pub mod testpaths;

pub use analyzer::{Analyzer, NoProgress, Progress, Scope};
pub use finding::{
    AdvisoryRef, ConfigOrigin, ConfigUsed, CvssRef, Edit, Finding, Fix, Location, Package,
    Position, Report, ScanError, Span, Suppressed, SuppressionKind,
};
pub use identity::{
    Identity, SecretMark, dedupe, fingerprint, fingerprint_at, identify_in_source, secret_hash,
};
pub use inventory::{Inventory, InventoryFile, InventoryOptions, SkipReason, Skipped};
pub use names::{normalize_package_name, relative_path};
pub use project_config::{ConfigError, IgnoreEntry, ProjectConfig};
pub use rule::{Registry, RuleMeta};
pub use select::RuleSelector;
pub use severity::{Confidence, Severity};
pub use testpaths::TestPaths;
