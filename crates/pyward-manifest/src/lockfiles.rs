//! TOML lockfiles: uv.lock, poetry.lock (1.x and 2.x), pdm.lock, pylock.toml (PEP 751).

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::Path;

use crate::markers::Evaluator;
use crate::reqstr::classify_reference;
use crate::text::LineIndex;
use crate::tomlutil::{self as t, Table, Value};
use crate::{
    DepSource, DepState, Dependency, Manifest, ManifestError, ManifestKind, Target, normalize_name,
};

/// An edge of the lockfile's dependency graph.
#[derive(Debug, Clone)]
struct Edge {
    name: String,
    version: Option<String>,
    marker: Option<String>,
    extras: Vec<String>,
}

/// A dependency the project itself declares (from the `pyproject.toml` beside a lockfile): the
/// roots of the lock graph, with the extras the project requests and its group.
#[derive(Debug, Clone)]
pub(crate) struct Declared {
    pub(crate) name: String,
    pub(crate) extras: Vec<String>,
    pub(crate) group: String,
}

/// The declared dependencies of a `pyproject.toml` whose markers hold for the target.
pub(crate) fn declared_roots(pyproject: &Manifest) -> Vec<Declared> {
    pyproject
        .dependencies
        .iter()
        .map(|d| Declared {
            name: d.normalized.clone(),
            extras: d.extras.iter().map(|x| normalize_name(x)).collect(),
            group: d.group.clone().unwrap_or_else(|| "main".into()),
        })
        .collect()
}

/// A synthetic root package whose edges are the declared dependencies, grouped.
fn declared_root(declared: &[Declared], path: &Path) -> Pkg {
    let mut groups: BTreeMap<String, Vec<Edge>> = BTreeMap::new();
    for d in declared {
        groups.entry(d.group.clone()).or_default().push(Edge {
            name: d.name.clone(),
            version: None,
            marker: None,
            extras: d.extras.clone(),
        });
    }
    let mut pkg = Pkg::new(Dependency::new("<project>", path));
    pkg.root = true;
    pkg.dev = groups.into_iter().collect();
    pkg
}

/// A locked package before marker filtering.
struct Pkg {
    dep: Dependency,
    /// Package-level marker (poetry 2, pdm, pylock).
    marker: Option<String>,
    deps: Vec<Edge>,
    optional: Vec<(String, Vec<Edge>)>,
    dev: Vec<(String, Vec<Edge>)>,
    root: bool,
}

impl Pkg {
    fn new(dep: Dependency) -> Pkg {
        Pkg {
            dep,
            marker: None,
            deps: Vec::new(),
            optional: Vec::new(),
            dev: Vec::new(),
            root: false,
        }
    }
}

fn base_dep(
    tbl: &Table<'_>,
    header: &Value<'_>,
    idx: &LineIndex<'_>,
    path: &Path,
) -> Option<Dependency> {
    let name = t::get_str(tbl, "name")?;
    let mut dep = Dependency::new(name, path);
    // The column of the name itself (after its opening quote), where findings underline it.
    let offset = t::get(tbl, "name")
        .map(|v| v.span().start + 1)
        .or_else(|| t::key_start(tbl, "name"))
        .unwrap_or(header.span().start);
    let (line, col) = idx.line_col(offset);
    dep.line = Some(line);
    dep.column = Some(col);
    dep.version = t::get(tbl, "version").and_then(t::scalar_text);
    dep.state = DepState::Locked;
    Some(dep)
}

fn missing_name(m: &mut Manifest, path: &Path, idx: &LineIndex<'_>, v: &Value<'_>) {
    let line = idx.line(v.span().start);
    m.warn(path, Some(line), "package entry without a name");
}

/// Parses the edge tables of uv.lock (`{ name, version?, marker?, extra? }`).
fn uv_edges(values: Option<&[Value<'_>]>) -> Vec<Edge> {
    values
        .unwrap_or(&[])
        .iter()
        .filter_map(|v| {
            let e = t::as_table(v)?;
            Some(Edge {
                name: normalize_name(t::get_str(e, "name")?),
                version: t::get(e, "version").and_then(t::scalar_text),
                marker: t::get_str(e, "marker").map(str::to_string),
                extras: t::get_array(e, "extra")
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|x| t::as_str(x).map(str::to_string))
                    .collect(),
            })
        })
        .collect()
}

