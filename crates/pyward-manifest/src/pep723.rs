//! PEP 723 inline script metadata (`# /// script` blocks in `.py` files).

use std::path::Path;

use crate::{Manifest, ManifestError, ManifestKind, Target};

/// The TOML of the `script` block and the 1-based file line of its first content line.
pub(crate) fn script_block(text: &str) -> Result<Option<(String, u32)>, String> {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut found: Option<(String, u32)> = None;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_end() != "# /// script" {
            i += 1;
            continue;
        }
        // The block ends at the last `# ///` before the first line that is not a comment.
        let start = i + 1;
        let mut end = None;
        let mut j = start;
        while j < lines.len() && (lines[j] == "#" || lines[j].starts_with("# ")) {
            if lines[j].trim_end() == "# ///" {
                end = Some(j);
            }
            j += 1;
        }
        let Some(end) = end else {
            return Err(format!("line {}: unclosed `# /// script` block", i + 1));
        };
        if found.is_some() {
            return Err(format!("line {}: more than one `script` block", i + 1));
        }
        let content: Vec<&str> = lines[start..end]
            .iter()
            .map(|l| {
                l.strip_prefix("# ")
                    .unwrap_or(l.strip_prefix('#').unwrap_or(l))
            })
            .collect();
        found = Some((content.join("\n"), start as u32 + 1));
        i = end + 1;
    }
    Ok(found)
}

pub(crate) fn parse_script(
    text: &str,
    path: &Path,
    target: &Target,
) -> Result<Manifest, ManifestError> {
    let mut m = Manifest::new(path, ManifestKind::Pep723Script);
    match script_block(text) {
        Ok(Some((toml, first_line))) => {
            crate::pyproject::parse_script_toml(&toml, path, first_line, target, &mut m)?;
        }
        Ok(None) => m.warn(path, None, "no `# /// script` metadata block"),
        Err(e) => {
            return Err(ManifestError::Invalid {
                path: path.to_path_buf(),
                message: e,
            });
        }
    }
    Ok(m)
}

/// Cheap check used by discovery.
pub(crate) fn has_script_block(text: &str) -> bool {
    text.starts_with("# /// script") || text.contains("\n# /// script")
}
