//! CycloneDX 1.6 JSON: a software bill of materials of the audited dependencies.
//!
//! Components are the report's [`Package`]s (what `pyward deps` read from manifests, lockfiles
//! and environments), one per name and version, with a `pkg:pypi` purl for index packages, the
//! hashes their files record, and the manifests they came from as `pyward:manifest`
//! properties. A declared range (`django>=4`) is listed only when no file pins that package.
//! `dependencies` is the graph the lockfiles record; `vulnerabilities` are the findings that
//! carry an advisory (`DEP001`), one per advisory ID with every affected component. Other
//! findings (code, configuration) have no place in an SBOM and are left out.
//!
//! The output is deterministic: the `serialNumber` is a UUID derived from the document's content
//! and no timestamp is written.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use pyward_core::{AdvisoryRef, Finding, Package, Report, Severity};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{RenderOptions, TOOL_NAME};

/// The CycloneDX specification version written.
pub const SPEC_VERSION: &str = "1.6";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Bom {
    bom_format: &'static str,
    spec_version: &'static str,
    #[serde(skip_serializing_if = "String::is_empty")]
    serial_number: String,
    version: u32,
    metadata: Metadata,
    components: Vec<Component>,
    dependencies: Vec<Dependency>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    vulnerabilities: Vec<Vulnerability>,
}

#[derive(Serialize)]
struct Metadata {
    tools: Tools,
    #[serde(skip_serializing_if = "Option::is_none")]
    component: Option<Component>,
}

#[derive(Serialize)]
struct Tools {
    components: Vec<Component>,
}

#[derive(Serialize, Clone)]
struct Component {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "bom-ref", skip_serializing_if = "Option::is_none")]
    bom_ref: Option<String>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    purl: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hashes: Vec<Hash>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    properties: Vec<Property>,
}

#[derive(Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Hash {
    alg: &'static str,
    content: String,
}

#[derive(Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Property {
    name: &'static str,
    value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dependency {
    #[serde(rename = "ref")]
    reference: String,
    depends_on: Vec<String>,
}

#[derive(Serialize)]
struct Vulnerability {
    #[serde(rename = "bom-ref")]
    bom_ref: String,
    id: String,
    source: Source,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    references: Vec<VulnReference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ratings: Vec<Rating>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recommendation: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    advisories: Vec<Advisory>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    affects: Vec<Affects>,
}

#[derive(Serialize, Clone)]
struct Source {
    name: &'static str,
    url: String,
}

#[derive(Serialize)]
struct VulnReference {
    id: String,
    source: Source,
}

#[derive(Serialize)]
struct Rating {
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    severity: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vector: Option<String>,
}

#[derive(Serialize)]
struct Advisory {
    url: String,
}

#[derive(Serialize)]
struct Affects {
    #[serde(rename = "ref")]
    reference: String,
}

pub(crate) fn render(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let bom = build(report, opts);
    // Serializing plain structs into memory cannot fail; the writer's errors are returned as
    // they are.
    let mut text = serde_json::to_vec_pretty(&bom).map_err(io::Error::other)?;
    text.push(b'\n');
    out.write_all(&text)
}

/// The components of a report: one per (name, version), unversioned entries only for names
/// nothing pins.
struct Components {
    /// By bom-ref.
    by_ref: BTreeMap<String, Component>,
    /// Name -> the refs of its components, versioned ones first.
    by_name: BTreeMap<String, Vec<String>>,
    /// (manifest, name) -> ref: how a file's own edges resolve.
    in_manifest: BTreeMap<(String, String), String>,
    /// (name, index package, canonical version) -> ref.
    by_release: BTreeMap<Release, String>,
}

type Release = (String, bool, Option<String>);

