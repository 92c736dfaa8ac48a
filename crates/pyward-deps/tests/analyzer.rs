//! The whole audit through the library entry point (`pyward_deps::run`), on a small advisory
//! database built in the test: no shared data, no network.

use std::path::{Path, PathBuf};

use pyward_core::{Analyzer, Scope};
use pyward_deps::{AuditOptions, DepsAnalyzer, DepsError, FixMode};

/// One OSV record: `package` is affected from 0 and fixed in `fixed`.
fn record(id: &str, package: &str, fixed: &str) -> String {
    format!(
        r#"{{"id":"{id}","modified":"2024-01-01T00:00:00Z","summary":"Demo flaw","affected":[{{"package":{{"ecosystem":"PyPI","name":"{package}"}},"ranges":[{{"type":"ECOSYSTEM","events":[{{"introduced":"0"}},{{"fixed":"{fixed}"}}]}}]}}]}}"#
    )
}

/// A database with one advisory for `demo` (fixed in 1.0) and one for `other` (fixed in 2.0).
fn database(dir: &Path) -> PathBuf {
    let vulns = dir.join("vulns");
    std::fs::create_dir_all(&vulns).unwrap();
    std::fs::write(vulns.join("TEST-1.json"), record("TEST-1", "demo", "1.0")).unwrap();
    std::fs::write(vulns.join("TEST-2.json"), record("TEST-2", "other", "2.0")).unwrap();
    let db = dir.join("advisory.db");
    pyward_advisory::update(&db, &vulns.display().to_string()).unwrap();
    db
}

/// A project directory with one requirements file, and options auditing it.
fn project(tmp: &Path, requirements: &str) -> (PathBuf, AuditOptions) {
    let proj = tmp.join("proj");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::write(proj.join("requirements.txt"), requirements).unwrap();
    let options = AuditOptions {
        paths: vec![proj.clone()],
        db: Some(database(tmp)),
        python_version: Some("3.12".into()),
        ..AuditOptions::default()
    };
    (proj, options)
}

#[test]
fn audits_a_requirements_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (proj, options) = project(tmp.path(), "demo==0.5\nother==2.1\n");
    let outcome = pyward_deps::run(&options).unwrap();
    assert_eq!(outcome.root, proj);
    assert!(outcome.fix.is_none() && outcome.fix_lines.is_empty());
    let report = &outcome.report;
    assert_eq!(report.inputs, ["requirements.txt"]);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let found: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.location.path.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(found, [("DEP001", "requirements.txt")]);
    assert!(
        report.findings[0]
            .message
            .contains("demo 0.5 is affected by TEST-1")
    );
    assert_eq!(report.stats["database"]["advisories"], 2);
    assert_eq!(report.stats["target"]["python_version"], "3.12");
    // The 2024 data is older than the default 7 days.
    assert!(report.warnings.iter().any(|w| w.contains("days old")));
}

#[test]
fn dry_run_plans_the_fix_without_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "# pinned\ndemo==0.5  # keep this comment\nother==2.1\n";
    let (proj, mut options) = project(tmp.path(), text);
    options.fix = Some(FixMode::Plan);
    let outcome = pyward_deps::run(&options).unwrap();
    let plan = outcome.fix.as_ref().expect("a plan");
    assert_eq!(plan.files.len(), 1);
    let file = &plan.files[0];
    assert_eq!(file.shown, "requirements.txt");
    assert_eq!(
        file.rewrite.text,
        "# pinned\ndemo==1.0  # keep this comment\nother==2.1\n"
    );
    assert!(file.diff.contains("-demo==0.5") && file.diff.contains("+demo==1.0"));
    assert!(plan.lock_commands.is_empty() && plan.unfixable.is_empty());
    assert_eq!(outcome.fix_lines, [file.diff.trim_end().to_string()]);
    assert_eq!(outcome.report.stats["fix"]["dry_run"], true);
    assert_eq!(outcome.report.stats["fix"]["changed_entries"], 1);
    // Nothing was written.
    let on_disk = std::fs::read_to_string(proj.join("requirements.txt")).unwrap();
    assert_eq!(on_disk, text);

    // Applying the same plan writes exactly the planned text.
    options.fix = Some(FixMode::Apply);
    let applied = pyward_deps::run(&options).unwrap();
    assert_eq!(applied.report.stats["fix"]["dry_run"], false);
    let on_disk = std::fs::read_to_string(proj.join("requirements.txt")).unwrap();
    assert_eq!(on_disk, file.rewrite.text);
}

