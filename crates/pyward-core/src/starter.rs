//! The starter files `pyward init` writes: a `[tool.pyward]` section added to a
//! `pyproject.toml` without touching the rest of the file, an entry for pyward's hooks in a
//! `.pre-commit-config.yaml`, and a GitHub Actions workflow.
//!
//! Everything here is text in, text out; the command reads and writes the files. An existing
//! section or entry is only replaced when `force` is set.

use std::path::{Path, PathBuf};

/// The `[tool.pyward]` section `pyward init` adds. Every active key is one
/// [`crate::ProjectConfig`] accepts; the rest are comments to uncomment.
pub const STARTER_SECTION: &str = r#"[tool.pyward]
# Exit with 1 when a finding is at or above this severity (info, low, medium, high, critical).
fail-on = "medium"

# Rules to run, and rules to turn off: codes (PY307, DEP001), prefixes (DEP, PY) or names.
# `--select`/`--ignore` on the command line win. By default every rule runs.
# select = ["DEP", "PY"]
# ignore = ["PY101"]

# A suppression with a reason and an optional expiry, instead of turning a rule off:
# ignore = [
#   { id = "CVE-2023-23934", package = "werkzeug", reason = "no cookies with leading dots", until = 2027-06-30 },
# ]

# Paths no analyzer reads (.gitignore syntax, relative to the scanned directory).
# exclude = ["vendor/**", "tests/fixtures/**"]

# Paths that are never deployed (tests, examples, dev/CI files): their findings are hidden and
# counted unless --include-tests. `extend-test-paths` adds to the defaults, `test-paths`
# replaces them.
# extend-test-paths = ["qa/"]
# test-paths = ["tests/", "test_*.py"]

# Exit with 2 when nothing was audited (no Python files, manifests or configuration found).
# fail-on-empty = true

# Per-analyzer settings go in [tool.pyward.scan] (only, skip), [tool.pyward.deps],
# [tool.pyward.code] and [tool.pyward.config]; see the README's Configuration section.
"#;

/// The repository pre-commit fetches pyward's hooks from.
pub const HOOKS_REPO: &str = "https://github.com/pyward/pyward";

/// pyward's pre-commit hook ids (`.pre-commit-hooks.yaml`).
pub const HOOK_IDS: &[&str] = &["pyward-code", "pyward-deps", "pyward-config"];

/// Where `pyward init` writes the CI workflow, relative to the project directory.
pub const WORKFLOW_PATH: &str = ".github/workflows/pyward.yml";

/// A starter file that cannot be written as asked. Always names the file.
#[derive(Debug, thiserror::Error)]
pub enum StarterError {
    #[error("{path} is not valid TOML, left unchanged: {message}")]
    InvalidToml { path: PathBuf, message: String },
    #[error(
        "{path}: adding [tool.pyward] would make the file invalid TOML, left unchanged: {message}"
    )]
    WouldBreakToml { path: PathBuf, message: String },
    #[error(
        "{path} has no top-level block list `repos:` to append to, left unchanged; add this entry \
         to it by hand:\n{entry}"
    )]
    NoReposList { path: PathBuf, entry: String },
}

/// What a starter edit does to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The file did not exist: write this text.
    Created(String),
    /// The file exists: replace its text with this one, which adds pyward's part.
    Added(String),
    /// The file had pyward's part and `force` was set: replace its text with this one.
    Replaced(String),
    /// pyward's part is already there (and `force` was not set, or it cannot be replaced safely).
    Kept,
}

