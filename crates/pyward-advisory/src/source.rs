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

/// Bounds on what [`build_with`] reads: the advisory source is downloaded or handed over, so it
/// is treated as hostile (zip bombs, huge records, symlinks to devices).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most advisory files (or zip entries) in one source.
    pub max_entries: usize,
    /// Largest single advisory file, declared and actually read (bytes).
    pub max_entry_bytes: u64,
    /// Most bytes read across all advisory files (uncompressed).
    pub max_total_bytes: u64,
    /// Largest uncompressed/compressed ratio, per zip entry and for the whole archive. Entries
    /// that inflate to at most `ratio_floor` bytes are exempt (tiny files compress well).
    pub max_ratio: u64,
    /// See `max_ratio`.
    pub ratio_floor: u64,
    /// Most `affected[]` entries in one record.
    pub max_affected: usize,
    /// Most range events in one record (all ranges together).
    pub max_events: usize,
    /// Most explicit versions in one record (all `versions` lists together).
    pub max_versions: usize,
}

impl Default for Limits {
    /// Generous for OSV's real PyPI export (its largest record is tens of KB, with at most a
    /// few thousand versions), tight enough that a hostile source cannot exhaust memory.
    fn default() -> Self {
        Limits {
            max_entries: 200_000,
            max_entry_bytes: 4 * 1024 * 1024,
            max_total_bytes: 512 * 1024 * 1024,
            max_ratio: 100,
            ratio_floor: 1024 * 1024,
            max_affected: 1_000,
            max_events: 10_000,
            max_versions: 50_000,
        }
    }
}

/// Reads and parses every advisory of `source` within the default [`Limits`]. Malformed
/// advisories become warnings; a missing source, an unreadable archive or a source over the
/// limits (zip bomb, path-traversal entry names, too many files) is an error. Duplicate ids keep
/// the most recently modified record (on a tie, the one whose origin sorts last), whatever the
/// order of the source.
pub fn build(source: &Source) -> Result<BuildOutput, AdvisoryError> {
    build_with(source, &Limits::default())
}

/// [`build`] with explicit limits.
pub fn build_with(source: &Source, limits: &Limits) -> Result<BuildOutput, AdvisoryError> {
    let files = match source {
        Source::Dir(dir) => read_dir_tree(dir, limits)?,
        Source::Zip(zip) => read_zip(zip, limits)?,
    };
    let parsed: Vec<Result<(BuiltRecord, Vec<BuildWarning>), BuildWarning>> = files
        .into_par_iter()
        .map(|f| parse_file(f, limits))
        .collect();

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
            let newer = (modified_key(&record.osv.modified), &record.origin)
                >= (modified_key(&existing.osv.modified), &existing.origin);
            let (keep, drop) = if newer {
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
    borrow_alias_severity(&mut records);
    warnings.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(BuildOutput { records, warnings })
}

/// Gives advisories without a usable CVSS score the score of an alias's record that has one.
/// OSV's export holds both sides of an alias (a PYSEC record and the GHSA record for the same
/// issue, naming each other in `aliases`, or only one naming the other): both directions count.
/// Among several scored aliases the one whose id sorts first wins, so the result does not depend
/// on the order of the source. Only the alias's advisory for the same package is used.
fn borrow_alias_severity(records: &mut [BuiltRecord]) {
    let index: HashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.osv.id.as_str(), i))
        .collect();
    let mut related: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, record) in records.iter().enumerate() {
        for alias in &record.osv.aliases {
            if let Some(&j) = index.get(alias.as_str())
                && j != i
            {
                related.entry(i).or_default().push(j);
                related.entry(j).or_default().push(i);
            }
        }
    }
    // Decide everything from the scores as read, then apply: a borrowed score is never lent on.
    let mut borrowed: Vec<(usize, usize, Advisory)> = Vec::new();
    for (&i, aliases) in &related {
        let mut aliases = aliases.clone();
        aliases.sort_by(|a, b| records[*a].osv.id.cmp(&records[*b].osv.id));
        aliases.dedup();
        for (k, adv) in records[i].advisories.iter().enumerate() {
            if adv.cvss_score.is_some() {
                continue;
            }
            let donor = aliases.iter().find_map(|&j| {
                records[j]
                    .advisories
                    .iter()
                    .find(|a| a.package == adv.package && a.cvss_score.is_some())
            });
            if let Some(donor) = donor {
                borrowed.push((i, k, donor.clone()));
            }
        }
    }
    for (i, k, donor) in borrowed {
        records[i].advisories[k].borrow_severity(&donor);
    }
}