fn named_edge_lists(tbl: Option<&Table<'_>>) -> Vec<(String, Vec<Edge>)> {
    let Some(tbl) = tbl else { return Vec::new() };
    t::entries_in_order(tbl)
        .into_iter()
        .map(|(k, _, v)| {
            (
                k.to_string(),
                uv_edges(v.get_ref().as_array().map(|a| &a[..])),
            )
        })
        .collect()
}

fn hash_of(v: &Value<'_>) -> Option<String> {
    t::as_table(v)
        .and_then(|x| t::get_str(x, "hash"))
        .map(str::to_string)
}

pub(crate) fn parse_uv_lock(
    text: &str,
    path: &Path,
    target: &Target,
) -> Result<Manifest, ManifestError> {
    // Most of a uv.lock is wheel entries; parse a copy with them blanked and take their hashes
    // from the fast scan instead.
    let thinned = t::thin_arrays(text, "wheels");
    let (parse_text, wheel_hashes) = match &thinned {
        Some((thin, hashes)) => (thin.as_str(), Some(hashes)),
        None => (text, None),
    };
    let doc = t::parse(parse_text, path)?;
    let root = doc.get_ref();
    let idx = LineIndex::new(text);
    let mut m = Manifest::new(path, ManifestKind::UvLock);
    m.lock_version = t::get(root, "version").and_then(t::scalar_text).map(|v| {
        match t::get(root, "revision").and_then(t::scalar_text) {
            Some(r) => format!("{v} (revision {r})"),
            None => v,
        }
    });
    m.requires_python = t::get_str(root, "requires-python").map(str::to_string);
    let members: Vec<String> = t::get_table(root, "manifest")
        .and_then(|mf| t::get_array(mf, "members"))
        .unwrap_or(&[])
        .iter()
        .filter_map(|v| t::as_str(v).map(normalize_name))
        .collect();

    let mut pkgs = Vec::new();
    let packages = t::tables(root, "package");
    // The fast scan's per-package hashes only line up when it saw the same packages.
    let wheel_hashes = wheel_hashes.filter(|h| h.len() == packages.len());
    for (ordinal, (hv, tbl)) in packages.into_iter().enumerate() {
        let Some(mut dep) = base_dep(tbl, hv, &idx, path) else {
            missing_name(&mut m, path, &idx, hv);
            continue;
        };
        let mut is_local_project = false;
        if let Some(src) = t::get_table(tbl, "source") {
            for (kind, _, v) in t::entries_in_order(src) {
                let val = t::scalar_text(v).unwrap_or_default();
                match kind {
                    "registry" => {
                        m.add_index(&val);
                        dep.source = DepSource::Registry { index: Some(val) };
                    }
                    "git" => {
                        dep.source = DepSource::Vcs(format!("git+{val}"));
                        dep.unauditable =
                            Some("VCS requirement: not a released version on an index".into());
                    }
                    "url" => {
                        let (s, r) = classify_reference(&val);
                        dep.source = s;
                        dep.unauditable = Some(r);
                    }
                    "path" | "directory" => {
                        dep.source = DepSource::Path(val);
                        dep.unauditable = Some(
                            "local path requirement: not a released version on an index".into(),
                        );
                    }
                    "editable" | "virtual" => {
                        is_local_project = true;
                        dep.source = DepSource::Editable(val);
                        dep.unauditable = Some(if kind == "virtual" {
                            "virtual workspace package: not installed from an index".into()
                        } else {
                            "editable install: not a released version on an index".into()
                        });
                    }
                    _ => {}
                }
            }
        }
        if let Some(sd) = t::get(tbl, "sdist").and_then(hash_of) {
            dep.hashes.push(sd);
        }
        for w in t::get_array(tbl, "wheels").unwrap_or(&[]) {
            if let Some(h) = hash_of(w) {
                dep.hashes.push(h);
            }
        }
        if let Some(hashes) = wheel_hashes.and_then(|h| h.get(ordinal)) {
            dep.hashes.extend(hashes.iter().cloned());
        }
        let mut pkg = Pkg::new(dep);
        pkg.root =
            is_local_project && (members.is_empty() || members.contains(&pkg.dep.normalized));
        pkg.deps = uv_edges(t::get_array(tbl, "dependencies"));
        pkg.optional = named_edge_lists(t::get_table(tbl, "optional-dependencies"));
        pkg.dev = named_edge_lists(t::get_table(tbl, "dev-dependencies"));
        pkgs.push(pkg);
    }
    // A virtual workspace root (no `[project]`) keeps its dependency groups in
    // `[manifest.dependency-groups]`: they are roots too (uv installs them by default).
    let root_groups = named_edge_lists(
        t::get_table(root, "manifest").and_then(|mf| t::get_table(mf, "dependency-groups")),
    );
    if !root_groups.is_empty() {
        let mut workspace = Pkg::new(Dependency::new("<workspace>", path));
        workspace.root = true;
        workspace.dev = root_groups;
        pkgs.push(workspace);
    }
    // A lock whose local packages are all depended upon by others has its roots among them
    // anyway; with no local package at all, every package is treated as reachable.
    let eval = Evaluator::new(target);
    finish_graph(&mut m, pkgs, &eval, path, true, target);
    Ok(m)
}

