//! `pyward init [DIR]`: a starter `[tool.pyward]`, pyward's pre-commit hooks and a CI workflow
//! (the text comes from `pyward_core::starter`). Existing parts are kept unless `--force`; each
//! file that cannot be edited safely is an error (exit 2) and the others are still written.

use std::io::{ErrorKind, Write};
use std::path::Path;

use anyhow::{Result, bail};
use pyward_core::starter::{self, Outcome, StarterError};

use crate::args::InitArgs;
use crate::output::{Status, display_path, eprint_line, write_output};

const VERSION: &str = env!("CARGO_PKG_VERSION");

pub fn run(args: &InitArgs) -> Result<Status> {
    let dir = &args.dir;
    if !dir.is_dir() {
        bail!("{} is not a directory", display_path(dir, None));
    }
    let mut report = Vec::new();
    let mut failed = false;

    let pyward_toml = dir.join("pyward.toml");
    if pyward_toml.is_file() {
        report.push(format!(
            "kept {}: pyward reads it before pyproject.toml, so no [tool.pyward] was added",
            show(&pyward_toml)
        ));
    } else {
        let path = dir.join("pyproject.toml");
        let done = edit(&path, |existing| {
            starter::add_pyward_section(existing, &path, args.force)
        });
        failed |= record(&mut report, &path, done, "[tool.pyward]", args.force);
    }

    if !args.no_pre_commit {
        let path = dir.join(".pre-commit-config.yaml");
        let done = edit(&path, |existing| {
            starter::add_pre_commit_entry(existing, &path, VERSION, args.force)
        });
        failed |= record(
            &mut report,
            &path,
            done,
            "pyward's pre-commit hooks",
            args.force,
        );
    }

    if !args.no_ci {
        let path = dir.join(starter::WORKFLOW_PATH);
        let done = edit(&path, |existing| {
            Ok(match (existing, args.force) {
                (None, _) => Outcome::Created(starter::workflow(VERSION)),
                (Some(_), false) => Outcome::Kept,
                (Some(_), true) => Outcome::Replaced(starter::workflow(VERSION)),
            })
        });
        failed |= record(&mut report, &path, done, "the pyward workflow", args.force);
    }

    write_output(None, |out| {
        for line in &report {
            writeln!(out, "{line}")?;
        }
        if !failed {
            writeln!(
                out,
                "next: `pyward db update` to fetch the advisory database, then `pyward scan`"
            )?;
        }
        Ok(())
    })?;
    Ok(if failed { Status::Error } else { Status::Clean })
}

/// Reads `path` (absent is `None`), asks `change` what to do, and writes the result.
fn edit(
    path: &Path,
    change: impl FnOnce(Option<&str>) -> Result<Outcome, StarterError>,
) -> Result<Outcome> {
    let existing = match fs_err::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    let outcome = change(existing.as_deref())?;
    match &outcome {
        Outcome::Created(text) => {
            if let Some(parent) = path.parent() {
                fs_err::create_dir_all(parent)?;
            }
            // A file that appeared since it was read is not overwritten.
            let mut file = fs_err::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            file.write_all(text.as_bytes())?;
        }
        Outcome::Added(text) | Outcome::Replaced(text) => fs_err::write(path, text)?,
        Outcome::Kept => {}
    }
    Ok(outcome)
}

/// Adds the line saying what happened to `path`; returns whether it failed.
fn record(
    report: &mut Vec<String>,
    path: &Path,
    done: Result<Outcome>,
    what: &str,
    force: bool,
) -> bool {
    let path = show(path);
    match done {
        Ok(Outcome::Created(_)) => report.push(format!("created {path} with {what}")),
        Ok(Outcome::Added(_)) => report.push(format!("added {what} to {path}")),
        Ok(Outcome::Replaced(_)) => report.push(format!("replaced {what} in {path}")),
        Ok(Outcome::Kept) if force => report.push(format!(
            "kept {path}: {what} are in a `local` repo there, which --force does not replace"
        )),
        Ok(Outcome::Kept) => report.push(format!(
            "kept {path}: it already has {what} (--force replaces it)"
        )),
        Err(err) => {
            eprint_line(&format!("error: {err:#}"));
            return true;
        }
    }
    false
}

fn show(path: &Path) -> String {
    display_path(path, None)
}
