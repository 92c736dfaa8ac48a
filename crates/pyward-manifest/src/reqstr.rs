//! One requirement string (PEP 508, or pip's bare URL / path forms) → a [`Dependency`].

use std::path::Path;

use pep440_rs::{Operator, VersionSpecifiers};
use pep508_rs::{Requirement, VersionOrUrl};

use crate::markers::Evaluator;
use crate::{DepSource, DepState, Dependency, normalize_name};

/// A parsed requirement and whether its marker holds for the target.
pub(crate) struct Parsed {
    pub dep: Dependency,
    pub applies: bool,
}

/// If `specs` is a single exact pin (`==1.2.3`, `===x`), its version.
pub(crate) fn exact_version(specs: &VersionSpecifiers) -> Option<String> {
    match &specs[..] {
        [one] if matches!(one.operator(), Operator::Equal | Operator::ExactEqual) => {
            Some(one.version().to_string())
        }
        _ => None,
    }
}

/// Applies a textual specifier to a dependency: exact pins become `version` + `Pinned`.
pub(crate) fn apply_specifier(dep: &mut Dependency, spec: &str) {
    let spec = spec.trim();
    if spec.is_empty() || spec == "*" {
        return;
    }
    if let Ok(specs) = spec.parse::<VersionSpecifiers>() {
        if let Some(v) = exact_version(&specs) {
            dep.version = Some(v);
            dep.state = DepState::Pinned;
            return;
        }
        dep.specifier = Some(specs.to_string());
        return;
    }
    // `===` with a non-PEP 440 version, or something exotic: keep it verbatim.
    if let Some(v) = spec.strip_prefix("===") {
        dep.version = Some(v.trim().to_string());
        dep.state = DepState::Pinned;
    } else {
        dep.specifier = Some(spec.to_string());
    }
}

/// The name as written at the start of a requirement string.
fn written_name(s: &str) -> &str {
    let s = s.trim_start();
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(s.len());
    s[..end].trim_end_matches(['.', '-', '_'])
}

const VCS_PREFIXES: &[&str] = &["git+", "hg+", "svn+", "bzr+"];

pub(crate) fn is_vcs(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    VCS_PREFIXES.iter().any(|p| lower.starts_with(p))
}

fn is_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("ftp://")
}

fn is_file_url(s: &str) -> bool {
    s.to_ascii_lowercase().starts_with("file:")
}

pub(crate) fn looks_like_path(s: &str) -> bool {
    let b = s.as_bytes();
    s == "."
        || s == ".."
        || s.starts_with("./")
        || s.starts_with("../")
        || s.starts_with(".\\")
        || s.starts_with("..\\")
        || s.starts_with('/')
        || s.starts_with('~')
        || (b.len() > 2
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && matches!(b[2], b'\\' | b'/'))
        || ((s.contains('/') || s.contains('\\'))
            && !s.contains("://")
            && !s.contains(" @ ")
            && !s.contains('@'))
        || [".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz"]
            .iter()
            .any(|ext| s.to_ascii_lowercase().ends_with(ext))
}

/// Classifies a direct reference; returns the source and why it cannot be audited.
pub(crate) fn classify_reference(url: &str) -> (DepSource, String) {
    if is_vcs(url) {
        (
            DepSource::Vcs(url.to_string()),
            "VCS requirement: not a released version on an index".to_string(),
        )
    } else if is_url(url) {
        (
            DepSource::Url(url.to_string()),
            "direct URL requirement: not resolved through an index".to_string(),
        )
    } else {
        (
            DepSource::Path(url.to_string()),
            "local path requirement: not a released version on an index".to_string(),
        )
    }
}

/// The `#egg=name` fragment of a URL.
pub(crate) fn egg_name(url: &str) -> Option<String> {
    let frag = url.split_once('#')?.1;
    frag.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == "egg" && !v.is_empty()).then(|| v.split('[').next().unwrap_or(v).to_string())
    })
}

