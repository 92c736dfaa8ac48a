//! Placeholder for the shared inventory (replaced by the walker on its branch).

use std::path::{Path, PathBuf};

use crate::finding::ScanError;

#[derive(Debug, Clone, Default)]
pub struct InventoryOptions {
    pub exclude: Vec<String>,
    pub max_file_size: u64,
    pub include_venvs: bool,
    pub threads: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Inventory {
    pub roots: Vec<PathBuf>,
    pub files: Vec<InventoryFile>,
    pub skipped: Vec<Skipped>,
    pub errors: Vec<ScanError>,
}

#[derive(Debug, Clone)]
pub struct InventoryFile {
    pub path: PathBuf,
    pub rel: String,
    pub root: usize,
    pub size: u64,
    pub explicit: bool,
    pub in_venv: bool,
}

#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

impl Inventory {
    pub fn walk(paths: &[PathBuf], _options: &InventoryOptions) -> Inventory {
        Inventory {
            roots: paths.to_vec(),
            ..Inventory::default()
        }
    }

    pub fn root_of(&self, file: &InventoryFile) -> &Path {
        &self.roots[file.root]
    }
}
