//! Reading text files safely, and byte offset → line/column.

use std::io::Read;
use std::path::Path;

use crate::ManifestError;

/// Files larger than this are refused (50 MB).
pub const MAX_FILE_SIZE: u64 = 50 * 1024 * 1024;

fn io_err(path: &Path, source: std::io::Error) -> ManifestError {
    ManifestError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Reads a UTF-8 text file, refusing huge, binary and non-UTF-8 files. A BOM is dropped.
pub(crate) fn read_text(path: &Path) -> Result<String, ManifestError> {
    let file = std::fs::File::open(path).map_err(|e| io_err(path, e))?;
    let meta = file.metadata().map_err(|e| io_err(path, e))?;
    if meta.is_dir() {
        return Err(ManifestError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(ManifestError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: MAX_FILE_SIZE,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Guard against files that grow (or lie about their size, like /proc files).
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_err(path, e))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(ManifestError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: MAX_FILE_SIZE,
        });
    }
    if bytes.contains(&0) {
        return Err(ManifestError::Binary {
            path: path.to_path_buf(),
        });
    }
    let mut text = String::from_utf8(bytes).map_err(|e| ManifestError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
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