/// A package's own marker (poetry 2, pdm) holds, or it has none.
fn own_marker_holds(p: &Pkg, eval: &Evaluator) -> bool {
    p.marker
        .as_ref()
        .is_none_or(|mk| eval.eval_str(mk).unwrap_or(true))
}

/// Resolves an edge to a package index.
fn resolve(by_name: &HashMap<String, Vec<usize>>, pkgs: &[Pkg], e: &Edge) -> Option<usize> {
    let cands = by_name.get(&e.name)?;
    match &e.version {
        Some(v) => cands
            .iter()
            .copied()
            .find(|&i| pkgs[i].dep.version.as_deref() == Some(v.as_str()))
            .or_else(|| cands.first().copied()),
        None => cands.first().copied(),
    }
}

/// Computes parents, `direct`, groups and marker applicability, then fills the manifest.
///
/// With `reachability`, packages are kept when reachable from the root packages through edges
/// whose markers hold for the target (uv.lock); otherwise package-level markers decide.
fn finish_graph(
    m: &mut Manifest,
    mut pkgs: Vec<Pkg>,
    eval: &Evaluator,
    path: &Path,
    reachability: bool,
    target: &Target,
) {
    let requested = &target.extras;
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in pkgs.iter().enumerate() {
        by_name.entry(p.dep.normalized.clone()).or_default().push(i);
    }
    // Parents: every non-root package with an edge to this name.
    let mut parents: HashMap<String, BTreeSet<String>> = HashMap::new();
    for p in pkgs.iter().filter(|p| !p.root) {
        // Edges behind an extra are not counted: a package is "required by" what installs it
        // unconditionally (`[required by ...]` in messages).
        let all = p.deps.iter().chain(p.dev.iter().flat_map(|(_, e)| e));
        for e in all {
            if e.name != p.dep.normalized {
                parents
                    .entry(e.name.clone())
                    .or_default()
                    .insert(p.dep.normalized.clone());
            }
        }
    }
    let mut warnings = Vec::new();
    let mut edge_applies = |marker: &Option<String>, line: Option<u32>| -> bool {
        match marker {
            None => true,
            Some(mk) => eval.eval_str(mk).unwrap_or_else(|e| {
                warnings.push((
                    line,
                    format!("cannot evaluate marker `{mk}` ({e}); assuming it applies"),
                ));
                true
            }),
        }
    };

    let has_root = pkgs.iter().any(|p| p.root);
    // Without roots (no project beside the lockfile, no local package in it), every package
    // whose own marker holds is kept: a package another one lists (maybe behind an extra or a
    // false marker) may still be a direct dependency, and the lock cannot say otherwise.
    if !(reachability && has_root) {
        for p in pkgs.iter_mut() {
            let applies = match p.marker.clone() {
                Some(mk) => edge_applies(&Some(mk), p.dep.line),
                None => true,
            };
            p.dep.parents = parents
                .get(&p.dep.normalized)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default();
            p.dep.direct = p.dep.parents.is_empty();
            p.dep.marker = p.marker.clone();
            let dep = std::mem::replace(&mut p.dep, Dependency::new("", path));
            crate::push_dep(m, dep, applies);
        }
        for (line, w) in warnings {
            m.warn(path, line, w);
        }
        return;
    }
    let mut reached: BTreeMap<usize, String> = BTreeMap::new();
    let mut direct: BTreeSet<usize> = BTreeSet::new();
    {
        let mut queue: VecDeque<(usize, String, Vec<String>)> = VecDeque::new();
        let mut seen: BTreeSet<(usize, Vec<String>)> = BTreeSet::new();
        for (ri, r) in pkgs.iter().enumerate().filter(|(_, p)| p.root) {
            let mut starts: Vec<(String, &Edge)> =
                r.deps.iter().map(|e| ("main".to_string(), e)).collect();
            // The project's own extras: all of them by default (a lockfile records them
            // because some deployment installs them), else only the requested ones.
            // Dependency groups always (uv installs them by default).
            for (g, es) in &r.optional {
                if target.all_extras
                    || requested
                        .iter()
                        .any(|x| normalize_name(x) == normalize_name(g))
                {
                    starts.extend(es.iter().map(|e| (g.clone(), e)));
                }
            }
            for (g, es) in &r.dev {
                starts.extend(es.iter().map(|e| (g.clone(), e)));
            }
            for (g, e) in starts {
                if !edge_applies(&e.marker, r.dep.line) {
                    continue;
                }
                if let Some(i) = resolve(&by_name, &pkgs, e)
                    && own_marker_holds(&pkgs[i], eval)
                {
                    if i != ri && !pkgs[i].root {
                        direct.insert(i);
                    }
                    queue.push_back((i, g, e.extras.clone()));
                }
            }
        }
        while let Some((i, group, extras)) = queue.pop_front() {
            if !seen.insert((i, extras.clone())) {
                continue;
            }
            if !pkgs[i].root {
                reached.entry(i).or_insert_with(|| group.clone());
            }
            let p = &pkgs[i];
            let mut next: Vec<Edge> = p.deps.clone();
            for (x, es) in &p.optional {
                if extras
                    .iter()
                    .any(|e| normalize_name(e) == normalize_name(x))
                {
                    next.extend(es.iter().cloned());
                }
            }
            let line = p.dep.line;
            for e in next {
                if edge_applies(&e.marker, line)
                    && let Some(j) = resolve(&by_name, &pkgs, &e)
                    && own_marker_holds(&pkgs[j], eval)
                {
                    queue.push_back((j, group.clone(), e.extras.clone()));
                }
            }
        }
    }

    for (i, p) in pkgs.iter_mut().enumerate() {
        if p.root {
            continue;
        }
        p.dep.parents = parents
            .get(&p.dep.normalized)
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default();
        p.dep.direct = direct.contains(&i);
        if p.dep.marker.is_none() {
            p.dep.marker = p.marker.clone();
        }
        let applies = match reached.get(&i) {
            Some(g) => {
                p.dep.group = Some(g.clone());
                true
            }
            None => false,
        };
        let dep = std::mem::replace(&mut p.dep, Dependency::new("", path));
        crate::push_dep(m, dep, applies);
    }
    for (line, w) in warnings {
        m.warn(path, line, w);
    }
}

