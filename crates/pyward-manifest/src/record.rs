//! `RECORD` files of installed distributions (the wheel spec's CSV of path, hash and size).

use std::path::Path;

use serde::Serialize;

use crate::ManifestError;
use crate::text::read_text;

/// One row of a `RECORD` file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordEntry {
    /// The path as written, relative to the site-packages directory (`/`-separated; may start
    /// with `../` for scripts installed into `bin/`).
    pub path: String,
    /// The hash algorithm (`sha256`), when the row has a hash.
    pub algorithm: Option<String>,
    /// The digest in URL-safe base64 without padding, as the wheel spec writes it.
    pub digest: Option<String>,
    /// The size in bytes, when recorded.
    pub size: Option<u64>,
    /// 1-based line in `RECORD`.
    pub line: u32,
}

/// Reads `<dist_info>/RECORD`. Rows that cannot be parsed are reported as an error naming the
/// file and line; a missing file is an I/O error.
pub fn read_record(dist_info: &Path) -> Result<Vec<RecordEntry>, ManifestError> {
    let path = dist_info.join("RECORD");
    let text = read_text(&path)?;
    parse_record(&text, &path)
}

/// Parses the text of a `RECORD` file (`path` is only used in errors).
pub fn parse_record(text: &str, path: &Path) -> Result<Vec<RecordEntry>, ManifestError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        let lineno = i as u32 + 1;
        let fields = split_csv(line).ok_or_else(|| ManifestError::Invalid {
            path: path.to_path_buf(),
            message: format!("line {lineno}: unbalanced quotes in RECORD row"),
        })?;
        let mut it = fields.into_iter();
        let file = it.next().unwrap_or_default();
        if file.is_empty() {
            return Err(ManifestError::Invalid {
                path: path.to_path_buf(),
                message: format!("line {lineno}: RECORD row without a path"),
            });
        }
        let hash = it.next().unwrap_or_default();
        let size = it.next().unwrap_or_default();
        let (algorithm, digest) = match hash.split_once('=') {
            Some((a, d)) if !a.is_empty() && !d.is_empty() => {
                (Some(a.to_ascii_lowercase()), Some(d.to_string()))
            }
            _ if hash.is_empty() => (None, None),
            _ => {
                return Err(ManifestError::Invalid {
                    path: path.to_path_buf(),
                    message: format!("line {lineno}: malformed hash `{hash}`"),
                });
            }
        };
        let size = if size.trim().is_empty() {
            None
        } else {
            Some(
                size.trim()
                    .parse::<u64>()
                    .map_err(|_| ManifestError::Invalid {
                        path: path.to_path_buf(),
                        message: format!("line {lineno}: malformed size `{size}`"),
                    })?,
            )
        };
        out.push(RecordEntry {
            path: file.replace('\\', "/"),
            algorithm,
            digest,
            size,
            line: lineno,
        });
    }
    Ok(out)
}

/// Splits one CSV row (RFC 4180 quoting). `None` on an unterminated quote.
fn split_csv(line: &str) -> Option<Vec<String>> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                at_start = true;
            }
            _ => {
                field.push(c);
                at_start = false;
            }
        }
    }
    if quoted {
        return None;
    }
    fields.push(field);
    Some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_with_quotes_hashes_and_blanks() {
        let text = "pkg/__init__.py,sha256=abc_-,12\n\"pkg/a,b.py\",sha256=xyz,3\npkg-1.0.dist-info/RECORD,,\n\n../../../bin/tool,sha256=t,7\r\n";
        let rows = parse_record(text, Path::new("RECORD")).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].digest.as_deref(), Some("abc_-"));
        assert_eq!(rows[0].size, Some(12));
        assert_eq!(rows[1].path, "pkg/a,b.py");
        assert_eq!(rows[2].algorithm, None);
        assert_eq!(rows[2].size, None);
        assert_eq!(rows[3].path, "../../../bin/tool");
        assert_eq!(rows[3].line, 5);
    }

    #[test]
    fn malformed_rows_name_the_file_and_line() {
        let err = parse_record("a,\"b\n", Path::new("/x/RECORD")).unwrap_err();
        assert!(err.to_string().contains("/x/RECORD"), "{err}");
        let err = parse_record("a,sha256=x,big\n", Path::new("/x/RECORD")).unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
        let err = parse_record("a,nohash,1\n", Path::new("/x/RECORD")).unwrap_err();
        assert!(err.to_string().contains("malformed hash"), "{err}");
    }
}
