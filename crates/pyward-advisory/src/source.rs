//! Reading OSV advisories from a directory tree or an OSV `all.zip`.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::AdvisoryError;
use crate::advisory::Advisory;
use crate::osv::OsvRecord;

/// Where to read advisories from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A directory tree of `.yaml`/`.yml`/`.json` OSV files (e.g. PyPA's `vulns/<pkg>/*.yaml`),
    /// walked recursively.
    Dir(PathBuf),
    /// An OSV `all.zip` archive with one `<ID>.json` per entry.
    Zip(PathBuf),
}

impl Source {
    /// A zip source for a path ending in `.zip`, else a directory source.
    pub fn from_path(path: impl Into<PathBuf>) -> Source {
        let path = path.into();
        let is_zip = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        if is_zip {
            Source::Zip(path)
        } else {
            Source::Dir(path)
        }
    }

    pub fn path(&self) -> &Path {
        match self {
            Source::Dir(p) | Source::Zip(p) => p,
        }
    }

    /// A human-readable description, stored in the database metadata.
    pub fn describe(&self) -> String {
        match self {
            Source::Dir(p) => format!("dir:{}", p.display()),
            Source::Zip(p) => format!("zip:{}", p.display()),
        }
    }
}

/// A problem with one advisory file that did not stop the build.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BuildWarning {
    /// The file (or `archive.zip!entry.json`) concerned.
    pub path: String,
    pub message: String,
}

/// One OSV record read from the source.
#[derive(Debug, Clone)]
pub struct BuiltRecord {
    pub osv: OsvRecord,
    /// The full record as OSV JSON (verbatim for JSON sources, converted for YAML).
    pub json: String,
    /// Where it was read from.
    pub origin: String,
    /// Its compact advisories, one per PyPI package it affects.
    pub advisories: Vec<Advisory>,
}

/// The result of [`build`]: records sorted by id, and the per-file warnings.
#[derive(Debug, Clone, Default)]
pub struct BuildOutput {
    pub records: Vec<BuiltRecord>,
    pub warnings: Vec<BuildWarning>,
}

impl BuildOutput {
    /// All compact advisories, in record order.
    pub fn advisories(&self) -> impl Iterator<Item = &Advisory> {
        self.records.iter().flat_map(|r| r.advisories.iter())
    }
}

enum Format {
    Yaml,
    Json,
}

struct RawFile {
    origin: String,
    text: Result<String, String>,
    format: Format,
}

/// Reads and parses every advisory of `source`. Malformed advisories become warnings; a missing
/// source or an unreadable archive is an error. Duplicate ids keep the most recently modified.
pub fn build(source: &Source) -> Result<BuildOutput, AdvisoryError> {
    let files = match source {
        Source::Dir(dir) => read_dir_tree(dir)?,
        Source::Zip(zip) => read_zip(zip)?,
    };
    let parsed: Vec<Result<(BuiltRecord, Vec<BuildWarning>), BuildWarning>> =
        files.into_par_iter().map(parse_file).collect();

    let mut warnings = Vec::new();
    let mut by_id: HashMap<String, BuiltRecord> = HashMap::new();
    for item in parsed {
        let record = match item {
            Ok((r, notes)) => {
                warnings.extend(notes);
                r
            }
            Err(w) => {
                warnings.push(w);
                continue;
            }
        };
        if record.osv.id.trim().is_empty() {
            warnings.push(BuildWarning {
                path: record.origin,
                message: "advisory has no id".into(),
            });
            continue;
        }
        if let Some(existing) = by_id.get(&record.osv.id) {
            let (keep, drop) = if record.osv.modified >= existing.osv.modified {
                (record.origin.clone(), existing.origin.clone())
            } else {
                (existing.origin.clone(), record.origin.clone())
            };
            warnings.push(BuildWarning {
                path: drop.clone(),
                message: format!("duplicate advisory {}; keeping {keep}", record.osv.id),
            });
            if drop == record.origin {
                continue;
            }
        }
        by_id.insert(record.osv.id.clone(), record);
    }
    let mut records: Vec<BuiltRecord> = by_id.into_values().collect();
    records.sort_by(|a, b| a.osv.id.cmp(&b.osv.id));
    warnings.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(BuildOutput { records, warnings })
}

fn parse_file(file: RawFile) -> Result<(BuiltRecord, Vec<BuildWarning>), BuildWarning> {
    let warn = |message: String| BuildWarning {
        path: file.origin.clone(),
        message,
    };
    let text = file.text.as_ref().map_err(|e| warn(e.clone()))?;
    let path = Path::new(&file.origin);
    let (osv, json) = match file.format {
        Format::Yaml => {
            let mut osv =
                OsvRecord::from_yaml(text, path).map_err(|e| warn(strip_path(e, &file.origin)))?;
            canonicalize_timestamps(&mut osv);
            let json = osv.to_json();
            (osv, json)
        }
        Format::Json => {
            let mut osv =
                OsvRecord::from_json(text, path).map_err(|e| warn(strip_path(e, &file.origin)))?;
            let json = if canonicalize_timestamps(&mut osv) {
                rewrite_timestamps(text, &osv).unwrap_or_else(|| osv.to_json())
            } else {
                text.trim().to_owned()
            };
            (osv, json)
        }
    };
    let (advisories, bad_events) = Advisory::from_osv(&osv);
    // Not fatal: such events are ignored when matching, but the data should be fixed upstream.
    let notes = bad_events
        .into_iter()
        .map(|v| {
            warn(format!(
                "{}: range event version {v:?} is not PEP 440; ignored",
                osv.id
            ))
        })
        .collect();
    Ok((
        BuiltRecord {
            osv,
            json,
            origin: file.origin.clone(),
            advisories,
        },
        notes,
    ))
}

