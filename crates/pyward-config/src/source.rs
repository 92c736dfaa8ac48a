//! Reading configuration files safely, resolving includes under a filesystem root, and the
//! finding sink every format writes to.

use std::path::{Path, PathBuf};

use pyward_core::fs::Root;
use pyward_core::{Finding, Location, RuleMeta, RuleSelector, Span};

/// Files larger than this are refused: no real configuration file is this big.
pub const MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// A file that could not be read (outside the scanned root, not a regular file, too large,
/// binary, not UTF-8, or an I/O error). Every variant names the path.
pub use pyward_core::fs::ReadError as ConfigError;

/// The directories a scan may read from: the scanned directory (or an explicit file's
/// directory) and the filesystem root given with `--root`. Every path pyward opens for a
/// configuration file, an include or a sibling file goes through [`Roots::read`].
#[derive(Debug, Clone, Default)]
pub struct Roots {
    roots: Vec<Root>,
}

impl Roots {
    /// Confines reads to the given directories (those that exist).
    pub fn new<'p>(dirs: impl IntoIterator<Item = &'p Path>) -> Roots {
        let mut roots: Vec<Root> = Vec::new();
        for dir in dirs {
            if let Ok(r) = Root::new(dir)
                && !roots.contains(&r)
            {
                roots.push(r);
            }
        }
        Roots { roots }
    }

    /// No file may be read (auditing text in memory).
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// The canonical path of `path` if it lies inside one of the roots (symlinks resolved).
    pub fn confine(&self, path: &Path) -> Result<PathBuf, ConfigError> {
        // Root::confine resolves a relative path against the root; ours are relative to the
        // current directory.
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        // `root/../../x` leaves the root even if `x` does not exist: say "outside", not
        // "not found".
        let normal = pyward_core::fs::lexically_normal(&abs);
        let inside = |p: &Path| self.roots.iter().any(|r| r.contains_canonical(p));
        if !inside(&normal) && !std::fs::canonicalize(&abs).is_ok_and(|c| inside(&c)) {
            return Err(ConfigError::OutsideRoot {
                path: path.to_path_buf(),
                root: self
                    .roots
                    .first()
                    .map_or_else(PathBuf::new, |r| r.path().to_path_buf()),
            });
        }
        let mut error = None;
        for root in &self.roots {
            match root.confine(&abs) {
                Ok(c) => return Ok(c),
                // A missing file inside a root says "not found", not "outside".
                Err(ConfigError::Io { source, .. }) => {
                    error = Some(ConfigError::Io {
                        path: path.to_path_buf(),
                        source,
                    })
                }
                Err(e) => {
                    if error.is_none() {
                        error = Some(e)
                    }
                }
            }
        }
        Err(error.unwrap_or_else(|| ConfigError::OutsideRoot {
            path: path.to_path_buf(),
            root: PathBuf::new(),
        }))
    }

    /// Whether a directory may be listed (for include globs): it is inside one of the roots.
    pub fn may_list(&self, dir: &Path) -> bool {
        self.confine(dir).is_ok()
    }

    /// Reads a confined text file: returns its canonical path and text. The error names `path`
    /// as given.
    pub fn read(&self, path: &Path) -> Result<(PathBuf, String), ConfigError> {
        let canonical = self.confine(path)?;
        match pyward_core::fs::read_text(&canonical, MAX_FILE_SIZE) {
            Ok(text) => Ok((canonical, text)),
            Err(e) => Err(rename(e, path)),
        }
    }
}

/// The same error naming `path` (the spelling the user knows).
fn rename(err: ConfigError, display: &Path) -> ConfigError {
    let path = display.to_path_buf();
    match err {
        ConfigError::Io { source, .. } => ConfigError::Io { path, source },
        ConfigError::OutsideRoot { root, .. } => ConfigError::OutsideRoot { path, root },
        ConfigError::NotRegular { kind, .. } => ConfigError::NotRegular { path, kind },
        ConfigError::TooLarge { limit, .. } => ConfigError::TooLarge { path, limit },
        ConfigError::Binary { .. } => ConfigError::Binary { path },
        ConfigError::NotUtf8 { offset, .. } => ConfigError::NotUtf8 { path, offset },
    }
}

/// Limits on what one main configuration file may pull in through includes: hostile trees
/// (a dozen files each including `f*.conf`) must not expand without end.
#[derive(Debug, Default)]
pub struct IncludeBudget {
    files: usize,
    bytes: usize,
    exhausted: bool,
}

/// Most files one main configuration may include (each inclusion counts).
pub const MAX_INCLUDED_FILES: usize = 1000;
/// Most bytes one main configuration may include in total.
pub const MAX_INCLUDED_BYTES: usize = 32 * 1024 * 1024;
/// Deepest include chain followed.
pub const MAX_INCLUDE_DEPTH: usize = 16;

