//! `pyward deps --fix`: rewrite vulnerable exact pins in requirements files, keeping comments,
//! order, markers and continuations, and render the change as a unified diff.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use pyward_advisory::smallest_fix;
use pyward_core::fs::Root;
use pyward_core::{Report, ScanError};
use pyward_manifest::{DepState, Manifest, ManifestKind, normalize_name};

use crate::online::{ProjectCache, index_for};
use crate::{AdvisoryCache, relative};

/// One pin to raise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgrade {
    /// The version to pin.
    pub to: String,
    /// New `algo:hex` hashes for entries that carry `--hash`; `None` when they could not be
    /// fetched (such entries are left alone and reported as skipped).
    pub hashes: Option<Vec<String>>,
}

/// A pin that was rewritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub package: String,
    pub from: String,
    pub to: String,
    /// 1-based line of the requirement.
    pub line: u32,
    pub hashes_replaced: bool,
}

/// A pin that needed an upgrade but was not rewritten, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub package: String,
    /// The version the pin should have been raised to.
    pub to: String,
    pub line: u32,
    pub reason: String,
}

/// The result of rewriting one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rewrite {
    pub text: String,
    pub applied: Vec<Applied>,
    pub skipped: Vec<Skipped>,
}

/// One logical requirement entry: its physical lines `[start, end)`.
struct Entry {
    start: usize,
    end: usize,
}

fn is_continued(line: &str) -> bool {
    let body = line.strip_suffix('\r').unwrap_or(line);
    let trimmed = body.trim_start();
    !trimmed.starts_with('#') && strip_inline_comment(body).trim_end().ends_with('\\')
}

fn strip_inline_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'#' && (i == 0 || b[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

fn entries(lines: &[&str]) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        while i < lines.len() && is_continued(lines[i]) {
            i += 1;
        }
        i += 1;
        out.push(Entry {
            start,
            end: i.min(lines.len()),
        });
    }
    out
}

/// Splits the requirement line into (name, operator start, version start, version end) byte
/// offsets, for `name[extras] == version ...` lines.
fn pin_span(line: &str) -> Option<(String, usize, usize)> {
    let trimmed_start = line.len() - line.trim_start().len();
    let rest = &line[trimmed_start..];
    if rest.starts_with('-') || rest.starts_with('#') || rest.is_empty() {
        return None;
    }
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(rest.len());
    if name_len == 0 {
        return None;
    }
    let name = &rest[..name_len];
    let mut pos = trimmed_start + name_len;
    // Extras.
    let after = &line[pos..];
    let after_trim = after.trim_start();
    if after_trim.starts_with('[') {
        let close = after.find(']')?;
        pos += close + 1;
    }
    let after = &line[pos..];
    let ws = after.len() - after.trim_start().len();
    let op_at = pos + ws;
    let op_len = if line[op_at..].starts_with("===") {
        3
    } else if line[op_at..].starts_with("==") {
        2
    } else {
        return None;
    };
    let v_rel = &line[op_at + op_len..];
    let v_ws = v_rel.len() - v_rel.trim_start().len();
    let v_start = op_at + op_len + v_ws;
    let v_len = line[v_start..]
        .find(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '\\' | '#'))
        .unwrap_or(line.len() - v_start);
    if v_len == 0 || line[v_start..v_start + v_len].contains('*') {
        return None;
    }
    Some((name.to_string(), v_start, v_start + v_len))
}

fn is_hash_token(tok: &str) -> bool {
    tok.starts_with("--hash=") || tok == "--hash"
}

/// A physical line made only of `--hash` options (and a trailing `\`).
fn is_hash_line(line: &str) -> bool {
    let body = line.trim().trim_end_matches('\\').trim();
    !body.is_empty() && {
        let mut toks = body.split_whitespace().peekable();
        let mut ok = true;
        while let Some(t) = toks.next() {
            if t == "--hash" {
                toks.next();
            } else if !t.starts_with("--hash=") {
                ok = false;
                break;
            }
        }
        ok
    }
}

