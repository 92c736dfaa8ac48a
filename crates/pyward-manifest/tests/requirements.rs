mod common;

use common::{fixtures, linux, render};
use pyward_manifest::{DepSource, DepState, ManifestKind, Platform, Target, parse_file};

#[test]
fn requirements_edge_cases_snapshot() {
    let path = fixtures().join("hand/requirements/requirements.txt");
    let m = parse_file(&path, &linux("3.12")).unwrap();
    insta::assert_snapshot!(render(&m));
}

#[test]
fn requirements_details() {
    let path = fixtures().join("hand/requirements/requirements.txt");
    let m = parse_file(&path, &linux("3.12")).unwrap();
    assert_eq!(m.kind, ManifestKind::Requirements);

    let django = m.get("django").unwrap();
    assert_eq!(django.version.as_deref(), Some("4.2.0"));
    assert_eq!(django.state, DepState::Pinned);
    assert_eq!(
        django.line,
        Some(11),
        "line where the continued entry starts"
    );
    assert_eq!(django.hashes, vec!["sha256:aaaa", "sha256:bbbb"]);

    let requests = m.get("requests").unwrap();
    assert_eq!(requests.version, None);
    assert_eq!(requests.specifier.as_deref(), Some(">=2.20, <2.30"));
    assert_eq!(requests.extras, vec!["security", "socks"]);

    // `==41.*` is not an exact pin; `===` is.
    let crypto = m.get("cryptography").unwrap();
    assert_eq!(crypto.version, None);
    assert_eq!(crypto.state, DepState::Declared);
    assert_eq!(m.get("urllib3").unwrap().version.as_deref(), Some("1.26.5"));

    // Nested include: line and origin are those of the included file.
    let yaml = m.get("pyyaml").unwrap();
    assert!(yaml.origin.ends_with("sub/base.txt"));
    assert_eq!(yaml.line, Some(2));

    // Editable / VCS / URL / path entries are kept but unauditable.
    for name in [
        "private-lib",
        "localpkg",
        "mypkg",
        "tool",
        "other-pkg",
        "thing",
    ] {
        let d = m
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing:\n{}", render(&m)));
        assert!(d.unauditable.is_some(), "{name} must be unauditable");
        assert!(!d.is_auditable());
    }
    assert!(matches!(
        m.get("private-lib").unwrap().source,
        DepSource::Editable(_)
    ));
    assert!(matches!(m.get("tool").unwrap().source, DepSource::Vcs(_)));
    assert!(matches!(m.get("mypkg").unwrap().source, DepSource::Url(_)));

    // Options are recorded, not errors.
    assert_eq!(
        m.index_urls,
        vec![
            "https://pypi.example.org/simple",
            "https://extra.example.org/simple"
        ]
    );
    assert_eq!(m.trusted_hosts, vec!["extra.example.org"]);
    assert_eq!(m.find_links, vec!["./wheels"]);

    // Constraint entries only constrain.
    assert!(m.get("certifi").is_none());
    assert!(m.constraints.iter().any(|c| c.normalized == "certifi"));

    // Markers: false for linux/3.12 → skipped but kept; `extra ==` is false unless requested.
    let skipped: Vec<&str> = m
        .skipped_by_marker
        .iter()
        .map(|d| d.normalized.as_str())
        .collect();
    assert_eq!(skipped, vec!["pywin32", "uvloop", "pytest-extra"]);

    // The unparseable line is an error naming file:line (the rest is still read); the cycle
    // base→common→base is a warning.
    assert!(
        m.errors
            .iter()
            .any(|e| e.to_string().contains("requirements.txt:26:")),
        "{:?}",
        m.errors
    );
    assert!(
        m.warnings.iter().any(|w| w.contains("include cycle")),
        "{:?}",
        m.warnings
    );
}

#[test]
fn markers_follow_the_target() {
    let path = fixtures().join("hand/requirements/requirements.txt");
    let mut target = Target::new("3.8", Platform::Windows);
    target.extras.push("test".into());
    let m = parse_file(&path, &target).unwrap();
    assert!(m.get("pywin32").is_some());
    assert!(m.get("pytest-extra").is_some());
    assert!(m.get("uvloop").is_none());
    assert!(m.skipped_by_marker.iter().any(|d| d.normalized == "uvloop"));
}

#[test]
fn include_cycles_terminate_with_a_warning_and_missing_includes_are_errors() {
    let path = fixtures().join("hand/cycle/a.txt");
    let m = parse_file(&path, &linux("3.12")).unwrap();
    let names: Vec<&str> = m
        .dependencies
        .iter()
        .map(|d| d.normalized.as_str())
        .collect();
    assert_eq!(names, vec!["alpha", "beta"]);
    let cycle = m
        .warnings
        .iter()
        .find(|w| w.contains("include cycle"))
        .unwrap();
    assert!(
        cycle.contains("a.txt -> ") && cycle.contains("b.txt -> "),
        "{cycle}"
    );
    // A missing include is an error (exit 2 in the CLI), not a warning.
    assert!(
        m.errors
            .iter()
            .map(ToString::to_string)
            .any(|e| e.contains("b.txt:3:") && e.contains("missing.txt")),
        "{:?}",
        m.errors
    );
}

#[test]
fn pip_compile_output_with_hashes() {
    let path = fixtures().join("pip-tools/requirements.txt");
    let m = parse_file(&path, &linux("3.11")).unwrap();
    let django = common::assert_dep(&m, "django", "4.2", common::line_of(&path, "django==4.2 "));
    assert!(django.hashes.iter().all(|h| h.starts_with("sha256:")));
    assert!(!django.hashes.is_empty());
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    insta::assert_snapshot!(render(&m));
}
