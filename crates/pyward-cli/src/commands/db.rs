//! `pyward db update|info|serve`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use pyward_advisory::{Database, DbMeta, Source, build, default_db_path, write_db};

use crate::args::{DbCommand, DbInfoArgs, DbServeArgs, DbUpdateArgs, InfoFormat};
use crate::output::{Status, eprint_line, write_output};

/// OSV's public export of every PyPI advisory.
pub const DEFAULT_SOURCE: &str = "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip";

/// The default warning age for `db info` and `deps`.
pub const DEFAULT_MAX_AGE_DAYS: u64 = 7;

pub fn run(cmd: &DbCommand) -> Result<Status> {
    match cmd {
        DbCommand::Update(args) => update(args),
        DbCommand::Info(args) => info(args),
        DbCommand::Serve(args) => serve(args),
    }
}

/// `--db`, else `PYWARD_DB`, else the user cache dir.
pub fn db_path(flag: Option<&Path>) -> PathBuf {
    flag.map(Path::to_path_buf).unwrap_or_else(default_db_path)
}

/// Opens the database, or explains how to get one.
pub fn open(path: &Path) -> Result<Database> {
    if !path.exists() {
        bail!(
            "no advisory database at {}\n  hint: run `pyward db update` (or `pyward db update --from <all.zip|dir>` offline), or point --db / PYWARD_DB at one",
            path.display()
        );
    }
    Database::open(path).with_context(|| format!("opening advisory database {}", path.display()))
}

fn update(args: &DbUpdateArgs) -> Result<Status> {
    let target = db_path(args.db.as_deref());
    let from = args.from.as_deref().unwrap_or(DEFAULT_SOURCE);
    let started = std::time::Instant::now();
    // Kept alive until the build is done; removed on drop.
    let mut _download = None;
    let (source, description) = if from.starts_with("http://") || from.starts_with("https://") {
        // A random name created exclusively beside the database (never a predictable name in a
        // shared /tmp that a planted symlink could redirect).
        let dir = download_dir(&target);
        fs_err::create_dir_all(&dir)?;
        let file = tempfile::Builder::new()
            .prefix(".pyward-download-")
            .suffix(".zip")
            .tempfile_in(&dir)
            .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
        download(from, file.as_file())?;
        let path = file.path().to_path_buf();
        _download = Some(file);
        (Source::Zip(path), from.to_string())
    } else {
        let path = PathBuf::from(from);
        if !path.exists() {
            bail!("advisory source {} does not exist", path.display());
        }
        let absolute = fs_err::canonicalize(&path).unwrap_or(path.clone());
        (Source::from_path(path), absolute.display().to_string())
    };
    let output = build(&source).with_context(|| format!("reading advisories from {from}"))?;
    if output.records.is_empty() {
        bail!("no advisories found in {from}; the database was not replaced");
    }
    for warning in &output.warnings {
        eprint_line(&format!("warning: {}: {}", warning.path, warning.message));
    }
    if let Some(parent) = target.parent() {
        fs_err::create_dir_all(parent)?;
    }
    let meta = write_db(&output, &target, &description)
        .with_context(|| format!("writing advisory database {}", target.display()))?;
    if !args.quiet {
        eprint_line(&format!(
            "Built {} with {} advisories for {} packages ({} withdrawn, {} warnings) from {} in {:.2}s",
            target.display(),
            meta.advisory_count,
            meta.package_count,
            meta.withdrawn_count,
            output.warnings.len(),
            description,
            started.elapsed().as_secs_f64()
        ));
    }
    Ok(Status::Clean)
}