/// Removes `--hash=...`/`--hash ...` tokens from one line, keeping everything else as written.
fn drop_inline_hashes(line: &str) -> String {
    let (code, comment) = match strip_inline_comment(line).len() {
        n if n < line.len() => (&line[..n], &line[n..]),
        _ => (line, ""),
    };
    let mut out = String::new();
    let mut toks = code.split(' ').peekable();
    let mut first = true;
    while let Some(t) = toks.next() {
        if is_hash_token(t) {
            if t == "--hash" {
                toks.next();
            }
            continue;
        }
        if !first {
            out.push(' ');
        }
        out.push_str(t);
        first = false;
    }
    let mut out = out.trim_end().to_string();
    if !comment.is_empty() {
        out.push_str("  ");
        out.push_str(comment.trim_start());
    }
    out
}

/// Rewrites the exact pins of `upgrades` (keyed by normalized name) in requirements text.
/// Lines that are not affected are kept byte for byte.
pub fn rewrite_requirements(text: &str, upgrades: &BTreeMap<String, Upgrade>) -> Rewrite {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let trailing_newline = text.ends_with('\n');
    let lines: Vec<&str> = text.split('\n').collect();
    let lines: Vec<&str> = if trailing_newline {
        lines[..lines.len() - 1].to_vec()
    } else {
        lines
    };
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut result = Rewrite::default();
    for entry in entries(&lines) {
        let first = lines[entry.start];
        let Some((name, v_start, v_end)) = pin_span(first) else {
            out.extend(lines[entry.start..entry.end].iter().map(|l| l.to_string()));
            continue;
        };
        let key = normalize_name(&name);
        let Some(up) = upgrades.get(&key) else {
            out.extend(lines[entry.start..entry.end].iter().map(|l| l.to_string()));
            continue;
        };
        let from = first[v_start..v_end].to_string();
        let body: Vec<&str> = lines[entry.start..entry.end].to_vec();
        let has_hashes = body.iter().any(|l| {
            strip_inline_comment(l)
                .split_whitespace()
                .any(is_hash_token)
        });
        let line_no = entry.start as u32 + 1;
        if from == up.to {
            out.extend(body.iter().map(|l| l.to_string()));
            continue;
        }
        let new_hashes = match (&up.hashes, has_hashes) {
            (_, false) => None,
            (Some(h), true) if !h.is_empty() => Some(h.clone()),
            _ => {
                result.skipped.push(Skipped {
                    package: key.clone(),
                    to: up.to.clone(),
                    line: line_no,
                    reason: format!(
                        "the entry has --hash options and no hashes for {key} {} could be fetched from the index",
                        up.to
                    ),
                });
                out.extend(body.iter().map(|l| l.to_string()));
                continue;
            }
        };
        let mut rewritten: Vec<String> = body.iter().map(|l| l.to_string()).collect();
        rewritten[0] = format!("{}{}{}", &first[..v_start], up.to, &first[v_end..]);
        if let Some(hashes) = &new_hashes {
            rewritten = replace_hashes(&rewritten, hashes);
        }
        result.applied.push(Applied {
            package: key,
            from,
            to: up.to.clone(),
            line: line_no,
            hashes_replaced: new_hashes.is_some(),
        });
        out.extend(rewritten);
    }
    let mut text_out = out.join(newline);
    if trailing_newline {
        text_out.push_str(newline);
    }
    result.text = text_out;
    result
}

