//! Pipfile.lock (JSON).

use std::path::Path;

use serde_json::Value;

use crate::markers::Evaluator;
use crate::reqstr::{apply_specifier, classify_reference};
use crate::{DepSource, DepState, Dependency, Manifest, ManifestError, ManifestKind, Target};

/// Finds the 1-based line of `"name": {` inside the given top-level section, by scanning text.
fn locate(text: &str, section: &str, name: &str) -> Option<(u32, u32)> {
    let section_key = format!("\"{section}\"");
    let key = format!("\"{name}\"");
    let mut in_section = false;
    let mut section_indent = 0;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if !in_section {
            if trimmed.starts_with(&section_key)
                && trimmed[section_key.len()..].trim_start().starts_with(':')
            {
                in_section = true;
                section_indent = indent;
            }
            continue;
        }
        if indent <= section_indent && trimmed.starts_with('}') {
            return None;
        }
        if indent > section_indent
            && trimmed.starts_with(&key)
            && trimmed[key.len()..].trim_start().starts_with(':')
        {
            // The name's first character, after its opening quote.
            return Some((i as u32 + 1, indent as u32 + 2));
        }
    }
    None
}

pub(crate) fn parse_pipfile_lock(
    text: &str,
    path: &Path,
    target: &Target,
) -> Result<Manifest, ManifestError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| ManifestError::Json {
        path: path.to_path_buf(),
        line: e.line() as u32,
        message: e.to_string(),
    })?;
    let Some(obj) = doc.as_object() else {
        return Err(ManifestError::Invalid {
            path: path.to_path_buf(),
            message: "Pipfile.lock is not a JSON object".into(),
        });
    };
    let mut m = Manifest::new(path, ManifestKind::PipfileLock);
    let eval = Evaluator::new(target);
    let meta = obj.get("_meta");
    m.lock_version = meta
        .and_then(|x| x.pointer("/pipfile-spec"))
        .map(|v| v.to_string());
    if let Some(py) = meta
        .and_then(|x| x.pointer("/requires/python_version"))
        .and_then(Value::as_str)
    {
        m.requires_python = Some(format!("=={py}.*"));
    }
    let mut sources: Vec<(String, String)> = Vec::new();
    for s in meta
        .and_then(|x| x.get("sources"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(url) = s.get("url").and_then(Value::as_str) {
            m.add_index(url);
            let name = s
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            sources.push((name, url.to_string()));
        }
    }
    for (section, group) in [("default", "main"), ("develop", "dev")] {
        let Some(entries) = obj.get(section).and_then(Value::as_object) else {
            continue;
        };
        for (name, entry) in entries {
            let mut dep = Dependency::new(name, path);
            dep.group = Some(group.to_string());
            dep.direct = true;
            if let Some((line, col)) = locate(text, section, name) {
                dep.line = Some(line);
                dep.column = Some(col);
            }
            let Some(e) = entry.as_object() else {
                m.warn(
                    path,
                    dep.line,
                    format!("entry `{name}` in `{section}` is not an object"),
                );
                continue;
            };
            if let Some(v) = e.get("version").and_then(Value::as_str) {
                apply_specifier(&mut dep, v);
                if dep.version.is_some() {
                    dep.state = DepState::Locked;
                }
            }
            dep.hashes = e
                .get("hashes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|h| h.as_str().map(str::to_string))
                .collect();
            dep.extras = e
                .get("extras")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|h| h.as_str().map(str::to_string))
                .collect();
            let editable = e.get("editable").and_then(Value::as_bool).unwrap_or(false);
            let reference = e
                .get("git")
                .and_then(Value::as_str)
                .map(|g| {
                    let rev = e
                        .get("ref")
                        .and_then(Value::as_str)
                        .map(|r| format!("@{r}"))
                        .unwrap_or_default();
                    if g.starts_with("git+") {
                        format!("{g}{rev}")
                    } else {
                        format!("git+{g}{rev}")
                    }
                })
                .or_else(|| e.get("file").and_then(Value::as_str).map(str::to_string))
                .or_else(|| e.get("path").and_then(Value::as_str).map(str::to_string));
            if let Some(r) = reference {
                if editable {
                    dep.source = DepSource::Editable(r);
                    dep.unauditable =
                        Some("editable install: not a released version on an index".into());
                } else {
                    let (s, why) = classify_reference(&r);
                    dep.source = s;
                    dep.unauditable = Some(why);
                }
            } else if let Some(index) = e.get("index").and_then(Value::as_str) {
                let url = sources
                    .iter()
                    .find(|(n, _)| n == index)
                    .map_or_else(|| index.to_string(), |(_, u)| u.clone());
                dep.source = DepSource::Registry { index: Some(url) };
            }
            let mut applies = true;
            if let Some(mk) = e.get("markers").and_then(Value::as_str) {
                dep.marker = Some(mk.to_string());
                match eval.eval_str(mk) {
                    Ok(a) => applies = a,
                    Err(err) => m.warn(
                        path,
                        dep.line,
                        format!("cannot evaluate marker `{mk}` ({err}); assuming it applies"),
                    ),
                }
            }
            crate::push_dep(&mut m, dep, applies);
        }
    }
    Ok(m)
}
