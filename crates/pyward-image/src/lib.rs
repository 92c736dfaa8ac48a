//! The container image audit (`pyward image IMAGE`): a `docker save` tarball, an OCI image
//! layout directory or an `oci-archive` tarball, read layer by layer into an in-memory view of
//! its file system, never unpacked to disk and never run.
//!
//! Layout:
//! - [`store`](crate::store): the image's own files (a directory or an indexed tarball), every
//!   name confined to the image.
//! - [`layout`](crate::layout): `index.json`/`manifest.json` → the config and the layers.
//! - [`vfs`]: the layers applied in order (whiteouts, opaque directories, hard links, symlinks),
//!   keeping only what the audits read and hashing site-packages files as they stream by, with
//!   limits on entries, sizes and decompressed bytes.
//! - [`analyzer`](crate::analyzer): the audits over that view: installed distributions against the
//!   advisory database and their RECORD integrity (the `pyward deps --env` functions),
//!   configuration files (`pyward-config`), optionally the application's Python sources
//!   (`pyward-code`), and the image config's own rules ([`rules`], `IMG…`).

mod analyzer;
pub mod config_checks;
mod layout;
pub mod rules;
mod store;
pub mod vfs;

use std::path::{Path, PathBuf};

pub use analyzer::{ImageAnalyzer, ImageOptions, ScanImagesAnalyzer, audit, audit_in_root};
pub use layout::PlatformSpec;
pub use rules::RULES;
pub use vfs::Limits;

/// Why an image (or one of its parts) could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImageError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

impl ImageError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> ImageError {
        ImageError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
