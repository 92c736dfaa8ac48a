//! `pyproject.toml`: PEP 621, PEP 735 dependency groups and Poetry tables.

use std::path::Path;

use crate::markers::Evaluator;
use crate::reqstr::{self, apply_specifier, classify_reference};
use crate::text::LineIndex;
use crate::tomlutil::{self as t, Table, Value};
use crate::{DepSource, Dependency, Manifest, ManifestError, ManifestKind, Target};

pub(crate) fn parse_pyproject(
    text: &str,
    path: &Path,
    target: &Target,
) -> Result<Manifest, ManifestError> {
    let doc = t::parse(text, path)?;
    let mut manifest = Manifest::new(path, ManifestKind::Pyproject);
    let idx = LineIndex::new(text);
    let eval = Evaluator::new(target);
    let base_dir = path.parent().unwrap_or(Path::new(""));
    let mut p = Pass {
        manifest: &mut manifest,
        idx: &idx,
        eval: &eval,
        path,
        base_dir,
    };
    let root = doc.get_ref();

    let poetry = t::get_table(root, "tool").and_then(|tool| t::get_table(tool, "poetry"));
    for table in t::get_table(root, "project").into_iter().chain(poetry) {
        if p.manifest.project_name.is_none() {
            p.manifest.project_name = t::get_str(table, "name").map(str::to_string);
            p.manifest.project_version = t::get_str(table, "version").map(str::to_string);
        }
    }
    if let Some(project) = t::get_table(root, "project") {
        if let Some(rp) = t::get_str(project, "requires-python") {
            p.manifest.requires_python = Some(rp.to_string());
        }
        if let Some(deps) = t::get_array(project, "dependencies") {
            p.string_array(deps, "main");
        }
        if let Some(opt) = t::get_table(project, "optional-dependencies") {
            for (extra, _, v) in t::entries_in_order(opt) {
                match v.get_ref().as_array() {
                    Some(a) => p.string_array(a, extra),
                    None => p.warn_at(v, format!("optional-dependencies.{extra} is not an array")),
                }
            }
        }
    }
    if let Some(groups) = t::get_table(root, "dependency-groups") {
        p.dependency_groups(groups);
    }
    if let Some(poetry) = t::get_table(root, "tool").and_then(|tool| t::get_table(tool, "poetry")) {
        p.poetry(poetry);
    }
    // Package indexes the project declares for uv and PDM (Poetry's are read with its tables).
    if let Some(tool) = t::get_table(root, "tool") {
        if let Some(uv) = t::get_table(tool, "uv") {
            for (_, index) in t::tables(uv, "index") {
                if let Some(url) = t::get_str(index, "url") {
                    p.manifest.add_index(url);
                }
            }
            for key in ["index-url", "extra-index-url"] {
                if let Some(url) = t::get_str(uv, key) {
                    p.manifest.add_index(url);
                }
                for v in t::get_array(uv, key).unwrap_or_default() {
                    if let Some(url) = t::as_str(v) {
                        p.manifest.add_index(url);
                    }
                }
            }
        }
        if let Some(pdm) = t::get_table(tool, "pdm") {
            // PDM's own development groups (before PEP 735).
            if let Some(dev) = t::get_table(pdm, "dev-dependencies") {
                for (group, _, v) in t::entries_in_order(dev) {
                    if let Some(a) = v.get_ref().as_array() {
                        p.string_array(a, group);
                    }
                }
            }
            for (_, source) in t::tables(pdm, "source") {
                if let Some(url) = t::get_str(source, "url") {
                    p.manifest.add_index(url);
                }
            }
        }
    }
    Ok(manifest)
}

