//! One module per subcommand.

pub mod code;
pub mod config;
pub mod db;
pub mod deps;
pub mod rule;
pub mod scan;
