//! Where an image's files are: an OCI layout directory, or a tarball (`docker save`,
//! `oci-archive`) indexed once and read in place. Names are `/`-separated paths relative to the
//! image root; a name that could leave it (`..`, absolute) is refused, and nothing outside the
//! given path is ever opened.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::ImageError;

/// Largest number of members of an image tarball indexed.
const MAX_ARCHIVE_MEMBERS: usize = 100_000;

/// The files of an image.
pub(crate) enum Store {
    /// A directory (an OCI layout, or an unpacked `docker save`), canonical.
    Dir(PathBuf),
    /// A tarball: each regular member's data offset and size.
    Tar {
        path: PathBuf,
        members: HashMap<String, (u64, u64)>,
    },
}

/// `name` as a list of normal components, or `None` when it could leave the root.
fn normal_name(name: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in name.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

impl Store {
    pub(crate) fn open(path: &Path) -> Result<Store, ImageError> {
        let meta = std::fs::metadata(path).map_err(|e| ImageError::io(path, e))?;
        if meta.is_dir() {
            let canonical = std::fs::canonicalize(path).map_err(|e| ImageError::io(path, e))?;
            return Ok(Store::Dir(canonical));
        }
        if !meta.is_file() {
            return Err(ImageError::Invalid {
                path: path.to_path_buf(),
                message: "neither a directory nor a regular file".into(),
            });
        }
        let file = File::open(path).map_err(|e| ImageError::io(path, e))?;
        let mut archive = tar::Archive::new(file);
        let mut members = HashMap::new();
        let entries = archive
            .entries_with_seek()
            .map_err(|e| ImageError::io(path, e))?;
        for (n, entry) in entries.enumerate() {
            if n >= MAX_ARCHIVE_MEMBERS {
                return Err(ImageError::Invalid {
                    path: path.to_path_buf(),
                    message: format!("more than {MAX_ARCHIVE_MEMBERS} members: not an image"),
                });
            }
            let entry = entry.map_err(|e| ImageError::Invalid {
                path: path.to_path_buf(),
                message: format!("not a tar archive: {e}"),
            })?;
            if !entry.header().entry_type().is_file() {
                continue;
            }
            let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            if let Some(name) = normal_name(&name) {
                members.insert(name, (entry.raw_file_position(), entry.size()));
            }
        }
        Ok(Store::Tar {
            path: path.to_path_buf(),
            members,
        })
    }

    /// The path of `name` on disk in a directory store, checked to stay inside it and to be a
    /// regular file.
    fn dir_file(root: &Path, name: &str) -> Result<(PathBuf, u64), ImageError> {
        let rel = normal_name(name).ok_or_else(|| ImageError::Invalid {
            path: root.to_path_buf(),
            message: format!("`{name}` is not a path inside the image"),
        })?;
        let joined = root.join(&rel);
        let canonical = std::fs::canonicalize(&joined).map_err(|e| ImageError::io(&joined, e))?;
        if !canonical.starts_with(root) {
            return Err(ImageError::Invalid {
                path: joined,
                message: "resolves outside the image directory, not read".into(),
            });
        }
        let meta = std::fs::metadata(&canonical).map_err(|e| ImageError::io(&joined, e))?;
        if !meta.is_file() {
            return Err(ImageError::Invalid {
                path: joined,
                message: "not a regular file, not read".into(),
            });
        }
        Ok((canonical, meta.len()))
    }

    pub(crate) fn exists(&self, name: &str) -> bool {
        match self {
            Store::Dir(root) => normal_name(name).is_some_and(|rel| root.join(rel).exists()),
            Store::Tar { members, .. } => {
                normal_name(name).is_some_and(|rel| members.contains_key(&rel))
            }
        }
    }

    /// Opens `name` for reading, with its size.
    pub(crate) fn open_member(&self, name: &str) -> Result<(Box<dyn Read + '_>, u64), ImageError> {
        match self {
            Store::Dir(root) => {
                let (path, size) = Self::dir_file(root, name)?;
                let file = File::open(&path).map_err(|e| ImageError::io(&path, e))?;
                Ok((Box::new(file), size))
            }
            Store::Tar { path, members } => {
                let rel = normal_name(name).unwrap_or_default();
                let &(offset, size) = members.get(&rel).ok_or_else(|| ImageError::Invalid {
                    path: path.clone(),
                    message: format!("no member `{name}`"),
                })?;
                let mut file = File::open(path).map_err(|e| ImageError::io(path, e))?;
                file.seek(SeekFrom::Start(offset))
                    .map_err(|e| ImageError::io(path, e))?;
                Ok((Box::new(file.take(size)), size))
            }
        }
    }

    /// Reads a small member (a manifest, an index, a config) of at most `max` bytes.
    pub(crate) fn read_small(&self, name: &str, max: u64) -> Result<Vec<u8>, ImageError> {
        let (reader, size) = self.open_member(name)?;
        if size > max {
            return Err(ImageError::Invalid {
                path: PathBuf::from(name),
                message: format!("{size} bytes, over the limit of {max} for a JSON document"),
            });
        }
        let mut out = Vec::new();
        reader
            .take(max + 1)
            .read_to_end(&mut out)
            .map_err(|e| ImageError::io(Path::new(name), e))?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::normal_name;

    #[test]
    fn names_stay_inside() {
        assert_eq!(
            normal_name("./blobs//sha256/ab").as_deref(),
            Some("blobs/sha256/ab")
        );
        assert_eq!(
            normal_name("/manifest.json").as_deref(),
            Some("manifest.json")
        );
        assert_eq!(normal_name("blobs/../../etc/passwd"), None);
        assert_eq!(normal_name("."), None);
    }
}