impl Components {
    fn new(packages: &[&Package]) -> Components {
        let pinned: BTreeSet<&str> = packages
            .iter()
            .filter(|p| p.version.is_some())
            .map(|p| p.name.as_str())
            .collect();
        let mut by_ref: BTreeMap<String, Component> = BTreeMap::new();
        let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut in_manifest = BTreeMap::new();
        // `4.2` in a lock and `==4.2.0` in a pyproject.toml are one release: one component.
        let mut by_release: BTreeMap<Release, String> = BTreeMap::new();
        for p in packages {
            if p.version.is_none() && pinned.contains(p.name.as_str()) {
                continue;
            }
            let release = (
                p.name.clone(),
                p.registry,
                p.version.as_deref().map(canonical_version),
            );
            let reference = by_release
                .entry(release)
                .or_insert_with(|| package_ref(p))
                .clone();
            in_manifest.insert((p.manifest.clone(), p.name.clone()), reference.clone());
            let component = by_ref.entry(reference.clone()).or_insert_with(|| {
                by_name
                    .entry(p.name.clone())
                    .or_default()
                    .push(reference.clone());
                Component {
                    kind: "library",
                    bom_ref: Some(reference.clone()),
                    name: p.name.clone(),
                    version: p.version.clone(),
                    purl: p.registry.then(|| purl(&p.name, p.version.as_deref())),
                    hashes: Vec::new(),
                    properties: Vec::new(),
                }
            });
            for h in &p.hashes {
                if let Some(hash) = hash(h)
                    && !component.hashes.contains(&hash)
                {
                    component.hashes.push(hash);
                }
            }
            let property = Property {
                name: "pyward:manifest",
                value: p.manifest.clone(),
            };
            if !component.properties.contains(&property) {
                component.properties.push(property);
            }
        }
        for c in by_ref.values_mut() {
            c.hashes.sort();
            c.properties.sort();
        }
        Components {
            by_ref,
            by_name,
            in_manifest,
            by_release,
        }
    }

    /// The component `name` means in `manifest`: the file's own entry, else the first
    /// component of that name.
    fn resolve(&self, manifest: &str, name: &str) -> Option<&String> {
        self.in_manifest
            .get(&(manifest.to_string(), name.to_string()))
            .or_else(|| self.by_name.get(name).and_then(|refs| refs.first()))
    }
}

fn build(report: &Report, opts: &RenderOptions) -> Bom {
    let dependencies: Vec<&Package> = report.packages.iter().filter(|p| !p.project).collect();
    let components = Components::new(&dependencies);

    // The graph: each component's edges, merged over every file that lists it.
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &dependencies {
        let Some(from) = components.resolve(&p.manifest, &p.name) else {
            continue;
        };
        for name in &p.depends_on {
            if let Some(to) = components.resolve(&p.manifest, name)
                && to != from
            {
                graph.entry(from.clone()).or_default().insert(to.clone());
            }
        }
    }

    // The project: the one pyproject.toml with a name; with several (a monorepo), the first,
    // the others become application components.
    let mut projects: Vec<&Package> = report.packages.iter().filter(|p| p.project).collect();
    projects.dedup_by(|a, b| a.name == b.name && a.version == b.version);
    let mut extra_components = Vec::new();
    let mut metadata_component = None;
    for (i, p) in projects.iter().enumerate() {
        let reference = format!("project:{}", package_ref(p));
        let component = Component {
            kind: "application",
            bom_ref: Some(reference.clone()),
            name: p.name.clone(),
            version: p.version.clone(),
            purl: None,
            hashes: Vec::new(),
            properties: vec![Property {
                name: "pyward:manifest",
                value: p.manifest.clone(),
            }],
        };
        let edges: BTreeSet<String> = p
            .depends_on
            .iter()
            .filter_map(|name| components.resolve(&p.manifest, name).cloned())
            .collect();
        graph.entry(reference).or_default().extend(edges);
        if i == 0 {
            metadata_component = Some(component);
        } else {
            extra_components.push(component);
        }
    }

    let vulnerabilities = vulnerabilities(&report.findings, &components);
    let mut all_components: Vec<Component> = components.by_ref.into_values().collect();
    all_components.extend(extra_components);
    let dependencies: Vec<Dependency> = graph
        .into_iter()
        .map(|(reference, to)| Dependency {
            reference,
            depends_on: to.into_iter().collect(),
        })
        .collect();

    let mut bom = Bom {
        bom_format: "CycloneDX",
        spec_version: SPEC_VERSION,
        serial_number: String::new(),
        version: 1,
        metadata: Metadata {
            tools: Tools {
                components: vec![Component {
                    kind: "application",
                    bom_ref: None,
                    name: TOOL_NAME.to_string(),
                    version: Some(opts.tool_version.to_string()),
                    purl: None,
                    hashes: Vec::new(),
                    properties: Vec::new(),
                }],
            },
            component: metadata_component,
        },
        components: all_components,
        dependencies,
        vulnerabilities,
    };
    // The serial number is derived from everything else, so equal inputs give equal documents.
    let content = serde_json::to_vec(&bom).unwrap_or_default();
    bom.serial_number = format!("urn:uuid:{}", content_uuid(&content));
    bom
}

