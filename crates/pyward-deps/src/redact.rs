//! Credentials in URLs: found, and redacted everywhere pyward prints them. The functions live
//! in `pyward-secrets` (one redaction for every analyzer and emitter); these names stay for
//! the dependency audit's callers.

pub use pyward_secrets::{REDACTED, redact_report, redact_text as redact, url_credentials};
