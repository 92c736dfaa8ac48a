//! secrets rules.

pub mod sec001_provider_secret;
pub mod sec002_generic_secret;
