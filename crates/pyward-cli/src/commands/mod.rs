//! One module per subcommand.

pub mod db;
pub mod deps;
pub mod rule;