fn files_hashes(values: Option<&[Value<'_>]>) -> Vec<String> {
    values
        .unwrap_or(&[])
        .iter()
        .filter_map(|v| {
            t::as_table(v)
                .and_then(|f| t::get_str(f, "hash"))
                .map(str::to_string)
        })
        .collect()
}

/// Normalizes a lockfile group name to `main` / `dev` where it means that.
fn group_name(g: &str) -> String {
    match g {
        "default" => "main".into(),
        other => other.into(),
    }
}

pub(crate) fn parse_poetry_lock(
    text: &str,
    path: &Path,
    target: &Target,
    declared: Option<&[Declared]>,
) -> Result<Manifest, ManifestError> {
    let doc = t::parse(text, path)?;
    let root = doc.get_ref();
    let idx = LineIndex::new(text);
    let mut m = Manifest::new(path, ManifestKind::PoetryLock);
    let meta = t::get_table(root, "metadata");
    m.lock_version = meta
        .and_then(|x| t::get(x, "lock-version"))
        .and_then(t::scalar_text);
    m.requires_python = meta
        .and_then(|x| t::get(x, "python-versions"))
        .and_then(t::scalar_text)
        .map(|c| {
            crate::pyproject::poetry_to_pep440(&c)
                .ok()
                .flatten()
                .unwrap_or(c)
        });
    // Poetry 1.1 kept hashes in [metadata.files].
    let meta_files = meta.and_then(|x| t::get_table(x, "files"));

    let mut pkgs = Vec::new();
    for (hv, tbl) in t::tables(root, "package") {
        let Some(mut dep) = base_dep(tbl, hv, &idx, path) else {
            missing_name(&mut m, path, &idx, hv);
            continue;
        };
        dep.group = t::get_str(tbl, "category").map(str::to_string).or_else(|| {
            let groups: Vec<&str> = t::get_array(tbl, "groups")
                .unwrap_or(&[])
                .iter()
                .filter_map(|g| t::as_str(g))
                .collect();
            groups
                .iter()
                .find(|g| **g == "main")
                .or(groups.first())
                .map(|g| g.to_string())
        });
        dep.hashes = files_hashes(t::get_array(tbl, "files"));
        if dep.hashes.is_empty()
            && let Some(mf) = meta_files
        {
            let list = t::entries_in_order(mf)
                .into_iter()
                .find(|(k, _, _)| normalize_name(k) == dep.normalized)
                .and_then(|(_, _, v)| v.get_ref().as_array().map(|a| &a[..]));
            dep.hashes = files_hashes(list);
        }
        if let Some(src) = t::get_table(tbl, "source") {
            let kind = t::get_str(src, "type").unwrap_or("");
            let url = t::get_str(src, "url").unwrap_or("").to_string();
            match kind {
                "git" => {
                    let rev = t::get_str(src, "resolved_reference")
                        .or_else(|| t::get_str(src, "reference"))
                        .map(|r| format!("@{r}"))
                        .unwrap_or_default();
                    dep.source = DepSource::Vcs(format!("git+{url}{rev}"));
                    dep.unauditable =
                        Some("VCS requirement: not a released version on an index".into());
                }
                "url" => {
                    dep.source = DepSource::Url(url);
                    dep.unauditable =
                        Some("direct URL requirement: not resolved through an index".into());
                }
                "directory" | "file" => {
                    if t::get_bool(tbl, "develop").unwrap_or(false) {
                        dep.source = DepSource::Editable(url);
                        dep.unauditable =
                            Some("editable install: not a released version on an index".into());
                    } else {
                        dep.source = DepSource::Path(url);
                        dep.unauditable = Some(
                            "local path requirement: not a released version on an index".into(),
                        );
                    }
                }
                _ if !url.is_empty() => {
                    m.add_index(&url);
                    dep.source = DepSource::Registry { index: Some(url) };
                }
                _ => {}
            }
        }
        let marker = match t::get(tbl, "markers") {
            Some(v) => match t::as_table(v) {
                // Per-group markers: the package applies if any of them does.
                Some(per_group) => {
                    let parts: Vec<String> = t::entries_in_order(per_group)
                        .into_iter()
                        .filter_map(|(_, _, v)| t::as_str(v).map(|s| format!("({s})")))
                        .collect();
                    (!parts.is_empty()).then(|| parts.join(" or "))
                }
                None => t::as_str(v).map(str::to_string),
            },
            None => None,
        };
        let mut pkg = Pkg::new(dep);
        pkg.marker = marker;
        if let Some(deps) = t::get_table(tbl, "dependencies") {
            for (name, _, v) in t::entries_in_order(deps) {
                // `{version, markers}` tables, or arrays of them for multiple constraints.
                let variants: Vec<&Value<'_>> = match v.get_ref().as_array() {
                    Some(a) => a.iter().collect(),
                    None => vec![v],
                };
                let markers: Vec<Option<String>> = variants
                    .iter()
                    .map(|x| {
                        t::as_table(x)
                            .and_then(|tb| t::get_str(tb, "markers"))
                            .map(str::to_string)
                    })
                    .collect();
                // An optional dependency is installed only through one of the package's extras
                // (listed in `[package.extras]`), never by itself.
                let optional = variants.iter().all(|x| {
                    t::as_table(x)
                        .and_then(|tb| t::get_bool(tb, "optional"))
                        .unwrap_or(false)
                });
                if optional {
                    continue;
                }
                let edge_extras: Vec<String> = variants
                    .iter()
                    .filter_map(|x| t::as_table(x).and_then(|tb| t::get_array(tb, "extras")))
                    .flatten()
                    .filter_map(|e| t::as_str(e).map(normalize_name))
                    .collect();
                // Several variants: applies if any does.
                let marker = if markers.iter().any(Option::is_none) {
                    None
                } else {
                    Some(
                        markers
                            .iter()
                            .flatten()
                            .map(|mk| format!("({mk})"))
                            .collect::<Vec<_>>()
                            .join(" or "),
                    )
                };
                pkg.deps.push(Edge {
                    name: normalize_name(name),
                    version: None,
                    marker,
                    extras: edge_extras,
                });
            }
        }
        // `[package.extras]`: extra → PEP 508-ish strings (`"httptools (>=0.5.0)"`, with an
        // optional `; marker`).
        if let Some(extras) = t::get_table(tbl, "extras") {
            for (extra, _, v) in t::entries_in_order(extras) {
                let edges = v
                    .get_ref()
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| t::as_str(x))
                            .filter_map(spec_edge)
                            .collect()
                    })
                    .unwrap_or_default();
                pkg.optional.push((normalize_name(extra), edges));
            }
        }
        pkgs.push(pkg);
    }
    let eval = Evaluator::new(target);
    let reachability = match declared {
        Some(d) => {
            pkgs.push(declared_root(d, path));
            true
        }
        None => false,
    };
    finish_graph(&mut m, pkgs, &eval, path, reachability, target);
    Ok(m)
}

