//! Parity with Django's own `manage.py check --deploy`: builds a project with several
//! settings modules, runs Django's checks on each, and asserts that pyward reports the same
//! set of `security.*` check IDs (from the `django_check` metadata of its `DJ` findings).
//!
//! Opt-in: needs `PYWARD_REAL_TOOLS=1`, Python 3 with `venv`, and access to PyPI (installs
//! `django==5.2.*` into a temporary virtual environment). Set `PYWARD_DJANGO_PYTHON` to a
//! Python that already has Django to skip the install.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use pyward_core::RuleSelector;
use pyward_python::{CodeOptions, scan};

const DJANGO: &str = "django>=5.2,<5.3";

const BASE: &str = r#"import os

SECRET_KEY = "x" * 10
DEBUG = True
ALLOWED_HOSTS = []
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "proj.urls"
DATABASES = {}
USE_TZ = True
"#;

const GOOD: &str = r#"SECRET_KEY = "k" + "Zq8Wc2Lr5Tn0Xv7Bd4Hk1Pm9Sg3Jy6aB3dE5gH7jK9mN1pQ3sT5vW7yZ9b"
DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
SECURE_HSTS_SECONDS = 3600 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
"#;

/// `(module name, body after `from .base import *`)`.
fn modules() -> Vec<(&'static str, String)> {
    vec![
        // Everything Django defaults to, plus DEBUG and an empty ALLOWED_HOSTS.
        (
            "prod_defaults",
            "SESSION_COOKIE_HTTPONLY = False\n".to_string(),
        ),
        ("prod_good", GOOD.to_string()),
        (
            "prod_partial",
            format!(
                "{GOOD}SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get(\"HSTS_SUB\", \"\") == \"1\"\n\
                 SECURE_HSTS_PRELOAD = 1\nX_FRAME_OPTIONS = \"SAMEORIGIN\"\n\
                 SECURE_REFERRER_POLICY = \"same-origin, nope\"\n\
                 SECURE_CROSS_ORIGIN_OPENER_POLICY = \"same\"\n\
                 SECRET_KEY_FALLBACKS = [SECRET_KEY, \"short\"]\n\
                 SECURE_CONTENT_TYPE_NOSNIFF = False\nCSRF_COOKIE_SECURE = \"yes\"\n"
            ),
        ),
        (
            "prod_session_app_only",
            format!(
                "{GOOD}MIDDLEWARE = [m for m in MIDDLEWARE]\nMIDDLEWARE = [\n    \"django.middleware.security.SecurityMiddleware\",\n]\n\
                 SESSION_COOKIE_SECURE = False\nSESSION_COOKIE_HTTPONLY = False\n\
                 SECURE_REFERRER_POLICY = None\nCSRF_USE_SESSIONS = True\n"
            ),
        ),
        (
            "prod_session_middleware_only",
            format!(
                "{GOOD}INSTALLED_APPS = [\"django.contrib.auth\", \"django.contrib.contenttypes\"]\n\
                 SESSION_COOKIE_SECURE = os.getenv(\"COOKIE_SECURE\")\nSESSION_COOKIE_HTTPONLY = 0\n\
                 SECRET_KEY = \"django-insecure-\" + \"a\" * 60\nSECURE_HSTS_SECONDS = 0\n\
                 SECURE_SSL_REDIRECT = False\n"
            ),
        ),
        (
            "prod_env_defaults",
            format!(
                "{GOOD}DEBUG = os.environ.get(\"DJANGO_DEBUG\", \"true\").lower() in (\"1\", \"true\")\n\
                 ALLOWED_HOSTS = [h for h in []]\nALLOWED_HOSTS = os.environ.get(\"HOSTS\", \"\").split(\",\")\n\
                 MIDDLEWARE.remove(\"django.middleware.csrf.CsrfViewMiddleware\")\n\
                 MIDDLEWARE += [\"django.middleware.clickjacking.XFrameOptionsMiddleware\"]\n"
            ),
        ),
    ]
}

