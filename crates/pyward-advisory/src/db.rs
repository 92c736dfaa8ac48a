//! The compact prebuilt database file and its reader.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! "PYWARDDB" | format u32 | header_len u64 | ids_len u64 | data_len u64 | json_len u64
//! header  postcard(Header): metadata + sorted package table (name -> blob offset/len)
//! ids     postcard(IdIndex): sorted id/alias table and per-record locations (decoded lazily)
//! data    per-package blobs: a sequence of [u32 len][postcard(Advisory)]
//! json    each record's full OSV JSON, for `pyward db serve`
//! ```
//!
//! Opening reads and decodes only the header; a package's blob is read (a positioned read) and
//! decoded when it is queried, and the matching pass decodes only each advisory's `affected`
//! prefix, borrowing its strings.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use crate::AdvisoryError;
use crate::advisory::Advisory;
use crate::source::BuildOutput;
use crate::version::{Affected, QueryVersion, normalize_name};

const MAGIC: &[u8; 8] = b"PYWARDDB";

/// What the queries of one batch share: each package's advisories decoded once (borrowed from
/// the database, withdrawn ones left out) and each range event's version parsed once, so that a
/// batch costs one decode per package plus cheap comparisons per query.
#[derive(Debug, Default)]
pub struct QueryCache<'a> {
    versions: std::collections::HashMap<&'a str, Option<pep440_rs::Version>>,
    packages: std::collections::HashMap<String, Vec<MatchHead<'a>>>,
}

/// The fields of an advisory a batch answer needs.
#[derive(Debug)]
struct MatchHead<'a> {
    affected: Affected<&'a str>,
    id: &'a str,
    modified: &'a str,
}
/// Version of the database file format; bumped on any incompatible change.
pub const FORMAT_VERSION: u32 = 2;
const PREFIX_LEN: usize = 8 + 4 + 8 * 4;

/// Facts about a database, stored in its header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbMeta {
    pub format_version: u32,
    /// Where the advisories came from (a path or URL).
    pub source: String,
    /// When the database was built (RFC 3339, UTC).
    pub built_at: String,
    /// The newest `modified` timestamp among the advisories.
    pub newest_modified: Option<String>,
    pub advisory_count: u64,
    pub package_count: u64,
    pub withdrawn_count: u64,
}

#[derive(Serialize, Deserialize)]
struct Header {
    meta: DbMeta,
    packages: Vec<PackageEntry>,
}

#[derive(Serialize, Deserialize)]
struct PackageEntry {
    name: String,
    offset: u64,
    len: u64,
}

#[derive(Serialize, Deserialize, Default)]
struct IdIndex {
    /// Sorted by key: ids and aliases -> index into `records`.
    keys: Vec<(String, u32)>,
    records: Vec<RecordLoc>,
}

#[derive(Serialize, Deserialize)]
struct RecordLoc {
    id: String,
    /// Absolute offsets in the data section of this record's compact advisories.
    compact: Vec<(u64, u32)>,
    json: (u64, u32),
}

/// An open advisory database: the file's bytes and its decoded header.
pub struct Database {
    path: PathBuf,
    bytes: Vec<u8>,
    header: Header,
    ids: (usize, usize),
    data: (usize, usize),
    json_start: usize,
    json_len: usize,
    /// Opened from a file: the id and data sections are read on demand with positioned reads,
    /// so an audit reads only the blobs of the packages it looks up.
    lazy: Option<LazyFile>,
    /// The full-JSON section, once read.
    json: OnceLock<Vec<u8>>,
    /// The open file to read the JSON section from on first use (kept open so a concurrent
    /// `db update`, which renames a new file into place, cannot mix two databases).
    json_file: Mutex<Option<std::fs::File>>,
    id_index: OnceLock<IdIndex>,
}

/// A database file read on demand.
struct LazyFile {
    file: std::fs::File,
    /// Each package's blob, once read.
    blobs: Vec<OnceLock<Option<Box<[u8]>>>>,
}

