//! Static reading of setuptools metadata: `setup.cfg` (`[options] install_requires`,
//! `[options.extras_require]`) and literal `install_requires` / `extras_require` arguments of
//! the `setup()` call in `setup.py`. `setup.py` is parsed, never executed; a value that is not a
//! literal (a function call, a file read) is reported as not audited.

use std::path::Path;

use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

use crate::markers::Evaluator;
use crate::reqstr;
use crate::text::{LineIndex, safe_excerpt, safe_text};
use crate::{Manifest, ManifestError, ManifestKind, Target};

/// `setup.py` files larger than this are not parsed (a real one is a few KB; a huge one is
/// more likely an attempt to exhaust the parser).
const MAX_SETUP_PY: usize = 1024 * 1024;
/// Bracket nesting deeper than this is refused before parsing (the parser recurses).
const MAX_NESTING: usize = 200;

fn add_requirement(
    m: &mut Manifest,
    eval: &Evaluator,
    path: &Path,
    spec: &str,
    line: u32,
    group: &str,
) {
    let base_dir = path.parent().unwrap_or(Path::new(""));
    match reqstr::parse_requirement(spec, base_dir, path, eval) {
        Ok(parsed) => {
            let mut dep = parsed.dep;
            dep.line = Some(line);
            dep.column = Some(1);
            dep.group = Some(group.to_string());
            dep.direct = true;
            crate::push_dep(m, dep, parsed.applies);
        }
        Err(e) => m.error(
            path,
            Some(line),
            format!(
                "cannot parse requirement `{}`: {}; not audited",
                safe_excerpt(spec),
                safe_text(&e, 100)
            ),
        ),
    }
}

/// Parses `setup.cfg` (INI): `install_requires` under `[options]` and every key of
/// `[options.extras_require]`, as multi-line or `;`-free single-line lists.
pub(crate) fn parse_setup_cfg(
    text: &str,
    path: &Path,
    target: &Target,
) -> Result<Manifest, ManifestError> {
    let mut m = Manifest::new(path, ManifestKind::SetupCfg);
    let eval = Evaluator::new(target);
    let mut section = String::new();
    // The key whose value continues on indented lines: (group).
    let mut current: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i as u32 + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        let indented = raw.starts_with([' ', '\t']);
        if indented {
            if let Some(group) = &current {
                let spec = strip_inline_comment(trimmed);
                if !spec.is_empty() {
                    let group = group.clone();
                    add_requirement(&mut m, &eval, path, spec, line, &group);
                }
            }
            continue;
        }
        current = None;
        if let Some(name) = trimmed.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            section = name.trim().to_ascii_lowercase();
            continue;
        }
        let Some((key, value)) = trimmed.split_once(['=', ':']) else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase().replace('-', "_");
        let group = match (section.as_str(), key.as_str()) {
            ("options", "install_requires") => "main".to_string(),
            ("options", "python_requires") => {
                m.requires_python = Some(value.trim().to_string());
                continue;
            }
            ("options.extras_require", extra) => extra.to_string(),
            _ => continue,
        };
        let value = strip_inline_comment(value.trim());
        if let Some(file) = value.strip_prefix("file:") {
            m.error(
                path,
                Some(line),
                format!(
                    "`{key} = file: {}` is not followed; audit that file directly",
                    safe_text(file.trim(), 80)
                ),
            );
            continue;
        }
        if !value.is_empty() {
            add_requirement(&mut m, &eval, path, value, line, &group);
        }
        current = Some(group);
    }
    Ok(m)
}

fn strip_inline_comment(s: &str) -> &str {
    match s.find(" #") {
        Some(i) => s[..i].trim(),
        None => s.trim(),
    }
}

/// The deepest bracket nesting of `text` (strings are not skipped: an over-estimate is fine).
fn nesting(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Reads literal `install_requires` / `extras_require` of `setup(...)` in `setup.py`.
pub(crate) fn parse_setup_py(
    text: &str,
    path: &Path,
    target: &Target,
) -> Result<Manifest, ManifestError> {
    let mut m = Manifest::new(path, ManifestKind::SetupPy);
    if text.len() > MAX_SETUP_PY || nesting(text) > MAX_NESTING {
        m.error(
            path,
            None,
            "setup.py is too large or too deeply nested to read statically; not audited",
        );
        return Ok(m);
    }
    // The parser (and dropping its tree) recurses on nesting: everything runs on a thread with
    // a deep stack of its own, and no tree leaves it, so no input can overflow pyward's stack.
    let (owned, owned_path, owned_target) = (text.to_string(), path.to_path_buf(), target.clone());
    std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || read_setup_py(&owned, &owned_path, &owned_target, m))
        .map_err(|e| ManifestError::Invalid {
            path: path.to_path_buf(),
            message: format!("cannot start the parser: {e}"),
        })?
        .join()
        .map_err(|_| ManifestError::Invalid {
            path: path.to_path_buf(),
            message: "the Python parser failed".into(),
        })?
}