/// Replaces every `--hash` of an entry with `hashes`, in the entry's own layout: one per
/// continuation line when the hashes had lines of their own, inline otherwise.
fn replace_hashes(lines: &[String], hashes: &[String]) -> Vec<String> {
    let hash_lines: Vec<usize> = (0..lines.len())
        .filter(|&i| i > 0 && is_hash_line(&lines[i]))
        .collect();
    let tokens: Vec<String> = hashes.iter().map(|h| format!("--hash={h}")).collect();
    if !hash_lines.is_empty() {
        let indent: String = lines[hash_lines[0]]
            .chars()
            .take_while(|c| c.is_whitespace())
            .collect();
        let mut out: Vec<String> = Vec::new();
        let last_kept = (0..lines.len())
            .filter(|i| !hash_lines.contains(i))
            .collect::<Vec<_>>();
        let mut inserted = false;
        for (i, line) in lines.iter().enumerate() {
            if hash_lines.contains(&i) {
                if !inserted {
                    inserted = true;
                    let more_after = last_kept.iter().any(|&k| k > i);
                    for (n, t) in tokens.iter().enumerate() {
                        let cont = n + 1 < tokens.len() || more_after;
                        out.push(format!("{indent}{t}{}", if cont { " \\" } else { "" }));
                    }
                }
                continue;
            }
            // Inline hashes on other lines of the entry go too.
            out.push(
                if strip_inline_comment(line)
                    .split_whitespace()
                    .any(is_hash_token)
                {
                    let kept = drop_inline_hashes(line.trim_end_matches('\\').trim_end());
                    if line.trim_end().ends_with('\\') {
                        format!("{kept} \\")
                    } else {
                        kept
                    }
                } else {
                    line.clone()
                },
            );
        }
        return out;
    }
    // All hashes inline: put the new ones where the first one was.
    let mut out: Vec<String> = Vec::new();
    let mut placed = false;
    for line in lines {
        let code = strip_inline_comment(line);
        if !code.split_whitespace().any(is_hash_token) {
            out.push(line.clone());
            continue;
        }
        let continued = code.trim_end().ends_with('\\');
        let comment = &line[code.len()..];
        let mut kept = drop_inline_hashes(code.trim_end().trim_end_matches('\\').trim_end());
        if !placed {
            placed = true;
            kept.push(' ');
            kept.push_str(&tokens.join(" "));
        }
        if continued {
            kept.push_str(" \\");
        }
        if !comment.is_empty() {
            kept.push(' ');
            kept.push_str(comment.trim_start());
        }
        out.push(kept);
    }
    out
}

