//! Settings patterns from real projects, one class per test: conditional list changes,
//! `SILENCED_SYSTEM_CHECKS`, guarded and missing star imports, absolute star imports confined
//! to the scanned tree, env helpers and getter libraries, which modules are settings modules,
//! and one report per effective module.

use std::collections::BTreeSet;
use std::path::Path;

use pyward_code::{CodeOptions, check_source, scan};
use pyward_core::RuleSelector;

const SEC: &str = "django.middleware.security.SecurityMiddleware";
const XFRAME: &str = "django.middleware.clickjacking.XFrameOptionsMiddleware";
const CSRF: &str = "django.middleware.csrf.CsrfViewMiddleware";
const KEY: &str = "kZq8Wc2Lr5Tn0Xv7Bd4Hk1Pm9Sg3Jy6aB3dE5gH7jK9mN1pQ3sT5vW7yZ9b";

fn opts() -> CodeOptions {
    CodeOptions {
        selector: RuleSelector::new(vec!["DJ".into()], Vec::new()),
        ..CodeOptions::default()
    }
}

/// A settings module setting everything but what the test varies.
fn settings(extra: &str) -> String {
    format!(
        "import os, sys\nSECRET_KEY = \"{KEY}\"\nDEBUG = False\nALLOWED_HOSTS = [\"example.com\"]\n\
         INSTALLED_APPS = [\"django.contrib.auth\"]\nROOT_URLCONF = \"proj.urls\"\nDATABASES = {{}}\n\
         SECURE_HSTS_SECONDS = 3600\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n\
         SECURE_SSL_REDIRECT = True\nCSRF_COOKIE_SECURE = True\n{extra}"
    )
}