fn read_setup_py(
    text: &str,
    path: &Path,
    target: &Target,
    mut m: Manifest,
) -> Result<Manifest, ManifestError> {
    let body = ruff_python_parser::parse_module(text)
        .map(|p| p.into_syntax().body)
        .map_err(|e| ManifestError::Invalid {
            path: path.to_path_buf(),
            message: format!("not valid Python: {}", safe_text(&e.error.to_string(), 120)),
        })?;
    let idx = LineIndex::new(text);
    let eval = Evaluator::new(target);
    let reader = SetupReader {
        body: &body,
        idx: &idx,
    };
    let mut calls = Vec::new();
    collect_setup_calls(&body, &mut calls, 0);
    for call in calls {
        for kw in &*call.arguments.keywords {
            let Some(name) = kw.arg.as_ref().map(|a| a.as_str()) else {
                continue;
            };
            let line = idx.line(kw.range().start().to_usize());
            match name {
                "install_requires" => match reader.strings(&kw.value, 0) {
                    Some(specs) => {
                        for (spec, l) in specs {
                            add_requirement(&mut m, &eval, path, &spec, l, "main");
                        }
                    }
                    None => m.error(
                        path,
                        Some(line),
                        "`install_requires` is not a literal list; not audited (setup.py is never executed)",
                    ),
                },
                "extras_require" => match reader.extras(&kw.value) {
                    Some(extras) => {
                        for (extra, specs) in extras {
                            for (spec, l) in specs {
                                add_requirement(&mut m, &eval, path, &spec, l, &extra);
                            }
                        }
                    }
                    None => m.error(
                        path,
                        Some(line),
                        "`extras_require` is not a literal dict of lists; not audited",
                    ),
                },
                "python_requires" => {
                    if let Some(Expr::StringLiteral(s)) = Some(&kw.value) {
                        m.requires_python = Some(s.value.to_str().to_string());
                    }
                }
                _ => {}
            }
        }
    }
    Ok(m)
}

/// `setup(...)` / `setuptools.setup(...)` calls at module level or under `if __name__ ...`.
fn collect_setup_calls<'a>(
    body: &'a [Stmt],
    out: &mut Vec<&'a ruff_python_ast::ExprCall>,
    depth: usize,
) {
    if depth > 4 {
        return;
    }
    for stmt in body {
        match stmt {
            Stmt::Expr(e) => {
                if let Expr::Call(call) = &*e.value
                    && is_setup(&call.func)
                {
                    out.push(call);
                }
            }
            Stmt::If(s) => {
                collect_setup_calls(&s.body, out, depth + 1);
                for clause in &s.elif_else_clauses {
                    collect_setup_calls(&clause.body, out, depth + 1);
                }
            }
            Stmt::Try(s) => {
                collect_setup_calls(&s.body, out, depth + 1);
                collect_setup_calls(&s.orelse, out, depth + 1);
            }
            Stmt::With(s) => collect_setup_calls(&s.body, out, depth + 1),
            _ => {}
        }
    }
}

fn is_setup(func: &Expr) -> bool {
    match func {
        Expr::Name(n) => n.id.as_str() == "setup",
        Expr::Attribute(a) => a.attr.as_str() == "setup",
        _ => false,
    }
}

/// Requirement strings with their 1-based lines.
type Specs = Vec<(String, u32)>;

struct SetupReader<'a> {
    body: &'a [Stmt],
    idx: &'a LineIndex<'a>,
}

