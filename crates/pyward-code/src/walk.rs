//! Choosing the Python files (and, with `scan_text_files`, the text files) to check from the
//! shared [`Inventory`]: the walk itself, its ignore rules, skip list, excludes, symlink policy
//! and size limit are [`pyward_core::inventory`]'s.

use std::path::{Path, PathBuf};

use pyward_core::fs::Root;
use pyward_core::{Inventory, Report, ScanError, SkipReason};

use crate::CodeOptions;

pub struct File {
    pub path: PathBuf,
    /// The path as reported: as walked from the argument, `/`-separated, no leading `./`.
    pub display: String,
    /// A non-Python text file scanned for secrets only (see [`is_secret_text`]).
    pub text: bool,
    /// The path relative to the scanned directory (`/`-separated), for test-path patterns;
    /// the displayed path for a file named on the command line.
    pub rel: String,
}

fn is_python_name(name: &str) -> bool {
    matches!(
        Path::new(name).extension().and_then(|e| e.to_str()),
        Some("py" | "pyi" | "pyw")
    )
}

/// Non-Python files scanned for hard-coded secrets when `scan_text_files` is on: `.env`
/// files, Dockerfiles, YAML, JSON, ini/cfg, TOML and `.conf`/`.properties` files.
pub fn is_secret_text(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name == ".env"
        || name.starts_with(".env.")
        || name.ends_with(".env")
        || name == "dockerfile"
        || name.starts_with("dockerfile.")
        || name.ends_with(".dockerfile")
        || matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "json" | "ini" | "cfg" | "toml" | "conf" | "properties")
        )
}

/// The files `pyward code` checks, sorted by displayed path. Walk errors and the skips that
/// concern Python (or selected text) files go into `report`: a link out of the root or a file
/// over the size limit is an error (it was not audited), a FIFO or device is only listed in
/// `report.skipped`.
pub fn select(inv: &Inventory, opts: &CodeOptions, report: &mut Report) -> Vec<File> {
    report.warnings.extend(inv.warnings.iter().cloned());
    report.errors.extend(inv.errors.iter().cloned());
    let wanted = |name: &str| {
        is_python_name(name) || (opts.scan_text_files && is_secret_text(Path::new(name)))
    };
    let mut files: Vec<File> = Vec::new();
    for f in &inv.files {
        if f.in_venv && !opts.include_venvs {
            continue;
        }
        let python = is_python_name(f.name());
        let text = opts.scan_text_files && !python && is_secret_text(Path::new(f.name()));
        // An explicitly named file is checked whatever its extension.
        if !(f.explicit || python || text) {
            continue;
        }
        files.push(File {
            path: f.link_target.clone().unwrap_or_else(|| f.path.clone()),
            display: f.display(),
            text,
            rel: f.rel.clone(),
        });
    }
    for s in &inv.skipped {
        let explicit = inv.roots.get(s.root).is_some_and(|r| r.is_file());
        if !(explicit || wanted(s.name())) {
            if matches!(
                s.reason,
                SkipReason::OutsideRoot | SkipReason::Unreadable(_)
            ) {
                report
                    .warnings
                    .push(format!("{}: skipped: {}", s.path, reason(inv, s)));
            }
            continue;
        }
        report.skipped.push(s.clone());
        if !matches!(s.reason, SkipReason::Special | SkipReason::Binary) {
            report.errors.push(ScanError {
                path: s.path.clone(),
                message: reason(inv, s),
            });
        }
    }
    files.sort_by(|a, b| a.display.cmp(&b.display));
    files.dedup_by(|a, b| a.display == b.display);
    files
}

/// The message `pyward code` has always given for a skipped file.
fn reason(inv: &Inventory, s: &pyward_core::Skipped) -> String {
    match &s.reason {
        SkipReason::OutsideRoot => {
            let root = inv
                .roots
                .get(s.root)
                .and_then(|r| Root::new(r).ok())
                .map(|r| r.path().display().to_string())
                .unwrap_or_default();
            format!("outside the scanned root {root}, not read")
        }
        SkipReason::TooLarge { limit, .. } => {
            format!("larger than the {limit}-byte limit, skipped")
        }
        SkipReason::Unreadable(message) => message.clone(),
        other => other.to_string(),
    }
}
