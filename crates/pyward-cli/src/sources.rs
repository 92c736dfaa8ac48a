//! Source text for code frames, read only from regular files under the scanned roots.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use pyward_core::fs::{MAX_FILE_SIZE, Root};
use pyward_report::SourceLookup;

/// Reads report paths (relative to the current directory, or absolute) confined to the scanned
/// roots, each file at most once.
pub struct FileSources {
    roots: Vec<Root>,
    cwd: Option<PathBuf>,
    cache: Mutex<HashMap<String, Option<Arc<str>>>>,
}

impl FileSources {
    /// Confines reads to `roots` (a file root confines to its directory); a root that does not
    /// exist is left out.
    pub fn new(roots: &[PathBuf], cwd: Option<&Path>) -> FileSources {
        let roots = roots
            .iter()
            .filter_map(|r| {
                let dir = if r.is_file() {
                    r.parent().filter(|p| !p.as_os_str().is_empty())?
                } else {
                    r.as_path()
                };
                Root::new(dir).ok()
            })
            .collect();
        FileSources {
            roots,
            cwd: cwd.map(Path::to_path_buf),
            cache: Mutex::new(HashMap::new()),
        }
    }

    fn read(&self, path: &str) -> Option<Arc<str>> {
        let path = Path::new(path);
        let path = match (&self.cwd, path.is_absolute()) {
            (Some(cwd), false) => cwd.join(path),
            _ => path.to_path_buf(),
        };
        self.roots
            .iter()
            .find_map(|root| root.read_text(&path, MAX_FILE_SIZE).ok())
            .map(Arc::from)
    }
}

impl SourceLookup for FileSources {
    fn source(&self, path: &str) -> Option<Arc<str>> {
        if let Some(hit) = self.cache.lock().ok()?.get(path) {
            return hit.clone();
        }
        let text = self.read(path);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(path.to_string(), text.clone());
        }
        text
    }
}