fn checks_of(findings: &[pyward_core::Finding]) -> BTreeSet<String> {
    findings
        .iter()
        .filter_map(|f| f.metadata.get("django_check")?.as_str().map(str::to_string))
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

/// `(file relative to root, django_check)` of a scan of `root`.
fn scan_ids(root: &Path) -> (BTreeSet<(String, String)>, Vec<String>) {
    let report = scan(&[root.to_path_buf()], &opts());
    let prefix = format!("{}/", root.display());
    let ids = report
        .findings
        .iter()
        .map(|f| {
            let path = f.location.path.as_deref().unwrap_or("");
            let rel = path.strip_prefix(&prefix).unwrap_or(path).to_string();
            let check = f
                .metadata
                .get("django_check")
                .and_then(|v| v.as_str())
                .unwrap_or(f.code.as_str())
                .to_string();
            (rel, check)
        })
        .collect();
    let errors = report
        .errors
        .iter()
        .map(|e| format!("{}: {}", e.path, e.message))
        .collect();
    (ids, errors)
}

#[test]
fn entries_listed_unconditionally_survive_conditional_changes() {
    for change in [
        "if os.path.exists('/srv/x'):\n    MIDDLEWARE.append('debug_toolbar.middleware.DebugToolbarMiddleware')\n".to_string(),
        "if 'runserver' in sys.argv:\n    MIDDLEWARE.insert(0, 'a.B')\nelse:\n    MIDDLEWARE.extend(['c.D'])\n".to_string(),
        "if os.path.exists('/srv/x'):\n    MIDDLEWARE += ['a.B']\n".to_string(),
        "if os.path.exists('/srv/x'):\n    MIDDLEWARE = ['a.B'] + MIDDLEWARE\nelif sys.argv:\n    MIDDLEWARE = MIDDLEWARE + ['c.D']\n".to_string(),
        "if os.path.exists('/srv/x'):\n    MIDDLEWARE = ['a.B', *MIDDLEWARE]\n".to_string(),
        "for m in os.environ.get('EXTRA', '').split():\n    MIDDLEWARE.append(m)\n".to_string(),
        "try:\n    import whitenoise\n    MIDDLEWARE.insert(1, 'whitenoise.middleware.WhiteNoiseMiddleware')\nexcept ImportError:\n    pass\n".to_string(),
    ] {
        let src = settings(&format!("MIDDLEWARE = ['{SEC}', '{CSRF}']\n{change}"));
        let findings = check_source("proj/settings.py", &src, &opts());
        let got = checks_of(&findings);
        // SecurityMiddleware and CsrfViewMiddleware are certainly there (their dependent
        // checks run and pass); XFrameOptionsMiddleware is certainly absent in every branch
        // but the `for` loop's, where any entry may have been added.
        if change.starts_with("for") {
            assert_eq!(got, set(&[]), "{change}");
        } else {
            assert_eq!(got, set(&["security.W002"]), "{change}");
        }
    }
}

#[test]
fn an_entry_added_on_one_path_only_is_neither_present_nor_absent() {
    let src = settings(&format!(
        "MIDDLEWARE = ['{CSRF}']\nif os.path.exists('/srv/x'):\n    MIDDLEWARE.insert(0, '{SEC}')\n    MIDDLEWARE.append('{XFRAME}')\n"
    ));
    let findings = check_source("proj/settings.py", &src, &opts());
    // W001/W002 depend on the branch; so do the SecurityMiddleware checks.
    assert_eq!(checks_of(&findings), set(&[]));
    // Removed on one path: maybe absent.
    let src = settings(&format!(
        "MIDDLEWARE = ['{SEC}', '{CSRF}', '{XFRAME}']\nif sys.argv[1:] == ['x']:\n    MIDDLEWARE.remove('{XFRAME}')\n"
    ));
    assert_eq!(
        checks_of(&check_source("proj/settings.py", &src, &opts())),
        set(&[])
    );
    // A branch that raises does not reach what follows.
    let src = settings(&format!(
        "MIDDLEWARE = ['{SEC}', '{CSRF}']\nif not os.environ.get('X'):\n    pass\nelse:\n    raise RuntimeError('x')\nif sys.argv:\n    MIDDLEWARE.append('{XFRAME}')\nelse:\n    raise SystemExit\n"
    ));
    assert_eq!(
        checks_of(&check_source("proj/settings.py", &src, &opts())),
        set(&[])
    );
}

#[test]
fn silenced_system_checks_are_not_reported() {
    let src = settings(&format!(
        "MIDDLEWARE = ['{CSRF}']\nSILENCED_SYSTEM_CHECKS = ['security.W001']\nSILENCED_SYSTEM_CHECKS += ['security.W002']\nDEBUG = True\n"
    ));
    let findings = check_source("proj/settings.py", &src, &opts());
    assert_eq!(checks_of(&findings), set(&["security.W018"]));
}

#[test]
fn guarded_missing_imports_are_skipped_and_unguarded_ones_are_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "proj/__init__.py", "");
    let body = settings(&format!("MIDDLEWARE = ['{SEC}', '{CSRF}']\n"));
    write(
        root,
        "proj/settings.py",
        &format!(
            "{body}try:\n    from .local_settings import *\nexcept ImportError:\n    pass\n\
             if os.path.exists('local.py'):\n    from .local import *\n\
             try:\n    from proj.extra import *\nexcept ImportError:\n    pass\n"
        ),
    );
    let (ids, errors) = scan_ids(root);
    assert!(errors.is_empty(), "{errors:?}");
    // Defaults still count: X-Frame-Options middleware is missing.
    assert_eq!(
        ids,
        [("proj/settings.py".to_string(), "security.W002".to_string())]
            .into_iter()
            .collect()
    );

    // Unguarded: Django cannot import the module; an error for that file.
    write(
        root,
        "proj/settings.py",
        &format!("{body}from .local_settings import *\n"),
    );
    let (ids, errors) = scan_ids(root);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("proj/settings.py") || errors[0].contains("proj/settings.py"),
        "{errors:?}"
    );
    assert!(errors[0].contains(".local_settings"), "{errors:?}");
    // What the module sets itself is still judged; defaults are not (the import may set them).
    assert!(!ids.iter().any(|(_, c)| c == "security.W002"), "{ids:?}");
}

#[test]
fn absolute_star_imports_resolve_inside_the_tree_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tree = dir.path().join("tree");
    // src layout.
    write(&tree, "src/shop/__init__.py", "");
    write(&tree, "src/shop/settings/__init__.py", "");
    write(
        &tree,
        "src/shop/settings/base.py",
        &settings(&format!("MIDDLEWARE = ['{SEC}', '{CSRF}', '{XFRAME}']\n")),
    );
    write(
        &tree,
        "src/shop/settings/production.py",
        "from shop.settings.base import *\nDEBUG = True\n",
    );
    // Modules above the scanned root that the names would otherwise reach.
    write(dir.path(), "evil/__init__.py", "");
    write(
        dir.path(),
        "evil/settings_base.py",
        &settings("MIDDLEWARE = []\nSECRET_KEY = 'x'\n"),
    );
    write(
        &tree,
        "src/other/settings.py",
        &format!(
            "from evil.settings_base import *\nfrom ....evil.settings_base import *\nINSTALLED_APPS = []\nMIDDLEWARE = ['{CSRF}']\n"
        ),
    );
    let (ids, errors) = scan_ids(&tree);
    assert!(errors.is_empty(), "{errors:?}");
    let expected: BTreeSet<(String, String)> = [
        ("src/shop/settings/production.py", "security.W018"),
        // Only what other/settings.py sets itself: nothing outside the tree was read.
        ("src/other/settings.py", "security.W001"),
        ("src/other/settings.py", "security.W002"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(ids, expected);
}

#[cfg(unix)]
#[test]
fn a_symlinked_module_outside_the_tree_is_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tree = dir.path().join("tree");
    write(dir.path(), "outside.py", "DEBUG = True\nMIDDLEWARE = []\n");
    write(&tree, "proj/__init__.py", "");
    std::os::unix::fs::symlink(dir.path().join("outside.py"), tree.join("proj/base.py"))
        .expect("symlink");
    write(
        &tree,
        "proj/settings.py",
        &format!("from .base import *\nINSTALLED_APPS = []\nMIDDLEWARE = ['{CSRF}']\n"),
    );
    let report = scan(&[tree.join("proj/settings.py")], &opts());
    assert!(
        !report.findings.iter().any(|f| f.code == "DJ018"),
        "{:?}",
        report.findings
    );
}

