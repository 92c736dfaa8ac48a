//! What every analysis command shares: configuration, rule selection, suppressions, rendering
//! and the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use pyward_core::{Config, Registry, Report, RuleSelector, Severity};
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

/// Loads the configuration for a run: `--config FILE`, nothing with `--isolated`, or the first
/// `pyward.toml` / `pyproject.toml [tool.pyward]` found upward from `start`.
pub fn load_config(common: &CommonArgs, start: &Path) -> Result<Config> {
    if common.isolated {
        return Ok(Config::default());
    }
    let config = match &common.config {
        Some(path) => Config::load(path)?,
        None => Config::discover(start)?,
    };
    Ok(config)
}

/// The rule selection: command-line `--select` replaces the config's, `--ignore` adds to it.
pub fn selector(common: &CommonArgs, config: &Config) -> RuleSelector {
    section_selector(common, config, &[], &[])
}

/// The selection for an analyzer with its own `select`/`ignore` keys
/// (`[tool.pyward.code]`): they refine the project-wide ones, and flags win over both.
pub fn section_selector(
    common: &CommonArgs,
    config: &Config,
    section_select: &[String],
    section_ignore: &[String],
) -> RuleSelector {
    let select = [&common.select[..], section_select, &config.select[..]]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_default()
        .to_vec();
    let mut ignore = config.ignore_rules.clone();
    ignore.extend(section_ignore.iter().cloned());
    ignore.extend(common.ignore.iter().cloned());
    RuleSelector::new(select, ignore)
}

/// Today's date in UTC, for ignore expiry (an `until` date applies through that whole UTC day).
/// UTC avoids loading the time-zone database on every run.
pub fn today() -> jiff::civil::Date {
    jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
}

/// Filters, suppresses, renders and decides the exit status of a finished report.
pub fn finish(
    mut report: Report,
    common: &CommonArgs,
    config: &Config,
    registry: &Registry,
    unknown_as: Severity,
) -> Result<Status> {
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
    report.normalize();
    report.apply_ignores(&config.ignores, today());

    let fail_on = common.fail_on.or(config.fail_on).unwrap_or(Severity::Low);
    let failing = report
        .findings
        .iter()
        .any(|f| f.severity.effective(unknown_as) >= fail_on);

    let format = match common.format {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Markdown => Format::Markdown,
    };
    let color = format == Format::Text && common.output.is_none() && use_color(common.color);
    let options = RenderOptions {
        color,
        verbose: common.verbose,
        registry,
        tool_version: env!("CARGO_PKG_VERSION"),
        show_fixes: true,
        quiet: common.quiet,
    };
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

fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    // `-o /dev/null`, a FIFO or another special file is written in place: renaming a temporary
    // file over it would replace the device with a regular file.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        fs_err::write(path, bytes)?;
        return Ok(());
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    fs_err::write(&tmp, bytes)?;
    fs_err::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })?;
    Ok(())
}

/// Prints a line to standard error; ignores failures (stderr closed is not worth dying for).
pub fn eprint_line(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}