fn python_with_django(work: &Path) -> PathBuf {
    if let Ok(p) = std::env::var("PYWARD_DJANGO_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = work.join("venv");
    let ok = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "python3 -m venv failed");
    let ok = Command::new(venv.join("bin/pip"))
        .args(["install", "-q", DJANGO])
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "pip install {DJANGO} failed");
    venv.join("bin/python")
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn django_ids(python: &Path, project: &Path, module: &str) -> BTreeSet<String> {
    let out = Command::new(python)
        .current_dir(project)
        .args(["manage.py", "check", "--deploy"])
        .env("DJANGO_SETTINGS_MODULE", format!("proj.settings.{module}"))
        .env_remove("HSTS_SUB")
        .env_remove("DJANGO_DEBUG")
        .env_remove("HOSTS")
        .env_remove("COOKIE_SECURE")
        .output()
        .expect("run manage.py");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("System check identified"),
        "check --deploy did not run for {module}:\n{text}"
    );
    let re = regex_lite(&text);
    re.into_iter().collect()
}

/// The `(security.X000)` IDs in Django's output.
fn regex_lite(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("(security.") {
        let tail = &rest[i + 1..];
        if let Some(end) = tail.find(')') {
            out.push(tail[..end].to_string());
        }
        rest = &rest[i + 1..];
    }
    out
}

#[test]
fn pyward_reports_the_same_check_ids_as_django() {
    if std::env::var("PYWARD_REAL_TOOLS").as_deref() != Ok("1") {
        println!("SKIP: Django parity test (set PYWARD_REAL_TOOLS=1; installs Django from PyPI)");
        return;
    }
    let work = tempfile::tempdir().expect("tempdir");
    let python = python_with_django(work.path());
    let project = work.path().join("project");
    write(
        &project.join("manage.py"),
        "import sys\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n",
    );
    write(&project.join("proj/__init__.py"), "");
    write(&project.join("proj/urls.py"), "urlpatterns = []\n");
    write(&project.join("proj/settings/__init__.py"), "");
    write(&project.join("proj/settings/base.py"), BASE);
    for (name, body) in modules() {
        write(
            &project.join(format!("proj/settings/{name}.py")),
            &format!("import os\n\nfrom .base import *\n\n{body}"),
        );
    }

    let opts = CodeOptions {
        selector: RuleSelector::new(vec!["DJ".into()], Vec::new()),
        ..CodeOptions::default()
    };
    let report = scan(&[project.join("proj/settings")], &opts);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let mut ours: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &report.findings {
        let Some(check) = f.metadata.get("django_check").and_then(|v| v.as_str()) else {
            continue;
        };
        let module = f
            .location
            .path
            .as_deref()
            .unwrap_or("")
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".py")
            .to_string();
        ours.entry(module).or_default().insert(check.to_string());
    }

    let mut mismatches = Vec::new();
    let mut all = BTreeSet::new();
    for (name, _) in modules() {
        let theirs = django_ids(&python, &project, name);
        let mine = ours.remove(name).unwrap_or_default();
        println!("{name}: django={theirs:?}");
        all.extend(theirs.iter().cloned());
        if theirs != mine {
            mismatches.push(format!("{name}: django={theirs:?} pyward={mine:?}"));
        }
    }
    assert!(
        ours.is_empty(),
        "pyward reported modules Django did not check: {ours:?}"
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    // The modules exercise (nearly) every deploy check.
    for id in [
        "security.W001",
        "security.W002",
        "security.W003",
        "security.W004",
        "security.W005",
        "security.W006",
        "security.W008",
        "security.W009",
        "security.W010",
        "security.W011",
        "security.W012",
        "security.W013",
        "security.W014",
        "security.W015",
        "security.W016",
        "security.W018",
        "security.W019",
        "security.W020",
        "security.W021",
        "security.W022",
        "security.E023",
        "security.E024",
        "security.W025",
    ] {
        assert!(all.contains(id), "no module exercises {id}");
    }
}