/// Parses PEP 723 script metadata, whose TOML lives in comment lines starting at `first_line`.
pub(crate) fn parse_script_toml(
    toml_text: &str,
    path: &Path,
    first_line: u32,
    target: &Target,
    manifest: &mut Manifest,
) -> Result<(), ManifestError> {
    let doc = t::parse(toml_text, path).map_err(|e| match e {
        ManifestError::Toml {
            path,
            line,
            message,
        } => ManifestError::Toml {
            path,
            line: line + first_line - 1,
            message,
        },
        other => other,
    })?;
    let idx = LineIndex::new(toml_text);
    let eval = Evaluator::new(target);
    let base_dir = path.parent().unwrap_or(Path::new(""));
    let root = doc.get_ref();
    if let Some(rp) = t::get_str(root, "requires-python") {
        manifest.requires_python = Some(rp.to_string());
    }
    let mut p = Pass {
        manifest,
        idx: &idx,
        eval: &eval,
        path,
        base_dir,
    };
    if let Some(deps) = t::get_array(root, "dependencies") {
        p.string_array(deps, "main");
    }
    for d in p
        .manifest
        .dependencies
        .iter_mut()
        .chain(p.manifest.skipped_by_marker.iter_mut())
    {
        d.line = d.line.map(|l| l + first_line - 1);
        // Each content line lost its `# ` prefix.
        d.column = d.column.map(|c| c + 2);
    }
    Ok(())
}

struct Pass<'a> {
    manifest: &'a mut Manifest,
    idx: &'a LineIndex<'a>,
    eval: &'a Evaluator,
    path: &'a Path,
    base_dir: &'a Path,
}

