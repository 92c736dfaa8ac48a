//! Opening scanned files safely.
//!
//! pyward reads files from untrusted pull requests, so every file it opens goes through here:
//!
//! - [`Root`] confines paths: a path is canonicalised (symlinks resolved) and must stay inside
//!   the scanned root, or it is refused with [`ReadError::OutsideRoot`].
//! - [`read_bytes`] / [`read_text`] open without blocking (a FIFO never hangs), never follow a
//!   symlink in the last component, check on the *opened handle* that it is a regular file (a
//!   device or pipe is never read), and read at most `limit` bytes even when the file grows or
//!   lies about its size.
//!
//! Every error names the path, so an analyzer can turn it into a report error and go on.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The default per-file size limit (50 MiB): larger inputs are skipped with an error.
pub const MAX_FILE_SIZE: u64 = 50 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: outside the scanned root {}, not read", path.display(), root.display())]
    OutsideRoot { path: PathBuf, root: PathBuf },
    #[error("{}: not a regular file ({kind}), not read", path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{}: file is larger than the {limit}-byte limit, skipped", path.display())]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("{}: binary file (contains NUL bytes)", path.display())]
    Binary { path: PathBuf },
    #[error("{}: not valid UTF-8 (at byte {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
}

impl ReadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::OutsideRoot { path, .. }
            | ReadError::NotRegular { path, .. }
            | ReadError::TooLarge { path, .. }
            | ReadError::Binary { path }
            | ReadError::NotUtf8 { path, .. } => path,
        }
    }

    /// The reason without the path, for reports that show the path separately.
    pub fn reason(&self) -> String {
        match self {
            ReadError::Io { source, .. } => source.to_string(),
            ReadError::OutsideRoot { root, .. } => {
                format!("outside the scanned root {}, not read", root.display())
            }
            ReadError::NotRegular { kind, .. } => format!("not a regular file ({kind}), not read"),
            ReadError::TooLarge { limit, .. } => {
                format!("larger than the {limit}-byte limit, skipped")
            }
            ReadError::Binary { .. } => "binary file (contains NUL bytes)".into(),
            ReadError::NotUtf8 { offset, .. } => format!("not valid UTF-8 (at byte {offset})"),
        }
    }
}

/// The directory a scan is confined to. Every path pyward opens on behalf of scanned content
/// (includes, `-r` files, star imports, RECORD entries) is checked against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    canonical: PathBuf,
}

impl Root {
    /// Confines to `dir` (canonicalised). A file path confines to its parent directory.
    pub fn new(dir: &Path) -> Result<Root, ReadError> {
        let canonical = std::fs::canonicalize(dir).map_err(|source| ReadError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let canonical = if canonical.is_file() {
            canonical
                .parent()
                .map_or_else(|| canonical.clone(), Path::to_path_buf)
        } else {
            canonical
        };
        Ok(Root { canonical })
    }

    /// The canonical root directory.
    pub fn path(&self) -> &Path {
        &self.canonical
    }

    /// Whether `canonical` (already canonical) lies inside the root.
    pub fn contains_canonical(&self, canonical: &Path) -> bool {
        canonical.starts_with(&self.canonical)
    }

    /// Resolves `path` (symlinks included) and checks that it stays inside the root. Returns the
    /// canonical path to open.
    pub fn confine(&self, path: &Path) -> Result<PathBuf, ReadError> {
        // A path with `..` that lexically leaves the root is refused before touching the disk,
        // so a missing target still says "outside" rather than "not found".
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.canonical.join(path)
        };
        if !lexically_normal(&absolute).starts_with(&self.canonical)
            && !absolute.starts_with(&self.canonical)
        {
            // It may still be a non-canonical spelling of a path inside (e.g. through a
            // symlinked ancestor of the root); canonicalise to decide.
            return match std::fs::canonicalize(&absolute) {
                Ok(c) if self.contains_canonical(&c) => Ok(c),
                _ => Err(self.outside(path)),
            };
        }
        let canonical = std::fs::canonicalize(&absolute).map_err(|source| ReadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if self.contains_canonical(&canonical) {
            Ok(canonical)
        } else {
            Err(self.outside(path))
        }
    }

    fn outside(&self, path: &Path) -> ReadError {
        ReadError::OutsideRoot {
            path: path.to_path_buf(),
            root: self.canonical.clone(),
        }
    }

    /// [`read_text`] of a confined path.
    pub fn read_text(&self, path: &Path, limit: u64) -> Result<String, ReadError> {
        let canonical = self.confine(path)?;
        read_text(&canonical, limit).map_err(|e| e.with_path(path))
    }

    /// [`read_bytes`] of a confined path.
    pub fn read_bytes(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        let canonical = self.confine(path)?;
        read_bytes(&canonical, limit).map_err(|e| e.with_path(path))
    }
}

impl ReadError {
    /// The same error naming `path` (the spelling the user knows) instead of the canonical one.
    fn with_path(mut self, display: &Path) -> ReadError {
        match &mut self {
            ReadError::Io { path, .. }
            | ReadError::OutsideRoot { path, .. }
            | ReadError::NotRegular { path, .. }
            | ReadError::TooLarge { path, .. }
            | ReadError::Binary { path }
            | ReadError::NotUtf8 { path, .. } => *path = display.to_path_buf(),
        }
        self
    }
}

/// `path` with `.` and `..` folded lexically (no disk access).
pub fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// What kind of file `meta` describes, for messages.
pub fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "directory";
    }
    if ft.is_symlink() {
        return "symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "named pipe";
        }
        if ft.is_socket() {
            return "socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "device";
        }
    }
    if ft.is_file() {
        "regular file"
    } else {
        "special file"
    }
}

fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO does not wait for a writer. O_NOFOLLOW: the last component
        // is never a symlink (callers resolve and confine symlinks before opening).
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// Reads at most `limit` bytes of a regular file. Refuses directories, pipes, sockets and
/// devices (checked on the opened handle), symlinks as the last component, and files over
/// `limit` (checked both on the size and on what is actually read).
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = match open_nonblocking(path) {
        Ok(f) => f,
        // ELOOP from O_NOFOLLOW: the last component is a symlink.
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(ReadError::NotRegular {
                path: path.to_path_buf(),
                kind: "symbolic link",
            });
        }
        Err(e) => return Err(io(e)),
    };
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind: file_kind(&meta),
        });
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    Ok(bytes)
}

/// [`read_bytes`], then refuses binary (NUL) and non-UTF-8 content; drops a UTF-8 BOM.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_bytes(path, limit)?;
    bytes_to_text(path, bytes)
}

/// Turns file bytes into text as [`read_text`] does.
pub fn bytes_to_text(path: &Path, bytes: Vec<u8>) -> Result<String, ReadError> {
    if memchr_nul(&bytes) {
        return Err(ReadError::Binary {
            path: path.to_path_buf(),
        });
    }
    let mut text = String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confines_to_root() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("proj");
        std::fs::create_dir_all(inner.join("sub")).unwrap();
        std::fs::write(inner.join("sub/a.txt"), "hello").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "token").unwrap();
        let root = Root::new(&inner).unwrap();
        assert_eq!(
            root.read_text(Path::new("sub/a.txt"), 100).unwrap(),
            "hello"
        );
        assert!(matches!(
            root.read_text(Path::new("../secret.txt"), 100),
            Err(ReadError::OutsideRoot { .. })
        ));
        assert!(matches!(
            root.read_text(Path::new("/etc/passwd"), 100),
            Err(ReadError::OutsideRoot { .. })
        ));
        assert!(matches!(
            root.read_text(Path::new("/../../etc/passwd"), 100),
            Err(ReadError::OutsideRoot { .. })
        ));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), inner.join("link")).unwrap();
            assert!(matches!(
                root.read_text(Path::new("link"), 100),
                Err(ReadError::OutsideRoot { .. })
            ));
            std::os::unix::fs::symlink("sub/a.txt", inner.join("inside")).unwrap();
            assert_eq!(root.read_text(Path::new("inside"), 100).unwrap(), "hello");
        }
    }

    #[test]
    fn refuses_devices_pipes_and_large_files() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'a'; 1000]).unwrap();
        assert!(matches!(
            read_bytes(&big, 999),
            Err(ReadError::TooLarge { .. })
        ));
        assert_eq!(read_bytes(&big, 1000).unwrap().len(), 1000);
        #[cfg(unix)]
        {
            assert!(matches!(
                read_bytes(Path::new("/dev/zero"), 100),
                Err(ReadError::NotRegular { kind: "device", .. })
            ));
            let fifo = dir.path().join("fifo");
            let status = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap();
            assert!(status.success());
            assert!(matches!(
                read_bytes(&fifo, 100),
                Err(ReadError::NotRegular {
                    kind: "named pipe",
                    ..
                })
            ));
            std::os::unix::fs::symlink(&big, dir.path().join("l")).unwrap();
            assert!(matches!(
                read_bytes(&dir.path().join("l"), 10_000),
                Err(ReadError::NotRegular { .. })
            ));
        }
        assert!(matches!(
            read_bytes(dir.path(), 100),
            Err(ReadError::NotRegular {
                kind: "directory",
                ..
            })
        ));
    }

    #[test]
    fn text_rules() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t");
        std::fs::write(&p, b"\xef\xbb\xbfhi").unwrap();
        assert_eq!(read_text(&p, 100).unwrap(), "hi");
        std::fs::write(&p, b"a\0b").unwrap();
        assert!(matches!(read_text(&p, 100), Err(ReadError::Binary { .. })));
        std::fs::write(&p, b"a\xffb").unwrap();
        assert!(matches!(
            read_text(&p, 100),
            Err(ReadError::NotUtf8 { offset: 1, .. })
        ));
    }
}