/// A project name guessed from an archive or directory name (`pkg-1.0-py3-none-any.whl`).
pub(crate) fn name_from_location(loc: &str) -> Option<String> {
    let no_frag = loc.split(['#', '?']).next().unwrap_or(loc);
    let no_ref = if is_vcs(no_frag) {
        // git+https://host/org/repo.git@v1 -> repo
        let tail = no_frag.rsplit('/').next().unwrap_or(no_frag);
        tail.split('@').next().unwrap_or(tail).to_string()
    } else {
        no_frag
            .trim_end_matches(['/', '\\'])
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(no_frag)
            .to_string()
    };
    let base = no_ref.trim_end_matches(".git");
    let lower = base.to_ascii_lowercase();
    let name = if lower.ends_with(".whl") {
        base.split('-').next().unwrap_or(base).to_string()
    } else if let Some(stem) = [".tar.gz", ".zip", ".tar.bz2", ".tgz"]
        .iter()
        .find_map(|ext| {
            lower
                .ends_with(ext)
                .then(|| &base[..base.len() - ext.len()])
        })
    {
        match stem.rsplit_once('-') {
            Some((n, v)) if v.starts_with(|c: char| c.is_ascii_digit()) => n.to_string(),
            _ => stem.to_string(),
        }
    } else {
        base.to_string()
    };
    let name = name.trim();
    (!name.is_empty() && name != "." && name != "..").then(|| name.to_string())
}

/// Splits a trailing `; marker` off a non-PEP 508 requirement (URL or path).
fn split_marker(s: &str) -> (&str, Option<&str>) {
    if let Some(i) = s.find(" ;").or_else(|| s.find("; ")) {
        let (a, b) = s.split_at(i);
        let m = b.trim_start().trim_start_matches(';').trim();
        (a.trim(), (!m.is_empty()).then_some(m))
    } else {
        (s.trim(), None)
    }
}

/// Rejects marker strings that `pep508_rs` 0.9 would panic on instead of returning an error:
/// its marker parser slices by a character count as if it were a byte count, so a non-ASCII
/// character in the wrong place (`os_name == 'a' andé`) splits a UTF-8 sequence. PEP 508
/// markers are ASCII in practice. Found by fuzzing.
pub(crate) fn pep508_marker_error(s: &str) -> Option<String> {
    s.chars()
        .find(|c| !c.is_ascii())
        .map(|c| format!("non-ASCII character {c:?} in an environment marker"))
}

/// Rejects requirement strings that `pep508_rs` 0.9 would panic on instead of returning an
/// error: a package name or extra that ends in `.`, `-` or `_` and is followed by more text
/// (`six.>1`, `a[x-]`; invalid PEP 508 anyway), and non-ASCII characters in a marker (see
/// [`pep508_marker_error`]). Found by fuzzing.
pub(crate) fn pep508_name_error(s: &str) -> Option<String> {
    if let Some((_, marker)) = s.split_once(';')
        && let Some(err) = pep508_marker_error(marker)
    {
        return Some(err);
    }
    let is_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    let ends_badly = |ident: &str| ident.ends_with(['.', '-', '_']);
    let s = s.trim_start();
    let end = s.find(|c| !is_name(c)).unwrap_or(s.len());
    let (name, rest) = s.split_at(end);
    if ends_badly(name) {
        return Some(format!(
            "package name `{name}` must end with a letter or digit"
        ));
    }
    if let Some(extras) = rest.trim_start().strip_prefix('[') {
        let extras = extras.split(']').next().unwrap_or(extras);
        for extra in extras.split(',').map(str::trim_start) {
            // The identifier pep508_rs reads as the extra's name (it stops at whitespace or any
            // other character); it panics on one that ends badly, so refuse it first.
            let ident = &extra[..extra.find(|c| !is_name(c)).unwrap_or(extra.len())];
            if ends_badly(ident) {
                return Some(format!("extra `{ident}` must end with a letter or digit"));
            }
            if ident.starts_with(['.', '-', '_']) {
                return Some(format!("extra `{ident}` must start with a letter or digit"));
            }
        }
    }
    None
}