#[test]
fn lockfiles_get_the_lock_tools_command() {
    let tmp = tempfile::tempdir().unwrap();
    let (proj, mut options) = project(tmp.path(), "other==2.1\n");
    std::fs::write(
        proj.join("poetry.lock"),
        "[[package]]\nname = \"demo\"\nversion = \"0.5\"\n\n[metadata]\nlock-version = \"2.0\"\n",
    )
    .unwrap();
    options.fix = Some(FixMode::Plan);
    let outcome = pyward_deps::run(&options).unwrap();
    let plan = outcome.fix.unwrap();
    assert!(plan.files.is_empty(), "{:?}", plan.files);
    assert_eq!(plan.lock_commands.len(), 1);
    assert_eq!(plan.lock_commands[0].lockfile, "poetry.lock");
    // Run from the scanned directory (given here as an absolute path).
    let dir = pyward_deps::fix::shell_quote(&proj.display().to_string());
    assert_eq!(
        plan.lock_commands[0].command,
        format!("(cd {dir} && poetry update demo)")
    );
    assert_eq!(
        outcome.fix_lines,
        [format!(
            "fix: poetry.lock is a lockfile; upgrade with: (cd {dir} && poetry update demo)"
        )]
    );
}

#[test]
fn no_database_is_an_error_that_says_how_to_get_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, mut options) = project(tmp.path(), "demo==0.5\n");
    options.db = Some(tmp.path().join("missing.db"));
    let err = pyward_deps::run(&options).unwrap_err();
    assert!(matches!(err, DepsError::NoDatabase(_)), "{err}");
    assert!(err.to_string().contains("pyward db update"), "{err}");
}

#[test]
fn section_values_and_the_platform_flag() {
    let section: pyward_deps::DepsSection = toml::from_str(
        "platform = \"windows\"\nrequire-hashes = true\ndb-max-age-days = 30\nexclude = [\"vendor\"]",
    )
    .unwrap();
    let options = AuditOptions::from_section(&section, None).unwrap();
    assert_eq!(options.platform, pyward_manifest::Platform::Windows);
    assert!(options.require_hashes);
    assert_eq!(options.db_max_age_days, 30);
    assert_eq!(options.exclude, ["vendor"]);
    let bad: pyward_deps::DepsSection = toml::from_str("platform = \"amiga\"").unwrap();
    assert!(matches!(
        AuditOptions::from_section(&bad, None),
        Err(DepsError::Platform(_))
    ));
    // A platform given on the command line wins, and the section's is not parsed.
    let flag = AuditOptions::from_section(&bad, Some(pyward_manifest::Platform::Macos)).unwrap();
    assert_eq!(flag.platform, pyward_manifest::Platform::Macos);
}

#[test]
fn the_analyzer_runs_over_a_scope() {
    let tmp = tempfile::tempdir().unwrap();
    let (proj, options) = project(tmp.path(), "demo==0.5\n");
    let analyzer = DepsAnalyzer {
        db: options.db.clone(),
        ..DepsAnalyzer::default()
    };
    assert_eq!(analyzer.name(), "deps");
    assert!(analyzer.rules().iter().any(|r| r.code == "DEP001"));
    let paths = vec![proj.join("requirements.txt")];
    let config = pyward_core::ProjectConfig::default();
    let inventory = pyward_core::Inventory::walk(&paths, &Default::default());
    let test_paths = config.test_paths().unwrap();
    let scope = Scope {
        paths: &paths,
        inventory: &inventory,
        config: &config,
        select: &[],
        ignore: &[],
        test_paths: &test_paths,
        include_tests: false,
        fail_on_empty: false,
        progress: &pyward_core::NoProgress,
    };
    let report = analyzer.run(&scope);
    assert_eq!(report.findings.len(), 1, "{:?}", report.errors);
    assert_eq!(report.findings[0].code, "DEP001");

    // Without a database nothing is audited: an error in the report, not a panic or an abort.
    let missing = DepsAnalyzer {
        db: Some(tmp.path().join("none.db")),
        ..DepsAnalyzer::default()
    };
    let report = missing.run(&scope);
    assert!(report.findings.is_empty());
    assert!(
        report.errors[0].message.contains("pyward db update"),
        "{:?}",
        report.errors
    );
}

