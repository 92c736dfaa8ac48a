//! Span-preserving TOML access (every value keeps its byte range in the file).

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::ManifestError;
use crate::text::LineIndex;

pub(crate) type Value<'i> = Spanned<DeValue<'i>>;
pub(crate) type Table<'i> = DeTable<'i>;

/// Parses a TOML document keeping spans; errors carry the path and line.
pub(crate) fn parse<'i>(text: &'i str, path: &Path) -> Result<Spanned<Table<'i>>, ManifestError> {
    DeTable::parse(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| LineIndex::new(text).line(s.start))
            .unwrap_or(1);
        ManifestError::Toml {
            path: path.to_path_buf(),
            line,
            message: e.message().trim().to_string(),
        }
    })
}

pub(crate) fn get<'a, 'i>(table: &'a Table<'i>, key: &str) -> Option<&'a Value<'i>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

pub(crate) fn get_table<'a, 'i>(table: &'a Table<'i>, key: &str) -> Option<&'a Table<'i>> {
    get(table, key).and_then(|v| as_table(v))
}

pub(crate) fn get_array<'a, 'i>(table: &'a Table<'i>, key: &str) -> Option<&'a [Value<'i>]> {
    get(table, key)
        .and_then(|v| v.get_ref().as_array())
        .map(|a| &a[..])
}

pub(crate) fn get_str<'a>(table: &'a Table<'_>, key: &str) -> Option<&'a str> {
    get(table, key).and_then(|v| as_str(v))
}

pub(crate) fn get_bool(table: &Table<'_>, key: &str) -> Option<bool> {
    match get(table, key).map(|v| v.get_ref()) {
        Some(DeValue::Boolean(b)) => Some(*b),
        _ => None,
    }
}

pub(crate) fn as_table<'a, 'i>(v: &'a Value<'i>) -> Option<&'a Table<'i>> {
    match v.get_ref() {
        DeValue::Table(t) => Some(t),
        _ => None,
    }
}

pub(crate) fn as_str<'a>(v: &'a Value<'_>) -> Option<&'a str> {
    match v.get_ref() {
        DeValue::String(s) => Some(s.as_ref()),
        _ => None,
    }
}

/// A string, or the text of a number/boolean/datetime value (`version = 1`).
pub(crate) fn scalar_text(v: &Value<'_>) -> Option<String> {
    match v.get_ref() {
        DeValue::String(s) => Some(s.to_string()),
        DeValue::Integer(i) => Some(i.as_str().to_string()),
        DeValue::Float(f) => Some(f.as_str().to_string()),
        DeValue::Boolean(b) => Some(b.to_string()),
        DeValue::Datetime(d) => Some(d.to_string()),
        _ => None,
    }
}

/// An array of tables (`[[package]]`), or empty.
pub(crate) fn tables<'a, 'i>(
    table: &'a Table<'i>,
    key: &str,
) -> Vec<(&'a Value<'i>, &'a Table<'i>)> {
    get_array(table, key)
        .unwrap_or(&[])
        .iter()
        .filter_map(|v| as_table(v).map(|t| (v, t)))
        .collect()
}

/// The span start of a key (for `name = "..."` lines).
pub(crate) fn key_start(table: &Table<'_>, key: &str) -> Option<usize> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(k, _)| k.span().start)
}

/// The keys and values of a table in file order (spans give the order).
pub(crate) fn entries_in_order<'a, 'i>(
    table: &'a Table<'i>,
) -> Vec<(&'a str, usize, &'a Value<'i>)> {
    let mut v: Vec<(&str, usize, &Value<'i>)> = table
        .iter()
        .map(|(k, v)| (k.get_ref().as_ref(), k.span().start, v))
        .collect();
    v.sort_by_key(|(_, start, _)| *start);
    v
}

/// A fast path for big lockfiles: blanks the bodies of multi-line `key = [` arrays (uv.lock's
/// `wheels`, which are most of its bytes) and single-line `sdist = { … }` tables, so the TOML
/// parser skips them, and returns the `hash = "…"` values found in what was blanked, per
/// `[[package]]` in file order.
///
/// Blanked bytes become spaces, so every remaining value keeps its byte offset and line. Returns
/// `None` when the file does not have the expected shape; callers then parse the original text.
pub(crate) fn thin_arrays(text: &str, key: &str) -> Option<(String, Vec<Vec<String>>)> {
    let opener = format!("{key} = [");
    let hash_key = memchr::memmem::Finder::new(b"hash = \"");
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut hashes: Vec<Vec<String>> = Vec::new();
    let mut inside = false;
    let mut start = 0usize;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let mut body_end = end;
        if body_end > start && bytes[body_end - 1] == b'\r' {
            body_end -= 1;
        }
        let body = &bytes[start..body_end];
        let first = body.iter().position(|b| !b.is_ascii_whitespace());
        let blank = match first {
            None => false,
            Some(f) if inside => {
                if body[f] == b']' && body[f + 1..].iter().all(u8::is_ascii_whitespace) {
                    inside = false;
                    false
                } else {
                    true
                }
            }
            Some(f) => {
                let trimmed = text[start + f..body_end].trim_end();
                if trimmed == "[[package]]" {
                    hashes.push(Vec::new());
                    false
                } else if trimmed == opener {
                    inside = true;
                    false
                } else {
                    trimmed.starts_with("sdist = {") && trimmed.ends_with('}') && !hashes.is_empty()
                }
            }
        };
        if blank {
            if let Some(at) = hash_key.find(body) {
                let rest = &text[start + at + 8..body_end];
                let hash = rest.split('"').next()?;
                hashes.last_mut()?.push(hash.to_string());
            }
            out[start..body_end].fill(b' ');
        }
        start = end + 1;
    }
    if inside {
        return None;
    }
    // Whole lines were replaced by ASCII spaces, so the text is still UTF-8.
    String::from_utf8(out).ok().map(|thin| (thin, hashes))
}

#[cfg(test)]
mod tests {
    use super::thin_arrays;

    #[test]
    fn thins_wheel_arrays_keeping_offsets() {
        let text = "[[package]]\nname = \"a\"\nsdist = { url = \"s\", hash = \"sha256:ss\" }\nwheels = [\n    { url = \"u\", hash = \"sha256:aa\" },\n    { url = \"v\", hash = \"sha256:bb\" },\n]\n\n[[package]]\nname = \"b\"\n";
        let (thin, hashes) = thin_arrays(text, "wheels").unwrap();
        assert_eq!(thin.len(), text.len());
        assert_eq!(thin.lines().count(), text.lines().count());
        assert_eq!(
            hashes,
            vec![
                vec![
                    "sha256:ss".to_string(),
                    "sha256:aa".to_string(),
                    "sha256:bb".to_string()
                ],
                vec![]
            ]
        );
        let parsed: toml::Table = thin.parse().unwrap();
        assert_eq!(parsed["package"].as_array().unwrap().len(), 2);
        assert!(thin_arrays("wheels = [\n  1,\n", "wheels").is_none());
    }
}
