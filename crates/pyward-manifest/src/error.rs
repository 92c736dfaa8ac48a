use std::path::PathBuf;

/// Why a manifest could not be read. Every variant names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ManifestError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: is a directory, not a manifest file", path.display())]
    IsDirectory { path: PathBuf },
    #[error("{}: file is too large ({size} bytes, limit {limit})", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}: binary file (contains NUL bytes)", path.display())]
    Binary { path: PathBuf },
    #[error("{}: not valid UTF-8 (at byte {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}:{line}: invalid TOML: {message}", path.display())]
    Toml {
        path: PathBuf,
        line: u32,
        message: String,
    },
    #[error("{}:{line}: invalid JSON: {message}", path.display())]
    Json {
        path: PathBuf,
        line: u32,
        message: String,
    },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("{}: not a Python environment or site-packages directory", path.display())]
    NotAnEnvironment { path: PathBuf },
    #[error("{}: {message}", path.display())]
    Walk { path: PathBuf, message: String },
    /// A path refused by the confinement rules: outside the scanned root, a FIFO, device or
    /// socket, a symlink as the last component.
    #[error("{}: {reason}", path.display())]
    Refused { path: PathBuf, reason: String },
}

impl ManifestError {
    /// The file or directory the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            ManifestError::Io { path, .. }
            | ManifestError::IsDirectory { path }
            | ManifestError::TooLarge { path, .. }
            | ManifestError::Binary { path }
            | ManifestError::NotUtf8 { path, .. }
            | ManifestError::Toml { path, .. }
            | ManifestError::Json { path, .. }
            | ManifestError::Invalid { path, .. }
            | ManifestError::NotAnEnvironment { path }
            | ManifestError::Walk { path, .. }
            | ManifestError::Refused { path, .. } => path,
        }
    }
}
