//! Reading configuration files safely, resolving includes under a filesystem root, and the
//! finding sink every format writes to.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use pyward_core::{Finding, Location, RuleMeta, RuleSelector, Span};

/// Files larger than this are refused: no real configuration file is this big.
pub const MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// A file that could not be read or is not a text configuration file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: file too large ({size} bytes; the limit is {MAX_FILE_SIZE})", path.display())]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{}: binary file (contains NUL bytes), not a configuration file", path.display())]
    Binary { path: PathBuf },
    #[error("{}: not valid UTF-8 (first bad byte at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}: {message}", path.display())]
    Walk { path: PathBuf, message: String },
}

impl ConfigError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ConfigError::Io { path, .. }
            | ConfigError::TooLarge { path, .. }
            | ConfigError::Binary { path }
            | ConfigError::NotUtf8 { path, .. }
            | ConfigError::Walk { path, .. } => path,
        }
    }
}

/// Reads a text file, refusing huge, binary and non-UTF-8 files with an error naming the path.
pub fn read_text(path: &Path) -> Result<String, ConfigError> {
    let io = |source| ConfigError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(ConfigError::Walk {
            path: path.to_path_buf(),
            message: "is a directory".into(),
        });
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(ConfigError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Device files and pipes can report size 0 and never end: read at most the limit + 1.
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(ConfigError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    if bytes.contains(&0) {
        return Err(ConfigError::Binary {
            path: path.to_path_buf(),
        });
    }
    String::from_utf8(bytes).map_err(|e| ConfigError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

pub use pyward_core::relative_path as relative;

/// A position in a file: 1-based line and column, and the length of the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
    pub len: u32,
}

impl Pos {
    pub fn new(line: usize, col: usize, len: usize) -> Pos {
        Pos {
            line: line as u32,
            col: col as u32,
            len: len.max(1) as u32,
        }
    }

    pub fn span(self) -> Option<Span> {
        (self.line > 0).then(|| Span::on_line(self.line, self.col.max(1), self.len))
    }
}

/// Where findings, warnings and errors go while one file (and its includes) is audited.
pub struct Sink<'a> {
    selector: &'a RuleSelector,
    pub findings: Vec<Finding>,
    pub warnings: Vec<String>,
    /// Included files that could not be read: (display path, message).
    pub errors: Vec<(String, String)>,
    /// Files pulled in through include directives (absolute or as given), so a directory scan
    /// does not audit them a second time on their own.
    pub included: BTreeSet<PathBuf>,
}

impl<'a> Sink<'a> {
    pub fn new(selector: &'a RuleSelector) -> Sink<'a> {
        Sink {
            selector,
            findings: Vec::new(),
            warnings: Vec::new(),
            errors: Vec::new(),
            included: BTreeSet::new(),
        }
    }

    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        self.selector.enabled(rule)
    }

    /// Reports `rule` at `pos` in `file`. Returns the finding so callers can adjust severity or
    /// add metadata; `None` when the rule is disabled.
    pub fn hit(
        &mut self,
        rule: &'static RuleMeta,
        file: &str,
        pos: Pos,
        message: impl Into<String>,
    ) -> Option<&mut Finding> {
        if !self.selector.enabled(rule) {
            return None;
        }
        self.findings.push(Finding::new(
            rule,
            message,
            Location::file(file, pos.span()),
        ));
        self.findings.last_mut()
    }

    pub fn warn(&mut self, file: &str, line: usize, message: impl AsRef<str>) {
        self.warnings
            .push(format!("{file}:{line}: {}", message.as_ref()));
    }
}

/// How include paths resolve: absolute paths under `root` (a scanned filesystem tree), relative
/// paths against `base`.
#[derive(Debug, Clone)]
pub struct Resolver {
    pub root: Option<PathBuf>,
    /// The directory the scan's display paths are relative to.
    pub display_base: PathBuf,
}

impl Resolver {
    /// Maps an include argument to a path on disk. `None` for an absolute path when no
    /// filesystem root is known: pyward never reads the host's own `/etc` by accident.
    pub fn map(&self, arg: &str, relative_to: &Path) -> Option<PathBuf> {
        let p = Path::new(arg);
        if p.is_absolute() {
            let root = self.root.as_ref()?;
            let stripped: PathBuf = p.components().skip(1).collect();
            Some(root.join(stripped))
        } else {
            Some(relative_to.join(p))
        }
    }

    pub fn display(&self, path: &Path) -> String {
        relative(path, &self.display_base)
    }
}

/// Guesses the filesystem root a file belongs to: the parent of the nearest `etc` ancestor
/// directory (`…/tree/etc/ssh/sshd_config` → `…/tree`).
pub fn infer_root(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).ok()?;
    abs.ancestors()
        .skip(1)
        .find(|a| a.file_name().is_some_and(|n| n == "etc"))
        .and_then(|etc| etc.parent().map(Path::to_path_buf))
}

/// Expands a path whose components may hold `*`, `?` and `[…]` wildcards, sorted as sshd and
/// nginx sort glob results. A path without wildcards is returned as is (even if missing).
pub fn expand_glob(path: &Path) -> Vec<PathBuf> {
    let has_wild = |s: &str| s.contains(['*', '?', '[']);
    if !has_wild(&path.to_string_lossy()) {
        return vec![path.to_path_buf()];
    }
    let mut current: Vec<PathBuf> = vec![PathBuf::new()];
    for comp in path.components() {
        let text = comp.as_os_str().to_string_lossy();
        let mut next = Vec::new();
        for base in &current {
            if has_wild(&text) {
                let dir = if base.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    base.clone()
                };
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                let mut names: Vec<String> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| !n.starts_with('.') || text.starts_with('.'))
                    .filter(|n| wildcard_match(&text, n))
                    .collect();
                names.sort();
                next.extend(names.into_iter().map(|n| base.join(n)));
            } else {
                next.push(base.join(comp.as_os_str()));
            }
        }
        current = next;
    }
    current.retain(|p| p.exists());
    current
}