/// A unified diff of `old` → `new` labelled with `path`, or an empty string when equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ups(items: &[(&str, &str, Option<&[&str]>)]) -> BTreeMap<String, Upgrade> {
        items
            .iter()
            .map(|(n, v, h)| {
                (
                    n.to_string(),
                    Upgrade {
                        to: v.to_string(),
                        hashes: h.map(|h| h.iter().map(|s| s.to_string()).collect()),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn keeps_comments_markers_order_and_continuations() {
        let text = "# top comment\n-i https://pypi.org/simple\nDjango[argon2] == 3.2.0 ; python_version >= \"3.8\"  # keep me\nflask==2.2.2\\\n    ; sys_platform == \"linux\"\nrequests>=2\n";
        let r = rewrite_requirements(
            text,
            &ups(&[("django", "3.2.25", None), ("flask", "2.3.2", None)]),
        );
        assert_eq!(
            r.text,
            "# top comment\n-i https://pypi.org/simple\nDjango[argon2] == 3.2.25 ; python_version >= \"3.8\"  # keep me\nflask==2.3.2\\\n    ; sys_platform == \"linux\"\nrequests>=2\n"
        );
        assert_eq!(r.applied.len(), 2);
        assert_eq!(r.applied[0].from, "3.2.0");
        assert_eq!(r.applied[0].line, 3);
        assert!(r.skipped.is_empty());
    }

    #[test]
    fn hash_lines_are_replaced_in_place() {
        let text = "requests==2.28.1 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\n    # via app\nidna==3.4\n";
        let r = rewrite_requirements(
            text,
            &ups(&[(
                "requests",
                "2.32.3",
                Some(&["sha256:cc", "sha256:dd", "sha256:ee"]),
            )]),
        );
        assert_eq!(
            r.text,
            "requests==2.32.3 \\\n    --hash=sha256:cc \\\n    --hash=sha256:dd \\\n    --hash=sha256:ee\n    # via app\nidna==3.4\n"
        );
        assert!(r.applied[0].hashes_replaced);
    }

    #[test]
    fn inline_hashes_and_missing_hashes() {
        let text = "a==1 --hash=sha256:x --hash=sha256:y\nb==1 --hash=sha256:z\r\n";
        let r = rewrite_requirements(
            text,
            &ups(&[("a", "2", Some(&["sha256:n"])), ("b", "2", None)]),
        );
        assert_eq!(r.text, "a==2 --hash=sha256:n\r\nb==1 --hash=sha256:z\r\n");
        assert_eq!(r.skipped.len(), 1);
        assert_eq!(r.skipped[0].package, "b");
    }

    #[test]
    fn diff_is_unified() {
        let d = unified_diff("r.txt", "a==1\nb==1\n", "a==2\nb==1\n");
        assert!(d.contains("--- a/r.txt"), "{d}");
        assert!(d.contains("-a==1\n+a==2\n"), "{d}");
        assert_eq!(unified_diff("r.txt", "x", "x"), "");
    }
}

/// One requirements file `--fix` rewrites.
#[derive(Debug, Clone)]
pub struct FileRewrite {
    /// The file, as read.
    pub path: PathBuf,
    /// The file as shown in the report (relative to the scan root).
    pub shown: String,
    /// The rewritten text, and what changed or could not.
    pub rewrite: Rewrite,
    /// The unified diff from the old text (empty when nothing changes).
    pub diff: String,
}

/// A lockfile `--fix` cannot edit, and the lock tool's command that upgrades it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockCommand {
    pub lockfile: String,
    pub command: String,
}

/// A vulnerable pin no released version clears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfixable {
    pub package: String,
    pub version: String,
    pub advisories: Vec<String>,
}

/// What `--fix` would change, computed without writing anything ([`plan`]); [`apply`] writes
/// it, and `--dry-run` only shows it.
#[derive(Debug, Clone, Default)]
pub struct FixPlan {
    pub unfixable: Vec<Unfixable>,
    /// Requirements files with pins to raise, in path order.
    pub files: Vec<FileRewrite>,
    pub lock_commands: Vec<LockCommand>,
}

impl FixPlan {
    /// The lines to show, in order: pins without a fix, then per file its skipped pins and its
    /// diff, then the lockfiles' upgrade commands. Not redacted.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for u in &self.unfixable {
            lines.push(format!(
                "fix: {} {}: no released version clears {}",
                u.package,
                u.version,
                u.advisories.join(", ")
            ));
        }
        for file in &self.files {
            for s in &file.rewrite.skipped {
                lines.push(format!(
                    "fix: {}:{}: {} not changed: {}",
                    file.shown, s.line, s.package, s.reason
                ));
            }
            if !file.diff.is_empty() {
                lines.push(file.diff.trim_end().to_string());
            }
        }
        for c in &self.lock_commands {
            lines.push(format!(
                "fix: {} is a lockfile; upgrade with: {}",
                c.lockfile, c.command
            ));
        }
        lines
    }

    /// The `fix` entry of the report's stats.
    pub fn stats(&self, dry_run: bool) -> serde_json::Value {
        let mut applied = Vec::new();
        let mut skipped: Vec<serde_json::Value> = self
            .unfixable
            .iter()
            .map(|u| serde_json::json!({"package": u.package, "reason": "no fixed version"}))
            .collect();
        for file in &self.files {
            let shown = &file.shown;
            for s in &file.rewrite.skipped {
                skipped.push(serde_json::json!({
                    "path": shown, "line": s.line, "package": s.package, "to": s.to, "reason": s.reason,
                }));
            }
            for a in &file.rewrite.applied {
                applied.push(serde_json::json!({
                    "path": shown, "line": a.line, "package": a.package, "from": a.from, "to": a.to,
                    "hashes_replaced": a.hashes_replaced,
                }));
            }
        }
        let commands: Vec<serde_json::Value> = self
            .lock_commands
            .iter()
            .map(|c| serde_json::json!({"lockfile": c.lockfile, "command": c.command}))
            .collect();
        let dedup: BTreeSet<String> = applied.iter().map(|v| v.to_string()).collect();
        serde_json::json!({
            "dry_run": dry_run,
            "applied": applied,
            "skipped": skipped,
            "commands": commands,
            "changed_entries": dedup.len(),
        })
    }
}

