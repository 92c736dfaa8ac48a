//! Stable finding fingerprints: the emitters use [`pyward_core::fingerprint`] (see
//! `pyward_core::identity` for what it hashes); this module only re-exports it.

pub use pyward_core::identity::{fingerprint, fingerprint_at};
