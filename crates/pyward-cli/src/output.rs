//! What every analysis command shares: configuration, rule selection, suppressions, rendering
//! and the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use pyward_core::{
    ConfigOrigin, ConfigUsed, Inventory, InventoryOptions, Progress, ProjectConfig, Registry,
    Report, RuleSelector, ScanError, Scope, Severity, TestPaths,
};
use pyward_report::{Format, RenderOptions};

use crate::args::{ColorArg, CommonArgs, FormatArg};

/// The process exit status, as documented: 0 clean, 1 findings at or over the threshold, 2 error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Clean,
    Findings,
    Error,
}

impl Status {
    pub fn code(self) -> u8 {
        match self {
            Status::Clean => 0,
            Status::Findings => 1,
            Status::Error => 2,
        }
    }
}

/// The environment variable that pins the configuration file, like `--config FILE`. CI sets it
/// to a file from the base branch (or outside the checkout) so a pull request's own
/// `[tool.pyward]` cannot switch the audit off.
pub const CONFIG_ENV: &str = "PYWARD_CONFIG";

pub use pyward_core::names::{display_path, rebase_report};

/// What every analysis command builds before running analyzers: the paths, one inventory of
/// the files under them, and the test-code patterns.
pub struct Prepared {
    pub paths: Vec<PathBuf>,
    pub inventory: Inventory,
    pub test_paths: TestPaths,
}

impl Prepared {
    /// For an analyzer that reads no project files (the probe, the host, an image): no paths,
    /// no walk.
    pub fn without_walk(config: &ProjectConfig) -> Result<Prepared> {
        Ok(Prepared {
            paths: Vec::new(),
            inventory: Inventory::default(),
            test_paths: config.test_paths()?,
        })
    }

    /// Walks `paths` (`.` when empty) once with the configured and command-line excludes.
    pub fn new(
        paths: &[PathBuf],
        config: &ProjectConfig,
        exclude: &[String],
        include_venvs: bool,
        progress: &dyn Progress,
    ) -> Result<Prepared> {
        let paths = if paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            paths.to_vec()
        };
        let test_paths = config.test_paths()?;
        let options = InventoryOptions {
            exclude: config.exclude.iter().chain(exclude).cloned().collect(),
            // The largest limit any analyzer reads; each narrows the walk to its own.
            max_file_size: pyward_core::fs::MAX_FILE_SIZE.max(pyward_code::MAX_FILE_BYTES as u64),
            include_venvs,
            threads: None,
        };
        progress.start("inventory", None);
        let inventory = Inventory::walk(&paths, &options);
        progress.advance("inventory", inventory.files.len() as u64);
        progress.finish("inventory");
        Ok(Prepared {
            paths,
            inventory,
            test_paths,
        })
    }

    /// The scope analyzers run over.
    pub fn scope<'a>(
        &'a self,
        common: &'a CommonArgs,
        config: &'a ProjectConfig,
        progress: &'a dyn Progress,
    ) -> Scope<'a> {
        Scope {
            paths: &self.paths,
            inventory: &self.inventory,
            config,
            select: &common.select,
            ignore: &common.ignore,
            test_paths: &self.test_paths,
            include_tests: common.include_tests,
            fail_on_empty: common.fail_on_empty || config.fail_on_empty == Some(true),
            progress,
        }
    }
}