/// Shell-style wildcard matching: `*`, `?` and `[abc]`/`[a-z]`/`[!x]`.
pub fn wildcard_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    fn go(p: &[char], n: &[char]) -> bool {
        match p.first() {
            None => n.is_empty(),
            Some('*') => (0..=n.len()).any(|i| go(&p[1..], &n[i..])),
            Some('?') => !n.is_empty() && go(&p[1..], &n[1..]),
            Some('[') => {
                let Some(close) = p.iter().skip(1).position(|&c| c == ']').map(|i| i + 1) else {
                    return n.first() == Some(&'[') && go(&p[1..], &n[1..]);
                };
                let Some(&c) = n.first() else { return false };
                let mut set = &p[1..close];
                let negate = matches!(set.first(), Some('!') | Some('^'));
                if negate {
                    set = &set[1..];
                }
                let mut hit = false;
                let mut i = 0;
                while i < set.len() {
                    if i + 2 < set.len() && set[i + 1] == '-' {
                        hit |= set[i] <= c && c <= set[i + 2];
                        i += 3;
                    } else {
                        hit |= set[i] == c;
                        i += 1;
                    }
                }
                hit != negate && go(&p[close + 1..], &n[1..])
            }
            Some(&c) => n.first() == Some(&c) && go(&p[1..], &n[1..]),
        }
    }
    go(&p, &n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(wildcard_match("*.conf", "50-cloud.conf"));
        assert!(!wildcard_match("*.conf", "50-cloud.conf.bak"));
        assert!(wildcard_match("a?c", "abc"));
        assert!(wildcard_match("[0-9]*", "10-x"));
        assert!(!wildcard_match("[!0-9]*", "10-x"));
    }

    #[test]
    fn root_inference() {
        let root = infer_root(Path::new("/srv/tree/etc/ssh/sshd_config"));
        assert_eq!(root, Some(PathBuf::from("/srv/tree")));
        assert_eq!(infer_root(Path::new("/srv/app/nginx.conf")), None);
    }
}