impl LazyFile {
    fn read_at(&self, start: usize, len: usize) -> Option<Vec<u8>> {
        let mut buf = vec![0u8; len];
        read_exact_at(&self.file, &mut buf, start as u64).ok()?;
        Some(buf)
    }
}

#[cfg(unix)]
fn read_exact_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &std::fs::File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
fn read_exact_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    let mut file = file;
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

/// Section offsets parsed from the file prefix.
struct Layout {
    header: (usize, usize),
    ids: (usize, usize),
    data: (usize, usize),
    json: (usize, usize),
}

impl Layout {
    /// Validates magic, format version and section lengths against the file length.
    fn parse(prefix: &[u8], file_len: u64, path: &Path) -> Result<Layout, AdvisoryError> {
        let invalid = |m: &str| AdvisoryError::invalid_db(path, m);
        if prefix.len() < MAGIC.len() || &prefix[..MAGIC.len()] != MAGIC {
            return Err(invalid("not a pyward advisory database"));
        }
        if prefix.len() < PREFIX_LEN {
            return Err(invalid("advisory database is truncated"));
        }
        let mut v = [0u8; 4];
        v.copy_from_slice(&prefix[8..12]);
        let version = u32::from_le_bytes(v);
        if version != FORMAT_VERSION {
            return Err(invalid(&format!(
                "advisory database has format version {version}, this pyward reads version {FORMAT_VERSION}"
            )));
        }
        let mut sections = [(0usize, 0usize); 4];
        let mut at = PREFIX_LEN as u64;
        for (i, section) in sections.iter_mut().enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(&prefix[12 + 8 * i..20 + 8 * i]);
            let len = u64::from_le_bytes(b);
            let end = at
                .checked_add(len)
                .filter(|&e| e <= file_len)
                .ok_or_else(|| invalid("advisory database is truncated"))?;
            *section = (at as usize, len as usize);
            at = end;
        }
        if at != file_len {
            return Err(invalid("advisory database has trailing bytes (corrupt)"));
        }
        let [header, ids, data, json] = sections;
        Ok(Layout {
            header,
            ids,
            data,
            json,
        })
    }
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("path", &self.path)
            .field("meta", &self.header.meta)
            .finish_non_exhaustive()
    }
}