impl SetupReader<'_> {
    /// A module-level `NAME = <expr>` (the last one before use wins; good enough statically).
    fn assigned(&self, name: &str) -> Option<&Expr> {
        self.body.iter().rev().find_map(|stmt| match stmt {
            Stmt::Assign(a)
                if a.targets.len() == 1
                    && matches!(&a.targets[0], Expr::Name(n) if n.id.as_str() == name) =>
            {
                Some(&*a.value)
            }
            Stmt::AnnAssign(a) if matches!(&*a.target, Expr::Name(n) if n.id.as_str() == name) => {
                a.value.as_deref()
            }
            _ => None,
        })
    }

    /// A literal list/tuple of strings (through a module-level name, and `+` of such lists).
    fn strings(&self, e: &Expr, depth: usize) -> Option<Vec<(String, u32)>> {
        if depth > 8 {
            return None;
        }
        let line = |e: &Expr| self.idx.line(e.range().start().to_usize());
        match e {
            Expr::List(l) => l.elts.iter().map(|x| self.string(x, line(x))).collect(),
            Expr::Tuple(t) => t.elts.iter().map(|x| self.string(x, line(x))).collect(),
            Expr::Name(n) => self.strings(self.assigned(n.id.as_str())?, depth + 1),
            Expr::BinOp(b) if matches!(b.op, ruff_python_ast::Operator::Add) => {
                let mut a = self.strings(&b.left, depth + 1)?;
                a.extend(self.strings(&b.right, depth + 1)?);
                Some(a)
            }
            _ => None,
        }
    }

    fn string(&self, e: &Expr, line: u32) -> Option<(String, u32)> {
        match e {
            Expr::StringLiteral(s) => Some((s.value.to_str().to_string(), line)),
            _ => None,
        }
    }

    /// A literal `{"extra": [..], ...}` (or a module-level name bound to one).
    fn extras(&self, e: &Expr) -> Option<Vec<(String, Specs)>> {
        let e = match e {
            Expr::Name(n) => self.assigned(n.id.as_str())?,
            other => other,
        };
        let Expr::Dict(d) = e else { return None };
        let mut out = Vec::new();
        for item in &d.items {
            let Some(Expr::StringLiteral(k)) = &item.key else {
                return None;
            };
            let key = k.value.to_str();
            // `extra:marker` keys carry a marker; the extra is the part before the colon.
            let extra = key.split(':').next().unwrap_or(key).trim().to_string();
            let specs = match &item.value {
                Expr::StringLiteral(s) => vec![(
                    s.value.to_str().to_string(),
                    self.idx.line(s.range().start().to_usize()),
                )],
                other => self.strings(other, 0)?,
            };
            out.push((extra, specs));
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setup_cfg_lists() {
        let text = "[metadata]\nname = x\n\n[options]\npython_requires = >=3.8\ninstall_requires =\n    requests>=2.0  # http\n    flask==0.12\n\n[options.extras_require]\nyaml = pyyaml==5.1\ndev =\n    pytest\n";
        let m = parse_setup_cfg(text, Path::new("setup.cfg"), &Target::default()).unwrap();
        let got: Vec<(&str, Option<&str>, u32)> = m
            .dependencies
            .iter()
            .map(|d| {
                (
                    d.normalized.as_str(),
                    d.group.as_deref(),
                    d.line.unwrap_or(0),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("requests", Some("main"), 7),
                ("flask", Some("main"), 8),
                ("pyyaml", Some("yaml"), 11),
                ("pytest", Some("dev"), 13)
            ]
        );
        assert_eq!(m.requires_python.as_deref(), Some(">=3.8"));
        assert!(m.errors.is_empty());
    }

    #[test]
    fn setup_py_literals_only() {
        let text = r#"
from setuptools import setup
BASE = ["requests>=2", "flask==0.12"]
setup(
    name="x",
    install_requires=BASE + ["jinja2==2.10"],
    extras_require={"yaml": ["pyyaml==5.1"], "dev:python_version<'3.9'": "pytest"},
)
"#;
        let m = parse_setup_py(text, Path::new("setup.py"), &Target::default()).unwrap();
        let names: Vec<&str> = m
            .dependencies
            .iter()
            .map(|d| d.normalized.as_str())
            .collect();
        assert_eq!(names, ["requests", "flask", "jinja2", "pyyaml", "pytest"]);
        assert_eq!(m.dependencies[2].line, Some(6));
        assert!(m.errors.is_empty());

        let dynamic =
            "import setuptools\nsetuptools.setup(install_requires=read('requirements.txt'))\n";
        let m = parse_setup_py(dynamic, Path::new("setup.py"), &Target::default()).unwrap();
        assert!(m.dependencies.is_empty());
        assert!(
            m.errors[0].message.contains("not a literal list"),
            "{:?}",
            m.errors
        );
    }

    #[test]
    fn hostile_setup_py_is_refused_not_crashed() {
        let deep = format!(
            "setup(install_requires={}{})",
            "[".repeat(5000),
            "]".repeat(5000)
        );
        let m = parse_setup_py(&deep, Path::new("setup.py"), &Target::default()).unwrap();
        assert!(m.errors[0].message.contains("too deeply nested"));
        let chain = format!("x = a{}\n", ".b".repeat(200_000));
        let m = parse_setup_py(&chain, Path::new("setup.py"), &Target::default()).unwrap();
        assert!(m.dependencies.is_empty());
    }
}
