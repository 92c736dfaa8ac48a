mod common;

use common::{fixtures, linux, render};
use pyward_manifest::{DepState, ManifestKind, parse_file};

#[test]
fn pyproject_pep621_pep735_poetry() {
    let path = fixtures().join("hand/pyproject/pyproject.toml");
    let m = parse_file(&path, &linux("3.12")).unwrap();
    assert_eq!(m.kind, ManifestKind::Pyproject);
    insta::assert_snapshot!(render(&m));

    let django = m.get("django").unwrap();
    assert_eq!((django.line, django.column), (Some(6), Some(4)));
    assert_eq!(django.state, DepState::Pinned);
    assert_eq!(m.get("pyyaml").unwrap().group.as_deref(), Some("yaml"));
    assert_eq!(m.get("cryptography").unwrap().line, Some(16));
    assert_eq!(m.get("pytest").unwrap().group.as_deref(), Some("test"));
    assert_eq!(m.get("ipython").unwrap().group.as_deref(), Some("dev"));
    // Poetry: caret/tilde translated, bare version means ==.
    assert_eq!(
        m.get("fastapi").unwrap().specifier.as_deref(),
        Some(">=0.100.0, <0.101.0")
    );
    assert_eq!(
        m.get("pydantic").unwrap().specifier.as_deref(),
        Some(">=2.4, <2.5")
    );
    assert_eq!(m.get("httpx").unwrap().version.as_deref(), Some("0.25.0"));
    assert_eq!(m.get("black").unwrap().group.as_deref(), Some("dev"));
    assert_eq!(m.get("sphinx").unwrap().group.as_deref(), Some("docs"));
    assert!(m.get("mylib").unwrap().unauditable.is_some());
    assert!(m.get("devlib").unwrap().unauditable.is_some());
    // Python-gated (tomli on 3.12) and platform-gated entries are skipped, not dropped.
    assert!(
        m.skipped_by_marker
            .iter()
            .any(|d| d.normalized == "winreg-helper")
    );
    assert!(m.warnings.iter().any(|w| w.contains("include cycle")));
    assert!(m.warnings.iter().any(|w| w.contains("weird")));
}

#[test]
fn pep723_script() {
    let path = fixtures().join("hand/script/tool.py");
    let m = parse_file(&path, &linux("3.12")).unwrap();
    assert_eq!(m.kind, ManifestKind::Pep723Script);
    assert_eq!(m.requires_python.as_deref(), Some(">=3.11"));
    let rich = m.get("rich").unwrap();
    assert_eq!((rich.line, rich.column), (Some(6), Some(6)));
    assert_eq!(rich.version.as_deref(), Some("13.7.0"));
    assert_eq!(m.get("requests").unwrap().line, Some(5));
    insta::assert_snapshot!(render(&m));
}

#[test]
fn real_tool_pyprojects_parse() {
    for dir in ["uv", "poetry", "poetry1", "pdm"] {
        let path = fixtures().join(dir).join("pyproject.toml");
        let m = parse_file(&path, &linux("3.11")).unwrap();
        let django = m
            .get("django")
            .unwrap_or_else(|| panic!("{dir}: no django"));
        assert_eq!(django.version.as_deref(), Some("4.2.0"), "{dir}");
        assert_eq!(django.line, Some(common::line_of(&path, "django")), "{dir}");
        assert_eq!(
            m.get("requests").unwrap().specifier.as_deref(),
            Some("<2.30")
        );
    }
}

/// Indexes a project declares for uv and PDM are exposed (DEP109 and `--fix` use them).
#[test]
fn uv_and_pdm_indexes_are_declared_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pyproject.toml");
    std::fs::write(
        &path,
        r#"[project]
name = "svc"
version = "1"
dependencies = ["requests"]

[[tool.uv.index]]
name = "internal"
url = "https://pypi.internal.example.com/simple"

[tool.uv]
extra-index-url = ["https://extra.example.com/simple"]

[[tool.pdm.source]]
name = "pdm-src"
url = "https://pdm.example.com/simple"
"#,
    )
    .unwrap();
    let m = pyward_manifest::parse_file(&path, &pyward_manifest::Target::default()).unwrap();
    assert_eq!(
        m.index_urls,
        vec![
            "https://pypi.internal.example.com/simple",
            "https://extra.example.com/simple",
            "https://pdm.example.com/simple"
        ]
    );
}

#[test]
fn project_name_and_version_from_pep621_or_poetry() {
    let uv = parse_file(&fixtures().join("uv/pyproject.toml"), &linux("3.12")).unwrap();
    assert_eq!(uv.project_name.as_deref(), Some("shop-api"));
    assert_eq!(uv.project_version.as_deref(), Some("0.1.0"));
    // Poetry 2 projects without a [project] table name themselves in [tool.poetry].
    let poetry = parse_file(&fixtures().join("poetry/pyproject.toml"), &linux("3.12")).unwrap();
    assert_eq!(poetry.project_name.as_deref(), Some("shop-api"));
    assert_eq!(poetry.project_version.as_deref(), Some("0.1.0"));
    let lock = parse_file(&fixtures().join("uv/uv.lock"), &linux("3.12")).unwrap();
    assert_eq!(lock.project_name, None);
}