impl IncludeBudget {
    /// Charges one included file of `len` bytes. `Err` with the reason, once, when the budget
    /// runs out; `Ok(false)` for every later file (already reported).
    pub fn charge(&mut self, len: usize) -> Result<bool, String> {
        if self.exhausted {
            return Ok(false);
        }
        self.files += 1;
        self.bytes = self.bytes.saturating_add(len);
        if self.files > MAX_INCLUDED_FILES || self.bytes > MAX_INCLUDED_BYTES {
            self.exhausted = true;
            return Err(format!(
                "include expansion stopped: over {MAX_INCLUDED_FILES} included files or {} MiB \
                 (the rest of the includes are not audited)",
                MAX_INCLUDED_BYTES / (1024 * 1024)
            ));
        }
        Ok(true)
    }
}

/// A path named in a file, fit to quote: printable, at most 120 characters.
pub fn quote_path(path: &str) -> String {
    let clean: String = path.chars().filter(|c| !c.is_control()).take(120).collect();
    clean
}

/// A directive name or other token from a file, fit to quote in a message: an identifier of
/// at most 40 characters. Anything else (a line of `/etc/shadow`, a secret) is not echoed.
pub fn quote_token(token: &str) -> Option<&str> {
    (!token.is_empty()
        && token.len() <= 40
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
    .then_some(token)
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
    /// Files pulled in through include directives (canonical path, display path), so a
    /// directory scan does not audit them a second time on their own.
    pub included: Vec<(PathBuf, String)>,
}

impl<'a> Sink<'a> {
    pub fn new(selector: &'a RuleSelector) -> Sink<'a> {
        Sink {
            selector,
            findings: Vec::new(),
            warnings: Vec::new(),
            errors: Vec::new(),
            included: Vec::new(),
        }
    }

    /// An empty sink with the same rule selection.
    pub fn fork(&self) -> Sink<'a> {
        Sink::new(self.selector)
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
/// paths against the including format's base; and where reads may go (`roots`).
#[derive(Debug, Clone)]
pub struct Resolver {
    pub root: Option<PathBuf>,
    /// The directory the scan's display paths are relative to.
    pub display_base: PathBuf,
    /// Where files may be read from.
    pub roots: Roots,
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

    /// Reads a file confined to the scan's roots. In a filesystem tree, a symlink with an
    /// absolute target (`sites-enabled/x -> /etc/nginx/sites-available/x`, as Debian makes
    /// them) points into that tree, never at the scanning machine's own files.
    pub fn read(&self, path: &Path) -> Result<(PathBuf, String), ConfigError> {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link && let Some(target) = self.root.as_deref().and_then(|r| chroot_target(path, r)) {
            return self.roots.read(&target).map_err(|e| rename(e, path));
        }
        self.roots.read(path)
    }
}

/// Where the symlink `link` points when its absolute target is read under the filesystem tree
/// `root` (as inside a chroot). Follows up to 8 links; `None` when `link` is not a symlink.
pub fn chroot_target(link: &Path, root: &Path) -> Option<PathBuf> {
    let mut current = link.to_path_buf();
    let mut followed = false;
    for _ in 0..8 {
        let Ok(target) = std::fs::read_link(&current) else {
            break;
        };
        followed = true;
        current = if target.is_absolute() {
            root.join(target.components().skip(1).collect::<PathBuf>())
        } else {
            current.parent().unwrap_or(Path::new(".")).join(target)
        };
    }
    followed.then(|| pyward_core::fs::lexically_normal(&current))
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
/// Directories outside `roots` are never listed: a pattern that reaches outside matches
/// nothing, and `Err` says so.
pub fn expand_glob(path: &Path, roots: &Roots) -> Result<Vec<PathBuf>, ConfigError> {
    let has_wild = |s: &str| s.contains(['*', '?', '[']);
    if !has_wild(&path.to_string_lossy()) {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut current: Vec<PathBuf> = vec![PathBuf::new()];
    for comp in path.components() {
        let text = comp.as_os_str().to_string_lossy();
        let mut next = Vec::new();
        let pattern = has_wild(&text).then(|| Glob::new(&text));
        for base in &current {
            if let Some(glob) = &pattern {
                let dir = if base.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    base.clone()
                };
                if let Err(e) = roots.confine(&dir) {
                    if matches!(e, ConfigError::OutsideRoot { .. }) {
                        return Err(ConfigError::OutsideRoot {
                            path: path.to_path_buf(),
                            root: PathBuf::new(),
                        });
                    }
                    continue;
                }
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                let mut names: Vec<String> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| !n.starts_with('.') || text.starts_with('.'))
                    .filter(|n| glob.matches(n))
                    .collect();
                names.sort();
                next.extend(names.into_iter().map(|n| base.join(n)));
            } else {
                next.push(base.join(comp.as_os_str()));
            }
        }
        current = next;
    }
    // `symlink_metadata`, not `exists`: a link's target is resolved (inside the tree) when it
    // is read, and the scanning machine's own files are never probed.
    current.retain(|p| std::fs::symlink_metadata(p).is_ok());
    Ok(current)
}

/// One element of a compiled wildcard pattern.
#[derive(Debug, Clone, PartialEq)]
enum GlobTok {
    Star,
    Any,
    Lit(char),
    Class {
        ranges: Vec<(char, char)>,
        negate: bool,
    },
}

impl GlobTok {
    fn single(&self, c: char) -> bool {
        match self {
            GlobTok::Star => false,
            GlobTok::Any => true,
            GlobTok::Lit(l) => *l == c,
            GlobTok::Class { ranges, negate } => {
                ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *negate
            }
        }
    }
}

/// A shell-style wildcard pattern (`*`, `?`, `[abc]`, `[a-z]`, `[!x]`), matched in
/// O(pattern × name) time without backtracking blow-up.
#[derive(Debug, Clone)]
pub struct Glob {
    toks: Vec<GlobTok>,
}

impl Glob {
    pub fn new(pattern: &str) -> Glob {
        let p: Vec<char> = pattern.chars().collect();
        let mut toks = Vec::new();
        let mut i = 0;
        while i < p.len() {
            match p[i] {
                '*' => {
                    if toks.last() != Some(&GlobTok::Star) {
                        toks.push(GlobTok::Star);
                    }
                    i += 1;
                }
                '?' => {
                    toks.push(GlobTok::Any);
                    i += 1;
                }
                '[' => {
                    let Some(close) = p[i + 1..].iter().position(|&c| c == ']').map(|k| i + 1 + k)
                    else {
                        toks.push(GlobTok::Lit('['));
                        i += 1;
                        continue;
                    };
                    let mut set = &p[i + 1..close];
                    let negate = matches!(set.first(), Some('!') | Some('^'));
                    if negate {
                        set = &set[1..];
                    }
                    let mut ranges = Vec::new();
                    let mut k = 0;
                    while k < set.len() {
                        if k + 2 < set.len() && set[k + 1] == '-' {
                            ranges.push((set[k], set[k + 2]));
                            k += 3;
                        } else {
                            ranges.push((set[k], set[k]));
                            k += 1;
                        }
                    }
                    toks.push(GlobTok::Class { ranges, negate });
                    i = close + 1;
                }
                c => {
                    toks.push(GlobTok::Lit(c));
                    i += 1;
                }
            }
        }
        Glob { toks }
    }

    /// Whether `name` matches. Greedy with one remembered star: when a later token fails, the
    /// last star absorbs one more character. Each (token, character) pair is visited a bounded
    /// number of times, so the work is linear in the product of the lengths at worst.
    pub fn matches(&self, name: &str) -> bool {
        let n: Vec<char> = name.chars().collect();
        let p = &self.toks;
        let (mut pi, mut ni) = (0usize, 0usize);
        let mut star: Option<(usize, usize)> = None;
        while ni < n.len() {
            if pi < p.len() && p[pi] == GlobTok::Star {
                star = Some((pi, ni));
                pi += 1;
            } else if pi < p.len() && p[pi].single(n[ni]) {
                pi += 1;
                ni += 1;
            } else if let Some((sp, sn)) = star {
                pi = sp + 1;
                ni = sn + 1;
                star = Some((sp, sn + 1));
            } else {
                return false;
            }
        }
        p[pi..].iter().all(|t| *t == GlobTok::Star)
    }
}

/// Shell-style wildcard matching: `*`, `?` and `[abc]`/`[a-z]`/`[!x]`.
pub fn wildcard_match(pattern: &str, name: &str) -> bool {
    Glob::new(pattern).matches(name)
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
        assert!(wildcard_match("a*b*c", "aXbYbZc"));
        assert!(!wildcard_match("a*b*c", "aXbYbZ"));
        assert!(wildcard_match("*", ""));
        assert!(wildcard_match("[ab", "[ab"));
    }

    /// `a*a*a*a*a*a*b` against 200 `a`s backtracked exponentially with a recursive matcher.
    #[test]
    fn wildcard_match_is_not_exponential() {
        let name = "a".repeat(200);
        assert!(!wildcard_match("a*a*a*a*a*a*b", &name));
        assert!(!wildcard_match(&"*a".repeat(100), &"a".repeat(99)));
        assert!(wildcard_match(&"a*".repeat(100), &name));
    }

    #[test]
    fn root_inference() {
        let root = infer_root(Path::new("/srv/tree/etc/ssh/sshd_config"));
        assert_eq!(root, Some(PathBuf::from("/srv/tree")));
        assert_eq!(infer_root(Path::new("/srv/app/nginx.conf")), None);
    }
}