/// Parses one requirement string as found in requirements files, `pyproject.toml` arrays and
/// PEP 723 blocks. `base_dir` resolves relative `file:` URLs.
pub(crate) fn parse_requirement(
    s: &str,
    base_dir: &Path,
    origin: &Path,
    eval: &Evaluator,
) -> Result<Parsed, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("empty requirement".into());
    }
    let bare = is_vcs(s) || is_url(s) || is_file_url(s) || (looks_like_path(s) && !s.contains('@'));
    let pep508_err = if bare {
        None
    } else if let Some(err) = pep508_name_error(s) {
        Some(err)
    } else {
        match Requirement::<pep508_rs::VerbatimUrl>::parse(s, base_dir) {
            Ok(req) => return Ok(from_pep508(s, &req, origin, eval)),
            Err(e) => Some(e.message.to_string()),
        }
    };
    // pip's bare forms: a URL, a VCS URL or a path, optionally with `#egg=` and `; marker`.
    let (loc, marker) = split_marker(s);
    if let Some(err) = pep508_err {
        // Something that is neither PEP 508 nor a reference pip would accept.
        if !(loc.contains('/') || loc.contains('\\') || loc.contains(':')) {
            return Err(err);
        }
    }
    // `name @ ./local/path` (not PEP 508 without a URL scheme, but pip accepts it).
    let (named, loc) = match loc.split_once(" @ ") {
        Some((n, r)) => (
            Some(n.split('[').next().unwrap_or(n).trim().to_string()),
            r.trim(),
        ),
        None => (None, loc),
    };
    let name = named
        .or_else(|| egg_name(loc))
        .or_else(|| name_from_location(loc))
        .unwrap_or_else(|| loc.to_string());
    let mut dep = Dependency::new(&name, origin);
    let (source, reason) = classify_reference(loc);
    dep.source = source;
    dep.unauditable = Some(reason);
    let mut applies = true;
    if let Some(m) = marker {
        dep.marker = Some(m.to_string());
        applies = eval.eval_str(m)?;
    }
    Ok(Parsed { dep, applies })
}

fn from_pep508(
    raw: &str,
    req: &Requirement<pep508_rs::VerbatimUrl>,
    origin: &Path,
    eval: &Evaluator,
) -> Parsed {
    let written = written_name(raw);
    let name = if normalize_name(written) == req.name.to_string() {
        written.to_string()
    } else {
        req.name.to_string()
    };
    let mut dep = Dependency::new(&name, origin);
    dep.extras = req.extras.iter().map(|e| e.to_string()).collect();
    match &req.version_or_url {
        None => {}
        Some(VersionOrUrl::VersionSpecifier(specs)) => {
            if let Some(v) = exact_version(specs) {
                dep.version = Some(v);
                dep.state = DepState::Pinned;
            } else if !specs.is_empty() {
                dep.specifier = Some(specs.to_string());
            }
        }
        Some(VersionOrUrl::Url(url)) => {
            let text = url.given().map_or_else(|| url.to_string(), str::to_string);
            let (source, reason) = classify_reference(&text);
            dep.source = source;
            dep.unauditable = Some(reason);
        }
    }
    dep.marker = req.marker.try_to_string().map(|normalized| {
        raw_marker(
            raw,
            matches!(req.version_or_url, Some(VersionOrUrl::Url(_))),
        )
        .unwrap_or(normalized)
    });
    let applies = eval.tree(&req.marker);
    Parsed { dep, applies }
}

/// The marker as written after `;` (after the URL for `name @ url ; marker`).
fn raw_marker(raw: &str, has_url: bool) -> Option<String> {
    let tail = if has_url {
        let after = &raw[raw.find('@')?..];
        let i = after
            .find(" ;")
            .map(|i| i + 1)
            .or_else(|| after.find("; "))?;
        &after[i + 1..]
    } else {
        raw.split_once(';')?.1
    };
    let m = tail.trim();
    (!m.is_empty()).then(|| m.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_locations() {
        assert_eq!(
            name_from_location("https://x/y/Flask-2.0.1-py3-none-any.whl").as_deref(),
            Some("Flask")
        );
        assert_eq!(
            name_from_location("https://x/pkg_a-1.0.tar.gz").as_deref(),
            Some("pkg_a")
        );
        assert_eq!(
            name_from_location("git+https://github.com/org/repo.git@v1").as_deref(),
            Some("repo")
        );
        assert_eq!(
            name_from_location("./libs/mylib/").as_deref(),
            Some("mylib")
        );
        assert_eq!(
            egg_name("git+https://h/r.git@main#egg=foo[x]").as_deref(),
            Some("foo")
        );
    }
}
