//! Parity with Django's own `manage.py check --deploy`: builds twelve projects with settings
//! layouts of the kinds real projects use, runs Django's checks on each settings module (with
//! no environment variables but PATH), and asserts that pyward reports the same set of
//! `security.*` check IDs (from the `django_check` metadata of its `DJ` findings).
//!
//! Opt-in: needs `PYWARD_REAL_TOOLS=1`, Python 3 with `venv`, and access to PyPI (installs
//! `django==5.2.*`, `django-environ` and `python-decouple` into a temporary virtual
//! environment). Set `PYWARD_DJANGO_PYTHON` to a Python that already has them to skip the
//! install.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use pyward_code::{CodeOptions, scan};
use pyward_core::RuleSelector;

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

/// A project of its own: files (relative path, text) and the settings modules to compare.
struct Layout {
    name: &'static str,
    files: Vec<(&'static str, String)>,
    /// `(DJANGO_SETTINGS_MODULE, file pyward reports it under)`: a package `__init__` that
    /// only star-imports a checked module is reported under that module.
    modules: Vec<(&'static str, &'static str)>,
}

const MANAGE: &str = "import sys\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n";
const MANAGE_SRC: &str = "import os, sys\nsys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), \"src\"))\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n";
const STRONG_KEY: &str = "kZq8Wc2Lr5Tn0Xv7Bd4Hk1Pm9Sg3Jy6aB3dE5gH7jK9mN1pQ3sT5vW7yZ9b";
const APPS: &str = "INSTALLED_APPS = [\n    \"django.contrib.auth\",\n    \"django.contrib.contenttypes\",\n    \"django.contrib.sessions\",\n]\n";
const SEC: &str = "django.middleware.security.SecurityMiddleware";
const SESS: &str = "django.contrib.sessions.middleware.SessionMiddleware";
const CSRF: &str = "django.middleware.csrf.CsrfViewMiddleware";
const XFRAME: &str = "django.middleware.clickjacking.XFrameOptionsMiddleware";

/// Settings layouts of the kinds found in real projects, one pattern class each (and most
/// use several): split packages, src layouts with absolute star imports, env helpers,
/// django-environ, python-decouple, conditional middleware, SILENCED_SYSTEM_CHECKS, guarded
/// imports of missing local settings, `DJANGO_SETTINGS_MODULE` references.
fn layouts() -> Vec<Layout> {
    let base = format!(
        "import os\nSECRET_KEY = \"{STRONG_KEY}\"\nDEBUG = False\nALLOWED_HOSTS = [\"example.com\"]\n{APPS}\
         MIDDLEWARE = [\n    \"{SESS}\",\n    \"django.middleware.common.CommonMiddleware\",\n    \"{CSRF}\",\n]\n\
         ROOT_URLCONF = \"proj.urls\"\nDATABASES = {{}}\nUSE_TZ = True\n"
    );
    let urls = ("proj/urls.py", "urlpatterns = []\n".to_string());
    let init = ("proj/__init__.py", String::new());
    vec![
        // The original package: prod modules over a weak base.
        Layout {
            name: "classic",
            files: {
                let mut f = vec![
                    ("manage.py", MANAGE.to_string()),
                    init.clone(),
                    urls.clone(),
                    ("proj/settings/__init__.py", String::new()),
                    ("proj/settings/base.py", BASE.to_string()),
                ];
                for (name, body) in modules() {
                    let path: &'static str =
                        Box::leak(format!("proj/settings/{name}.py").into_boxed_str());
                    f.push((path, format!("import os\n\nfrom .base import *\n\n{body}")));
                }
                f
            },
            modules: modules()
                .into_iter()
                .map(|(n, _)| {
                    let m: &'static str = Box::leak(format!("proj.settings.{n}").into_boxed_str());
                    let f: &'static str =
                        Box::leak(format!("proj/settings/{n}.py").into_boxed_str());
                    (m, f)
                })
                .collect(),
        },
        // Split package; production adds middleware with insert, +=, append and extend.
        Layout {
            name: "split_mutations",
            files: vec![
                ("manage.py", MANAGE.to_string()),
                init.clone(),
                urls.clone(),
                ("proj/settings/__init__.py", String::new()),
                ("proj/settings/base.py", base.clone()),
                (
                    "proj/settings/production.py",
                    format!(
                        "from .base import *\nMIDDLEWARE.insert(0, \"{SEC}\")\nMIDDLEWARE += [\"django.contrib.auth.middleware.AuthenticationMiddleware\"]\n\
                         MIDDLEWARE.append(\"django.contrib.messages.middleware.MessageMiddleware\")\n\
                         MIDDLEWARE.extend([\"django.middleware.gzip.GZipMiddleware\"])\nSECURE_HSTS_SECONDS = 60\n"
                    ),
                ),
                (
                    "proj/settings/prod_wrapped.py",
                    format!(
                        "from .base import *\nMIDDLEWARE = [\"{SEC}\"] + MIDDLEWARE\nMIDDLEWARE = MIDDLEWARE + [\"{XFRAME}\"]\n\
                         MIDDLEWARE = [\"django.middleware.gzip.GZipMiddleware\", *MIDDLEWARE]\nSECURE_SSL_REDIRECT = True\nX_FRAME_OPTIONS = \"SAMEORIGIN\"\n"
                    ),
                ),
            ],
            modules: vec![
                ("proj.settings.production", "proj/settings/production.py"),
                ("proj.settings.prod_wrapped", "proj/settings/prod_wrapped.py"),
            ],
        },
        // src layout: absolute star imports of the project's own package.
        Layout {
            name: "src_layout",
            files: vec![
                ("manage.py", MANAGE_SRC.to_string()),
                ("src/myproj/__init__.py", String::new()),
                ("src/myproj/urls.py", "urlpatterns = []\n".to_string()),
                ("src/myproj/settings/__init__.py", String::new()),
                ("src/myproj/settings/base.py", base.replace("proj.urls", "myproj.urls")),
                (
                    "src/myproj/settings/prod.py",
                    format!(
                        "from myproj.settings.base import *\nMIDDLEWARE = [\"{SEC}\", *MIDDLEWARE, \"{XFRAME}\"]\n\
                         SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSESSION_COOKIE_SECURE = True\n"
                    ),
                ),
                (
                    "src/myproj/settings/staging.py",
                    "from myproj.settings.prod import *\nDEBUG = True\nSECURE_HSTS_PRELOAD = True\n".to_string(),
                ),
            ],
            modules: vec![
                ("myproj.settings.prod", "src/myproj/settings/prod.py"),
                ("myproj.settings.staging", "src/myproj/settings/staging.py"),
            ],
        },
        // One-line env helpers (def and lambda), os.getenv, os.environ.get.
        Layout {
            name: "env_helpers",
            files: vec![
                ("manage.py", MANAGE.to_string()),
                init.clone(),
                urls.clone(),
                (
                    "proj/settings.py",
                    format!(
                        "import os\n\ndef env_bool(name, default=False):\n    \"\"\"A boolean from the environment.\"\"\"\n    return os.environ.get(name, str(default)).lower() in (\"1\", \"true\", \"yes\")\n\n\
                         def env_list(name, default=\"\"):\n    return [h for h in os.environ.get(name, default).split(\",\") if h]\n\n\
                         env_int = lambda name, default=0: int(os.getenv(name, default))\n\n\
                         def env_secret(name, default=None):\n    if path := os.getenv(name + \"_FILE\"):\n        return open(path).read().strip()\n\
                         \x20   value = os.getenv(name, default)\n    if value is None:\n        raise RuntimeError(name)\n    return value\n\n\
                         SECRET_KEY = env_secret(\"SECRET_KEY\", \"not-a-real-key\")\nDEBUG = env_bool(\"DEBUG\", True)\n\
                         ALLOWED_HOSTS = [\"example.com\"]\n{APPS}MIDDLEWARE = [\"{SEC}\", \"{SESS}\", \"{CSRF}\", \"{XFRAME}\"]\n\
                         ROOT_URLCONF = \"proj.urls\"\nDATABASES = {{}}\n\
                         SECURE_HSTS_SECONDS = env_int(\"HSTS_SECONDS\", 3600)\nSECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(\"HSTS_SUB\", default=True)\n\
                         SECURE_SSL_REDIRECT = env_bool(\"SSL_REDIRECT\")\nSESSION_COOKIE_SECURE = env_bool(\"COOKIE_SECURE\", \"yes\")\n\
                         CSRF_COOKIE_SECURE = env_bool(name=\"CSRF_SECURE\", default=\"0\")\n"
                    ),
                ),
            ],
            modules: vec![("proj.settings", "proj/settings.py")],
        },
        // django-environ: schema defaults, env(..., default=...), env.bool/env.list (defaults
        // returned as given, not cast).
        Layout {
            name: "django_environ",
            files: vec![
                ("manage.py", MANAGE.to_string()),
                init.clone(),
                urls.clone(),
                (
                    "proj/settings.py",
                    format!(
                        "import environ\n\nenv = environ.Env(DEBUG=(bool, False), HSTS=(int, 0))\n\
                         SECRET_KEY = env(\"SECRET_KEY\", default=\"too-short\")\nDEBUG = env(\"DEBUG\")\n\
                         ALLOWED_HOSTS = env.list(\"ALLOWED_HOSTS\", default=[])\n{APPS}\
                         MIDDLEWARE = [\"{SEC}\", \"{SESS}\", \"{CSRF}\", \"{XFRAME}\"]\nROOT_URLCONF = \"proj.urls\"\nDATABASES = {{}}\n\
                         SECURE_HSTS_SECONDS = env(\"HSTS\")\nSECURE_SSL_REDIRECT = env.bool(\"SSL_REDIRECT\", default=True)\n\
                         SESSION_COOKIE_SECURE = env.bool(\"COOKIE_SECURE\", \"True\")\nCSRF_COOKIE_SECURE = env.bool(\"CSRF_SECURE\", default=True)\n"
                    ),
                ),
            ],
            modules: vec![("proj.settings", "proj/settings.py")],
        },
        // python-decouple: defaults cast with bool, int and Csv().
        Layout {
            name: "decouple",
            files: vec![
                ("manage.py", MANAGE.to_string()),
                init.clone(),
                urls.clone(),
                (
                    "proj/settings.py",
                    format!(
                        "from decouple import Csv, config\n\n\
                         SECRET_KEY = config(\"SECRET_KEY\", default=\"{STRONG_KEY}\")\nDEBUG = config(\"DEBUG\", default=False, cast=bool)\n\
                         ALLOWED_HOSTS = config(\"ALLOWED_HOSTS\", default=\"\", cast=Csv())\n{APPS}\
                         MIDDLEWARE = [\"{SEC}\", \"{SESS}\", \"{CSRF}\"]\nROOT_URLCONF = \"proj.urls\"\nDATABASES = {{}}\n\
                         SECURE_HSTS_SECONDS = config(\"HSTS\", default=\"3600\", cast=int)\nSECURE_HSTS_PRELOAD = config(\"PRELOAD\", \"on\", cast=bool)\n\
                         SECURE_HSTS_INCLUDE_SUBDOMAINS = config(\"SUB\", default=\"off\", cast=bool)\nSECURE_SSL_REDIRECT = config(\"SSL\", default=True, cast=bool)\n\
                         SESSION_COOKIE_SECURE = config(\"SCS\", default=\"yes\", cast=bool)\n"
                    ),
                ),
            ],
            modules: vec![("proj.settings", "proj/settings.py")],
        },
        // Middleware changed under conditions the checks cannot decide (sys.argv) and under
        // ones they can (DEBUG from an environment default).
        Layout {
            name: "conditional_middleware",
            files: vec![
                ("manage.py", MANAGE.to_string()),
                init.clone(),
                urls.clone(),
                ("proj/settings/__init__.py", String::new()),
                ("proj/settings/base.py", base.clone()),
                (
                    "proj/settings/production.py",
                    format!(
                        "import os, sys\nfrom .base import *\nDEBUG = os.environ.get(\"DEBUG\", \"\") == \"1\"\n\
                         if DEBUG:\n    INSTALLED_APPS += [\"debug_toolbar\"]\n    MIDDLEWARE.insert(0, \"debug_toolbar.middleware.DebugToolbarMiddleware\")\n\
                         if \"runserver\" in sys.argv:\n    MIDDLEWARE.append(\"django.middleware.gzip.GZipMiddleware\")\n    SECURE_SSL_REDIRECT = False\n\
                         elif os.path.exists(\"/etc/proj/behind-proxy\"):\n    MIDDLEWARE = [\"{XFRAME}\", *MIDDLEWARE]\n    SECURE_SSL_REDIRECT = False\n\
                         else:\n    MIDDLEWARE = [\"{XFRAME}\"] + MIDDLEWARE\n    SECURE_SSL_REDIRECT = True\n\
                         MIDDLEWARE.insert(0, \"{SEC}\")\n\
                         for extra in os.environ.get(\"EXTRA_APPS\", \"\").split():\n    INSTALLED_APPS.append(extra)\n"
                    ),
                ),
                (
                    "proj/settings/prod_sessions.py",
                    format!(
                        "import sys\nfrom .base import *\n\
                         if len(sys.argv) > 5:\n    MIDDLEWARE.remove(\"django.middleware.common.CommonMiddleware\")\n    MIDDLEWARE += [\"{XFRAME}\"]\n\
                         else:\n    MIDDLEWARE.extend([\"{XFRAME}\"])\nSESSION_COOKIE_HTTPONLY = False\n"
                    ),
                ),
            ],
            modules: vec![
                ("proj.settings.production", "proj/settings/production.py"),
                ("proj.settings.prod_sessions", "proj/settings/prod_sessions.py"),
            ],
        },
        // SILENCED_SYSTEM_CHECKS, set directly and extended in a derived module.
        Layout {
            name: "silenced",
            files: vec![
                ("manage.py", MANAGE.to_string()),
                init.clone(),
                urls.clone(),
                ("proj/settings/__init__.py", String::new()),
                (
                    "proj/settings/base.py",
                    format!("{base}SILENCED_SYSTEM_CHECKS = [\"security.W001\", \"security.W019\"]\n"),
                ),
                (
                    "proj/settings/production.py",
                    format!(
                        "from .base import *\nSILENCED_SYSTEM_CHECKS += [\"security.W004\", \"security.W008\"]\n\
                         MIDDLEWARE = [\"{SEC}\"] + MIDDLEWARE\nDEBUG = True\n"
                    ),
                ),
            ],
            modules: vec![("proj.settings.production", "proj/settings/production.py")],
        },
        // Guarded imports of local settings that are not there: Python skips them.
        Layout {
            name: "guarded_local",
            files: vec![
                ("manage.py", MANAGE.to_string()),
                init.clone(),
                urls.clone(),
                (
                    "proj/settings.py",
                    format!(
                        "{base}MIDDLEWARE.append(\"{XFRAME}\")\n\
                         try:\n    from .local_settings import *\nexcept ImportError:\n    pass\n\
                         if os.path.exists(os.path.join(os.path.dirname(__file__), \"secrets.py\")):\n    from .secrets import *\n\
                         try:\n    from proj.extra_settings import *\nexcept ImportError:\n    SESSION_COOKIE_SECURE = True\n"
                    ),
                ),
            ],
            modules: vec![("proj.settings", "proj/settings.py")],
        },
        // A settings package whose __init__ star-imports production; a module named only by
        // wsgi.py's DJANGO_SETTINGS_MODULE.
        Layout {
            name: "init_and_referenced",
            files: vec![
                ("manage.py", MANAGE.to_string()),
                init.clone(),
                urls.clone(),
                (
                    "proj/wsgi.py",
                    "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"proj.conf.live\")\n".to_string(),
                ),
                ("proj/settings/__init__.py", "from .production import *\n".to_string()),
                ("proj/settings/base.py", base.clone()),
                (
                    "proj/settings/production.py",
                    format!("from .base import *\nMIDDLEWARE = [\"{SEC}\", *MIDDLEWARE]\nSECURE_HSTS_SECONDS = 3600\n"),
                ),
                ("proj/conf/__init__.py", String::new()),
                (
                    "proj/conf/live.py",
                    format!("from proj.settings.base import *\nMIDDLEWARE = MIDDLEWARE + [\"{XFRAME}\"]\nX_FRAME_OPTIONS = \"SAMEORIGIN\"\n"),
                ),
            ],
            modules: vec![
                ("proj.settings", "proj/settings/production.py"),
                ("proj.settings.production", "proj/settings/production.py"),
                ("proj.conf.live", "proj/conf/live.py"),
            ],
        },
        // A configuration module read with getattr (as NetBox does), import_module with an
        // environment default, and a helper imported from another module.
        Layout {
            name: "configuration_module",
            files: vec![
                ("manage.py", MANAGE.to_string()),
                init.clone(),
                urls.clone(),
                (
                    "proj/envtools.py",
                    "import os\n\ndef env_flag(name, default=\"no\"):\n    value = os.getenv(name, default)\n    return value.lower() in (\"yes\", \"true\")\n".to_string(),
                ),
                (
                    "proj/configuration.py",
                    format!("SECRET_KEY = \"{STRONG_KEY}\"\nALLOWED_HOSTS = [\"example.com\"]\nDEBUG = True\nHSTS = 3600\n"),
                ),
                (
                    "proj/settings.py",
                    format!(
                        "import importlib\nimport os\n\nfrom proj.envtools import env_flag\n\n\
                         configuration = importlib.import_module(os.getenv(\"PROJ_CONFIGURATION\", \"proj.configuration\"))\n\
                         SECRET_KEY = getattr(configuration, \"SECRET_KEY\")\nALLOWED_HOSTS = getattr(configuration, \"ALLOWED_HOSTS\", [])\n\
                         DEBUG = getattr(configuration, \"DEBUG\", False)\n{APPS}\
                         MIDDLEWARE = [\"{SEC}\", \"{SESS}\", \"{CSRF}\", \"{XFRAME}\"]\nROOT_URLCONF = \"proj.urls\"\nDATABASES = {{}}\n\
                         SECURE_HSTS_SECONDS = getattr(configuration, \"HSTS\", 0)\nSECURE_HSTS_PRELOAD = getattr(configuration, \"PRELOAD\", True)\n\
                         SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag(\"HSTS_SUBDOMAINS\", \"Yes\")\nSECURE_SSL_REDIRECT = env_flag(\"SSL_REDIRECT\")\n\
                         SESSION_COOKIE_SECURE = configuration.__dict__.get(\"COOKIE_SECURE\", True)\n"
                    ),
                ),
            ],
            modules: vec![("proj.settings", "proj/settings.py")],
        },
        // Absolute star import in a flat project (settings_base/settings_prod).
        Layout {
            name: "flat_absolute",
            files: vec![
                ("manage.py", MANAGE.to_string()),
                init.clone(),
                urls.clone(),
                ("proj/settings_base.py", base.clone()),
                (
                    "proj/settings_prod.py",
                    format!(
                        "from proj.settings_base import *\nMIDDLEWARE = [\"{SEC}\", *MIDDLEWARE]\nINSTALLED_APPS.remove(\"django.contrib.sessions\")\n\
                         MIDDLEWARE.remove(\"{SESS}\")\nSECURE_REFERRER_POLICY = \"origin, nonsense\"\nSECRET_KEY_FALLBACKS = [\"old\"]\n"
                    ),
                ),
            ],
            modules: vec![("proj.settings_prod", "proj/settings_prod.py")],
        },
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
        .args(["install", "-q", DJANGO, "django-environ", "python-decouple"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "pip install {DJANGO} django-environ python-decouple failed"
    );
    venv.join("bin/python")
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// Django's ids for one settings module, run with no environment but PATH.
fn django_ids(python: &Path, project: &Path, module: &str) -> BTreeSet<String> {
    let out = Command::new(python)
        .current_dir(project)
        .args(["manage.py", "check", "--deploy"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DJANGO_SETTINGS_MODULE", module)
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
    check_ids(&text).into_iter().collect()
}

/// The `(security.X000)` IDs in Django's output.
fn check_ids(text: &str) -> Vec<String> {
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

/// pyward's ids per reported file (relative to the layout), from a scan of the layout.
fn pyward_ids(project: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let opts = CodeOptions {
        selector: RuleSelector::new(vec!["DJ".into()], Vec::new()),
        ..CodeOptions::default()
    };
    let report = scan(&[project.to_path_buf()], &opts);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let prefix = format!("{}/", project.display());
    let mut ours: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &report.findings {
        let Some(check) = f.metadata.get("django_check").and_then(|v| v.as_str()) else {
            continue;
        };
        let path = f.location.path.as_deref().unwrap_or("");
        let rel = path.strip_prefix(&prefix).unwrap_or(path).to_string();
        ours.entry(rel).or_default().insert(check.to_string());
    }
    ours
}

#[test]
fn pyward_reports_the_same_check_ids_as_django() {
    if std::env::var("PYWARD_REAL_TOOLS").as_deref() != Ok("1") {
        println!(
            "SKIP: Django parity test (set PYWARD_REAL_TOOLS=1; installs Django, django-environ and python-decouple from PyPI)"
        );
        return;
    }
    let work = tempfile::tempdir().expect("tempdir");
    let python = python_with_django(work.path());
    let layouts = layouts();
    assert!(layouts.len() >= 10, "at least ten layouts");

    let mut mismatches = Vec::new();
    let mut all = BTreeSet::new();
    let mut compared = 0;
    for layout in &layouts {
        let project = work.path().join(layout.name);
        for (rel, text) in &layout.files {
            write(&project.join(rel), text);
        }
        let mut ours = pyward_ids(&project);
        let mut reported_files = BTreeSet::new();
        for (module, file) in &layout.modules {
            let theirs = django_ids(&python, &project, module);
            let mine = ours.get(*file).cloned().unwrap_or_default();
            reported_files.insert(file.to_string());
            println!(
                "{}: {module}: django={theirs:?} pyward={mine:?}",
                layout.name
            );
            all.extend(theirs.iter().cloned());
            compared += 1;
            if theirs != mine {
                mismatches.push(format!(
                    "{}: {module}: django={theirs:?} pyward={mine:?}",
                    layout.name
                ));
            }
        }
        ours.retain(|f, _| !reported_files.contains(f));
        assert!(
            ours.is_empty(),
            "{}: pyward reported modules not compared with Django: {ours:?}",
            layout.name
        );
    }
    println!(
        "compared {compared} settings modules in {} layouts",
        layouts.len()
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    // The modules exercise every deploy check pyward mirrors.
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