/// The directory the database goes to (the download is kept beside it).
fn download_dir(target: &Path) -> PathBuf {
    match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Largest download accepted: far above OSV's PyPI export, far below a disk-filling stream.
const MAX_DOWNLOAD: u64 = 1024 * 1024 * 1024;

fn download(url: &str, dest: &std::fs::File) -> Result<()> {
    let response = ureq::get(url)
        .call()
        .with_context(|| format!("downloading {url} (use `--from FILE|DIR` to import offline)"))?;
    let mut reader = response.into_body().into_reader();
    let mut file = std::io::BufWriter::new(dest);
    let mut buf = vec![0u8; 1 << 16];
    let mut total: u64 = 0;
    loop {
        let n = reader
            .read(&mut buf)
            .with_context(|| format!("downloading {url}"))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > MAX_DOWNLOAD {
            bail!("downloading {url}: larger than {MAX_DOWNLOAD} bytes; refused");
        }
        file.write_all(&buf[..n])?;
    }
    file.flush()?;
    Ok(())
}

/// Days between the database's newest advisory and now, if known.
pub fn age_days(meta: &DbMeta) -> Option<i64> {
    let newest = meta.newest_modified.as_deref()?;
    let ts: jiff::Timestamp = newest.parse().ok()?;
    let span = jiff::Timestamp::now().duration_since(ts);
    Some(span.as_secs() / 86_400)
}

/// A staleness warning when the data is older than `max_age_days`.
pub fn stale_warning(meta: &DbMeta, max_age_days: u64) -> Option<String> {
    let age = age_days(meta)?;
    (age > max_age_days as i64).then(|| {
        format!(
            "the advisory database is {age} days old (newest advisory {}); run `pyward db update`",
            meta.newest_modified.as_deref().unwrap_or("?")
        )
    })
}

fn info(args: &DbInfoArgs) -> Result<Status> {
    let path = db_path(args.db.as_deref());
    let db = open(&path)?;
    let meta = db.meta();
    let max_age = args.max_age_days.unwrap_or(DEFAULT_MAX_AGE_DAYS);
    let age = age_days(meta);
    write_output(None, |out| match args.format {
        InfoFormat::Json => {
            let value = serde_json::json!({
                "path": path,
                "source": meta.source,
                "built_at": meta.built_at,
                "newest_modified": meta.newest_modified,
                "age_days": age,
                "stale": age.is_some_and(|a| a > max_age as i64),
                "advisories": meta.advisory_count,
                "packages": meta.package_count,
                "withdrawn": meta.withdrawn_count,
                "format_version": meta.format_version,
            });
            serde_json::to_writer_pretty(&mut *out, &value)?;
            writeln!(out)
        }
        InfoFormat::Text => {
            writeln!(out, "path:            {}", path.display())?;
            writeln!(out, "source:          {}", meta.source)?;
            writeln!(out, "built:           {}", meta.built_at)?;
            writeln!(
                out,
                "newest advisory: {}{}",
                meta.newest_modified.as_deref().unwrap_or("unknown"),
                age.map(|a| format!(" ({a} days ago)")).unwrap_or_default()
            )?;
            writeln!(out, "advisories:      {}", meta.advisory_count)?;
            writeln!(out, "packages:        {}", meta.package_count)?;
            writeln!(out, "withdrawn:       {}", meta.withdrawn_count)?;
            writeln!(out, "format:          {}", meta.format_version)
        }
    })?;
    if let Some(warning) = stale_warning(meta, max_age) {
        eprint_line(&format!("warning: {warning}"));
    }
    Ok(Status::Clean)
}

fn serve(args: &DbServeArgs) -> Result<Status> {
    let path = db_path(args.db.as_deref());
    let db = Arc::new(open(&path)?);
    let count = db.meta().advisory_count;
    pyward_advisory::server::serve(db, &args.listen, |addr| {
        eprint_line(&format!(
            "Serving {count} advisories from {} on http://{addr}/v1/ (OSV API: POST /v1/query, POST /v1/querybatch, GET /v1/vulns/ID)",
            path.display()
        ));
    })
    .with_context(|| format!("serving on {}", args.listen))?;
    Ok(Status::Clean)
}