impl Pass<'_> {
    fn warn_at(&mut self, v: &Value<'_>, msg: String) {
        let line = self.idx.line(v.span().start);
        self.manifest.warn(self.path, Some(line), msg);
    }

    fn locate(&self, dep: &mut Dependency, offset: usize) {
        let (line, col) = self.idx.line_col(offset);
        dep.line = Some(line);
        dep.column = Some(col);
    }

    fn string_array(&mut self, values: &[Value<'_>], group: &str) {
        for v in values {
            let Some(s) = t::as_str(v) else {
                // PEP 735 `{include-group = "..."}` tables are handled by the caller.
                if t::as_table(v).is_none() {
                    self.warn_at(v, format!("dependency in `{group}` is not a string"));
                }
                continue;
            };
            match reqstr::parse_requirement(s, self.base_dir, self.path, self.eval) {
                Ok(parsed) => {
                    let mut dep = parsed.dep;
                    // After the opening quote: the requirement's first character.
                    self.locate(&mut dep, v.span().start + 1);
                    dep.group = Some(group.to_string());
                    dep.direct = true;
                    crate::push_dep(self.manifest, dep, parsed.applies);
                }
                Err(e) => {
                    let line = self.idx.line(v.span().start);
                    self.manifest.error(
                        self.path,
                        Some(line),
                        format!(
                            "cannot parse requirement `{}`: {}; not audited",
                            crate::text::safe_excerpt(s),
                            crate::text::safe_text(&e, 100)
                        ),
                    );
                }
            }
        }
    }

    fn dependency_groups(&mut self, groups: &Table<'_>) {
        let names: Vec<String> = groups
            .iter()
            .map(|(k, _)| crate::normalize_name(k.get_ref()))
            .collect();
        for (group, _, v) in t::entries_in_order(groups) {
            let Some(items) = v.get_ref().as_array() else {
                self.warn_at(v, format!("dependency-groups.{group} is not an array"));
                continue;
            };
            self.string_array(items, group);
            for item in items.iter() {
                let Some(tbl) = t::as_table(item) else {
                    continue;
                };
                match t::get_str(tbl, "include-group") {
                    Some(inc) if names.contains(&crate::normalize_name(inc)) => {
                        if let Some(cycle) = include_cycle(groups, group) {
                            self.warn_at(
                                item,
                                format!("dependency-groups include cycle: {}", cycle.join(" -> ")),
                            );
                        }
                    }
                    Some(inc) => self.warn_at(
                        item,
                        format!("dependency group `{group}` includes unknown group `{inc}`"),
                    ),
                    None => self.warn_at(
                        item,
                        format!("unsupported table in dependency group `{group}`"),
                    ),
                }
            }
        }
    }

    fn poetry(&mut self, poetry: &Table<'_>) {
        if let Some(deps) = t::get_table(poetry, "dependencies") {
            let extras = poetry_extras(poetry);
            self.poetry_table(deps, "main", &extras);
        }
        if let Some(deps) = t::get_table(poetry, "dev-dependencies") {
            self.poetry_table(deps, "dev", &[]);
        }
        if let Some(groups) = t::get_table(poetry, "group") {
            for (group, _, v) in t::entries_in_order(groups) {
                if let Some(deps) = t::as_table(v).and_then(|g| t::get_table(g, "dependencies")) {
                    self.poetry_table(deps, group, &[]);
                }
            }
        }
        for src in t::tables(poetry, "source") {
            if let Some(url) = t::get_str(src.1, "url") {
                self.manifest.add_index(url);
            }
        }
    }

    fn poetry_table(&mut self, deps: &Table<'_>, group: &str, extras: &[(String, String)]) {
        for (name, key_start, v) in t::entries_in_order(deps) {
            if name.eq_ignore_ascii_case("python") {
                if let Some(c) = t::scalar_text(v) {
                    self.manifest.requires_python =
                        Some(poetry_to_pep440(&c).ok().flatten().unwrap_or(c));
                }
                continue;
            }
            let specs: Vec<&Value<'_>> = match v.get_ref().as_array() {
                Some(a) => a.iter().collect(),
                None => vec![v],
            };
            for spec in specs {
                let mut dep = Dependency::new(name, self.path);
                dep.direct = true;
                self.locate(&mut dep, key_start);
                let normalized = dep.normalized.clone();
                dep.group = Some(
                    extras
                        .iter()
                        .find(|(_, pkg)| *pkg == normalized)
                        .map_or(group, |(extra, _)| extra.as_str())
                        .to_string(),
                );
                let applies = match self.poetry_spec(&mut dep, spec) {
                    Ok(a) => a,
                    Err(msg) => {
                        self.warn_at(spec, format!("poetry dependency `{name}`: {msg}"));
                        continue;
                    }
                };
                crate::push_dep(self.manifest, dep, applies);
            }
        }
    }

    /// Fills a Poetry dependency from a constraint string or table; returns marker applicability.
    fn poetry_spec(&mut self, dep: &mut Dependency, spec: &Value<'_>) -> Result<bool, String> {
        if let Some(c) = t::scalar_text(spec) {
            if let Some(pep) = poetry_to_pep440(&c)? {
                apply_specifier(dep, &pep);
            }
            return Ok(true);
        }
        let Some(tbl) = t::as_table(spec) else {
            return Err("expected a string or a table".into());
        };
        if let Some(c) = t::get(tbl, "version").and_then(t::scalar_text)
            && let Some(pep) = poetry_to_pep440(&c)?
        {
            apply_specifier(dep, &pep);
        }
        if let Some(a) = t::get_array(tbl, "extras") {
            dep.extras = a
                .iter()
                .filter_map(|e| t::as_str(e).map(str::to_string))
                .collect();
        }
        let reference = [("git", "git+"), ("url", ""), ("path", ""), ("file", "")]
            .iter()
            .find_map(|(k, prefix)| t::get_str(tbl, k).map(|v| format!("{prefix}{v}")));
        if let Some(r) = reference {
            let develop = t::get_bool(tbl, "develop").unwrap_or(false);
            let (source, reason) = classify_reference(&r);
            if develop {
                dep.source = DepSource::Editable(r);
                dep.unauditable =
                    Some("editable install: not a released version on an index".into());
            } else {
                dep.source = source;
                dep.unauditable = Some(reason);
            }
        }
        if let Some(src) = t::get_str(tbl, "source") {
            dep.source = DepSource::Registry {
                index: Some(src.to_string()),
            };
        }
        let mut markers = Vec::new();
        if let Some(m) = t::get_str(tbl, "markers") {
            markers.push(format!("({m})"));
        }
        if let Some(py) = t::get(tbl, "python").and_then(t::scalar_text)
            && let Some(pep) = poetry_to_pep440(&py)?
        {
            let parts: Vec<String> = pep
                .split(',')
                .filter_map(|s| {
                    let s = s.trim();
                    let op_end = s.find(|c: char| c.is_ascii_digit())?;
                    Some(format!(
                        "python_full_version {} '{}'",
                        &s[..op_end].trim(),
                        &s[op_end..]
                    ))
                })
                .collect();
            if !parts.is_empty() {
                markers.push(parts.join(" and "));
            }
        }
        if let Some(pl) = t::get_str(tbl, "platform") {
            markers.push(format!("sys_platform == '{pl}'"));
        }
        if markers.is_empty() {
            return Ok(true);
        }
        let marker = markers.join(" and ");
        let applies = self.eval.eval_str(&marker)?;
        dep.marker = Some(marker);
        Ok(applies)
    }
}

