//! Where the database lives, how `pyward db update` builds it (download or local import), and
//! when it is too old.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::{AdvisoryError, BuildWarning, Database, DbMeta, Source, build, default_db_path};

/// OSV's public export of every PyPI advisory.
pub const DEFAULT_SOURCE: &str = "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip";

/// The default warning age, in days, for `db info` and `deps`.
pub const DEFAULT_MAX_AGE_DAYS: u64 = 7;

/// Largest download accepted: far above OSV's PyPI export, far below a disk-filling stream.
pub const MAX_DOWNLOAD: u64 = 1024 * 1024 * 1024;

/// `flag` (`--db`, or a config value), else [`default_db_path`] (`PYWARD_DB`, else the user
/// cache dir).
pub fn db_path(flag: Option<&Path>) -> PathBuf {
    flag.map(Path::to_path_buf).unwrap_or_else(default_db_path)
}

/// Opens the database at `path`; a missing file is [`AdvisoryError::NoDatabase`], which says how
/// to get one.
pub fn open_db(path: &Path) -> Result<Database, AdvisoryError> {
    if !path.exists() {
        return Err(AdvisoryError::NoDatabase {
            path: path.to_path_buf(),
        });
    }
    Database::open(path)
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

/// What `pyward db info` shows about a database (fields in the order of its JSON output).
#[derive(Debug, Clone, serde::Serialize)]
pub struct DbInfo {
    pub advisories: u64,
    /// Days since the newest advisory, if known.
    pub age_days: Option<i64>,
    pub built_at: String,
    pub format_version: u32,
    pub newest_modified: Option<String>,
    pub packages: u64,
    pub path: PathBuf,
    pub source: String,
    /// Older than the allowed age.
    pub stale: bool,
    pub withdrawn: u64,
    /// The warning to show when stale.
    #[serde(skip)]
    pub stale_warning: Option<String>,
}

/// Opens the database at `path` and describes it; stale beyond `max_age_days`.
pub fn info(path: &Path, max_age_days: u64) -> Result<DbInfo, AdvisoryError> {
    let db = open_db(path)?;
    let meta = db.meta();
    let age = age_days(meta);
    Ok(DbInfo {
        advisories: meta.advisory_count,
        age_days: age,
        built_at: meta.built_at.clone(),
        format_version: meta.format_version,
        newest_modified: meta.newest_modified.clone(),
        packages: meta.package_count,
        path: path.to_path_buf(),
        source: meta.source.clone(),
        stale: age.is_some_and(|a| a > max_age_days as i64),
        withdrawn: meta.withdrawn_count,
        stale_warning: stale_warning(meta, max_age_days),
    })
}

/// What [`update`] built.
#[derive(Debug)]
pub struct Updated {
    /// The written database's metadata.
    pub meta: DbMeta,
    /// Advisory files that could not be read (the rest was built).
    pub warnings: Vec<BuildWarning>,
    /// Where the advisories came from: the URL, or the canonical local path.
    pub description: String,
    /// The database file written.
    pub target: PathBuf,
    /// How long the download and build took.
    pub elapsed: std::time::Duration,
}

/// The one-line summary `pyward db update` prints.
impl std::fmt::Display for Updated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Built {} with {} advisories for {} packages ({} withdrawn, {} warnings) from {} in {:.2}s",
            self.target.display(),
            self.meta.advisory_count,
            self.meta.package_count,
            self.meta.withdrawn_count,
            self.warnings.len(),
            self.description,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Builds the database at `target` from `from`: an `http(s)://` URL of an OSV `all.zip`
/// (downloaded to a randomly named file beside `target`, at most [`MAX_DOWNLOAD`] bytes, removed
/// afterwards), or a local zip or directory of OSV records. An export with no advisory leaves
/// the old database in place.
pub fn update(target: &Path, from: &str) -> Result<Updated, AdvisoryError> {
    let started = std::time::Instant::now();
    // Kept alive until the build is done; removed on drop.
    let mut _download = None;
    let (source, description) = if from.starts_with("http://") || from.starts_with("https://") {
        // A random name created exclusively beside the database (never a predictable name in a
        // shared /tmp that a planted symlink could redirect).
        let dir = download_dir(target);
        std::fs::create_dir_all(&dir).map_err(|e| AdvisoryError::io(&dir, e))?;
        let file = tempfile::Builder::new()
            .prefix(".pyward-download-")
            .suffix(".zip")
            .tempfile_in(&dir)
            .map_err(|e| AdvisoryError::io(&dir, e))?;
        download(from, file.as_file())?;
        let path = file.path().to_path_buf();
        _download = Some(file);
        (Source::Zip(path), from.to_string())
    } else {
        let path = PathBuf::from(from);
        if !path.exists() {
            return Err(AdvisoryError::SourceNotFound { path });
        }
        let absolute = std::fs::canonicalize(&path).unwrap_or(path.clone());
        (Source::from_path(path), absolute.display().to_string())
    };
    let output = build(&source)?;
    if output.records.is_empty() {
        return Err(AdvisoryError::EmptySource {
            source_desc: from.to_string(),
        });
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| AdvisoryError::io(parent, e))?;
    }
    let meta = crate::write_db(&output, target, &description)?;
    Ok(Updated {
        meta,
        warnings: output.warnings,
        description,
        target: target.to_path_buf(),
        elapsed: started.elapsed(),
    })
}