/// Adds [`STARTER_SECTION`] to a `pyproject.toml` (`existing` is its text, `None` when there is
/// none). The text outside the new section stays byte for byte as it was: the section is
/// appended at the end. An existing `[tool.pyward]` (with its sub-tables) is kept, or with
/// `force` replaced: the starter section takes the place of the first of its tables, and the
/// others (`[tool.pyward.deps]`, `[[tool.pyward.ignore]]`, …) are removed with the comment lines
/// directly above their headers.
pub fn add_pyward_section(
    existing: Option<&str>,
    path: &Path,
    force: bool,
) -> Result<Outcome, StarterError> {
    let Some(text) = existing else {
        return Ok(Outcome::Created(STARTER_SECTION.to_string()));
    };
    let doc = toml_edit::Document::parse(text).map_err(|e| StarterError::InvalidToml {
        path: path.to_path_buf(),
        message: parse_error_brief(&e.to_string()),
    })?;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let section = STARTER_SECTION.replace('\n', newline);
    let replaced = pyward_item(doc.as_table()).is_some();
    let new_text = match (pyward_item(doc.as_table()), force) {
        (None, _) => append_block(text, &section),
        (Some(_), false) => return Ok(Outcome::Kept),
        (Some(item), true) => {
            let spliced = match item {
                toml_edit::Item::Table(t) if !t.is_dotted() => {
                    replace_in_place(text, doc.as_table(), &section, newline)
                        .filter(|new| same_outside_pyward(text, new))
                }
                _ => None,
            };
            match spliced {
                Some(new) => new,
                // Dotted keys or an inline table: remove it and append the section.
                None => {
                    let mut doc = doc.into_mut();
                    if let Some(tool) = doc.get_mut("tool").and_then(|t| t.as_table_like_mut()) {
                        tool.remove("pyward");
                    }
                    append_block(&doc.to_string(), &section)
                }
            }
        }
    };
    let check = toml_edit::Document::parse(new_text.as_str()).map_err(|e| {
        StarterError::WouldBreakToml {
            path: path.to_path_buf(),
            message: parse_error_brief(&e.to_string()),
        }
    })?;
    if !pyward_item(check.as_table()).is_some_and(|t| t.is_table()) {
        return Err(StarterError::WouldBreakToml {
            path: path.to_path_buf(),
            message: "[tool.pyward] would not be a table".to_string(),
        });
    }
    Ok(if replaced {
        Outcome::Replaced(new_text)
    } else {
        Outcome::Added(new_text)
    })
}

fn pyward_item(root: &toml_edit::Table) -> Option<&toml_edit::Item> {
    root.get("tool")?.get("pyward")
}

/// `text` with every `[tool.pyward…]` table removed (from the comment lines directly above its
/// header to the comment lines directly above the next header) and `section` in the place of
/// the first. `None` when no header was found.
fn replace_in_place(
    text: &str,
    root: &toml_edit::Table,
    section: &str,
    newline: &str,
) -> Option<String> {
    let mut headers = Vec::new();
    collect_headers(root, &mut Vec::new(), &mut headers);
    headers.sort_by_key(|(start, _)| *start);
    let mut regions: Vec<(usize, usize)> = Vec::new();
    for (i, (start, is_pyward)) in headers.iter().enumerate() {
        if !is_pyward {
            continue;
        }
        let mut from = comments_above(text, line_start(text, *start));
        if !regions.is_empty() {
            // A later table goes with the blank lines that separated it.
            from = blank_above(text, from);
        }
        let to = match headers.get(i + 1) {
            Some((next, _)) => blank_above(text, comments_above(text, line_start(text, *next))),
            None => text.len(),
        };
        // Never before the end of the previous region.
        let from = from.max(regions.last().map_or(0, |r| r.1));
        regions.push((from, to.max(from)));
    }
    if regions.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + section.len());
    let mut at = 0;
    let mut separate = false;
    let push = |out: &mut String, chunk: &str, separate: &mut bool| {
        if chunk.is_empty() {
            return;
        }
        if *separate && !chunk.starts_with('\n') && !chunk.starts_with("\r\n") {
            out.push_str(newline);
        }
        *separate = false;
        out.push_str(chunk);
    };
    for (k, (from, to)) in regions.into_iter().enumerate() {
        push(&mut out, &text[at..from], &mut separate);
        if k == 0 {
            out.push_str(section);
            separate = true;
        }
        at = to;
    }
    push(&mut out, &text[at..], &mut separate);
    Some(out)
}