/// `[tool.poetry.extras]` as (extra, normalized package) pairs.
fn poetry_extras(poetry: &Table<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(extras) = t::get_table(poetry, "extras") {
        for (extra, _, v) in t::entries_in_order(extras) {
            for pkg in v.get_ref().as_array().map(|a| &a[..]).unwrap_or(&[]) {
                if let Some(s) = t::as_str(pkg) {
                    let name = s.split(|c: char| !(c.is_ascii_alphanumeric() || "-_.".contains(c)));
                    out.push((
                        extra.to_string(),
                        crate::normalize_name(name.clone().next().unwrap_or(s)),
                    ));
                }
            }
        }
    }
    out
}

/// Follows `include-group` links from `start`; returns the cycle if one exists.
fn include_cycle(groups: &Table<'_>, start: &str) -> Option<Vec<String>> {
    fn includes(groups: &Table<'_>, g: &str) -> Vec<String> {
        let Some(items) = groups
            .iter()
            .find(|(k, _)| crate::normalize_name(k.get_ref()) == crate::normalize_name(g))
            .and_then(|(_, v)| v.get_ref().as_array())
        else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|i| t::as_table(i).and_then(|tb| t::get_str(tb, "include-group")))
            .map(str::to_string)
            .collect()
    }
    fn walk(groups: &Table<'_>, g: &str, path: &mut Vec<String>, start: &str) -> bool {
        for inc in includes(groups, g) {
            if crate::normalize_name(&inc) == crate::normalize_name(start) {
                path.push(inc);
                return true;
            }
            if path
                .iter()
                .any(|p| crate::normalize_name(p) == crate::normalize_name(&inc))
            {
                continue;
            }
            path.push(inc.clone());
            if walk(groups, &inc, path, start) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = vec![start.to_string()];
    walk(groups, start, &mut path, start).then_some(path)
}

/// Translates a Poetry constraint (`^1.2`, `~1.2`, `*`, `1.2.3`, `>=1 <2`, `1.2.*`) to a PEP 440
/// specifier. `Ok(None)` means "any version". `||` unions cannot be expressed and are refused.
pub fn poetry_to_pep440(constraint: &str) -> Result<Option<String>, String> {
    let c = constraint.trim();
    if c.is_empty() || c == "*" {
        return Ok(None);
    }
    if c.contains("||") || c.contains('|') {
        return Err(format!(
            "cannot translate the union constraint `{c}` to PEP 440"
        ));
    }
    let mut out: Vec<String> = Vec::new();
    // Both `,` and whitespace separate AND-ed parts; re-attach operators split from versions.
    let mut tokens: Vec<String> = Vec::new();
    for tok in c.split([',', ' ']).filter(|s| !s.is_empty()) {
        match tokens.last_mut() {
            Some(last) if last.chars().all(|ch| "<>=!~^".contains(ch)) => last.push_str(tok),
            _ => tokens.push(tok.to_string()),
        }
    }
    for tok in tokens {
        out.extend(poetry_part(&tok)?);
    }
    Ok((!out.is_empty()).then(|| out.join(",")))
}

fn poetry_part(part: &str) -> Result<Vec<String>, String> {
    let bad = || format!("invalid version constraint `{part}`");
    let release = |v: &str| -> Result<Vec<u64>, String> {
        v.split('.')
            .map(|n| n.parse::<u64>().map_err(|_| bad()))
            .collect()
    };
    let join = |v: &[u64]| v.iter().map(u64::to_string).collect::<Vec<_>>().join(".");
    if let Some(v) = part.strip_prefix('^') {
        let v = v.trim();
        let nums = release(v.split(['a', 'b', 'r', '-', '+']).next().unwrap_or(v))?;
        if nums.is_empty() {
            return Err(bad());
        }
        // Bump the first non-zero component (the last one if all are zero).
        let pos = nums.iter().position(|&n| n != 0).unwrap_or(nums.len() - 1);
        let mut upper: Vec<u64> = nums[..=pos].to_vec();
        upper[pos] += 1;
        upper.resize(nums.len(), 0);
        return Ok(vec![format!(">={v}"), format!("<{}", join(&upper))]);
    }
    if let Some(v) = part.strip_prefix('~').filter(|v| !v.starts_with('=')) {
        let v = v.trim();
        let nums = release(v.split(['a', 'b', 'r', '-', '+']).next().unwrap_or(v))?;
        if nums.is_empty() {
            return Err(bad());
        }
        let pos = usize::from(nums.len() >= 2);
        let mut upper: Vec<u64> = nums[..=pos].to_vec();
        upper[pos] += 1;
        upper.resize(nums.len(), 0);
        return Ok(vec![format!(">={v}"), format!("<{}", join(&upper))]);
    }
    if part.starts_with(['<', '>', '=', '!', '~']) {
        // Poetry allows a single `=`; PEP 440 needs `==`.
        if let Some(v) = part.strip_prefix('=').filter(|v| !v.starts_with('=')) {
            return Ok(vec![format!("=={}", v.trim())]);
        }
        return Ok(vec![part.to_string()]);
    }
    if part.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(vec![format!("=={part}")]);
    }
    Err(bad())
}