/// Loads the configuration for a run: nothing with `--isolated`, else `--config FILE`, else
/// `$PYWARD_CONFIG`, else the first `pyward.toml` / `pyproject.toml [tool.pyward]` found upward
/// from `start`.
///
/// A configuration that cannot be read or parsed does not stop the run: the analyzers use their
/// defaults and the error is reported (exit 2) with the rest of the report. The result is
/// therefore always `Ok`; the `Result` is kept for callers.
pub fn load_config(common: &CommonArgs, start: &Path) -> Result<ProjectConfig> {
    if common.isolated {
        let mut config = ProjectConfig::default();
        config.origin = ConfigOrigin::Isolated;
        return Ok(config);
    }
    let env = std::env::var_os(CONFIG_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let (explicit, origin) = match (&common.config, env) {
        (Some(path), _) => (Some(path.clone()), ConfigOrigin::Flag),
        (None, Some(path)) => (Some(path), ConfigOrigin::Env),
        (None, None) => (None, ConfigOrigin::Discovered),
    };
    let loaded = match &explicit {
        Some(path) => ProjectConfig::load(path),
        None => ProjectConfig::discover(start),
    };
    Ok(match loaded {
        Ok(mut config) => {
            config.origin = if config.source.is_some() {
                origin
            } else {
                ConfigOrigin::Default
            };
            config
        }
        Err(err) => ProjectConfig::defaults_after(&err, origin),
    })
}

/// The rule selection: command-line `--select` replaces the config's, `--ignore` adds to it.
pub fn selector(common: &CommonArgs, config: &ProjectConfig) -> RuleSelector {
    config.selector(&common.select, &common.ignore, &[], &[])
}

/// Today's date in UTC, for ignore expiry (an `until` date applies through that whole UTC day).
/// UTC avoids loading the time-zone database on every run.
pub fn today() -> jiff::civil::Date {
    jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
}

/// Filters, suppresses, renders and decides the exit status of a finished report whose paths
/// are relative to the current directory (or absolute).
/// `roots` are the paths the command scanned: code frames are read only from files under them.
pub fn finish(
    report: Report,
    common: &CommonArgs,
    config: &ProjectConfig,
    registry: &Registry,
    unknown_as: Severity,
    roots: &[PathBuf],
) -> Result<Status> {
    finish_in(report, common, config, registry, unknown_as, &[], roots)
}

/// [`finish`] for a report whose paths are relative to `bases` (the directories the command
/// scanned): they are first rebased onto the current directory, so every command shows the same
/// path for the same file.
pub fn finish_in(
    report: Report,
    common: &CommonArgs,
    config: &ProjectConfig,
    registry: &Registry,
    unknown_as: Severity,
    bases: &[PathBuf],
    roots: &[PathBuf],
) -> Result<Status> {
    finish_report(
        report,
        common,
        config,
        registry,
        unknown_as,
        Some(bases),
        roots,
    )
}

/// [`finish`] for a report whose paths are already what users should see and are not files
/// under the current directory: `pyward host` shows paths as they are on the host (or inside
/// `--root`), never relative to where it was started.
pub fn finish_as_shown(
    report: Report,
    common: &CommonArgs,
    config: &ProjectConfig,
    registry: &Registry,
    unknown_as: Severity,
) -> Result<Status> {
    finish_report(report, common, config, registry, unknown_as, None, &[])
}

fn finish_report(
    mut report: Report,
    common: &CommonArgs,
    config: &ProjectConfig,
    registry: &Registry,
    unknown_as: Severity,
    bases: Option<&[PathBuf]>,
    roots: &[PathBuf],
) -> Result<Status> {
    let cwd = std::env::current_dir().ok();
    if let Some(bases) = bases {
        rebase_report(&mut report, bases, cwd.as_deref());
    }
    let mut config_errors = config.errors.clone();
    for e in &mut config_errors {
        e.path = display_path(Path::new(&e.path), cwd.as_deref());
    }

    let selector = selector(common, config);
    for entry in selector.unknown_entries(registry) {
        report
            .warnings
            .push(format!("`{entry}` in --select/--ignore matches no rule"));
    }
    report
        .findings
        .retain(|f| selector.enabled_code(registry, &f.code));
    report.warnings.extend(config.warnings.iter().cloned());
    report.errors.extend(config_errors);
    report.config = Some(ConfigUsed {
        path: config
            .source
            .as_deref()
            .map(|p| display_path(p, cwd.as_deref())),
        origin: config.origin,
    });
    warn_about_config(&mut report, config, &selector, registry);
    check_empty(&mut report, common, config);
    report.normalize();
    report.apply_ignores(&config.ignores, today());

    let wrote_baseline = apply_baseline(&mut report, common, cwd.as_deref())?;

    let fail_on = common.fail_on.or(config.fail_on).unwrap_or(Severity::Low);
    let failing = !wrote_baseline
        && report
            .findings
            .iter()
            .any(|f| f.severity.effective(unknown_as) >= fail_on);

    let format = match common.format {
        FormatArg::Text => Format::Text,
        FormatArg::Concise => Format::Concise,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Junit => Format::Junit,
        FormatArg::Cyclonedx => Format::Cyclonedx,
        FormatArg::Html => Format::Html,
    };
    let color = format.supports_color() && common.output.is_none() && use_color(common.color);
    let source_root = cwd.as_deref().map(source_root);
    let mut options = RenderOptions::new(registry, env!("CARGO_PKG_VERSION"));
    options.color = color;
    options.verbose = common.verbose;
    options.quiet = common.quiet;
    options.base_dir = cwd.as_deref();
    options.source_root = source_root.as_deref();
    options.fail_on = fail_on;
    options.unknown_severity = unknown_as;
    let sources = crate::sources::FileSources::new(roots, cwd.as_deref());
    options.sources = Some(&sources);
    write_output(common.output.as_deref(), |out| {
        pyward_report::render(&report, format, &options, out)
    })?;

    Ok(if !report.errors.is_empty() {
        Status::Error
    } else if failing {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// `--write-baseline FILE` records the findings (and returns `true`: the run then fails only on
/// errors); `--baseline FILE` drops the findings it holds. Either way `stats["baseline"]` says
/// what happened, with the entries that no longer match under `--verbose`.
fn apply_baseline(report: &mut Report, common: &CommonArgs, cwd: Option<&Path>) -> Result<bool> {
    let base = cwd.unwrap_or(Path::new("."));
    let root = source_root(base);
    if let Some(path) = &common.write_baseline {
        let baseline =
            pyward_scan::Baseline::from_report(report, env!("CARGO_PKG_VERSION"), base, &root);
        write_file_atomic(path, baseline.to_json().as_bytes())?;
        report.stats.insert(
            "baseline".into(),
            serde_json::json!({
                "file": display_path(path, cwd),
                "written": baseline.findings.len(),
            }),
        );
        return Ok(true);
    }
    let Some(path) = &common.baseline else {
        return Ok(false);
    };
    match pyward_scan::Baseline::load(path) {
        Ok(baseline) => {
            let outcome = baseline.apply(report, base, &root);
            let mut stats = serde_json::json!({
                "file": display_path(path, cwd),
                "matched": outcome.matched,
                "stale": outcome.stale.len(),
            });
            if common.verbose {
                stats["stale_entries"] = serde_json::json!(outcome.stale);
            }
            report.stats.insert("baseline".into(), stats);
        }
        Err(err) => report.errors.push(ScanError {
            path: display_path(path, cwd),
            message: err.to_string(),
        }),
    }
    Ok(false)
}

/// Loud warnings for a configuration that turns the audit off: excludes that match every path,
/// or a selection that leaves no rule of this command enabled.
fn warn_about_config(
    report: &mut Report,
    config: &ProjectConfig,
    selector: &RuleSelector,
    registry: &Registry,
) {
    let from = match &config.source {
        Some(path) => format!(" in {}", path.display()),
        None => String::new(),
    };
    let everything = config.exclude_everything();
    if !everything.is_empty() {
        report.warnings.push(format!(
            "the configuration{from} excludes every file (exclude = {everything:?}): nothing is \
             audited; pin the configuration in CI with --config FILE or {CONFIG_ENV}"
        ));
    }
    let command = report.command.as_str();
    // `scan` runs every analyzer, and `image` reports the rules of several (dependencies,
    // configuration, code): a selection that leaves none of their rules is as bad.
    let mut rules = registry
        .iter()
        .filter(|r| command == "scan" || command == "image" || r.analyzer == command)
        .peekable();
    if rules.peek().is_some() && !rules.any(|r| selector.enabled(r)) {
        report.warnings.push(format!(
            "the rule selection (--select/--ignore, select/ignore{from}) disables every `{command}` \
             rule: nothing is checked"
        ));
    }
}

/// A run that audited nothing says so; with `--fail-on-empty` (or `fail-on-empty = true`) it is
/// an error. "Nothing" means the report has no inputs: every command records the files (and
/// environments) it analysed in [`Report::inputs`].
fn check_empty(report: &mut Report, common: &CommonArgs, config: &ProjectConfig) {
    if !report.inputs.is_empty() {
        return;
    }
    let what = match report.command.as_str() {
        "code" => "no Python files found",
        "deps" => "no dependency manifests found",
        "config" => "no configuration files found",
        _ => "no inputs found",
    };
    if common.fail_on_empty || config.fail_on_empty == Some(true) {
        report.errors.push(ScanError {
            path: String::new(),
            message: format!("{what}: nothing was audited (--fail-on-empty)"),
        });
    } else {
        report.warnings.push(format!("{what}: nothing was audited"));
    }
}

/// The repository root SARIF URIs are relative to: the git work tree holding `cwd` (the nearest
/// ancestor with a `.git` directory or file), else `cwd` itself.
pub fn source_root(cwd: &Path) -> PathBuf {
    cwd.ancestors()
        .find(|dir| dir.join(".git").symlink_metadata().is_ok())
        .unwrap_or(cwd)
        .to_path_buf()
}

/// Whether to colour text output: `--color`, then `NO_COLOR`, then whether stdout is a terminal.
pub fn use_color(arg: ColorArg) -> bool {
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

/// Writes through `render` to FILE (atomically replaced) or to standard output. A closed pipe on
/// standard output (`pyward … | head`) is not an error.
pub fn write_output(
    path: Option<&Path>,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    match path {
        Some(path) => {
            let mut buf = Vec::new();
            render(&mut buf).context("rendering the report")?;
            write_file_atomic(path, &buf)
        }
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            match render(&mut out).and_then(|()| out.flush()) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context("writing to standard output"),
            }
        }
    }
}

/// Replaces FILE with the rendered bytes: written to a fresh temporary file in the same
/// directory (created with O_EXCL under a random name, so a symlink planted under a predictable
/// name cannot redirect the write), then renamed over FILE. The rename replaces a symlink at
/// FILE itself rather than writing through it.
fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    // `-o /dev/null`, `-o /dev/stdout`, a FIFO or another special file is written in place:
    // renaming a temporary file over it would replace the device with a regular file. The user
    // named it, so following it is their choice.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        fs_err::write(path, bytes)?;
        return Ok(());
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".pyward-report.")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.flush())
        .with_context(|| format!("writing {}", tmp.path().display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Prints a message to standard error; ignores failures (stderr closed is not worth dying for).
///
/// Error messages quote file names and contents, so control and bidi characters are shown
/// escaped. A message may span lines (`error: …\n  hint: …`), but no line may start with
/// something a CI runner reads as a command (`::error …`, `##[…]`, `##vso[…]`): such a break
/// is shown as `\n` instead.
pub fn eprint_line(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{}", safe_lines(line));
}

/// `text` with every line made terminal-safe, and line breaks that would start a CI workflow
/// command shown as `\n`.
pub fn safe_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if i > 0 {
            let t = line.trim_start();
            if t.starts_with("::") || t.starts_with("##") {
                out.push_str("\\n");
            } else {
                out.push('\n');
            }
        }
        out.push_str(&pyward_report::terminal_safe(line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stderr_lines_cannot_start_workflow_commands() {
        assert_eq!(safe_lines("error: x\n  hint: y"), "error: x\n  hint: y");
        assert_eq!(
            safe_lines("cannot read a\n::error::pwned\u{1b}[0m"),
            "cannot read a\\n::error::pwned\\x1b[0m"
        );
        assert_eq!(safe_lines("a\n  ##vso[x]"), "a\\n  ##vso[x]");
    }

    #[test]
    fn display_paths_are_relative_to_the_current_directory() {
        let cwd = Path::new("/work/repo");
        assert_eq!(
            display_path(Path::new("/work/repo/a/b.py"), Some(cwd)),
            "a/b.py"
        );
        assert_eq!(display_path(Path::new("./a/../b.py"), Some(cwd)), "b.py");
        assert_eq!(display_path(Path::new("/etc/x"), Some(cwd)), "/etc/x");
        assert_eq!(
            display_path(Path::new("/work/repo"), Some(cwd)),
            "/work/repo"
        );
    }
}