/// The database path: `$PYWARD_DB` if set, else `$XDG_CACHE_HOME/pyward/advisory.db`, else
/// `~/.cache/pyward/advisory.db` (`%LOCALAPPDATA%\pyward\advisory.db` on Windows).
pub fn default_db_path() -> PathBuf {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(p) = env("PYWARD_DB") {
        return p;
    }
    let cache = env("XDG_CACHE_HOME")
        .or_else(|| {
            if cfg!(windows) {
                env("LOCALAPPDATA")
            } else {
                None
            }
        })
        .or_else(|| env("HOME").map(|h| h.join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    cache.join("pyward").join("advisory.db")
}

/// Writes `output` as a database file at `path`, atomically (temp file in the same directory,
/// then rename). Creates the parent directory if needed.
pub fn write_db(
    output: &BuildOutput,
    path: &Path,
    source_desc: &str,
) -> Result<DbMeta, AdvisoryError> {
    let encode_err = |e: postcard::Error| AdvisoryError::Encode {
        path: path.to_path_buf(),
        message: e.to_string(),
    };

    // Group compact advisories by package.
    let mut by_package: std::collections::BTreeMap<&str, Vec<(usize, &Advisory)>> =
        Default::default();
    for (i, record) in output.records.iter().enumerate() {
        for adv in &record.advisories {
            by_package
                .entry(adv.package.as_str())
                .or_default()
                .push((i, adv));
        }
    }

    let mut data = Vec::new();
    let mut packages = Vec::with_capacity(by_package.len());
    let mut compact_locs: Vec<Vec<(u64, u32)>> = vec![Vec::new(); output.records.len()];
    for (name, advisories) in &by_package {
        let start = data.len() as u64;
        for (record_idx, adv) in advisories {
            let bytes = postcard::to_stdvec(adv).map_err(encode_err)?;
            let len = u32::try_from(bytes.len()).map_err(|_| AdvisoryError::Encode {
                path: path.to_path_buf(),
                message: format!("advisory {} too large", adv.id),
            })?;
            compact_locs[*record_idx].push((data.len() as u64 + 4, len));
            data.extend_from_slice(&len.to_le_bytes());
            data.extend_from_slice(&bytes);
        }
        packages.push(PackageEntry {
            name: (*name).to_owned(),
            offset: start,
            len: data.len() as u64 - start,
        });
    }

    let mut json = Vec::new();
    let mut records = Vec::with_capacity(output.records.len());
    let mut keys = Vec::new();
    for (i, (record, compact)) in output.records.iter().zip(compact_locs).enumerate() {
        let start = json.len() as u64;
        json.extend_from_slice(record.json.as_bytes());
        let idx = u32::try_from(i).unwrap_or(u32::MAX);
        keys.push((record.osv.id.clone(), idx));
        for alias in &record.osv.aliases {
            keys.push((alias.clone(), idx));
        }
        records.push(RecordLoc {
            id: record.osv.id.clone(),
            compact,
            json: (start, u32::try_from(record.json.len()).unwrap_or(u32::MAX)),
        });
    }
    // Ids win over aliases that spell the same string; otherwise the first record wins.
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    keys.dedup_by(|later, earlier| {
        if later.0 != earlier.0 {
            return false;
        }
        if records[later.1 as usize].id == later.0 {
            *earlier = later.clone();
        }
        true
    });
    let id_index = IdIndex { keys, records };

    let meta = DbMeta {
        format_version: FORMAT_VERSION,
        source: source_desc.to_owned(),
        built_at: jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or_else(|_| jiff::Timestamp::now())
            .to_string(),
        newest_modified: output
            .records
            .iter()
            .map(|r| r.osv.modified.as_str())
            .filter(|m| !m.is_empty())
            .max()
            .map(str::to_owned),
        advisory_count: output.records.len() as u64,
        package_count: packages.len() as u64,
        withdrawn_count: output
            .records
            .iter()
            .filter(|r| r.osv.withdrawn.is_some())
            .count() as u64,
    };
    let header = postcard::to_stdvec(&Header {
        meta: meta.clone(),
        packages,
    })
    .map_err(encode_err)?;
    let ids = postcard::to_stdvec(&id_index).map_err(encode_err)?;

    let mut file =
        Vec::with_capacity(PREFIX_LEN + header.len() + ids.len() + data.len() + json.len());
    file.extend_from_slice(MAGIC);
    file.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    for section in [&header, &ids, &data, &json] {
        file.extend_from_slice(&(section.len() as u64).to_le_bytes());
    }
    for section in [&header, &ids, &data, &json] {
        file.extend_from_slice(section);
    }
    write_atomically(path, &file)?;
    Ok(meta)
}

/// Writes through a temp file with a random name created exclusively (`O_EXCL`) in the
/// destination directory, then renames it over `path`: a planted symlink at a predictable name
/// is never followed, and readers see the old file or the new one, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AdvisoryError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| AdvisoryError::io(&dir, e))?;
    let file_name = path.file_name().map_or_else(
        || "advisory.db".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| AdvisoryError::io(&dir, e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| AdvisoryError::io(tmp.path(), e))?;
    // On failure the temp file is removed when `tmp` drops.
    tmp.persist(path)
        .map_err(|e| AdvisoryError::io(path, e.error))?;
    Ok(())
}

impl Database {
    /// Opens a database file, reading only its header. Package blobs and the id table are read
    /// on first use; the full-JSON section on the first [`Database::raw_json`] call.
    pub fn open(path: &Path) -> Result<Database, AdvisoryError> {
        let io = |e| AdvisoryError::io(path, e);
        let mut file = std::fs::File::open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                AdvisoryError::DbNotFound {
                    path: path.to_path_buf(),
                }
            } else {
                AdvisoryError::io(path, e)
            }
        })?;
        let file_len = file.metadata().map_err(io)?.len();
        let mut prefix = Vec::with_capacity(PREFIX_LEN);
        (&mut file)
            .take(PREFIX_LEN as u64)
            .read_to_end(&mut prefix)
            .map_err(io)?;
        let layout = Layout::parse(&prefix, file_len, path)?;
        // Only the header is read now; ids, data and JSON are read when first needed.
        let mut bytes = prefix;
        let header_end = layout.header.0 + layout.header.1;
        let eager = (header_end - PREFIX_LEN) as u64;
        bytes.reserve_exact(eager as usize);
        (&mut file)
            .take(eager)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() != header_end {
            return Err(AdvisoryError::invalid_db(
                path,
                "advisory database is truncated",
            ));
        }
        let lazy_file = file.try_clone().map_err(io)?;
        let mut db = Database::assemble(path, bytes, layout, OnceLock::new(), Some(file))?;
        db.lazy = Some(LazyFile {
            file: lazy_file,
            blobs: (0..db.header.packages.len())
                .map(|_| OnceLock::new())
                .collect(),
        });
        Ok(db)
    }

    /// Reads a database from bytes already in memory; `path` labels errors.
    pub fn from_bytes(mut bytes: Vec<u8>, path: &Path) -> Result<Database, AdvisoryError> {
        let layout = Layout::parse(&bytes, bytes.len() as u64, path)?;
        let json = bytes.split_off(layout.json.0);
        Database::assemble(path, bytes, layout, OnceLock::from(json), None)
    }

    fn assemble(
        path: &Path,
        bytes: Vec<u8>,
        layout: Layout,
        json: OnceLock<Vec<u8>>,
        json_file: Option<std::fs::File>,
    ) -> Result<Database, AdvisoryError> {
        let invalid = |m: &str| AdvisoryError::invalid_db(path, m);
        let (start, len) = layout.header;
        let header: Header = postcard::from_bytes(&bytes[start..start + len])
            .map_err(|e| invalid(&format!("corrupt advisory database header: {e}")))?;
        if header
            .packages
            .iter()
            .any(|p| p.offset.saturating_add(p.len) > layout.data.1 as u64)
        {
            return Err(invalid("corrupt advisory database package table"));
        }
        Ok(Database {
            path: path.to_path_buf(),
            bytes,
            header,
            ids: layout.ids,
            data: layout.data,
            json_start: layout.json.0,
            json_len: layout.json.1,
            lazy: None,
            json,
            json_file: Mutex::new(json_file),
            id_index: OnceLock::new(),
        })
    }

    fn json_section(&self) -> Option<&[u8]> {
        if let Some(json) = self.json.get() {
            return Some(json);
        }
        let mut guard = self.json_file.lock().ok()?;
        if self.json.get().is_none() {
            let mut file = guard.take()?;
            let mut buf = Vec::with_capacity(self.json_len);
            file.seek(SeekFrom::Start(self.json_start as u64)).ok()?;
            file.take(self.json_len as u64).read_to_end(&mut buf).ok()?;
            if buf.len() != self.json_len {
                return None;
            }
            let _ = self.json.set(buf);
        }
        drop(guard);
        self.json.get().map(Vec::as_slice)
    }

    /// The file this database was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn meta(&self) -> &DbMeta {
        &self.header.meta
    }

    /// Normalised names of all packages with advisories, sorted.
    pub fn package_names(&self) -> impl Iterator<Item = &str> {
        self.header.packages.iter().map(|p| p.name.as_str())
    }

    /// The blob of a package: `Ok(None)` when the database has no advisory for it, an error
    /// when the blob cannot be read (never silently "no advisories").
    fn blob(&self, package: &str) -> Result<Option<&[u8]>, AdvisoryError> {
        let name = normalize_name(package);
        let Ok(i) = self
            .header
            .packages
            .binary_search_by(|p| p.name.as_str().cmp(&name))
        else {
            return Ok(None);
        };
        let p = &self.header.packages[i];
        let start = self.data.0 + p.offset as usize;
        let blob = match &self.lazy {
            Some(lazy) => lazy.blobs[i]
                .get_or_init(|| {
                    lazy.read_at(start, p.len as usize)
                        .map(Vec::into_boxed_slice)
                })
                .as_deref(),
            None => self.bytes.get(start..start + p.len as usize),
        };
        blob.map(Some)
            .ok_or_else(|| self.corrupt(&format!("cannot read the advisories of {name}")))
    }

    fn corrupt(&self, what: &str) -> AdvisoryError {
        AdvisoryError::invalid_db(&self.path, format!("corrupt advisory database ({what})"))
    }

    /// Iterates the `[u32 len][bytes]` records of a blob.
    fn records<'a>(&self, mut blob: &'a [u8]) -> Result<Vec<&'a [u8]>, AdvisoryError> {
        let mut out = Vec::new();
        while !blob.is_empty() {
            if blob.len() < 4 {
                return Err(self.corrupt("record length"));
            }
            let len = u32::from_le_bytes([blob[0], blob[1], blob[2], blob[3]]) as usize;
            let rest = &blob[4..];
            if rest.len() < len {
                return Err(self.corrupt("record"));
            }
            out.push(&rest[..len]);
            blob = &rest[len..];
        }
        Ok(out)
    }

    fn decode(&self, bytes: &[u8]) -> Result<Advisory, AdvisoryError> {
        postcard::from_bytes(bytes).map_err(|e| self.corrupt(&format!("advisory: {e}")))
    }

    /// All advisories of a package (name normalised per PEP 503), withdrawn ones included.
    pub fn advisories_for(&self, package: &str) -> Result<Vec<Advisory>, AdvisoryError> {
        let Some(blob) = self.blob(package)? else {
            return Ok(Vec::new());
        };
        self.records(blob)?
            .into_iter()
            .map(|r| self.decode(r))
            .collect()
    }

    /// Advisories affecting `package` at `version`, withdrawn ones excluded.
    pub fn query(&self, package: &str, version: &str) -> Result<Vec<Advisory>, AdvisoryError> {
        self.query_with(package, version, false)
    }

    /// The `(id, modified)` of the advisories affecting `package` at `version`, withdrawn ones
    /// excluded: what a batch query answers, decoded without copying any other field.
    pub fn query_ids(
        &self,
        package: &str,
        version: &str,
    ) -> Result<Vec<(String, String)>, AdvisoryError> {
        self.query_ids_cached(package, version, &mut QueryCache::default())
    }

    /// [`Database::query_ids`] through a [`QueryCache`] shared by the queries of a batch.
    pub fn query_ids_cached<'a>(
        &'a self,
        package: &str,
        version: &str,
        cache: &mut QueryCache<'a>,
    ) -> Result<Vec<(String, String)>, AdvisoryError> {
        /// The leading fields of an encoded [`Advisory`], borrowed.
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Head<'a> {
            #[serde(borrow)]
            affected: Affected<&'a str>,
            withdrawn: Option<&'a str>,
            id: &'a str,
            package: &'a str,
            #[serde(borrow)]
            aliases: Vec<&'a str>,
            summary: Option<&'a str>,
            details: &'a str,
            modified: &'a str,
        }
        let name = normalize_name(package);
        if !cache.packages.contains_key(&name) {
            let mut heads = Vec::new();
            if let Some(blob) = self.blob(&name)? {
                for record in self.records(blob)? {
                    let (head, _): (Head<'a>, _) = postcard::take_from_bytes(record)
                        .map_err(|e| self.corrupt(&format!("advisory: {e}")))?;
                    if head.withdrawn.is_none() {
                        heads.push(MatchHead {
                            affected: head.affected,
                            id: head.id,
                            modified: head.modified,
                        });
                    }
                }
            }
            cache.packages.insert(name.clone(), heads);
        }
        let version = QueryVersion::parse(version);
        let QueryCache { versions, packages } = cache;
        let mut parse = |text: &str| {
            if let Some(v) = versions.get(text) {
                return v.clone();
            }
            crate::version::parse_version(text)
        };
        let mut out = Vec::new();
        for head in packages.get(&name).map(Vec::as_slice).unwrap_or(&[]) {
            if head.affected.contains_by(&version, &mut parse) {
                out.push((head.id.to_owned(), head.modified.to_owned()));
            }
        }
        // Remember the event versions of this package (borrowed from the database).
        for head in packages.get(&name).map(Vec::as_slice).unwrap_or(&[]) {
            for range in head.affected.ranges() {
                for event in &range.events {
                    let text: &'a str = match event {
                        crate::version::Event::Introduced(t)
                        | crate::version::Event::Fixed(t)
                        | crate::version::Event::LastAffected(t)
                        | crate::version::Event::Limit(t) => t,
                    };
                    versions
                        .entry(text)
                        .or_insert_with(|| crate::version::parse_version(text));
                }
            }
        }
        Ok(out)
    }

    /// Like [`Database::query`], optionally including withdrawn advisories.
    pub fn query_with(
        &self,
        package: &str,
        version: &str,
        include_withdrawn: bool,
    ) -> Result<Vec<Advisory>, AdvisoryError> {
        let Some(blob) = self.blob(package)? else {
            return Ok(Vec::new());
        };
        let version = QueryVersion::parse(version);
        let mut out = Vec::new();
        for record in self.records(blob)? {
            // Decode only the borrowed `affected` + `withdrawn` prefix to decide.
            let (affected, rest): (Affected<&str>, _) = postcard::take_from_bytes(record)
                .map_err(|e| self.corrupt(&format!("advisory: {e}")))?;
            if !affected.contains(&version) {
                continue;
            }
            if !include_withdrawn {
                let (withdrawn, _): (Option<&str>, _) = postcard::take_from_bytes(rest)
                    .map_err(|e| self.corrupt(&format!("advisory: {e}")))?;
                if withdrawn.is_some() {
                    continue;
                }
            }
            out.push(self.decode(record)?);
        }
        Ok(out)
    }

    /// Bytes of the file at `start..start + len`: from memory, or read from the file.
    fn section(&self, start: usize, len: usize) -> Option<std::borrow::Cow<'_, [u8]>> {
        match &self.lazy {
            Some(lazy) => lazy.read_at(start, len).map(std::borrow::Cow::Owned),
            None => self
                .bytes
                .get(start..start + len)
                .map(std::borrow::Cow::Borrowed),
        }
    }

    fn id_index(&self) -> &IdIndex {
        self.id_index.get_or_init(|| {
            let (start, len) = self.ids;
            self.section(start, len)
                .and_then(|bytes| postcard::from_bytes(&bytes).ok())
                .unwrap_or_default()
        })
    }

    fn record(&self, id_or_alias: &str) -> Option<&RecordLoc> {
        let index = self.id_index();
        let i = index
            .keys
            .binary_search_by(|(k, _)| k.as_str().cmp(id_or_alias))
            .ok()?;
        index.records.get(index.keys[i].1 as usize)
    }

    /// The canonical id of an advisory id or alias (e.g. a CVE id).
    pub fn resolve_id(&self, id_or_alias: &str) -> Option<&str> {
        self.record(id_or_alias).map(|r| r.id.as_str())
    }

    /// The compact advisory with this id or alias (its first package if it names several).
    pub fn get_by_id(&self, id_or_alias: &str) -> Option<Advisory> {
        let record = self.record(id_or_alias)?;
        let &(offset, len) = record.compact.first()?;
        let start = self.data.0 + offset as usize;
        let bytes = self.section(start, len as usize)?;
        self.decode(&bytes).ok()
    }

    /// The full OSV JSON record with this id or alias.
    pub fn raw_json(&self, id_or_alias: &str) -> Option<&str> {
        let record = self.record(id_or_alias)?;
        let (offset, len) = record.json;
        let start = usize::try_from(offset).ok()?;
        let end = start.checked_add(len as usize)?;
        std::str::from_utf8(self.json_section()?.get(start..end)?).ok()
    }

    /// Ids of all records, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.id_index().records.iter().map(|r| r.id.as_str())
    }
}
