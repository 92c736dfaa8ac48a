//! One module per subcommand.

pub mod code;
pub mod completions;
pub mod config;
pub mod db;
pub mod deps;
pub mod host;
pub mod image;
pub mod init;
pub mod man;
pub mod probe;
pub mod rule;
pub mod scan;
