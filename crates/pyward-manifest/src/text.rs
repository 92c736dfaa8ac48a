//! Reading text files safely, and byte offset → line/column.

use std::path::Path;

use pyward_core::fs::{ReadError, Root};

use crate::ManifestError;

/// Files larger than this are refused (50 MB).
pub const MAX_FILE_SIZE: u64 = pyward_core::fs::MAX_FILE_SIZE;

/// Reads a UTF-8 text file through `pyward_core::fs::read_text`: non-blocking, never a FIFO or
/// device, never through a final symlink, at most [`MAX_FILE_SIZE`] bytes, no NUL bytes. A BOM
/// is dropped.
pub(crate) fn read_text(path: &Path) -> Result<String, ManifestError> {
    pyward_core::fs::read_text(path, MAX_FILE_SIZE).map_err(ManifestError::from)
}

/// [`read_text`] of a path confined to `root` (symlinks resolved inside the root only).
/// A relative `path` is taken relative to the current directory (as the caller spelled it),
/// not to the root.
pub(crate) fn read_confined(root: &Root, path: &Path) -> Result<String, ManifestError> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let canonical = root
        .confine(&absolute)
        .map_err(|e| with_path(e.into(), path))?;
    read_text(&canonical).map_err(|e| with_path(e, path))
}

/// The same error naming `display` (the spelling the user knows).
fn with_path(mut e: ManifestError, display: &Path) -> ManifestError {
    match &mut e {
        ManifestError::Io { path, .. }
        | ManifestError::IsDirectory { path }
        | ManifestError::TooLarge { path, .. }
        | ManifestError::Binary { path }
        | ManifestError::NotUtf8 { path, .. }
        | ManifestError::Refused { path, .. } => *path = display.to_path_buf(),
        _ => {}
    }
    e
}

impl From<ReadError> for ManifestError {
    fn from(e: ReadError) -> ManifestError {
        match e {
            ReadError::Io { path, source } => ManifestError::Io { path, source },
            ReadError::NotRegular {
                path,
                kind: "directory",
            } => ManifestError::IsDirectory { path },
            ReadError::TooLarge { path, limit } => ManifestError::TooLarge {
                path,
                size: limit.saturating_add(1),
                limit,
            },
            ReadError::Binary { path } => ManifestError::Binary { path },
            ReadError::NotUtf8 { path, offset } => ManifestError::NotUtf8 { path, offset },
            other => ManifestError::Refused {
                path: other.path().to_path_buf(),
                reason: other.reason(),
            },
        }
    }
}

/// A short excerpt of a line pyward could not parse, safe to print: at most 32 characters,
/// URL credentials masked, and long token-like words cut to their first 4 characters, so a
/// secret that ended up in a requirements file is never echoed.
pub fn safe_excerpt(line: &str) -> String {
    safe_text(line, 32)
}

/// [`safe_excerpt`] with a custom length, for parser messages that may quote the input.
pub fn safe_text(line: &str, max: usize) -> String {
    let max = max.max(2);
    let mut out = String::new();
    for (i, word) in line.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let word = mask_url_credentials(word);
        let tokenish = word.chars().count() > 12
            && word.chars().any(|c| c.is_ascii_digit())
            && word.chars().any(|c| c.is_ascii_alphabetic())
            && !word.contains("://");
        if tokenish {
            out.extend(word.chars().take(4));
            out.push_str("****");
        } else {
            out.push_str(&word);
        }
    }
    let out: String = out
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if out.chars().count() > max {
        let cut: String = out.chars().take(max - 1).collect();
        format!("{cut}…")
    } else {
        out
    }
}

fn mask_url_credentials(word: &str) -> String {
    if let Some(i) = word.find("://") {
        let rest = &word[i + 3..];
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        if let Some(at) = rest[..end].rfind('@') {
            return format!("{}****{}", &word[..i + 3], &rest[at..]);
        }
    }
    word.to_string()
}

/// Maps byte offsets to 1-based line and column (columns count characters).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub(crate) fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line as u32 + 1, col as u32 + 1)
    }

    pub(crate) fn line(&self, offset: usize) -> u32 {
        self.line_col(offset).0
    }
}