/// The header offsets of every explicit table and array-of-tables entry, and whether it is
/// `tool.pyward` or under it.
fn collect_headers<'a>(
    table: &'a toml_edit::Table,
    path: &mut Vec<&'a str>,
    out: &mut Vec<(usize, bool)>,
) {
    let is_pyward = |path: &[&str]| path.len() >= 2 && path[0] == "tool" && path[1] == "pyward";
    for (key, item) in table.iter() {
        path.push(key);
        match item {
            toml_edit::Item::Table(t) => {
                if let Some(span) = t.span().filter(|_| !t.is_implicit() && !t.is_dotted()) {
                    out.push((span.start, is_pyward(path)));
                }
                collect_headers(t, path, out);
            }
            toml_edit::Item::ArrayOfTables(array) => {
                for t in array.iter() {
                    if let Some(span) = t.span() {
                        out.push((span.start, is_pyward(path)));
                    }
                    collect_headers(t, path, out);
                }
            }
            _ => {}
        }
        path.pop();
    }
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// `start` (a line start) moved up over the comment lines directly above it.
fn comments_above(text: &str, mut start: usize) -> usize {
    while start > 0 {
        let prev = line_start(text, start - 1);
        if text[prev..start].trim_start().starts_with('#') {
            start = prev;
        } else {
            break;
        }
    }
    start
}

/// `start` (a line start) moved up over the blank lines directly above it.
fn blank_above(text: &str, mut start: usize) -> usize {
    while start > 0 {
        let prev = line_start(text, start - 1);
        if text[prev..start].trim().is_empty() {
            start = prev;
        } else {
            break;
        }
    }
    start
}

/// Whether `old` and `new` hold the same TOML data apart from `tool.pyward`.
fn same_outside_pyward(old: &str, new: &str) -> bool {
    let without = |text: &str| -> Option<toml::Table> {
        let mut table: toml::Table = toml::from_str(text).ok()?;
        if let Some(tool) = table.get_mut("tool").and_then(|t| t.as_table_mut()) {
            tool.remove("pyward");
        }
        Some(table)
    };
    matches!((without(old), without(new)), (Some(a), Some(b)) if a == b)
}

/// The pre-commit `repos:` entry for pyward's hooks at `version`, its `- ` at `indent`.
pub fn pre_commit_entry(version: &str, indent: &str) -> String {
    let mut entry =
        format!("{indent}- repo: {HOOKS_REPO}\n{indent}  rev: v{version}\n{indent}  hooks:\n");
    for id in HOOK_IDS {
        entry.push_str(&format!("{indent}    - id: {id}\n"));
    }
    entry
}

/// Adds pyward's hooks to a `.pre-commit-config.yaml` (`existing` is its text, `None` when there
/// is none). The entry goes at the end of the top-level block list `repos:`, indented like its
/// other entries; every other line stays as it was. A file that already names pyward's hooks
/// is kept; with `force` an entry for pyward's repository is replaced in place (hooks of
/// pyward's in a `local` repo are kept even then). A file without a block list `repos:` is an
/// error that shows the entry to add by hand.
pub fn add_pre_commit_entry(
    existing: Option<&str>,
    path: &Path,
    version: &str,
    force: bool,
) -> Result<Outcome, StarterError> {
    let Some(text) = existing else {
        return Ok(Outcome::Created(format!(
            "repos:\n{}",
            pre_commit_entry(version, "  ")
        )));
    };
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    if let Some(last) = lines.last_mut()
        && !last.ends_with('\n')
    {
        last.push_str(newline);
    }
    let no_repos = || StarterError::NoReposList {
        path: path.to_path_buf(),
        entry: pre_commit_entry(version, "  "),
    };
    let start = lines
        .iter()
        .position(|l| is_repos_key(l))
        .ok_or_else(no_repos)?;
    if lines[start].contains('[') || lines[start].contains('{') {
        return Err(no_repos());
    }
    // The block ends at the next top-level key (a column-0 line that is not a comment or a
    // column-0 list item).
    let end = lines[start + 1..]
        .iter()
        .position(|l| {
            let first = l.chars().next().unwrap_or(' ');
            !l.trim().is_empty() && !matches!(first, ' ' | '\t' | '#' | '-')
        })
        .map_or(lines.len(), |i| start + 1 + i);
    let items: Vec<usize> = (start + 1..end)
        .filter(|&i| lines[i].trim_start().starts_with('-'))
        .collect();
    let indent = items.first().map_or("  ".to_string(), |&i| {
        let l = &lines[i];
        l[..l.len() - l.trim_start().len()].to_string()
    });
    // Only items at the list's own indentation start an entry.
    let items: Vec<usize> = items
        .into_iter()
        .filter(|&i| indent_of(&lines[i]) == indent.len())
        .collect();
    let entry = pre_commit_entry(version, &indent).replace('\n', newline);

    let mentions_pyward = lines[start + 1..end].iter().any(|l| {
        let l = l.trim_start().trim_start_matches('-').trim_start();
        is_pyward_repo_line(l)
            || l.strip_prefix("id:")
                .is_some_and(|id| HOOK_IDS.contains(&unquote(id)))
    });
    if mentions_pyward {
        if !force {
            return Ok(Outcome::Kept);
        }
        // The entry whose `repo:` is pyward's, from its `-` to the next entry or the block end.
        let Some(repo_line) = (start + 1..end).find(|&i| {
            let l = lines[i].trim_start().trim_start_matches('-').trim_start();
            is_pyward_repo_line(l)
        }) else {
            return Ok(Outcome::Kept);
        };
        let Some(&item_start) = items.iter().rev().find(|&&i| i <= repo_line) else {
            return Ok(Outcome::Kept);
        };
        let next = items
            .iter()
            .copied()
            .find(|&i| i > item_start)
            .unwrap_or(end);
        let item_end = trim_trailing_blank(&lines, item_start + 1, next);
        lines.splice(item_start..item_end, [entry]);
        return Ok(Outcome::Replaced(lines.concat()));
    }

    let at = trim_trailing_blank(&lines, start + 1, end);
    lines.insert(at, entry);
    Ok(Outcome::Added(lines.concat()))
}

/// The GitHub Actions workflow: pyward's action scans the repository on pushes to the default
/// branch, on pull requests and weekly (new advisories appear without code changes), and
/// uploads the SARIF to code scanning.
pub fn workflow(version: &str) -> String {
    format!(
        r#"# pyward: dependencies, code and configuration, reported to GitHub code scanning.
name: pyward

on:
  push:
    branches: [main]
  pull_request:
  schedule:
    - cron: "23 4 * * 1"   # weekly: new advisories appear without code changes

permissions:
  contents: read

jobs:
  pyward:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write   # upload the SARIF to code scanning
    steps:
      - uses: actions/checkout@v4
      # Installs pyward, runs `pyward db update` and `pyward scan --format sarif`, and uploads
      # the SARIF. Without the action:
      #   pip install pyward=={version} && pyward db update && pyward scan --format sarif -o pyward.sarif
      - uses: pyward/pyward@v{version}
        with:
          paths: .
          sarif-file: pyward.sarif
          upload: true
          # fail-on: high      # default: `fail-on` from [tool.pyward]
"#
    )
}

fn append_block(text: &str, block: &str) -> String {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = text.to_string();
    if !out.is_empty() {
        if !out.ends_with('\n') {
            out.push_str(newline);
        }
        if !out.ends_with(&format!("{newline}{newline}")) {
            out.push_str(newline);
        }
    }
    out.push_str(block);
    out
}

/// A top-level `repos:` key line (`repos:` with nothing after it but a comment, or a flow
/// list, which the caller refuses).
fn is_repos_key(line: &str) -> bool {
    let Some(rest) = line
        .strip_prefix("repos:")
        .or_else(|| line.strip_prefix("\"repos\":"))
        .or_else(|| line.strip_prefix("'repos':"))
    else {
        return false;
    };
    let rest = rest.trim();
    rest.is_empty() || rest.starts_with('#') || rest.starts_with('[') || rest.starts_with('{')
}

fn is_pyward_repo_line(line: &str) -> bool {
    line.strip_prefix("repo:").is_some_and(|url| {
        let url = unquote(url).trim_end_matches('/');
        let url = url.strip_suffix(".git").unwrap_or(url);
        url.eq_ignore_ascii_case(HOOKS_REPO)
    })
}

/// A YAML scalar without its trailing comment and quotes.
fn unquote(value: &str) -> &str {
    let value = value.split(" #").next().unwrap_or(value).trim();
    value.trim_matches(|c| c == '"' || c == '\'')
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `end` moved back over blank lines and column-0 comments, not before `floor`: they separate
/// what precedes from what follows, so an insertion goes above them.
fn trim_trailing_blank(lines: &[String], floor: usize, mut end: usize) -> usize {
    while end > floor {
        let l = &lines[end - 1];
        if l.trim().is_empty() || l.starts_with('#') {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// A TOML parse error's position and reason, without the quoted line (which may hold a secret).
fn parse_error_brief(message: &str) -> String {
    let mut lines = message.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or_default();
    match lines.next_back() {
        Some(last) if message.contains('|') => {
            format!("{first}: {}", last.trim_start_matches(['|', ' ']))
        }
        _ => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProjectConfig;

    fn p() -> &'static Path {
        Path::new("pyproject.toml")
    }

    #[test]
    fn starter_section_is_valid_config() {
        let config = ProjectConfig::parse(STARTER_SECTION, p(), true)
            .unwrap()
            .expect("has [tool.pyward]");
        assert!(config.errors.is_empty(), "{:?}", config.errors);
        assert!(config.warnings.is_empty(), "{:?}", config.warnings);
        assert_eq!(config.fail_on, Some(crate::Severity::Medium));
    }

    #[test]
    fn commented_examples_are_valid_config_too() {
        // Uncommenting the examples gives a configuration pyward accepts.
        let uncommented: String = STARTER_SECTION
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest.contains(" = ") || rest.starts_with("  {") || rest.starts_with(']') =>
                {
                    rest
                }
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let uncommented = uncommented.replacen("ignore = [\"PY101\"]", "", 1);
        let config = ProjectConfig::parse(&uncommented, p(), true)
            .unwrap()
            .unwrap();
        assert!(
            config.errors.is_empty(),
            "{:?}\n{uncommented}",
            config.errors
        );
        assert_eq!(config.select, ["DEP", "PY"]);
        assert_eq!(config.ignores.len(), 1);
        assert_eq!(config.exclude.len(), 2);
        assert_eq!(config.fail_on_empty, Some(true));
        config.test_paths().unwrap();
    }

    #[test]
    fn appends_and_keeps_everything_else() {
        let text = "[project]\nname = \"x\"   # odd  spacing\n\n[tool.black]\nline-length=99";
        let Outcome::Added(new) = add_pyward_section(Some(text), p(), false).unwrap() else {
            panic!()
        };
        assert!(new.starts_with(text));
        assert!(new.ends_with(STARTER_SECTION));
        assert_eq!(
            new.len(),
            text.len() + 2 + STARTER_SECTION.len(),
            "one newline to end the last line, one blank line"
        );
    }

    #[test]
    fn keeps_or_replaces_an_existing_section() {
        let text = "# top\n[project]\nname = \"x\"\n\n# pyward settings\n[tool.pyward]\nfail-on = \"low\"\n# a note\n\n# ruff\n[tool.ruff]\nline-length = 88\n\n[tool.pyward.deps]\nplatform = \"linux\"\n\n[[tool.pyward.ignore]]\nid = \"X\"\nreason = \"y\"\n";
        assert_eq!(
            add_pyward_section(Some(text), p(), false).unwrap(),
            Outcome::Kept
        );
        let Outcome::Replaced(new) = add_pyward_section(Some(text), p(), true).unwrap() else {
            panic!()
        };
        assert_eq!(
            new,
            format!(
                "# top\n[project]\nname = \"x\"\n\n{STARTER_SECTION}\n# ruff\n[tool.ruff]\nline-length = 88\n"
            )
        );
        // The last table in the file, no trailing newline, an implicit [tool.pyward].
        let text = "[project]\nname = \"x\"\n[tool.pyward.code]\nexclude = []";
        let Outcome::Replaced(new) = add_pyward_section(Some(text), p(), true).unwrap() else {
            panic!()
        };
        assert_eq!(new, format!("[project]\nname = \"x\"\n{STARTER_SECTION}"));
        // Dotted keys and inline tables count as a section too; --force removes them and
        // appends the section.
        for text in [
            "[tool]\npyward.fail-on = \"low\"\nblack.x = 1\n",
            "tool = { pyward = { fail-on = \"low\" } }\n",
        ] {
            assert_eq!(
                add_pyward_section(Some(text), p(), false).unwrap(),
                Outcome::Kept
            );
        }
        let Outcome::Replaced(new) = add_pyward_section(
            Some("[tool]\npyward.fail-on = \"low\"\nblack.x = 1\n"),
            p(),
            true,
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(new, format!("[tool]\nblack.x = 1\n\n{STARTER_SECTION}"));
    }

    #[test]
    fn refuses_invalid_toml_and_inline_tool_tables() {
        let err = add_pyward_section(Some("[project\n"), p(), false).unwrap_err();
        assert!(matches!(err, StarterError::InvalidToml { .. }), "{err}");
        assert!(err.to_string().contains("pyproject.toml"));
        let err = add_pyward_section(Some("tool = { black = {} }\n"), p(), false).unwrap_err();
        assert!(matches!(err, StarterError::WouldBreakToml { .. }), "{err}");
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let text = "[project]\r\nname = \"x\"\r\n";
        let Outcome::Added(new) = add_pyward_section(Some(text), p(), false).unwrap() else {
            panic!()
        };
        assert!(new.starts_with(text));
        assert!(!new.replace("\r\n", "").contains('\n'));
    }

    const PC: &str = ".pre-commit-config.yaml";

    #[test]
    fn pre_commit_entry_goes_at_the_end_of_repos() {
        let text = "# mine\nrepos:\n    -   repo: https://github.com/psf/black\n        rev: 24.1.0\n        hooks:\n        -   id: black\n\n# trailing\nci:\n  autofix_prs: false\n";
        let Outcome::Added(new) =
            add_pre_commit_entry(Some(text), Path::new(PC), "1.2.3", false).unwrap()
        else {
            panic!()
        };
        let expected = "# mine\nrepos:\n    -   repo: https://github.com/psf/black\n        rev: 24.1.0\n        hooks:\n        -   id: black\n    - repo: https://github.com/pyward/pyward\n      rev: v1.2.3\n      hooks:\n        - id: pyward-code\n        - id: pyward-deps\n        - id: pyward-config\n\n# trailing\nci:\n  autofix_prs: false\n";
        assert_eq!(new, expected);
        // Column-0 list items, no trailing newline.
        let text = "repos:\n- repo: local\n  hooks:\n  - id: x";
        let Outcome::Added(new) =
            add_pre_commit_entry(Some(text), Path::new(PC), "1.2.3", false).unwrap()
        else {
            panic!()
        };
        assert!(
            new.starts_with("repos:\n- repo: local\n  hooks:\n  - id: x\n- repo: https://github.com/pyward/pyward\n  rev: v1.2.3\n"),
            "{new}"
        );
    }

    #[test]
    fn pre_commit_keeps_or_replaces_pyward() {
        let text = "repos:\n  - repo: https://github.com/pyward/pyward.git\n    rev: v0.0.1\n    hooks:\n      - id: pyward-code\n  - repo: local\n    hooks:\n      - id: other\n";
        let path = Path::new(PC);
        assert_eq!(
            add_pre_commit_entry(Some(text), path, "1.2.3", false).unwrap(),
            Outcome::Kept
        );
        let Outcome::Replaced(new) = add_pre_commit_entry(Some(text), path, "1.2.3", true).unwrap()
        else {
            panic!()
        };
        assert_eq!(
            new,
            format!(
                "repos:\n{}  - repo: local\n    hooks:\n      - id: other\n",
                pre_commit_entry("1.2.3", "  ")
            )
        );
        // pyward's hooks in a local repo: kept even with --force.
        let text = "repos:\n  - repo: local\n    hooks:\n      - id: 'pyward-deps'\n";
        assert_eq!(
            add_pre_commit_entry(Some(text), path, "1.2.3", true).unwrap(),
            Outcome::Kept
        );
    }

    #[test]
    fn pre_commit_without_a_block_repos_list_is_refused() {
        for text in ["default_stages: [commit]\n", "repos: []\n", "  repos:\n"] {
            let err = add_pre_commit_entry(Some(text), Path::new(PC), "1.2.3", false).unwrap_err();
            let message = err.to_string();
            assert!(message.contains(PC), "{message}");
            assert!(message.contains("- id: pyward-code"), "{message}");
        }
        let Outcome::Created(new) =
            add_pre_commit_entry(None, Path::new(PC), "1.2.3", false).unwrap()
        else {
            panic!()
        };
        assert!(new.starts_with("repos:\n  - repo: https://github.com/pyward/pyward\n"));
    }

    #[test]
    fn workflow_uses_the_action_at_this_version() {
        let text = workflow("1.2.3");
        assert!(text.contains("uses: pyward/pyward@v1.2.3"), "{text}");
        assert!(text.contains("pip install pyward==1.2.3"), "{text}");
        assert!(!text.contains('\t'));
    }
}