/// The directory the database goes to (the download is kept beside it).
fn download_dir(target: &Path) -> PathBuf {
    match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn download(url: &str, dest: &std::fs::File) -> Result<(), AdvisoryError> {
    let failed = |message: String| AdvisoryError::Download {
        url: url.to_string(),
        message,
    };
    let response = ureq::get(url)
        .call()
        .map_err(|e| failed(format!("{e} (use `--from FILE|DIR` to import offline)")))?;
    let mut reader = response.into_body().into_reader();
    let mut file = std::io::BufWriter::new(dest);
    let mut buf = vec![0u8; 1 << 16];
    let mut total: u64 = 0;
    loop {
        let n = reader.read(&mut buf).map_err(|e| failed(e.to_string()))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > MAX_DOWNLOAD {
            return Err(failed(format!("larger than {MAX_DOWNLOAD} bytes; refused")));
        }
        file.write_all(&buf[..n])
            .map_err(|e| failed(e.to_string()))?;
    }
    file.flush().map_err(|e| failed(e.to_string()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(newest: Option<&str>) -> DbMeta {
        DbMeta {
            format_version: crate::FORMAT_VERSION,
            source: "test".into(),
            built_at: "2024-01-01T00:00:00Z".into(),
            newest_modified: newest.map(str::to_string),
            advisory_count: 0,
            package_count: 0,
            withdrawn_count: 0,
        }
    }

    #[test]
    fn old_data_is_stale_recent_data_is_not() {
        let old = meta(Some("2020-01-01T00:00:00Z"));
        let warning = stale_warning(&old, DEFAULT_MAX_AGE_DAYS).unwrap();
        assert!(warning.contains("days old"), "{warning}");
        assert!(warning.contains("2020-01-01T00:00:00Z"), "{warning}");
        let now = jiff::Timestamp::now().to_string();
        assert_eq!(stale_warning(&meta(Some(&now)), DEFAULT_MAX_AGE_DAYS), None);
        assert_eq!(stale_warning(&meta(None), 0), None);
        assert_eq!(age_days(&meta(Some("not a date"))), None);
    }

    #[test]
    fn missing_database_and_source_say_what_to_do() {
        let tmp = tempfile::tempdir().unwrap();
        let err = open_db(&tmp.path().join("missing.db")).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, AdvisoryError::NoDatabase { .. }));
        assert!(
            text.contains("missing.db") && text.contains("pyward db update"),
            "{text}"
        );

        let target = tmp.path().join("advisory.db");
        let err = update(&target, &tmp.path().join("nope").display().to_string()).unwrap_err();
        assert!(matches!(err, AdvisoryError::SourceNotFound { .. }), "{err}");
        // An empty export never replaces the database.
        std::fs::create_dir_all(tmp.path().join("empty")).unwrap();
        let err = update(&target, &tmp.path().join("empty").display().to_string()).unwrap_err();
        assert!(matches!(err, AdvisoryError::EmptySource { .. }), "{err}");
        assert!(!target.exists());
    }

    #[test]
    fn updates_from_a_local_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let vulns = tmp.path().join("vulns");
        std::fs::create_dir_all(&vulns).unwrap();
        std::fs::write(
            vulns.join("TEST-1.json"),
            r#"{"id":"TEST-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"demo"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0"}]}]}]}"#,
        )
        .unwrap();
        let target = tmp.path().join("db").join("advisory.db");
        let updated = update(&target, &vulns.display().to_string()).unwrap();
        assert_eq!(updated.meta.advisory_count, 1);
        assert!(updated.warnings.is_empty());
        assert!(updated.to_string().starts_with("Built "), "{updated}");
        let db = open_db(&target).unwrap();
        assert_eq!(db.query("demo", "0.5").unwrap().len(), 1);
        let described = info(&target, DEFAULT_MAX_AGE_DAYS).unwrap();
        assert_eq!((described.advisories, described.packages), (1, 1));
        assert!(described.stale && described.stale_warning.is_some());
        let json = serde_json::to_value(&described).unwrap();
        assert_eq!(json["newest_modified"], "2024-01-01T00:00:00Z");
        assert!(json.get("stale_warning").is_none());
    }
}