/// `--fix`, first step: what would change. Every vulnerable exact pin in a requirements file is
/// raised to the smallest version that clears every advisory (with new hashes from the index
/// when the entry carries `--hash`); a lockfile gets its lock tool's upgrade command. Advisories
/// come from `advisories`, so what the audit already read is not queried again.
///
/// Files are read only inside `scan_root`; one that cannot be read is a report error, and the
/// rest is still planned. Nothing is written.
pub fn plan(
    manifests: &[Manifest],
    advisories: &mut AdvisoryCache<'_>,
    default_index: &dyn Fn(&Manifest) -> String,
    cache: &mut ProjectCache,
    root: &Path,
    scan_root: &Root,
    report: &mut Report,
) -> Result<FixPlan, crate::DepsError> {
    let mut plan = FixPlan::default();
    let mut per_file: BTreeMap<PathBuf, BTreeMap<String, Upgrade>> = BTreeMap::new();
    let mut lock_upgrades: BTreeMap<(PathBuf, ManifestKind), BTreeMap<String, String>> =
        BTreeMap::new();
    for manifest in manifests {
        let lockish = manifest.kind.is_lockfile();
        if manifest.kind != ManifestKind::Requirements && !lockish {
            continue;
        }
        let index = default_index(manifest);
        for dep in &manifest.dependencies {
            let Some(version) = &dep.version else {
                continue;
            };
            if !dep.source.is_registry()
                || !matches!(dep.state, DepState::Pinned | DepState::Locked)
            {
                continue;
            }
            let hits = advisories.for_version(&dep.normalized, version)?.to_vec();
            if hits.is_empty() {
                continue;
            }
            let all = advisories.for_package(&dep.normalized)?;
            let Some(to) = smallest_fix(all, version).or_else(|| smallest_fix(&hits, version))
            else {
                plan.unfixable.push(Unfixable {
                    package: dep.normalized.clone(),
                    version: version.clone(),
                    advisories: hits.iter().map(|a| a.id.clone()).collect(),
                });
                continue;
            };
            if lockish {
                lock_upgrades
                    .entry((manifest.path.clone(), manifest.kind))
                    .or_default()
                    .insert(dep.normalized.clone(), to);
                continue;
            }
            let hashes = if dep.hashes.is_empty() {
                None
            } else {
                let idx = index_for(dep, &index).to_string();
                match cache.get(&idx, &dep.normalized) {
                    Ok(project) => Some(project.sha256_hashes(&to)).filter(|h| !h.is_empty()),
                    Err(e) => {
                        report.warnings.push(format!("--fix: {e}"));
                        None
                    }
                }
            };
            per_file
                .entry(dep.origin.clone())
                .or_default()
                .insert(dep.normalized.clone(), Upgrade { to, hashes });
        }
    }
    for (path, upgrades) in &per_file {
        let shown = relative(path, root);
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
        let text = match scan_root.read_text(&absolute, pyward_core::fs::MAX_FILE_SIZE) {
            Ok(t) => t,
            Err(e) => {
                report.errors.push(ScanError {
                    path: shown.clone(),
                    message: format!("--fix: {}, not rewritten", e.reason()),
                });
                continue;
            }
        };
        let rewrite = rewrite_requirements(&text, upgrades);
        let diff = unified_diff(&shown, &text, &rewrite.text);
        plan.files.push(FileRewrite {
            path: path.clone(),
            shown,
            rewrite,
            diff,
        });
    }
    for ((path, kind), ups) in &lock_upgrades {
        let shown = relative(path, root);
        let dir = path
            .parent()
            .map(|p| relative(p, root))
            .filter(|d| !d.is_empty() && d != ".");
        let command = lock_upgrade_command(*kind, dir.as_deref(), &shown, ups);
        plan.lock_commands.push(LockCommand {
            lockfile: shown,
            command,
        });
    }
    Ok(plan)
}