/// Rewrites `modified`, `published` and `withdrawn` in OSV's canonical RFC 3339 form
/// (`2023-07-03T13:15:00Z`, UTC, fractional seconds only when present). Sources differ
/// (`+00:00` in some exports, unquoted YAML timestamps in others), and clients such as
/// pip-audit accept only the canonical form. Returns whether anything changed.
fn canonicalize_timestamps(osv: &mut OsvRecord) -> bool {
    let mut changed = false;
    let mut fix = |value: &mut String| {
        if let Some(canonical) = canonical_timestamp(value)
            && canonical != *value
        {
            *value = canonical;
            changed = true;
        }
    };
    fix(&mut osv.modified);
    if let Some(p) = osv.published.as_mut() {
        fix(p);
    }
    if let Some(w) = osv.withdrawn.as_mut() {
        fix(w);
    }
    changed
}

/// `text` as an RFC 3339 UTC timestamp ending in `Z`, or `None` when it is not a timestamp.
pub(crate) fn canonical_timestamp(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let ts: jiff::Timestamp = trimmed
        .parse()
        .ok()
        .or_else(|| trimmed.replacen(' ', "T", 1).parse().ok())?;
    Some(ts.to_string())
}

/// The JSON record with its timestamp fields replaced, every other field kept as stored.
fn rewrite_timestamps(text: &str, osv: &OsvRecord) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
    let object = value.as_object_mut()?;
    object.insert("modified".into(), osv.modified.clone().into());
    if let Some(p) = &osv.published {
        object.insert("published".into(), p.clone().into());
    }
    if let Some(w) = &osv.withdrawn {
        object.insert("withdrawn".into(), w.clone().into());
    }
    serde_json::to_string(&value).ok()
}

fn strip_path(err: AdvisoryError, origin: &str) -> String {
    let text = err.to_string();
    text.strip_prefix(&format!("{origin}: "))
        .map(str::to_owned)
        .unwrap_or(text)
}

fn read_dir_tree(dir: &Path) -> Result<Vec<RawFile>, AdvisoryError> {
    if !dir.is_dir() {
        return Err(AdvisoryError::SourceNotFound {
            path: dir.to_path_buf(),
        });
    }
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = std::fs::read_dir(&current).map_err(|e| AdvisoryError::io(&current, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| AdvisoryError::io(&current, e))?;
            let path = entry.path();
            let file_type = entry.file_type().map_err(|e| AdvisoryError::io(&path, e))?;
            if file_type.is_dir() {
                stack.push(path);
            } else if format_of(&path).is_some() {
                paths.push(path);
            }
        }
    }
    paths.sort();
    Ok(paths
        .into_par_iter()
        .map(|path| RawFile {
            origin: path.display().to_string(),
            text: std::fs::read_to_string(&path).map_err(|e| format!("cannot read: {e}")),
            format: format_of(&path).unwrap_or(Format::Json),
        })
        .collect())
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "yaml" | "yml" => Some(Format::Yaml),
        "json" => Some(Format::Json),
        _ => None,
    }
}

fn read_zip(path: &Path) -> Result<Vec<RawFile>, AdvisoryError> {
    if !path.exists() {
        return Err(AdvisoryError::SourceNotFound {
            path: path.to_path_buf(),
        });
    }
    let file = std::fs::File::open(path).map_err(|e| AdvisoryError::io(path, e))?;
    let zip_err = |e: zip::result::ZipError| AdvisoryError::Zip {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(zip_err)?;
    let mut files = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(zip_err)?;
        if !entry.is_file() {
            continue;
        }
        let name = entry.name().map_err(zip_err)?.into_owned();
        let format = match format_of(Path::new(&name)) {
            Some(f) => f,
            None => continue,
        };
        let mut text = String::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
        let text = match entry.read_to_string(&mut text) {
            Ok(_) => Ok(text),
            Err(e) => Err(format!("cannot read zip entry: {e}")),
        };
        files.push(RawFile {
            origin: format!("{}!{name}", path.display()),
            text,
            format,
        });
    }
    Ok(files)
}

#[cfg(test)]
mod timestamp_tests {
    use super::canonical_timestamp;

    #[test]
    fn timestamps_become_canonical() {
        assert_eq!(
            canonical_timestamp("2023-07-03T13:15:00+00:00").as_deref(),
            Some("2023-07-03T13:15:00Z")
        );
        assert_eq!(
            canonical_timestamp("2024-10-10T17:22:00.587279+00:00").as_deref(),
            Some("2024-10-10T17:22:00.587279Z")
        );
        assert_eq!(
            canonical_timestamp("2021-07-15 02:22:14.592267Z").as_deref(),
            Some("2021-07-15T02:22:14.592267Z")
        );
        assert_eq!(canonical_timestamp("not a date"), None);
    }
}