fn vulnerabilities(findings: &[Finding], components: &Components) -> Vec<Vulnerability> {
    let mut by_id: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        if let Some(a) = &f.advisory {
            by_id.entry(a.id.as_str()).or_default().push(f);
        }
    }
    by_id
        .into_iter()
        .filter_map(|(id, findings)| {
            let advisory: &AdvisoryRef = findings.first()?.advisory.as_deref()?;
            let mut affects = BTreeSet::new();
            let mut recommendations = BTreeSet::new();
            for f in &findings {
                let Some(name) = &f.location.package else {
                    continue;
                };
                let release = (
                    name.clone(),
                    true,
                    f.location.version.as_deref().map(canonical_version),
                );
                let reference = components
                    .by_release
                    .get(&release)
                    .or_else(|| components.by_name.get(name).and_then(|r| r.first()))
                    .cloned();
                affects.extend(reference);
                if let Some(fix) = &f.fix {
                    recommendations.insert(fix.description.clone());
                }
            }
            let severity = findings
                .iter()
                .map(|f| f.severity)
                .max()
                .unwrap_or(Severity::Unknown);
            Some(Vulnerability {
                bom_ref: format!("vuln:{id}"),
                id: id.to_string(),
                source: source_of(id),
                references: advisory
                    .aliases
                    .iter()
                    .filter(|a| a.as_str() != id)
                    .map(|a| VulnReference {
                        id: a.clone(),
                        source: source_of(a),
                    })
                    .collect(),
                ratings: vec![rating(advisory, severity)],
                description: advisory.summary.clone(),
                recommendation: (!recommendations.is_empty())
                    .then(|| recommendations.into_iter().collect::<Vec<_>>().join("; ")),
                advisories: advisory
                    .references
                    .iter()
                    .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
                    .map(|u| Advisory { url: u.clone() })
                    .collect(),
                published: advisory.published.clone().filter(|d| is_date_time(d)),
                updated: Some(advisory.modified.clone()).filter(|d| is_date_time(d)),
                affects: affects
                    .into_iter()
                    .map(|reference| Affects { reference })
                    .collect(),
            })
        })
        .collect()
}

/// The rating pyward reported: the CVSS vector and score it used, else the severity alone.
fn rating(advisory: &AdvisoryRef, severity: Severity) -> Rating {
    // CycloneDX's severity names are pyward's.
    let severity = severity.as_str();
    let source = advisory
        .severity_source
        .as_deref()
        .map(source_of)
        .or_else(|| Some(source_of(&advisory.id)));
    match &advisory.cvss {
        Some(cvss) => Rating {
            source,
            score: cvss.score,
            severity,
            method: cvss_method(&cvss.kind, &cvss.vector),
            vector: Some(cvss.vector.clone()),
        },
        None => Rating {
            source,
            score: None,
            severity,
            method: None,
            vector: None,
        },
    }
}

/// CycloneDX's `method` for an OSV severity type and vector.
fn cvss_method(kind: &str, vector: &str) -> Option<&'static str> {
    if vector.starts_with("CVSS:4") || kind.eq_ignore_ascii_case("CVSS_V4") {
        Some("CVSSv4")
    } else if vector.starts_with("CVSS:3.1") {
        Some("CVSSv31")
    } else if vector.starts_with("CVSS:3") || kind.eq_ignore_ascii_case("CVSS_V3") {
        Some("CVSSv3")
    } else if kind.eq_ignore_ascii_case("CVSS_V2") {
        Some("CVSSv2")
    } else {
        None
    }
}

/// Where an advisory ID is published.
fn source_of(id: &str) -> Source {
    if id.starts_with("CVE-") {
        Source {
            name: "NVD",
            url: format!("https://nvd.nist.gov/vuln/detail/{id}"),
        }
    } else if id.starts_with("GHSA-") {
        Source {
            name: "GitHub",
            url: format!("https://github.com/advisories/{id}"),
        }
    } else {
        Source {
            name: "OSV",
            url: format!("https://osv.dev/vulnerability/{id}"),
        }
    }
}

/// A loose RFC 3339 check (`2024-01-02T03:04:05Z`), so the schema's `date-time` holds.
fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && (s.ends_with('Z') || b[19..].iter().any(|c| matches!(c, b'+' | b'-')))
        && b[..4].iter().all(u8::is_ascii_digit)
}

/// A version without the trailing `.0`s of a plain release (`4.2.0` -> `4.2`), which PEP 440
/// compares equal; anything else as written.
fn canonical_version(v: &str) -> String {
    let v = v.trim();
    if !v.is_empty() && v.bytes().all(|c| c.is_ascii_digit() || c == b'.') {
        let mut parts: Vec<&str> = v.split('.').collect();
        while parts.len() > 1 && parts.last().is_some_and(|p| p.bytes().all(|c| c == b'0')) {
            parts.pop();
        }
        parts.join(".")
    } else {
        v.to_string()
    }
}