/// `modified` as a comparable timestamp (text that is not one sorts first).
fn modified_key(text: &str) -> Option<jiff::Timestamp> {
    text.trim().parse().ok()
}

/// Refuses records whose size would make matching or storage unbounded.
fn check_record_size(osv: &OsvRecord, limits: &Limits) -> Result<(), String> {
    let over = |what: &str, n: usize, max: usize| {
        Err(format!(
            "{}: {n} {what}, over the limit of {max}; record skipped",
            osv.id
        ))
    };
    if osv.affected.len() > limits.max_affected {
        return over("affected entries", osv.affected.len(), limits.max_affected);
    }
    let events: usize = osv
        .affected
        .iter()
        .flat_map(|a| &a.ranges)
        .map(|r| r.events.len())
        .sum();
    if events > limits.max_events {
        return over("range events", events, limits.max_events);
    }
    let versions: usize = osv.affected.iter().map(|a| a.versions.len()).sum();
    if versions > limits.max_versions {
        return over("versions", versions, limits.max_versions);
    }
    Ok(())
}

fn parse_file(
    file: RawFile,
    limits: &Limits,
) -> Result<(BuiltRecord, Vec<BuildWarning>), BuildWarning> {
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
    check_record_size(&osv, limits).map_err(warn)?;
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

/// Reads the advisory files of a directory tree. The walk never follows symlinked directories;
/// each file is read through [`pyward_core::fs::Root`], so a symlink that leaves the tree, a
/// device, a FIFO or an oversized file becomes a warning naming it and is never read.
fn read_dir_tree(dir: &Path, limits: &Limits) -> Result<Vec<RawFile>, AdvisoryError> {
    if !dir.is_dir() {
        return Err(AdvisoryError::SourceNotFound {
            path: dir.to_path_buf(),
        });
    }
    let root = pyward_core::fs::Root::new(dir).map_err(|e| AdvisoryError::Io {
        path: dir.to_path_buf(),
        source: std::io::Error::other(e.reason()),
    })?;
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = std::fs::read_dir(&current).map_err(|e| AdvisoryError::io(&current, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| AdvisoryError::io(&current, e))?;
            let path = entry.path();
            // `DirEntry::file_type` does not follow symlinks.
            let file_type = entry.file_type().map_err(|e| AdvisoryError::io(&path, e))?;
            if file_type.is_dir() {
                stack.push(path);
            } else if format_of(&path).is_some() {
                paths.push(path);
                if paths.len() > limits.max_entries {
                    return Err(AdvisoryError::TooLarge {
                        path: dir.to_path_buf(),
                        message: format!(
                            "more than {} advisory files; refusing the source",
                            limits.max_entries
                        ),
                    });
                }
            }
        }
    }
    paths.sort();
    let mut files: Vec<RawFile> = paths
        .into_par_iter()
        .map(|path| RawFile {
            origin: path.display().to_string(),
            text: root
                .read_text(&path, limits.max_entry_bytes)
                .map_err(|e| format!("not read: {}", e.reason())),
            format: format_of(&path).unwrap_or(Format::Json),
        })
        .collect();
    let mut total: u64 = 0;
    for file in &mut files {
        if let Ok(text) = &file.text {
            total = total.saturating_add(text.len() as u64);
            if total > limits.max_total_bytes {
                return Err(AdvisoryError::TooLarge {
                    path: dir.to_path_buf(),
                    message: format!(
                        "advisory files total more than {} bytes; refusing the source",
                        limits.max_total_bytes
                    ),
                });
            }
        }
    }
    Ok(files)
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "yaml" | "yml" => Some(Format::Yaml),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// Whether a zip entry name could escape a directory it were extracted to: absolute, with `..`,
/// a drive or backslash separators, or a NUL.
fn is_traversal_name(name: &str) -> bool {
    name.starts_with('/')
        || name.contains('\\')
        || name.contains('\0')
        || name.split('/').any(|part| part == "..")
        || name.get(1..2) == Some(":")
}

fn read_zip(path: &Path, limits: &Limits) -> Result<Vec<RawFile>, AdvisoryError> {
    if !path.exists() {
        return Err(AdvisoryError::SourceNotFound {
            path: path.to_path_buf(),
        });
    }
    let file = std::fs::File::open(path).map_err(|e| AdvisoryError::io(path, e))?;
    let meta = file.metadata().map_err(|e| AdvisoryError::io(path, e))?;
    if !meta.is_file() {
        return Err(AdvisoryError::Zip {
            path: path.to_path_buf(),
            message: format!(
                "not a regular file ({}), not read",
                pyward_core::fs::file_kind(&meta)
            ),
        });
    }
    let archive_len = meta.len().max(1);
    let refuse = |message: String| AdvisoryError::TooLarge {
        path: path.to_path_buf(),
        message: format!("{message}; refusing the archive (zip bomb?)"),
    };
    let zip_err = |e: zip::result::ZipError| AdvisoryError::Zip {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(zip_err)?;
    if archive.len() > limits.max_entries {
        return Err(refuse(format!(
            "{} entries, over the limit of {}",
            archive.len(),
            limits.max_entries
        )));
    }
    // The whole archive may inflate to at most this much.
    let total_limit = limits.max_total_bytes.min(
        archive_len
            .saturating_mul(limits.max_ratio)
            .max(limits.ratio_floor),
    );
    let mut total: u64 = 0;
    let mut files = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(zip_err)?;
        let name = entry.name().map_err(zip_err)?.into_owned();
        if is_traversal_name(&name) || entry.enclosed_name().is_none() {
            return Err(AdvisoryError::Zip {
                path: path.to_path_buf(),
                message: format!("entry {name:?} escapes the archive (path traversal); refused"),
            });
        }
        if !entry.is_file() {
            continue;
        }
        let format = match format_of(Path::new(&name)) {
            Some(f) => f,
            None => continue,
        };
        // Never trust the declared size: it bounds the read only from above.
        let entry_limit = limits.max_entry_bytes.min(
            entry
                .compressed_size()
                .saturating_mul(limits.max_ratio)
                .max(limits.ratio_floor),
        );
        if entry.size() > limits.max_entry_bytes {
            return Err(refuse(format!(
                "entry {name:?} declares {} bytes uncompressed, over the {}-byte limit per advisory",
                entry.size(),
                limits.max_entry_bytes
            )));
        }
        if entry.size() > entry_limit {
            return Err(refuse(format!(
                "entry {name:?} declares {} bytes from {} compressed, a ratio over {}",
                entry.size(),
                entry.compressed_size(),
                limits.max_ratio
            )));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
        let read = entry
            .take(entry_limit.saturating_add(1))
            .read_to_end(&mut bytes);
        if bytes.len() as u64 > entry_limit {
            return Err(refuse(format!(
                "entry {name:?} inflates past {entry_limit} bytes (limit {} per advisory, ratio {})",
                limits.max_entry_bytes, limits.max_ratio
            )));
        }
        total = total.saturating_add(bytes.len() as u64);
        if total > total_limit {
            return Err(refuse(format!(
                "entries inflate past {total_limit} bytes in total (limit {} bytes, ratio {} to the archive's {} bytes)",
                limits.max_total_bytes, limits.max_ratio, archive_len
            )));
        }
        // A damaged entry (bad CRC, more data than declared) means the archive cannot be
        // trusted as a whole: refuse it rather than build a database with holes.
        if let Err(e) = read {
            return Err(AdvisoryError::Zip {
                path: path.to_path_buf(),
                message: format!("entry {name:?}: {e}"),
            });
        }
        let text = pyward_core::fs::bytes_to_text(Path::new(&name), bytes)
            .map_err(|e| format!("not read: {}", e.reason()));
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