#[test]
fn the_fix_plan_reuses_what_the_audit_read() {
    let tmp = tempfile::tempdir().unwrap();
    let (proj, options) = project(tmp.path(), "demo==0.5\nother==2.1\n");
    let db = pyward_advisory::open_db(options.db.as_deref().unwrap()).unwrap();
    let target = pyward_manifest::Target::new("3.12", pyward_manifest::Platform::Linux);
    let manifest = pyward_manifest::parse_file(&proj.join("requirements.txt"), &target).unwrap();
    let manifests = [manifest];
    let mut advisories = pyward_deps::AdvisoryCache::new(&db);
    let mut report = pyward_core::Report::new("deps");
    let deps_options = pyward_deps::DepsOptions::default();
    pyward_deps::audit_with(
        &manifests,
        &mut advisories,
        &deps_options,
        &proj,
        &mut report,
    )
    .unwrap();
    // One query per pinned version.
    assert_eq!(advisories.reads(), 2);
    let root = pyward_core::fs::Root::new(&proj).unwrap();
    let index = |_: &pyward_manifest::Manifest| "https://pypi.org/simple/".to_string();
    let mut cache = pyward_deps::online::ProjectCache::new();
    let plan = pyward_deps::fix::plan(
        &manifests,
        &mut advisories,
        &index,
        &mut cache,
        &proj,
        &root,
        &mut report,
    )
    .unwrap();
    assert_eq!(plan.files[0].rewrite.applied.len(), 1);
    // The versions are not queried again; only the affected package's full list is new.
    assert_eq!(advisories.reads(), 3);
    // Planning wrote nothing.
    let on_disk = std::fs::read_to_string(proj.join("requirements.txt")).unwrap();
    assert_eq!(on_disk, "demo==0.5\nother==2.1\n");
}

/// Django's sdist ships `docs/ref/models/constraints.txt`, reStructuredText named like a pip
/// constraints file. Found by discovery it is one error that says it is probably not a
/// requirements file; named on the command line, every line that is not a requirement is one.
#[test]
fn documentation_named_like_a_requirements_file_is_not_audited_unless_named() {
    let tmp = tempfile::tempdir().unwrap();
    let (proj, options) = project(tmp.path(), "demo==0.5\n");
    std::fs::create_dir_all(proj.join("docs/ref")).unwrap();
    let rst = "===========\nConstraints\n===========\n\n.. class:: CheckConstraint(*, condition, name)\n\n    Creates a check constraint in the database.\n\nExample::\n\n    from django.db import models\n\nThe constraint is checked when the model is validated.\nSee the database docs for details.\n";
    std::fs::write(proj.join("docs/ref/constraints.txt"), rst).unwrap();
    let outcome = pyward_deps::run(&options).unwrap();
    let report = &outcome.report;
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert!(
        report.errors[0].path.ends_with("docs/ref/constraints.txt")
            && report.errors[0]
                .message
                .contains("not a requirements file?"),
        "{:?}",
        report.errors
    );
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| f.code == "DEP001")
            .count(),
        1
    );

    let named = AuditOptions {
        paths: vec![proj.join("docs/ref/constraints.txt")],
        ..options
    };
    let outcome = pyward_deps::run(&named).unwrap();
    assert!(
        outcome.report.errors.len() >= 5,
        "{:?}",
        outcome.report.errors
    );
}

#[test]
fn the_report_lists_the_packages_with_hashes_and_the_lock_graph() {
    let tmp = tempfile::tempdir().unwrap();
    let (proj, mut options) = project(tmp.path(), "demo==0.5 --hash=sha256:00ff\nother>=1\n");
    // The real uv project fixture beside it: a pyproject.toml and the uv.lock uv wrote for it.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../pyward-manifest/tests/fixtures");
    let uv = proj.join("svc");
    std::fs::create_dir_all(&uv).unwrap();
    for file in ["pyproject.toml", "uv.lock"] {
        std::fs::copy(fixtures.join("uv").join(file), uv.join(file)).unwrap();
    }
    options.python_version = None;
    let report = pyward_deps::run(&options).unwrap().report;
    let find = |name: &str, manifest: &str| {
        report
            .packages
            .iter()
            .find(|p| p.name == name && p.manifest == manifest)
            .unwrap_or_else(|| panic!("{name} in {manifest}: {:#?}", report.packages))
    };
    let demo = find("demo", "requirements.txt");
    assert_eq!(demo.version.as_deref(), Some("0.5"));
    assert_eq!(demo.hashes, ["sha256:00ff"]);
    assert!(demo.registry && !demo.project);
    assert_eq!(find("other", "requirements.txt").version, None);
    // uv.lock records who depends on whom.
    let flask = find("flask", "svc/uv.lock");
    assert!(
        flask.depends_on.iter().any(|d| d == "werkzeug"),
        "{flask:?}"
    );
    assert!(!flask.hashes.is_empty());
    assert!(flask.direct);
    // The project itself, with what it declares.
    let project = find("shop-api", "svc/pyproject.toml");
    assert!(project.project);
    assert_eq!(project.version.as_deref(), Some("0.1.0"));
    assert!(project.depends_on.iter().any(|d| d == "flask"));
}
