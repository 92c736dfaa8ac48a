//! Project configuration: `[tool.pyward]` in `pyproject.toml`, or a `pyward.toml`.
//!
//! Discovery walks up from the scanned path; in each directory a `pyward.toml` wins over a
//! `pyproject.toml`, and a `pyproject.toml` only counts when it has a `[tool.pyward]` table.
//! Analyzer sections (`[tool.pyward.deps]`, `[tool.pyward.code]`, …) are kept as raw tables and
//! read by their analyzer through [`ProjectConfig::section`].

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::finding::{ConfigOrigin, ScanError};
use crate::severity::Severity;

/// An error reading configuration. Always names the file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid config in {path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl ConfigError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ConfigError::Io { path, .. } | ConfigError::Invalid { path, .. } => path,
        }
    }

    /// What went wrong, without the file name (for a report entry that names the file).
    pub fn detail(&self) -> String {
        match self {
            ConfigError::Io { source, .. } => format!("cannot read config file: {source}"),
            ConfigError::Invalid { message, .. } => {
                // A TOML parse error quotes the offending line, which may hold a secret: keep
                // the position and the reason only.
                let mut lines = message.lines().map(str::trim).filter(|l| !l.is_empty());
                let first = lines.next().unwrap_or_default();
                match lines.next_back() {
                    Some(last) if message.contains('|') => {
                        format!("invalid config: {first}: {last}")
                    }
                    _ => format!("invalid config: {}", message.replace('\n', " ")),
                }
            }
        }
    }
}

/// A suppression with a reason: an advisory id or alias (`PYSEC-…`, `CVE-…`, `GHSA-…`) or a rule
/// code, optionally limited to one package and to a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    pub id: String,
    /// Why this is acceptable. Required: a suppression without a reason is a finding waiting to
    /// be forgotten.
    pub reason: String,
    /// The ignore applies up to and including this date, then stops applying and warns.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "date_opt")]
    pub until: Option<Date>,
    /// Only for this package (dependency findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
}

impl IgnoreEntry {
    /// Whether the entry still applies on `today`.
    pub fn is_active(&self, today: Date) -> bool {
        self.until.is_none_or(|until| today <= until)
    }
}

mod date_opt {
    //! Accepts a TOML date (`2026-12-31`) or a string holding one.
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Toml(toml::value::Datetime),
        Str(String),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let raw: Option<Raw> = Option::deserialize(d)?;
        let text = match raw {
            None => return Ok(None),
            Some(Raw::Toml(dt)) => match dt.date {
                Some(date) => date.to_string(),
                None => return Err(serde::de::Error::custom("`until` needs a date")),
            },
            Some(Raw::Str(s)) => s,
        };
        let date_part = text.get(..10).unwrap_or(&text);
        date_part
            .parse::<Date>()
            .map(Some)
            .map_err(|e| serde::de::Error::custom(format!("invalid date `{text}`: {e}")))
    }

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_str(&d.to_string()),
            None => s.serialize_none(),
        }
    }
}

/// One `ignore` item: a rule code/prefix (disables the rule) or a table with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum IgnoreItem {
    Rule(String),
    Entry(IgnoreEntry),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawConfig {
    fail_on: Option<Severity>,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<IgnoreItem>,
    #[serde(default)]
    exclude: Vec<String>,
    fail_on_empty: Option<bool>,
    test_paths: Option<Vec<String>>,
    #[serde(default)]
    extend_test_paths: Vec<String>,
    #[serde(default)]
    images: Vec<String>,
    #[serde(flatten)]
    rest: toml::Table,
}

/// Effective configuration for one run.
#[derive(Debug, Clone, Default)]
pub struct ProjectConfig {
    /// The file this came from, if any.
    pub source: Option<PathBuf>,
    pub fail_on: Option<Severity>,
    pub select: Vec<String>,
    /// Rule codes or prefixes disabled project-wide.
    pub ignore_rules: Vec<String>,
    /// Suppressions with reasons.
    pub ignores: Vec<IgnoreEntry>,
    pub exclude: Vec<String>,
    /// `fail-on-empty`: a run that audits nothing is an error.
    pub fail_on_empty: Option<bool>,
    /// `test-paths`: replaces the default test-code patterns when set.
    pub test_paths: Option<Vec<String>>,
    /// `extend-test-paths`: added to the default (or configured) test-code patterns.
    pub extend_test_paths: Vec<String>,
    /// `images`: container images (paths relative to the scanned root) `pyward scan` audits.
    pub images: Vec<String>,
    /// Analyzer sections, by name.
    sections: toml::Table,
    /// Problems worth telling the user about (unknown keys, …).
    pub warnings: Vec<String>,
    /// Configuration that could not be used (a malformed file, an invalid section). The run goes
    /// on with defaults for it and reports these as errors (exit 2).
    pub errors: Vec<ScanError>,
    /// How this configuration was chosen.
    pub origin: ConfigOrigin,
}