#[test]
fn env_helpers_and_getter_libraries_give_their_defaults() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "def env_bool(name, default=False):\n    \"\"\"doc\"\"\"\n    return os.environ.get(name, str(default)).lower() in ('1', 'true')\nDEBUG = env_bool('DEBUG', True)\n",
            Some("security.W018"),
        ),
        (
            "def env_bool(name, default=False):\n    return os.environ.get(name, str(default)).lower() in ('1', 'true')\nDEBUG = env_bool('DEBUG')\n",
            None,
        ),
        (
            "env_flag = lambda name, default='0': os.getenv(name, default) == '1'\nDEBUG = env_flag(name='DEBUG', default='1')\n",
            Some("security.W018"),
        ),
        ("DEBUG = os.environ['DEBUG'] == '1'\n", None),
        (
            "def flag(name, default):\n    v = os.getenv(name, default=default)\n    if v not in ('', 'yes', 'no'):\n        raise ValueError(v)\n    return v == 'yes'\nDEBUG = flag('DEBUG', 'yes')\n",
            Some("security.W018"),
        ),
        (
            "def flag(name, default):\n    if found := os.getenv(name + '_FILE'):\n        return open(found).read() == 'yes'\n    elif default:\n        return True\n    return False\nDEBUG = flag('DEBUG', 1)\n",
            Some("security.W018"),
        ),
        (
            "def flag(name):\n    for x in range(3):\n        pass\n    return True\nDEBUG = flag('DEBUG')\n",
            None,
        ),
        (
            "import environ\nenv = environ.Env(DEBUG=(bool, True))\nDEBUG = env('DEBUG')\n",
            Some("security.W018"),
        ),
        // django-environ returns a default as given: the string 'False' is true.
        (
            "import environ\nenv = environ.Env()\nDEBUG = env.bool('DEBUG', default='False')\n",
            Some("security.W018"),
        ),
        (
            "import environ\nenv = environ.Env()\nDEBUG = env.bool('DEBUG', False)\n",
            None,
        ),
        (
            "import environ\nenv = environ.Env()\nDEBUG = env.bool('DEBUG')\n",
            None,
        ),
        // python-decouple casts its default.
        (
            "from decouple import config\nDEBUG = config('DEBUG', default='False', cast=bool)\n",
            None,
        ),
        (
            "from decouple import config\nDEBUG = config('DEBUG', 'on', cast=bool)\n",
            Some("security.W018"),
        ),
        ("DEBUG = getattr(configuration, 'DEBUG', True)\n", None),
    ];
    for (code, expected) in cases {
        let src = settings(&format!(
            "MIDDLEWARE = ['{SEC}', '{CSRF}', '{XFRAME}']\n{code}"
        ));
        let got = checks_of(&check_source("proj/settings.py", &src, &opts()));
        let want = expected.map_or_else(BTreeSet::new, |c| set(&[c]));
        assert_eq!(got, want, "{code}");
    }
}

#[test]
fn only_deployment_settings_modules_are_checked() {
    let lib = "INSTALLED_APPS = ['django.contrib.auth']\nMIDDLEWARE = []\n";
    // A library's __init__ that merely names apps is not a settings module.
    assert!(check_source("mylib/__init__.py", lib, &opts()).is_empty());
    assert!(check_source("mylib/apps_config.py", lib, &opts()).is_empty());
    // Named like settings: it is one.
    assert!(!check_source("mylib/settings.py", lib, &opts()).is_empty());
    // Test and development settings are not deployments, wherever they sit.
    let full = settings("MIDDLEWARE = []\nDEBUG = True\n");
    assert!(!check_source("proj/conf.py", &full, &opts()).is_empty());
    for path in [
        "proj/test_settings.py",
        "proj/settings_test.py",
        "proj/settings_dev.py",
        "proj/settings/local.py",
        "proj/settings/ci.py",
        "proj/settings/test.py",
        "tests/settings.py",
        "tests/project/settings.py",
        "example/proj/settings.py",
        "proj/local_settings.py",
    ] {
        assert!(check_source(path, &full, &opts()).is_empty(), "{path}");
    }
}

