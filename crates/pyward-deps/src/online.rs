//! `pyward deps --online`: yanked releases (PEP 592) and project status (PEP 792), asked of the
//! index each dependency installs from (rules `DEP113`, `DEP114`).

use std::collections::BTreeMap;
use std::path::Path;

use pyward_core::{Finding, Report, ScanError};
use pyward_index::{IndexClient, Project};
use pyward_manifest::{DepSource, Dependency, Manifest};

use crate::{DepsOptions, location, rules};

/// Why a project page could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    /// The index answered 404: the project is not on that index.
    pub not_found: bool,
    /// The error, naming the (redacted) URL.
    pub message: String,
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Project pages fetched once per (index, project).
#[derive(Default)]
pub struct ProjectCache {
    clients: BTreeMap<String, IndexClient>,
    pages: BTreeMap<(String, String), Result<Project, FetchError>>,
}

impl ProjectCache {
    pub fn new() -> ProjectCache {
        ProjectCache::default()
    }

    /// The project page of `name` on `index`, fetched at most once.
    pub fn get(&mut self, index: &str, name: &str) -> &Result<Project, FetchError> {
        let key = (index.to_string(), pyward_index::normalize(name));
        if !self.pages.contains_key(&key) {
            let client = self
                .clients
                .entry(index.to_string())
                .or_insert_with(|| IndexClient::new(index));
            let page = client.project(name).map_err(|e| FetchError {
                not_found: matches!(e, pyward_index::IndexError::NotFound { .. }),
                message: e.to_string(),
            });
            self.pages.insert(key.clone(), page);
        }
        &self.pages[&key]
    }
}

/// The index a dependency installs from: the one its lockfile entry records, else `default`.
pub fn index_for<'a>(dep: &'a Dependency, default: &'a str) -> &'a str {
    match &dep.source {
        DepSource::Registry { index: Some(i) } if !i.is_empty() => i,
        _ => default,
    }
}

/// Checks every exactly-versioned registry dependency against its index. `default_index` maps a
/// manifest to the index it installs from when an entry does not record one.
pub fn check_online(
    manifests: &[Manifest],
    default_index: &dyn Fn(&Manifest) -> String,
    options: &DepsOptions,
    cache: &mut ProjectCache,
    root: &Path,
    report: &mut Report,
) {
    let yanked_on = options.selector.enabled(&rules::YANKED_RELEASE);
    let status_on = options.selector.enabled(&rules::PROJECT_STATUS);
    if !yanked_on && !status_on {
        return;
    }
    let mut queried = 0usize;
    for manifest in manifests {
        let default = default_index(manifest);
        for dep in &manifest.dependencies {
            if !dep.source.is_registry() || dep.unauditable.is_some() {
                continue;
            }
            let index = index_for(dep, &default).to_string();
            queried += 1;
            let project = match cache.get(&index, &dep.normalized) {
                Ok(p) => p,
                Err(e) if e.not_found => {
                    report.warnings.push(format!(
                        "--online: {} is not on {} (a private package?); not checked",
                        dep.normalized,
                        pyward_index::redact_url(&index)
                    ));
                    continue;
                }
                Err(e) => {
                    report.errors.push(ScanError {
                        path: pyward_index::redact_url(&index),
                        message: format!("--online: {e}"),
                    });
                    continue;
                }
            };
            if yanked_on
                && let Some(version) = &dep.version
                && let Some(reason) = project.yanked(version)
            {
                let why = if reason.is_empty() {
                    String::from("no reason given")
                } else {
                    format!("reason: {reason}")
                };
                report.findings.push(
                    Finding::new(
                        &rules::YANKED_RELEASE,
                        format!(
                            "{} {version} is yanked on the index ({why})",
                            dep.normalized
                        ),
                        location(dep, root),
                    )
                    .with_meta("yanked_reason", &reason)
                    .with_meta("index", pyward_index::redact_url(&index)),
                );
            }
            if status_on
                && let Some(status) = &project.status
                && matches!(
                    status.status.as_str(),
                    "archived" | "deprecated" | "quarantined"
                )
            {
                let reason = status
                    .reason
                    .as_deref()
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default();
                let finding = Finding::new(
                    &rules::PROJECT_STATUS,
                    format!(
                        "{} is marked `{}` on the index{reason}",
                        dep.normalized, status.status
                    ),
                    location(dep, root),
                )
                .with_meta("status", &status.status)
                .with_meta("index", pyward_index::redact_url(&index));
                report.findings.push(if status.status == "quarantined" {
                    finding.with_severity(pyward_core::Severity::High)
                } else {
                    finding
                });
            }
        }
    }
    report.stats.insert("online_queries".into(), queried.into());
}