const SECTIONS: &[&str] = &[
    "scan", "deps", "code", "config", "probe", "host", "guard", "db",
];

/// The top-level keys of `[tool.pyward]`.
const KEYS: &[&str] = &[
    "fail-on",
    "select",
    "ignore",
    "exclude",
    "fail-on-empty",
    "test-paths",
    "extend-test-paths",
    "images",
];

impl ProjectConfig {
    /// Loads an explicit config file: a `pyproject.toml` (reads `[tool.pyward]`) or any other
    /// TOML file (read whole, as a `pyward.toml`).
    pub fn load(path: &Path) -> Result<ProjectConfig, ConfigError> {
        let text = fs_err::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
        Self::parse(&text, path, is_pyproject)?.ok_or_else(|| ConfigError::Invalid {
            path: path.to_path_buf(),
            message: "no [tool.pyward] table".to_string(),
        })
    }

    /// Parses config text. Returns `None` for a pyproject.toml without `[tool.pyward]`.
    pub fn parse(
        text: &str,
        path: &Path,
        is_pyproject: bool,
    ) -> Result<Option<ProjectConfig>, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let table: toml::Table = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let table = if is_pyproject {
            match table
                .get("tool")
                .and_then(|t| t.get("pyward"))
                .and_then(|t| t.as_table())
            {
                Some(t) => t.clone(),
                None => return Ok(None),
            }
        } else {
            table
        };
        let raw: RawConfig = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| invalid(e.to_string()))?;
        let mut config = ProjectConfig {
            source: Some(path.to_path_buf()),
            fail_on: raw.fail_on,
            select: raw.select,
            exclude: raw.exclude,
            fail_on_empty: raw.fail_on_empty,
            test_paths: raw.test_paths,
            extend_test_paths: raw.extend_test_paths,
            images: raw.images,
            ..ProjectConfig::default()
        };
        for item in raw.ignore {
            match item {
                IgnoreItem::Rule(code) => config.ignore_rules.push(code),
                IgnoreItem::Entry(entry) => {
                    if entry.reason.trim().is_empty() {
                        return Err(invalid(format!(
                            "ignore `{}` has an empty reason",
                            entry.id
                        )));
                    }
                    config.ignores.push(entry);
                }
            }
        }
        for (key, value) in raw.rest {
            if SECTIONS.contains(&key.as_str()) && value.is_table() {
                config.sections.insert(key, value);
            } else {
                // A misspelt key (`exlude`) would silently switch a setting off: an error that
                // names the key and the file, and the rest of the configuration still applies.
                config.errors.push(ScanError {
                    path: crate::names::relative_path(path, Path::new(".")),
                    message: format!(
                        "unknown config key `{key}` (known: {}, and the sections [{}])",
                        KEYS.join(", "),
                        SECTIONS.join("], [")
                    ),
                });
            }
        }
        Ok(Some(config))
    }

    /// Finds the config for `start` by walking up its ancestors. Returns the default config when
    /// none is found.
    pub fn discover(start: &Path) -> Result<ProjectConfig, ConfigError> {
        let start = if start.is_file() {
            start.parent().unwrap_or(start)
        } else {
            start
        };
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        for dir in start.ancestors() {
            let pyward = dir.join("pyward.toml");
            if pyward.is_file() {
                return ProjectConfig::load(&pyward);
            }
            let pyproject = dir.join("pyproject.toml");
            if pyproject.is_file() {
                let text =
                    fs_err::read_to_string(&pyproject).map_err(|source| ConfigError::Io {
                        path: pyproject.clone(),
                        source,
                    })?;
                if let Some(config) = ProjectConfig::parse(&text, &pyproject, true)? {
                    return Ok(config);
                }
            }
        }
        Ok(ProjectConfig::default())
    }

    /// The defaults, with `err` recorded: a configuration that cannot be read does not stop the
    /// analysis, it makes the run an error (exit 2) and the analyzers use their defaults.
    pub fn defaults_after(err: &ConfigError, origin: ConfigOrigin) -> ProjectConfig {
        let mut config = ProjectConfig {
            source: Some(err.path().to_path_buf()),
            origin,
            ..ProjectConfig::default()
        };
        config.errors.push(ScanError {
            path: crate::names::relative_path(err.path(), Path::new(".")),
            message: format!("{}; using the default configuration", err.detail()),
        });
        config
    }

    /// Like [`ProjectConfig::section`], but an invalid section is recorded in [`ProjectConfig::errors`] and
    /// its defaults are used, so the analysis still runs.
    pub fn section_or_default<T: DeserializeOwned + Default>(&mut self, name: &str) -> T {
        match self.section(name) {
            Ok(section) => section,
            Err(err) => {
                self.errors.push(ScanError {
                    path: crate::names::relative_path(err.path(), Path::new(".")),
                    message: format!("{}; using the defaults for [{name}]", err.detail()),
                });
                T::default()
            }
        }
    }

    /// Like [`ProjectConfig::section`], for an analyzer reading its section from a shared
    /// configuration: an invalid section is pushed on `errors` and its defaults are used.
    pub fn section_or_error<T: DeserializeOwned + Default>(
        &self,
        name: &str,
        errors: &mut Vec<ScanError>,
    ) -> T {
        match self.section(name) {
            Ok(section) => section,
            Err(err) => {
                errors.push(ScanError {
                    path: crate::names::relative_path(err.path(), Path::new(".")),
                    message: format!("{}; using the defaults for [{name}]", err.detail()),
                });
                T::default()
            }
        }
    }

    /// The rule selection for an analyzer with its own `select`/`ignore` keys: the command
    /// line's `select` wins over the section's, which wins over the project-wide one; every
    /// `ignore` adds up.
    pub fn selector(
        &self,
        cli_select: &[String],
        cli_ignore: &[String],
        section_select: &[String],
        section_ignore: &[String],
    ) -> crate::RuleSelector {
        let select = [cli_select, section_select, &self.select[..]]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_default()
            .to_vec();
        let mut ignore = self.ignore_rules.clone();
        ignore.extend(section_ignore.iter().cloned());
        ignore.extend(cli_ignore.iter().cloned());
        crate::RuleSelector::new(select, ignore)
    }

    /// Exclude patterns that match every path (`**`, `*`, `/**`, …): with one of these the run
    /// audits nothing, which a pull request must not be able to do quietly.
    pub fn exclude_everything(&self) -> Vec<&str> {
        self.exclude
            .iter()
            .map(String::as_str)
            .filter(|p| {
                let p = p.trim().trim_start_matches("./").trim_start_matches('/');
                let p = p.trim_end_matches('/');
                matches!(p, "." | "*")
                    || (p.starts_with("**") && p.split('/').all(|part| part == "**" || part == "*"))
            })
            .collect()
    }

    /// The test-code patterns: `test-paths` (or the defaults) plus `extend-test-paths`.
    pub fn test_paths(&self) -> Result<crate::TestPaths, crate::testpaths::PatternError> {
        let mut patterns: Vec<String> = match &self.test_paths {
            Some(p) => p.clone(),
            None => crate::testpaths::DEFAULT_TEST_PATTERNS
                .iter()
                .map(|s| s.to_string())
                .collect(),
        };
        patterns.extend(self.extend_test_paths.iter().cloned());
        crate::TestPaths::new(&patterns)
    }

    /// Deserializes an analyzer section (`[tool.pyward.deps]`), or its default when absent.
    pub fn section<T: DeserializeOwned + Default>(&self, name: &str) -> Result<T, ConfigError> {
        match self.sections.get(name) {
            None => Ok(T::default()),
            Some(value) => {
                value
                    .clone()
                    .try_into()
                    .map_err(|e: toml::de::Error| ConfigError::Invalid {
                        path: self.source.clone().unwrap_or_default(),
                        message: format!("[{name}]: {e}"),
                    })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_paths_replace_and_extend() {
        let parse = |t: &str| {
            ProjectConfig::parse(t, Path::new("pyward.toml"), false)
                .unwrap()
                .unwrap()
        };
        let c = parse("extend-test-paths = [\"spec/\"]\n");
        let t = c.test_paths().unwrap();
        assert!(t.is_test("a/spec/x.py") && t.is_test("tests/x.py"));
        let c = parse("test-paths = [\"qa/\"]\n");
        let t = c.test_paths().unwrap();
        assert!(t.is_test("qa/x.py") && !t.is_test("tests/x.py"));
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert!(parse("test-paths = [\"[bad\"]\n").test_paths().is_err());
    }

    #[test]
    fn parses_pyproject_table() {
        let text = r#"
[project]
name = "x"

[tool.pyward]
fail-on = "high"
select = ["DEP"]
ignore = [
  "DEP003",
  { id = "PYSEC-2023-1", reason = "not reachable", until = 2026-01-31 },
  { id = "CVE-2024-1", reason = "vendor patch", until = "2099-01-01", package = "django" },
]
bogus = 1

[tool.pyward.deps]
python-version = "3.11"
"#;
        let c = ProjectConfig::parse(text, Path::new("pyproject.toml"), true)
            .unwrap()
            .unwrap();
        assert_eq!(c.fail_on, Some(Severity::High));
        assert_eq!(c.ignore_rules, vec!["DEP003"]);
        assert_eq!(c.ignores.len(), 2);
        assert_eq!(c.errors.len(), 1, "{:?}", c.errors);
        assert!(
            c.errors[0].message.contains("`bogus`") && c.errors[0].path == "pyproject.toml",
            "{:?}",
            c.errors
        );
        let today: Date = "2026-02-01".parse().unwrap();
        // Expiry itself (and its warning) is applied by `Report::apply_ignores`.
        let active: Vec<_> = c.ignores.iter().filter(|e| e.is_active(today)).collect();
        assert_eq!(active.len(), 1);
        assert_eq!(active[0].id, "CVE-2024-1");
        #[derive(Deserialize, Default)]
        #[serde(rename_all = "kebab-case")]
        struct Deps {
            python_version: Option<String>,
        }
        let d: Deps = c.section("deps").unwrap();
        assert_eq!(d.python_version.as_deref(), Some("3.11"));
    }

    #[test]
    fn pyproject_without_table_is_none() {
        let r = ProjectConfig::parse("[project]\nname='x'\n", Path::new("pyproject.toml"), true)
            .unwrap();
        assert!(r.is_none());
    }

    #[test]
    fn errors_name_the_file() {
        let e =
            ProjectConfig::parse("fail-on = [", Path::new("/x/pyward.toml"), false).unwrap_err();
        assert!(e.to_string().contains("/x/pyward.toml"), "{e}");
        let e = ProjectConfig::parse(
            "ignore = [{ id = \"X\", reason = \"\" }]",
            Path::new("pyward.toml"),
            false,
        )
        .unwrap_err();
        assert!(e.to_string().contains("empty reason"));
    }

    #[test]
    fn fail_on_empty_and_excludes_that_match_everything() {
        let c = ProjectConfig::parse(
            "fail-on-empty = true\nexclude = [\"**\", \"tests/**\", \"/*\", \"build\", \"**/*\"]\n",
            Path::new("pyward.toml"),
            false,
        )
        .unwrap()
        .unwrap();
        assert_eq!(c.fail_on_empty, Some(true));
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert_eq!(c.exclude_everything(), vec!["**", "/*", "**/*"]);
    }

    #[test]
    fn invalid_sections_fall_back_to_defaults_with_an_error() {
        #[derive(Deserialize, Default, Debug, PartialEq)]
        #[serde(deny_unknown_fields)]
        struct Code {
            threads: Option<usize>,
        }
        let mut c = ProjectConfig::parse(
            "[code]\nthreads = \"many\"\n",
            Path::new("pyward.toml"),
            false,
        )
        .unwrap()
        .unwrap();
        let code: Code = c.section_or_default("code");
        assert_eq!(code, Code::default());
        assert_eq!(c.errors.len(), 1);
        assert!(c.errors[0].message.contains("[code]"), "{:?}", c.errors);
        let err = ProjectConfig::parse("x = [", Path::new("pyproject.toml"), true).unwrap_err();
        let d = ProjectConfig::defaults_after(&err, ConfigOrigin::Discovered);
        assert_eq!(d.errors.len(), 1);
        assert_eq!(d.errors[0].path, "pyproject.toml");
        let secret =
            ProjectConfig::parse("token = \"hunter2\" x\n", Path::new("pyward.toml"), false)
                .unwrap_err();
        let detail = secret.detail();
        assert!(
            !detail.contains("hunter2") && detail.contains("line 1"),
            "{detail}"
        );
        assert!(d.select.is_empty() && d.exclude.is_empty());
    }

    #[test]
    fn discovers_upward() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(dir.path().join("pyward.toml"), "fail-on = \"critical\"\n").unwrap();
        std::fs::write(dir.path().join("a/pyproject.toml"), "[project]\nname='x'\n").unwrap();
        let c = ProjectConfig::discover(&sub).unwrap();
        assert_eq!(c.fail_on, Some(Severity::Critical));
    }
}