#[test]
fn a_module_named_by_django_settings_module_is_a_settings_module() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let thin = format!("INSTALLED_APPS = []\nMIDDLEWARE = ['{CSRF}']\n");
    write(root, "proj/deploy/live.py", &thin);
    write(root, "proj/deploy/other.py", &thin);
    let (ids, _) = scan_ids(root);
    assert!(ids.is_empty(), "{ids:?}");
    write(
        root,
        "proj/wsgi.py",
        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.deploy.live')\n",
    );
    let (ids, _) = scan_ids(root);
    let files: BTreeSet<&str> = ids.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(files, ["proj/deploy/live.py"].into_iter().collect());
}

#[test]
fn a_package_init_over_production_reports_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(
        root,
        "proj/settings/__init__.py",
        "from .production import *\n",
    );
    write(
        root,
        "proj/settings/production.py",
        &settings(&format!("MIDDLEWARE = ['{SEC}', '{CSRF}']\nDEBUG = True\n")),
    );
    let (ids, errors) = scan_ids(root);
    assert!(errors.is_empty(), "{errors:?}");
    let expected: BTreeSet<(String, String)> = [
        ("proj/settings/production.py", "security.W002"),
        ("proj/settings/production.py", "security.W018"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(ids, expected);
    // What the __init__ sets itself is still its own.
    write(
        root,
        "proj/settings/__init__.py",
        "from .production import *\nSECURE_SSL_REDIRECT = False\n",
    );
    let (ids, _) = scan_ids(root);
    assert!(ids.contains(&(
        "proj/settings/__init__.py".to_string(),
        "security.W008".to_string()
    )));
    assert_eq!(ids.iter().filter(|(_, c)| c == "security.W018").count(), 1);
}

#[test]
fn thousands_of_branches_over_thousands_of_names_end_with_unknowns() {
    let mut src = settings("MIDDLEWARE = []\nDEBUG = True\n");
    for i in 0..3000 {
        src.push_str(&format!("N{i} = {i}\n"));
    }
    for i in 0..3000 {
        src.push_str(&format!("if sys.argv:\n    N{i} = 0\n"));
    }
    // The evaluation gives up past its budget: nothing is known, nothing is reported.
    assert!(check_source("proj/settings.py", &src, &opts()).is_empty());
    // Nested branches terminate too.
    let mut nested = settings("MIDDLEWARE = []\n");
    for depth in 0..200 {
        nested.push_str(&format!("{}if sys.argv:\n", "    ".repeat(depth)));
    }
    nested.push_str(&format!("{}DEBUG = True\n", "    ".repeat(200)));
    let got = checks_of(&check_source("proj/settings.py", &nested, &opts()));
    assert!(!got.contains("security.W018"), "{got:?}");
}

#[test]
fn getattr_on_a_configuration_module_and_imported_helpers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "proj/__init__.py", "");
    write(
        root,
        "proj/helpers.py",
        "import os\n\ndef env_flag(name, default='no'):\n    return os.getenv(name, default) == 'yes'\n",
    );
    let settings_py = settings(&format!(
        "import importlib\nfrom proj.helpers import env_flag\nfrom proj import configuration\n\
         cfg = importlib.import_module(os.getenv('CFG', 'proj.configuration'))\n\
         MIDDLEWARE = ['{SEC}', '{CSRF}', '{XFRAME}']\n\
         DEBUG = getattr(configuration, 'DEBUG', False)\n\
         SECURE_SSL_REDIRECT = getattr(cfg, 'SSL_REDIRECT', True)\n\
         SECURE_HSTS_PRELOAD = env_flag('PRELOAD', 'yes')\n\
         CSRF_COOKIE_SECURE = configuration.CSRF_SECURE\n"
    ));
    write(root, "proj/settings.py", &settings_py);

    write(
        root,
        "proj/configuration.py",
        "DEBUG = True\nCSRF_SECURE = False\n",
    );
    let (ids, errors) = scan_ids(root);
    assert!(errors.is_empty(), "{errors:?}");
    let got: BTreeSet<&str> = ids.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(
        got,
        ["security.W016", "security.W018"].into_iter().collect(),
        "{ids:?}"
    );

    // Names the configuration does not set take getattr's default; a name with no default
    // (AttributeError) or a configuration that cannot be followed is unknown.
    write(
        root,
        "proj/configuration.py",
        "SSL_REDIRECT = False\nCSRF_SECURE = True\n",
    );
    let (ids, _) = scan_ids(root);
    let got: BTreeSet<&str> = ids.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(got, ["security.W008"].into_iter().collect(), "{ids:?}");
    write(
        root,
        "proj/configuration.py",
        "from somewhere.outside import *\nCSRF_SECURE = True\n",
    );
    let (ids, _) = scan_ids(root);
    assert!(ids.is_empty(), "{ids:?}");
}