/// The component reference: the purl for index packages, else `name@version`.
fn package_ref(p: &Package) -> String {
    if p.registry {
        purl(&p.name, p.version.as_deref())
    } else {
        match &p.version {
            Some(v) => format!("{}@{v}", p.name),
            None => p.name.clone(),
        }
    }
}

/// `pkg:pypi/name@version`: the name is already PEP 503 normalized (lower case, `-`), which is
/// what the purl spec asks for PyPI.
fn purl(name: &str, version: Option<&str>) -> String {
    match version {
        Some(v) => format!("pkg:pypi/{}@{}", purl_encode(name), purl_encode(v)),
        None => format!("pkg:pypi/{}", purl_encode(name)),
    }
}

/// Percent-encodes everything but the characters a purl segment may hold as they are.
fn purl_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `sha256:hex` -> a CycloneDX hash; algorithms CycloneDX does not name are left out.
fn hash(s: &str) -> Option<Hash> {
    let (algo, hex) = s.split_once(':')?;
    let (alg, len) = match algo.to_ascii_lowercase().as_str() {
        "md5" => ("MD5", 32),
        "sha1" => ("SHA-1", 40),
        "sha256" => ("SHA-256", 64),
        "sha384" => ("SHA-384", 96),
        "sha512" => ("SHA-512", 128),
        "sha3_256" | "sha3-256" => ("SHA3-256", 64),
        "sha3_384" | "sha3-384" => ("SHA3-384", 96),
        "sha3_512" | "sha3-512" => ("SHA3-512", 128),
        "blake2b_256" | "blake2b-256" => ("BLAKE2b-256", 64),
        "blake2b_384" | "blake2b-384" => ("BLAKE2b-384", 96),
        "blake2b_512" | "blake2b-512" => ("BLAKE2b-512", 128),
        _ => return None,
    };
    let hex = hex.to_ascii_lowercase();
    (hex.len() == len && hex.bytes().all(|c| c.is_ascii_hexdigit()))
        .then_some(Hash { alg, content: hex })
}

/// A version-5-shaped UUID from the SHA-256 of `content`.
fn content_uuid(content: &[u8]) -> String {
    let digest = Sha256::digest(content);
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purls_encode_what_they_must() {
        assert_eq!(purl("django", Some("4.2.1")), "pkg:pypi/django@4.2.1");
        assert_eq!(
            purl("foo-bar", Some("1.0+local")),
            "pkg:pypi/foo-bar@1.0%2Blocal"
        );
        assert_eq!(purl("foo", None), "pkg:pypi/foo");
    }

    #[test]
    fn hashes_map_to_cyclonedx_algorithms() {
        let h = hash(&format!("sha256:{}", "AB".repeat(32))).unwrap();
        assert_eq!((h.alg, h.content.len()), ("SHA-256", 64));
        assert_eq!(h.content, "ab".repeat(32));
        assert!(hash("sha256:short").is_none());
        assert!(hash("crc32:00000000").is_none());
    }

    #[test]
    fn plain_releases_compare_without_trailing_zeros() {
        assert_eq!(canonical_version("4.2.0"), "4.2");
        assert_eq!(canonical_version("4.2"), "4.2");
        assert_eq!(canonical_version("10.0.0"), "10");
        assert_eq!(canonical_version("0"), "0");
        assert_eq!(canonical_version("4.2.0rc1"), "4.2.0rc1");
    }

    #[test]
    fn cvss_methods() {
        assert_eq!(cvss_method("CVSS_V3", "CVSS:3.1/AV:N"), Some("CVSSv31"));
        assert_eq!(cvss_method("CVSS_V3", "CVSS:3.0/AV:N"), Some("CVSSv3"));
        assert_eq!(cvss_method("CVSS_V4", "CVSS:4.0/AV:N"), Some("CVSSv4"));
        assert_eq!(cvss_method("CVSS_V2", "AV:N/AC:L"), Some("CVSSv2"));
    }

    #[test]
    fn serial_numbers_are_uuids() {
        let u = content_uuid(b"x");
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "5");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"));
        assert!(is_date_time("2024-01-02T03:04:05Z"));
        assert!(is_date_time("2024-01-02T03:04:05.123+00:00"));
        assert!(!is_date_time("2024-01-02"));
    }
}