#[cfg(test)]
mod tests {
    use super::poetry_to_pep440;

    #[test]
    fn poetry_constraints() {
        let cases = [
            ("^1.2.3", Some(">=1.2.3,<2.0.0")),
            ("^1.2", Some(">=1.2,<2.0")),
            ("^1", Some(">=1,<2")),
            ("^0.2.3", Some(">=0.2.3,<0.3.0")),
            ("^0.0.3", Some(">=0.0.3,<0.0.4")),
            ("^0.0", Some(">=0.0,<0.1")),
            ("^0", Some(">=0,<1")),
            ("~1.2.3", Some(">=1.2.3,<1.3.0")),
            ("~1.2", Some(">=1.2,<1.3")),
            ("~1", Some(">=1,<2")),
            ("~=1.2", Some("~=1.2")),
            ("*", None),
            ("1.2.3", Some("==1.2.3")),
            ("1.2.*", Some("==1.2.*")),
            (">=1.2,<2", Some(">=1.2,<2")),
            (">= 1.2 < 2", Some(">=1.2,<2")),
            ("=1.0", Some("==1.0")),
        ];
        for (input, want) in cases {
            assert_eq!(
                poetry_to_pep440(input).unwrap().as_deref(),
                want,
                "translating {input}"
            );
        }
        assert!(poetry_to_pep440("^1.0 || ^2.0").is_err());
        assert!(poetry_to_pep440("^x").is_err());
    }
}