/// `--fix`, second step: writes every changed file of `plan` atomically inside `scan_root`
/// ([`write_atomic`]). A write that fails is a report error; the other files are still written.
pub fn apply(plan: &FixPlan, scan_root: &Root, report: &mut Report) {
    for file in plan.files.iter().filter(|f| !f.diff.is_empty()) {
        if let Err(e) = write_atomic(&file.path, file.rewrite.text.as_bytes(), scan_root) {
            report.errors.push(ScanError {
                path: file.shown.clone(),
                message: format!("--fix: {e}"),
            });
        }
    }
}

/// `--fix` in one call: [`plan`], then [`apply`] unless `dry_run`; records the plan in the
/// report's stats and returns the lines to show.
#[allow(clippy::too_many_arguments)]
pub fn fix_pins(
    manifests: &[Manifest],
    advisories: &mut AdvisoryCache<'_>,
    default_index: &dyn Fn(&Manifest) -> String,
    cache: &mut ProjectCache,
    dry_run: bool,
    root: &Path,
    scan_root: &Root,
    report: &mut Report,
) -> Result<FixPlan, crate::DepsError> {
    let plan = plan(
        manifests,
        advisories,
        default_index,
        cache,
        root,
        scan_root,
        report,
    )?;
    if !dry_run {
        apply(&plan, scan_root, report);
    }
    report.stats.insert("fix".into(), plan.stats(dry_run));
    Ok(plan)
}

/// Quotes `arg` for a POSIX shell: returned as is when it holds only characters no shell
/// interprets, else in single quotes (a `'` inside becomes `'\''`). A directory named
/// `a$(touch PWNED)` can then be pasted into a terminal safely.
pub fn shell_quote(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'-' | b'_' | b'.' | b'/' | b'=' | b'+' | b',' | b':' | b'@' | b'%'
                )
        });
    if plain {
        return arg.to_string();
    }
    format!("'{}'", arg.replace('\'', r"'\''"))
}

/// The lock tool's upgrade command for `upgrades` (name → version) in a lockfile of `kind`,
/// run from `dir` (relative, shown) when given. Every interpolated value is shell-quoted.
pub fn lock_upgrade_command(
    kind: ManifestKind,
    dir: Option<&str>,
    lockfile: &str,
    upgrades: &BTreeMap<String, String>,
) -> String {
    let names = || {
        upgrades
            .keys()
            .map(|n| format!(" {}", shell_quote(n)))
            .collect::<String>()
    };
    let cmd = match kind {
        ManifestKind::UvLock => format!(
            "uv lock{}",
            upgrades
                .iter()
                .map(|(n, v)| format!(" --upgrade-package {}", shell_quote(&format!("{n}=={v}"))))
                .collect::<String>()
        ),
        ManifestKind::PoetryLock => format!("poetry update{}", names()),
        ManifestKind::PdmLock => format!("pdm update{}", names()),
        ManifestKind::PipfileLock => format!("pipenv update{}", names()),
        _ => {
            // pylock.toml is exported, not resolved: regenerate it with the tool that wrote it.
            // A comment: nothing in it runs, but a newline would end it, so none is kept.
            let wanted = upgrades
                .iter()
                .map(|(n, v)| format!("{n}>={v}"))
                .collect::<Vec<_>>()
                .join(" ");
            let line = format!("# upgrade {wanted} in the project, then re-export {lockfile}");
            return line.replace(['\n', '\r'], " ");
        }
    };
    match dir {
        Some(d) => format!("(cd {} && {cmd})", shell_quote(d)),
        None => cmd,
    }
}