/// An edge from a dependency string: `name[extra] (>=1) ; marker` or `name[extra]>=1; marker`.
fn spec_edge(spec: &str) -> Option<Edge> {
    let name = pep508_name(spec)?;
    let (head, marker) = match spec.split_once(';') {
        Some((h, mk)) => (h, Some(mk.trim().to_string()).filter(|mk| !mk.is_empty())),
        None => (spec, None),
    };
    let extras = head
        .split_once('[')
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(inner, _)| {
            inner
                .split(',')
                .map(|x| normalize_name(x.trim()))
                .filter(|x| !x.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Some(Edge {
        name,
        version: None,
        marker,
        extras,
    })
}

/// The normalized name at the start of a PEP 508 string.
fn pep508_name(s: &str) -> Option<String> {
    let s = s.trim();
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(s.len());
    (end > 0).then(|| normalize_name(&s[..end]))
}

pub(crate) fn parse_pdm_lock(
    text: &str,
    path: &Path,
    target: &Target,
    declared: Option<&[Declared]>,
) -> Result<Manifest, ManifestError> {
    let doc = t::parse(text, path)?;
    let root = doc.get_ref();
    let idx = LineIndex::new(text);
    let mut m = Manifest::new(path, ManifestKind::PdmLock);
    let meta = t::get_table(root, "metadata");
    m.lock_version = meta
        .and_then(|x| t::get(x, "lock_version"))
        .and_then(t::scalar_text);
    m.requires_python = meta
        .and_then(|x| t::get(x, "requires_python"))
        .and_then(t::scalar_text);
    let mut pkgs: Vec<Pkg> = Vec::new();
    let mut pdm_extra_entries: HashMap<String, usize> = HashMap::new();
    type PendingExtras = (String, Option<String>, Vec<String>, Vec<Edge>);
    let mut pending_extras: Vec<PendingExtras> = Vec::new();
    for (hv, tbl) in t::tables(root, "package") {
        let Some(mut dep) = base_dep(tbl, hv, &idx, path) else {
            missing_name(&mut m, path, &idx, hv);
            continue;
        };
        let groups: Vec<&str> = t::get_array(tbl, "groups")
            .unwrap_or(&[])
            .iter()
            .filter_map(|g| t::as_str(g))
            .collect();
        dep.group = groups
            .iter()
            .find(|g| **g == "default")
            .or(groups.first())
            .map(|g| group_name(g));
        dep.hashes = files_hashes(t::get_array(tbl, "files"));
        let editable = t::get_bool(tbl, "editable").unwrap_or(false);
        if let Some(git) = t::get_str(tbl, "git") {
            let rev = t::get_str(tbl, "revision")
                .map(|r| format!("@{r}"))
                .unwrap_or_default();
            dep.source = DepSource::Vcs(format!("git+{git}{rev}"));
            dep.unauditable = Some("VCS requirement: not a released version on an index".into());
        } else if let Some(p) = t::get_str(tbl, "path") {
            if editable {
                dep.source = DepSource::Editable(p.to_string());
                dep.unauditable =
                    Some("editable install: not a released version on an index".into());
            } else {
                dep.source = DepSource::Path(p.to_string());
                dep.unauditable =
                    Some("local path requirement: not a released version on an index".into());
            }
        } else if let Some(u) = t::get_str(tbl, "url") {
            let (s, r) = classify_reference(u);
            dep.source = s;
            dep.unauditable = Some(r);
        }
        let mut edges: Vec<Edge> = t::get_array(tbl, "dependencies")
            .unwrap_or(&[])
            .iter()
            .filter_map(|d| t::as_str(d))
            .filter_map(spec_edge)
            .collect();
        // pdm locks `uvicorn[standard]` as a second entry with `extras = ["standard"]` whose
        // dependencies are the base package plus what the extra adds: an extra of the base.
        let entry_extras: Vec<String> = t::get_array(tbl, "extras")
            .unwrap_or(&[])
            .iter()
            .filter_map(|x| t::as_str(x).map(normalize_name))
            .collect();
        if !entry_extras.is_empty() {
            let name = dep.normalized.clone();
            edges.retain(|e| e.name != name);
            if let Some(base) = pdm_extra_entries.get(&name).copied().or_else(|| {
                pkgs.iter()
                    .position(|p: &Pkg| p.dep.normalized == name && p.dep.version == dep.version)
            }) {
                for x in &entry_extras {
                    pkgs[base].optional.push((x.clone(), edges.clone()));
                }
            } else {
                pending_extras.push((
                    dep.normalized.clone(),
                    dep.version.clone(),
                    entry_extras,
                    edges,
                ));
            }
            continue;
        }
        let mut pkg = Pkg::new(dep);
        pkg.marker = t::get_str(tbl, "marker").map(str::to_string);
        pkg.deps = edges;
        pdm_extra_entries.insert(pkg.dep.normalized.clone(), pkgs.len());
        pkgs.push(pkg);
    }
    // Extras entries listed before their base package.
    for (name, version, extras, edges) in pending_extras {
        let base = pkgs
            .iter()
            .position(|p| p.dep.normalized == name && p.dep.version == version)
            .or_else(|| pkgs.iter().position(|p| p.dep.normalized == name));
        match base {
            Some(b) => {
                for x in extras {
                    pkgs[b].optional.push((x, edges.clone()));
                }
            }
            None => m.warn(
                path,
                None,
                format!("extras entry for `{name}` without its package"),
            ),
        }
    }
    let eval = Evaluator::new(target);
    let reachability = match declared {
        Some(d) => {
            pkgs.push(declared_root(d, path));
            true
        }
        None => false,
    };
    finish_graph(&mut m, pkgs, &eval, path, reachability, target);
    Ok(m)
}

/// PEP 751 hashes tables (`{ sha256 = "..." }`) → `sha256:...`.
fn pylock_hashes(v: Option<&Value<'_>>, out: &mut Vec<String>) {
    let Some(h) = v
        .and_then(t::as_table)
        .and_then(|x| t::get_table(x, "hashes"))
    else {
        return;
    };
    for (algo, _, val) in t::entries_in_order(h) {
        if let Some(s) = t::as_str(val) {
            out.push(format!("{algo}:{s}"));
        }
    }
}

pub(crate) fn parse_pylock(
    text: &str,
    path: &Path,
    target: &Target,
) -> Result<Manifest, ManifestError> {
    let doc = t::parse(text, path)?;
    let root = doc.get_ref();
    let idx = LineIndex::new(text);
    let mut m = Manifest::new(path, ManifestKind::Pylock);
    m.lock_version = t::get(root, "lock-version").and_then(t::scalar_text);
    m.created_by = t::get_str(root, "created-by").map(str::to_string);
    m.requires_python = t::get_str(root, "requires-python").map(str::to_string);
    if t::get(root, "packages").is_none() && t::get(root, "package").is_some() {
        m.warn(
            path,
            None,
            "no [[packages]] array (found [[package]]: not a PEP 751 file?)",
        );
    }
    let mut pkgs = Vec::new();
    for (hv, tbl) in t::tables(root, "packages") {
        let Some(mut dep) = base_dep(tbl, hv, &idx, path) else {
            missing_name(&mut m, path, &idx, hv);
            continue;
        };
        if let Some(index) = t::get_str(tbl, "index") {
            m.add_index(index);
            dep.source = DepSource::Registry {
                index: Some(index.to_string()),
            };
        }
        if let Some(vcs) = t::get_table(tbl, "vcs") {
            let kind = t::get_str(vcs, "type").unwrap_or("git");
            let url = t::get_str(vcs, "url")
                .or_else(|| t::get_str(vcs, "path"))
                .unwrap_or("");
            let rev = t::get_str(vcs, "commit-id")
                .map(|r| format!("@{r}"))
                .unwrap_or_default();
            dep.source = DepSource::Vcs(format!("{kind}+{url}{rev}"));
            dep.unauditable = Some("VCS requirement: not a released version on an index".into());
        } else if let Some(dir) = t::get_table(tbl, "directory") {
            let p = t::get_str(dir, "path").unwrap_or("").to_string();
            if t::get_bool(dir, "editable").unwrap_or(false) {
                dep.source = DepSource::Editable(p);
                dep.unauditable =
                    Some("editable install: not a released version on an index".into());
            } else {
                dep.source = DepSource::Path(p);
                dep.unauditable =
                    Some("local path requirement: not a released version on an index".into());
            }
        } else if let Some(ar) = t::get_table(tbl, "archive") {
            match (t::get_str(ar, "url"), t::get_str(ar, "path")) {
                (Some(u), _) => {
                    dep.source = DepSource::Url(u.to_string());
                    dep.unauditable =
                        Some("direct URL requirement: not resolved through an index".into());
                }
                (None, p) => {
                    dep.source = DepSource::Path(p.unwrap_or("").to_string());
                    dep.unauditable =
                        Some("local path requirement: not a released version on an index".into());
                }
            }
            pylock_hashes(t::get(tbl, "archive"), &mut dep.hashes);
        }
        pylock_hashes(t::get(tbl, "sdist"), &mut dep.hashes);
        for w in t::get_array(tbl, "wheels").unwrap_or(&[]) {
            pylock_hashes(Some(w), &mut dep.hashes);
        }
        let mut pkg = Pkg::new(dep);
        pkg.marker = t::get_str(tbl, "marker").map(str::to_string);
        pkgs.push(pkg);
    }
    let eval = Evaluator::new(target);
    finish_graph(&mut m, pkgs, &eval, path, false, target);
    // pylock.toml records no graph: nothing is known to be direct until a sibling says so.
    for d in m
        .dependencies
        .iter_mut()
        .chain(m.skipped_by_marker.iter_mut())
    {
        d.direct = false;
    }
    Ok(m)
}

/// The `pyproject.toml` beside a lockfile, parsed, when it declares dependencies.
pub(crate) fn sibling_pyproject(
    lock: &Path,
    target: &Target,
    root: &crate::Root,
) -> Option<Manifest> {
    let pyproject = lock.parent()?.join("pyproject.toml");
    if std::fs::symlink_metadata(&pyproject).is_err() {
        return None;
    }
    let text = crate::text::read_confined(root, &pyproject).ok()?;
    let pm = crate::pyproject::parse_pyproject(&text, &pyproject, target).ok()?;
    (!pm.dependencies.is_empty()
        || !pm.skipped_by_marker.is_empty()
        || pm.requires_python.is_some())
    .then_some(pm)
}

/// Marks direct dependencies from a `pyproject.toml` or `Pipfile` next to a lockfile.
pub(crate) fn refine_direct_from_sibling(m: &mut Manifest, target: &Target, root: &crate::Root) {
    let Some(dir) = m.path.parent() else { return };
    let mut names: BTreeSet<String> = BTreeSet::new();
    let pyproject = dir.join("pyproject.toml");
    let pipfile = dir.join("Pipfile");
    if pyproject.is_file() {
        if let Ok(text) = crate::text::read_confined(root, &pyproject)
            && let Ok(pm) = crate::pyproject::parse_pyproject(&text, &pyproject, target)
        {
            names.extend(
                pm.dependencies
                    .iter()
                    .chain(pm.skipped_by_marker.iter())
                    .map(|d| d.normalized.clone()),
            );
        }
    } else if pipfile.is_file()
        && let Ok(text) = crate::text::read_confined(root, &pipfile)
        && let Ok(doc) = t::parse(&text, &pipfile)
    {
        for section in ["packages", "dev-packages"] {
            if let Some(tb) = t::get_table(doc.get_ref(), section) {
                names.extend(tb.iter().map(|(k, _)| normalize_name(k.get_ref())));
            }
        }
    }
    if names.is_empty() {
        return;
    }
    for d in m
        .dependencies
        .iter_mut()
        .chain(m.skipped_by_marker.iter_mut())
    {
        d.direct = names.contains(&d.normalized);
    }
}
