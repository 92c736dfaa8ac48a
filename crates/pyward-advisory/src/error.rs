//! Errors of the advisory crate.

use std::path::PathBuf;

/// Everything that can go wrong while building, writing, opening or serving an advisory database.
///
/// Every variant that concerns a file names its path.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AdvisoryError {
    /// An I/O error on a file or directory.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The advisory source (directory or zip) does not exist.
    #[error("{path}: advisory source not found")]
    SourceNotFound { path: PathBuf },
    /// An OSV `all.zip` archive that cannot be read.
    #[error("{path}: not a readable OSV zip archive: {message}")]
    Zip { path: PathBuf, message: String },
    /// An advisory source over the build limits (a zip bomb, too many or too large files).
    #[error("{path}: {message}")]
    TooLarge { path: PathBuf, message: String },
    /// A single advisory file that cannot be parsed (only returned by the single-file parsers;
    /// a database build collects these as [`crate::BuildWarning`]s instead).
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    /// No database exists at the path `pyward deps` / `db info` were given (says how to get one).
    #[error("no advisory database at {}\n  hint: pyward is installed without advisory data: run `pyward db update` to download OSV's PyPI export (or `pyward db update --from <all.zip|dir>` offline), or point --db / PYWARD_DB at one", path.display())]
    NoDatabase { path: PathBuf },
    /// Downloading the advisory export failed.
    #[error("downloading {url}: {message}")]
    Download { url: String, message: String },
    /// The advisory source holds no advisory; the database was not replaced.
    #[error("no advisories found in {source_desc}; the database was not replaced")]
    EmptySource { source_desc: String },
    /// No database file exists at the path.
    #[error("{path}: no advisory database here; run `pyward db update` to build it")]
    DbNotFound { path: PathBuf },
    /// A file that is not a pyward advisory database, is truncated, or has another format version.
    #[error("{path}: {message}; run `pyward db update` to rebuild the advisory database")]
    InvalidDb { path: PathBuf, message: String },
    /// Writing the database failed while encoding it.
    #[error("{path}: cannot encode advisory database: {message}")]
    Encode { path: PathBuf, message: String },
    /// The HTTP server could not start.
    #[error("cannot serve on {addr}: {message}")]
    Serve { addr: String, message: String },
}

impl AdvisoryError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> AdvisoryError {
        AdvisoryError::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn invalid_db(
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> AdvisoryError {
        AdvisoryError::InvalidDb {
            path: path.into(),
            message: message.into(),
        }
    }
}