/// Why `--fix` did not write a file.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{}: {reason}, not rewritten", path.display())]
    Refused {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error("{}: {source}", path.display())]
    Io {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Replaces the file at `path` (inside `root`) with `contents` atomically: the new text goes to
/// a randomly named temporary file in the same directory, gets the old file's permissions, and
/// is renamed over the old one, so a failed write never leaves a truncated file.
///
/// A file outside `root` (pulled in by `-r /abs/path`) is refused, and so is a symlink whose
/// target leaves the root; a symlink inside the root is kept and its target replaced.
pub fn write_atomic(
    path: &std::path::Path,
    contents: &[u8],
    root: &pyward_core::fs::Root,
) -> Result<(), WriteError> {
    use std::io::Write;
    let refused = |reason: String| WriteError::Refused {
        path: path.to_path_buf(),
        reason,
    };
    let io = |source: std::io::Error| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let absolute = std::path::absolute(path).map_err(io)?;
    let real = root.confine(&absolute).map_err(|e| refused(e.reason()))?;
    let meta = std::fs::metadata(&real).map_err(io)?;
    if !meta.is_file() {
        return Err(refused(format!(
            "not a regular file ({})",
            pyward_core::fs::file_kind(&meta)
        )));
    }
    let dir = real
        .parent()
        .ok_or_else(|| refused("no parent directory".into()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".pyward-fix-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(contents).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(io)?;
    // On error the temporary file is removed when `tmp` is dropped.
    tmp.persist(&real).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod safe_write_tests {
    use super::*;

    #[test]
    fn quotes_for_posix_shells() {
        assert_eq!(shell_quote("requests==2.32.0"), "requests==2.32.0");
        assert_eq!(shell_quote("a$(touch PWNED)"), "'a$(touch PWNED)'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("a b;c`d`"), "'a b;c`d`'");
        let mut ups = BTreeMap::new();
        ups.insert("jinja2".to_string(), "3.1.6".to_string());
        let cmd = lock_upgrade_command(
            pyward_manifest::ManifestKind::UvLock,
            Some("a$(touch PWNED)"),
            "a$(touch PWNED)/uv.lock",
            &ups,
        );
        assert_eq!(
            cmd,
            "(cd 'a$(touch PWNED)' && uv lock --upgrade-package jinja2==3.1.6)"
        );
    }

    #[cfg(unix)]
    #[test]
    fn writes_atomically_inside_the_root_only() {
        use std::os::unix::fs::PermissionsExt;
        let outer = tempfile::tempdir().unwrap();
        let proj = outer.path().join("proj");
        std::fs::create_dir_all(&proj).unwrap();
        let root = pyward_core::fs::Root::new(&proj).unwrap();
        let file = proj.join("requirements.txt");
        std::fs::write(&file, "a==1\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&file, b"a==2\n", &root).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "a==2\n");
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(&proj).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);

        // Outside the root: refused, untouched.
        let outside = outer.path().join("base.txt");
        std::fs::write(&outside, "b==1\n").unwrap();
        assert!(matches!(
            write_atomic(&outside, b"b==2\n", &root),
            Err(WriteError::Refused { .. })
        ));
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "b==1\n");

        // A symlink leaving the root: refused; one inside: its target is replaced.
        let link_out = proj.join("out.txt");
        std::os::unix::fs::symlink(&outside, &link_out).unwrap();
        assert!(write_atomic(&link_out, b"b==3\n", &root).is_err());
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "b==1\n");
        let link_in = proj.join("in.txt");
        std::os::unix::fs::symlink("requirements.txt", &link_in).unwrap();
        write_atomic(&link_in, b"a==3\n", &root).unwrap();
        assert!(
            std::fs::symlink_metadata(&link_in)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "a==3\n");
    }
}
