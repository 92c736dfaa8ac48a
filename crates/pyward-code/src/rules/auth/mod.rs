//! auth rules.

pub mod auth001_jwt_unverified;
pub mod auth002_jwt_hardcoded_key;
pub mod auth003_weak_password_hash;
pub mod auth004_secret_compare;
pub mod auth005_sensitive_logging;
pub mod auth006_weak_random_token;
