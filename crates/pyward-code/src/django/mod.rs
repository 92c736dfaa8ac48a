//! Django settings analysis: the `DJ0xx` rules.
//!
//! Settings are evaluated statically, as Django would see them with no environment variables
//! set (see [`eval`]): every environment getter gives its default.
//!
//! **Which modules are checked.** A *settings module* sets `INSTALLED_APPS`, `MIDDLEWARE` or
//! `ROOT_URLCONF` (itself or through `import *`) and is
//! - named by `DJANGO_SETTINGS_MODULE` in a `manage.py`, `wsgi.py` or `asgi.py` of the scanned
//!   tree, or
//! - named like a settings module (`settings*.py`, `*settings.py`, a module of a `settings`
//!   package), or
//! - sets at least four core settings (`SECRET_KEY`, `DEBUG`, `DATABASES`, `TEMPLATES` …).
//!
//! A library's `__init__.py` that merely lists `INSTALLED_APPS` is none of these. Development
//! and test modules are never held to deployment checks: a file stem, a `_`/`-` separated part
//! of it, or a directory below the scanned root named `dev`, `local`, `test(s)`, `testing`,
//! `ci`, `debug` … (`test_settings.py`, `settings_dev.py`, `settings/local.py`, `tests/…`),
//! or a directory named `example(s)`, `demo`, `sandbox`, `testproject`. A base that a sibling
//! star-imports is checked on its own only when named like a deployment (`prod`, `production`,
//! `staging`, `live` …) or referenced by `DJANGO_SETTINGS_MODULE`. A package `__init__.py`
//! that star-imports a module checked on its own (`settings/__init__.py` doing
//! `from .production import *`) reports only what it sets itself, so each finding is reported
//! once.
//!
//! **Imports.** `from .x import *` and absolute `from proj.settings.base import *` are followed
//! inside the scanned root only (every read goes through [`pyward_core::fs::Root`]; absolute
//! names are looked up from the module's directory up to the root, which covers `src/`
//! layouts). A missing module under `try`/`if` is skipped, as Python skips it; an unguarded
//! missing relative module (or a missing module of a package in the tree) is an error for that
//! settings module, since Django cannot load it. An import that cannot be followed (outside
//! the root, an installed package) makes every name unknown.
//!
//! `SILENCED_SYSTEM_CHECKS` entries are not reported.
//!
//! Findings land on the statement that set the value; a value that came from an imported
//! module lands on the `import *` line and names the file and line it came from; a missing
//! setting (a Django default) lands on line 1. Each finding records `django_check` (the
//! `manage.py check --deploy` ID, when the rule has one) and `settings_module`.

pub mod eval;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pyward_core::fs::Root;
use pyward_core::{RuleMeta, Severity};

use crate::ast::{Stmt, TextRange, TextSize};
use crate::checker::{Diagnostic, RuleSet};
use crate::rules::django as r;

pub use eval::{Evaluated, Func, FuncBody, ModuleNames, Origin, Setting, Value};

/// A module found for an `import *`.
pub struct Loaded {
    /// Identifies the module for further relative imports and cycle detection.
    pub key: String,
    /// How the module is named in messages.
    pub display: String,
    pub source: String,
}

/// Why an `import *` was not followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// A relative module that does not exist in the package (named in the message): an
    /// unguarded import of it fails in Python too.
    Missing(String),
    /// A module outside the scanned tree, too large, unreadable, or an absolute name not in
    /// the tree (it may be an installed package): its names are unknown.
    Unresolved,
}

/// Finds the modules that settings modules star-import, and what the scan knows about them.
pub trait ModuleLoader: Sync {
    /// The module `from <dots><module> import *` (with `level` dots) names, seen from the
    /// module identified by `from_key`.
    fn load(&self, from_key: &str, module: Option<&str>, level: u32) -> Result<Loaded, LoadError>;
    /// Whether another module of the same package star-imports the root module.
    fn is_base(&self) -> bool;
    /// The key of the module being checked.
    fn root_key(&self) -> String;
    /// Whether a `DJANGO_SETTINGS_MODULE` in the tree (`manage.py`, `wsgi.py`, `asgi.py`)
    /// names the module with this key.
    fn is_referenced(&self, _key: &str) -> bool {
        false
    }
    /// The module's path relative to the scanned root, `/`-separated.
    fn relative(&self, key: &str) -> String {
        key.replace('\\', "/")
    }
}

/// What a scan knows about one scanned root: the confinement for every read, and the
/// modules `DJANGO_SETTINGS_MODULE` names in `manage.py`, `wsgi.py` and `asgi.py`.
pub struct Project {
    root: Root,
    /// Dotted module names, e.g. `config.settings.production`.
    referenced: Vec<String>,
}

fn settings_ref_re() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r#"DJANGO_SETTINGS_MODULE['"]?\s*\]?\s*[,=:]\s*f?['"]([A-Za-z_][\w.]*)['"]"#,
        )
        .unwrap_or_else(|_| unreachable!("static regex"))
    })
}

impl Project {
    /// The project for one scan argument (a file confines to its directory). `files` are the
    /// files the scan walked; `manage.py`, `wsgi.py` and `asgi.py` among them are read (inside
    /// the root only) for `DJANGO_SETTINGS_MODULE`.
    pub fn new<'a>(arg: &Path, files: impl Iterator<Item = &'a Path>) -> Option<Project> {
        let root = Root::new(arg).ok()?;
        let mut referenced = Vec::new();
        let entry_points = files.filter(|f| {
            matches!(
                f.file_name().and_then(|n| n.to_str()),
                Some("manage.py" | "wsgi.py" | "asgi.py")
            )
        });
        for f in entry_points.take(MAX_ENTRY_POINTS) {
            let Ok(text) = root.read_text(f, MAX_MODULE_BYTES) else {
                continue;
            };
            for c in settings_ref_re().captures_iter(&text).take(16) {
                if let Some(m) = c.get(1)
                    && !referenced.iter().any(|r| r == m.as_str())
                {
                    referenced.push(m.as_str().to_string());
                }
            }
        }
        Some(Project { root, referenced })
    }

    fn contains(&self, path: &Path) -> Option<PathBuf> {
        self.root.confine(path).ok()
    }
}

/// Loads modules from disk, relative to the file being checked, confined to the project root
/// the file belongs to.
pub struct FsLoader<'p> {
    /// The checked file, canonical.
    file: PathBuf,
    project: Option<&'p Project>,
}

impl<'p> FsLoader<'p> {
    /// A loader for `path`, confined to the first of `projects` whose root holds it. With no
    /// such project nothing is loaded.
    pub fn new(path: &Path, projects: &'p [Project]) -> FsLoader<'p> {
        for p in projects {
            if let Some(c) = p.contains(path) {
                return FsLoader {
                    file: c,
                    project: Some(p),
                };
            }
        }
        FsLoader {
            file: path.to_path_buf(),
            project: None,
        }
    }

    fn read(&self, path: &Path) -> Option<String> {
        self.project?.root.read_text(path, MAX_MODULE_BYTES).ok()
    }
}

const MAX_MODULE_BYTES: u64 = 2 * 1024 * 1024;
/// `manage.py`/`wsgi.py`/`asgi.py` files read per scanned root, at most.
const MAX_ENTRY_POINTS: usize = 256;

/// `dir/a/b.py` or `dir/a/b/__init__.py` for module `a.b` (`dir/__init__.py` for none).
fn module_file(dir: &Path, module: Option<&str>) -> Option<PathBuf> {
    let mut base = dir.to_path_buf();
    if let Some(m) = module {
        for part in m.split('.') {
            if part.is_empty() || part == ".." {
                return None;
            }
            base.push(part);
        }
    }
    let file = base.with_extension("py");
    if module.is_some() && file.is_file() {
        return Some(file);
    }
    let init = base.join("__init__.py");
    init.is_file().then_some(init)
}

fn star_import_re() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"(?m)^\s*from\s+\.*([A-Za-z_][\w.]*)\s+import\s+\*")
            .unwrap_or_else(|_| unreachable!("static regex"))
    })
}

impl ModuleLoader for FsLoader<'_> {
    fn root_key(&self) -> String {
        self.file.to_string_lossy().into_owned()
    }

    fn load(&self, from_key: &str, module: Option<&str>, level: u32) -> Result<Loaded, LoadError> {
        let Some(project) = self.project else {
            return Err(LoadError::Unresolved);
        };
        let from = Path::new(from_key);
        let mut dir = from.parent().ok_or(LoadError::Unresolved)?.to_path_buf();
        let path = if level > 0 {
            for _ in 1..level {
                dir = dir.parent().ok_or(LoadError::Unresolved)?.to_path_buf();
            }
            // A package above the scanned root is not read.
            if !dir.starts_with(project.root.path()) {
                return Err(LoadError::Unresolved);
            }
            match module_file(&dir, module) {
                Some(p) => p,
                None => {
                    let dots = ".".repeat(level as usize);
                    return Err(LoadError::Missing(format!(
                        "{dots}{}",
                        module.unwrap_or("")
                    )));
                }
            }
        } else {
            // An absolute name: the directories from the module's own up to the scanned root
            // stand in for sys.path (a project or `src/` directory); never above the root.
            let module = module.ok_or(LoadError::Unresolved)?;
            let mut dirs = dir
                .ancestors()
                .take_while(|a| a.starts_with(project.root.path()))
                .take(16);
            match dirs.clone().find_map(|a| module_file(a, Some(module))) {
                Some(p) => p,
                None => {
                    // The top-level package is the project's own: the module is missing, not
                    // an installed package.
                    let top = module.split('.').next().unwrap_or(module);
                    let own = module.contains('.')
                        && dirs.any(|a| a.join(top).join("__init__.py").is_file());
                    return Err(if own {
                        LoadError::Missing(module.to_string())
                    } else {
                        LoadError::Unresolved
                    });
                }
            }
        };
        let source = self.read(&path).ok_or(LoadError::Unresolved)?;
        // Named from the checked module's directory when below it, else from the root.
        let display = match self.file.parent().and_then(|d| path.strip_prefix(d).ok()) {
            Some(p) => p.to_string_lossy().replace('\\', "/"),
            None => self.relative(&path.to_string_lossy()),
        };
        Ok(Loaded {
            key: path.to_string_lossy().into_owned(),
            display,
            source,
        })
    }

    fn is_base(&self) -> bool {
        let (Some(dir), Some(stem)) = (self.file.parent(), self.file.file_stem()) else {
            return false;
        };
        if self.project.is_none_or(|p| !dir.starts_with(p.root.path())) {
            return false;
        }
        let stem = stem.to_string_lossy();
        let Ok(entries) = fs_err::read_dir(dir) else {
            return false;
        };
        entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p != &self.file && p.extension().is_some_and(|e| e == "py"))
            .take(100)
            .filter_map(|p| self.read(&p))
            .any(|text| {
                star_import_re().captures_iter(&text).any(|c| {
                    c.get(1)
                        .and_then(|m| m.as_str().rsplit('.').next())
                        .is_some_and(|last| last == stem)
                })
            })
    }

    fn is_referenced(&self, key: &str) -> bool {
        let Some(project) = self.project else {
            return false;
        };
        let rel = self.relative(key);
        let rel = rel.strip_suffix(".py").unwrap_or(&rel);
        let rel = rel.strip_suffix("/__init__").unwrap_or(rel);
        let dotted = rel.replace('/', ".");
        project
            .referenced
            .iter()
            .any(|r| dotted == *r || dotted.ends_with(&format!(".{r}")))
    }

    fn relative(&self, key: &str) -> String {
        let path = Path::new(key);
        match self.project {
            Some(p) => path
                .strip_prefix(p.root.path())
                .map_or_else(|_| key.to_string(), |r| r.to_string_lossy().into_owned()),
            None => key.to_string(),
        }
        .replace('\\', "/")
    }
}

/// Every `DJ` rule with its Django check ID, for the parity test and docs.
pub fn django_checks() -> Vec<(&'static RuleMeta, Option<&'static str>)> {
    vec![
        (
            &r::dj001_security_middleware_missing::RULE,
            r::dj001_security_middleware_missing::DJANGO_CHECK,
        ),
        (
            &r::dj002_xframe_middleware_missing::RULE,
            r::dj002_xframe_middleware_missing::DJANGO_CHECK,
        ),
        (
            &r::dj003_csrf_middleware_missing::RULE,
            r::dj003_csrf_middleware_missing::DJANGO_CHECK,
        ),
        (
            &r::dj004_hsts_seconds_not_set::RULE,
            r::dj004_hsts_seconds_not_set::DJANGO_CHECK,
        ),
        (
            &r::dj005_hsts_include_subdomains::RULE,
            r::dj005_hsts_include_subdomains::DJANGO_CHECK,
        ),
        (
            &r::dj006_content_type_nosniff::RULE,
            r::dj006_content_type_nosniff::DJANGO_CHECK,
        ),
        (
            &r::dj008_ssl_redirect_off::RULE,
            r::dj008_ssl_redirect_off::DJANGO_CHECK,
        ),
        (
            &r::dj009_weak_secret_key::RULE,
            r::dj009_weak_secret_key::DJANGO_CHECK,
        ),
        (
            &r::dj010_session_cookie_secure::RULE,
            r::dj010_session_cookie_secure::DJANGO_CHECK,
        ),
        (
            &r::dj013_session_cookie_httponly::RULE,
            r::dj013_session_cookie_httponly::DJANGO_CHECK,
        ),
        (
            &r::dj016_csrf_cookie_secure::RULE,
            r::dj016_csrf_cookie_secure::DJANGO_CHECK,
        ),
        (
            &r::dj018_debug_true::RULE,
            r::dj018_debug_true::DJANGO_CHECK,
        ),
        (
            &r::dj019_x_frame_options::RULE,
            r::dj019_x_frame_options::DJANGO_CHECK,
        ),
        (
            &r::dj020_allowed_hosts::RULE,
            r::dj020_allowed_hosts::DJANGO_CHECK,
        ),
        (
            &r::dj021_hsts_preload::RULE,
            r::dj021_hsts_preload::DJANGO_CHECK,
        ),
        (
            &r::dj022_referrer_policy::RULE,
            r::dj022_referrer_policy::DJANGO_CHECK,
        ),
        (
            &r::dj024_cross_origin_opener_policy::RULE,
            r::dj024_cross_origin_opener_policy::DJANGO_CHECK,
        ),
        (
            &r::dj025_weak_secret_key_fallbacks::RULE,
            r::dj025_weak_secret_key_fallbacks::DJANGO_CHECK,
        ),
        (&r::dj030_debug_toolbar::RULE, None),
        (&r::dj031_weak_password_hasher::RULE, None),
        (&r::dj032_cors_allow_all_credentials::RULE, None),
        (&r::dj033_proxy_ssl_header::RULE, None),
        (&r::dj040_csrf_exempt::RULE, None),
        (&r::dj041_database_without_tls::RULE, None),
    ]
}

/// Django's defaults (`django/conf/global_settings.py`) for the settings the checks read.
fn default_of(name: &str) -> Value {
    match name {
        "DEBUG"
        | "SESSION_COOKIE_SECURE"
        | "CSRF_COOKIE_SECURE"
        | "CSRF_USE_SESSIONS"
        | "SECURE_HSTS_INCLUDE_SUBDOMAINS"
        | "SECURE_HSTS_PRELOAD"
        | "SECURE_SSL_REDIRECT" => Value::Bool(false),
        "SESSION_COOKIE_HTTPONLY" | "SECURE_CONTENT_TYPE_NOSNIFF" => Value::Bool(true),
        "SECURE_HSTS_SECONDS" => Value::Int(0),
        "X_FRAME_OPTIONS" => Value::Str("DENY".into()),
        "SECURE_REFERRER_POLICY" | "SECURE_CROSS_ORIGIN_OPENER_POLICY" => {
            Value::Str("same-origin".into())
        }
        "SECRET_KEY" => Value::Str(String::new()),
        "ALLOWED_HOSTS" | "MIDDLEWARE" | "INSTALLED_APPS" | "SECRET_KEY_FALLBACKS" => {
            Value::List(Vec::new())
        }
        _ => Value::Unknown,
    }
}

/// Words that mark a development or test settings module, as a whole file stem, a `_`/`-`
/// separated part of it (`test_settings`, `settings_dev`), or a directory on its path.
const DEV_NAMES: &[&str] = &[
    "dev",
    "devel",
    "develop",
    "development",
    "local",
    "test",
    "tests",
    "testing",
    "ci",
    "debug",
    "global_settings",
];

/// Directories (below the scanned root) whose settings are not deployments.
const NON_DEPLOY_DIRS: &[&str] = &[
    "testproject",
    "testproj",
    "test_project",
    "testapp",
    "example",
    "examples",
    "demo",
    "sandbox",
    "site-packages",
];

/// Whether a settings path is named like a deployment one (`production`, `staging` …): such
/// modules are checked even when another module star-imports them.
pub fn is_deploy_module(path: &str) -> bool {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = file
        .strip_suffix(".py")
        .unwrap_or(file)
        .to_ascii_lowercase();
    [
        "prod",
        "production",
        "staging",
        "stage",
        "live",
        "deploy",
        "release",
    ]
    .iter()
    .any(|d| stem.split(['_', '-']).any(|part| part == *d))
}

fn dev_word(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    DEV_NAMES.contains(&s.as_str()) || s.split(['_', '-']).any(|p| DEV_NAMES.contains(&p))
}

/// Whether a settings path (relative to the scanned root) is a development or test one: its
/// file stem or a directory on it is named like one (`settings/test.py`, `test_settings.py`,
/// `settings_dev.py`, `local.py`, `ci.py`, `tests/…`, `example/…`).
pub fn is_dev_module(path: &str) -> bool {
    let mut parts = path.rsplit(['/', '\\']);
    let file = parts.next().unwrap_or(path);
    let stem = file.strip_suffix(".py").unwrap_or(file);
    dev_word(stem)
        || parts.any(|dir| {
            dev_word(dir) || NON_DEPLOY_DIRS.contains(&dir.to_ascii_lowercase().as_str())
        })
}

/// Whether a path is named like a settings module: `settings*.py`/`*settings.py`, or a module
/// of a `settings` package.
fn is_settings_named(path: &str) -> bool {
    let mut parts = path.rsplit(['/', '\\']);
    let file = parts.next().unwrap_or(path).to_ascii_lowercase();
    let parent = parts.next().unwrap_or("").to_ascii_lowercase();
    let stem = file.strip_suffix(".py").unwrap_or(&file);
    stem.starts_with("settings") || stem.ends_with("settings") || parent == "settings"
}

/// Whether `hit` holds for a module-level statement, also under `if`, `try` and `with` at the
/// top level (not inside functions or classes).
fn any_top_level(body: &[Stmt], hit: &dyn Fn(&Stmt) -> bool) -> bool {
    body.iter().any(|stmt| {
        hit(stmt)
            || match stmt {
                Stmt::If(i) => {
                    any_top_level(&i.body, hit)
                        || i.elif_else_clauses
                            .iter()
                            .any(|c| any_top_level(&c.body, hit))
                }
                Stmt::Try(t) => {
                    any_top_level(&t.body, hit)
                        || any_top_level(&t.orelse, hit)
                        || any_top_level(&t.finalbody, hit)
                        || t.handlers.iter().any(|h| match h {
                            crate::ast::ExceptHandler::ExceptHandler(h) => {
                                any_top_level(&h.body, hit)
                            }
                        })
                }
                Stmt::With(w) => any_top_level(&w.body, hit),
                _ => false,
            }
    })
}

/// Whether the module binds one of `names` at module level: an assignment (plain, annotated,
/// augmented, or into a tuple) or an import of that name.
fn binds_at_top_level(body: &[Stmt], names: &[&str]) -> bool {
    use crate::ast::Expr;
    fn target(e: &Expr, names: &[&str]) -> bool {
        match e {
            Expr::Name(n) => names.contains(&n.id.as_str()),
            Expr::Tuple(t) => t.elts.iter().any(|e| target(e, names)),
            Expr::List(l) => l.elts.iter().any(|e| target(e, names)),
            Expr::Starred(s) => target(&s.value, names),
            _ => false,
        }
    }
    any_top_level(body, &|stmt| match stmt {
        Stmt::Assign(a) => a.targets.iter().any(|t| target(t, names)),
        Stmt::AnnAssign(a) => target(&a.target, names),
        Stmt::AugAssign(a) => target(&a.target, names),
        Stmt::ImportFrom(i) => i.names.iter().any(|alias| {
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            names.contains(&bound.as_str())
        }),
        _ => false,
    })
}

/// Whether the module has a `from … import *` at module level.
fn has_star_import(body: &[Stmt]) -> bool {
    any_top_level(
        body,
        &|stmt| matches!(stmt, Stmt::ImportFrom(i) if i.names.iter().any(|a| a.name.as_str() == "*")),
    )
}

/// Names only a Django settings module sets; a module that sets enough of them is one
/// whatever its name.
const CORE_SETTINGS: &[&str] = &[
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "INSTALLED_APPS",
    "MIDDLEWARE",
    "ROOT_URLCONF",
    "DATABASES",
    "TEMPLATES",
    "WSGI_APPLICATION",
    "STATIC_URL",
    "AUTH_PASSWORD_VALIDATORS",
    "USE_TZ",
];
const MIN_CORE_SETTINGS: usize = 4;

struct Ctx<'e> {
    ev: &'e Evaluated,
    path: &'e str,
    rules: &'e RuleSet,
    /// Report only values set in this module itself (a package `__init__` over a module that
    /// is checked on its own).
    only_here: bool,
    out: Vec<Diagnostic>,
}

/// A setting's effective value and where to report it.
struct Got {
    value: Value,
    range: TextRange,
    suffix: String,
    env: Option<String>,
    /// Set by a statement of this module.
    here: bool,
}

impl Ctx<'_> {
    fn get(&self, name: &str) -> Option<Got> {
        match self.ev.names.get(name) {
            Some(s) => {
                let (range, suffix, here) = match &s.origin {
                    Origin::Here(r) => (*r, String::new(), true),
                    Origin::Imported { via, file, line } => {
                        (*via, format!(" (set in {file}:{line})"), false)
                    }
                };
                Some(Got {
                    value: s.value.clone(),
                    range,
                    suffix,
                    env: s.env.clone(),
                    here,
                })
            }
            None if self.ev.opaque => None,
            None => Some(Got {
                value: default_of(name),
                range: TextRange::empty(TextSize::new(0)),
                suffix: " (not set: Django's default)".to_string(),
                env: None,
                here: false,
            }),
        }
    }

    fn value(&self, name: &str) -> Value {
        self.get(name).map_or(Value::Unknown, |g| g.value)
    }

    fn report(
        &mut self,
        rule: &'static RuleMeta,
        check: Option<&str>,
        got: &Got,
        message: String,
    ) -> Option<&mut Diagnostic> {
        if !self.rules.enabled(rule) || (self.only_here && !got.here) {
            return None;
        }
        let mut message = message + &got.suffix;
        if let Some(env) = &got.env {
            message.push_str(&format!(" (default of environment variable {env})"));
        }
        let mut d = Diagnostic {
            rule,
            range: got.range,
            message,
            severity: rule.severity,
            confidence: rule.confidence,
            stmt_range: got.range,
            meta: Vec::new(),
            secret: None,
        };
        if let Some(c) = check {
            d.meta("django_check", c);
        }
        d.meta("settings_module", self.path);
        self.out.push(d);
        self.out.last_mut()
    }

    /// Reports `rule` on `setting` unless its value `is True` (Django's test).
    fn require_true(
        &mut self,
        rule: &'static RuleMeta,
        check: Option<&'static str>,
        setting: &str,
        why: &str,
    ) {
        if let Some(g) = self.get(setting)
            && g.value.is_known()
            && g.value != Value::Bool(true)
        {
            let msg = format!("{setting} is not True: {why}");
            self.report(rule, check, &g, msg);
        }
    }
}

const SECURITY_MW: &str = "django.middleware.security.SecurityMiddleware";
const XFRAME_MW: &str = "django.middleware.clickjacking.XFrameOptionsMiddleware";
const CSRF_MW: &str = "django.middleware.csrf.CsrfViewMiddleware";
const SESSION_MW: &str = "django.contrib.sessions.middleware.SessionMiddleware";

const REFERRER_VALUES: &[&str] = &[
    "no-referrer",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
];
const COOP_VALUES: &[&str] = &["same-origin", "same-origin-allow-popups", "unsafe-none"];

/// Django's secret key strength test.
pub fn weak_secret_key(key: &str) -> bool {
    let unique: std::collections::HashSet<char> = key.chars().collect();
    unique.len() < 5 || key.chars().count() < 50 || key.starts_with("django-insecure-")
}

/// The outcome of [`check_module`].
#[derive(Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    /// Why Django could not load this settings module (an unguarded star import of a module
    /// that does not exist); the findings are then partial.
    pub error: Option<String>,
}

/// Runs the `DJ` rules on one module, if it is a deployment settings module.
///
/// Policy (see the module docs): development and test modules are skipped by name; a module is
/// a settings module when it sets `INSTALLED_APPS`, `MIDDLEWARE` or `ROOT_URLCONF` (itself or
/// through star imports) and is named by `DJANGO_SETTINGS_MODULE` in the tree, is named like a
/// settings module, or sets at least four core settings; a base that a sibling star-imports is
/// checked only when named like a deployment or referenced; a package `__init__.py` that
/// star-imports a module that is checked itself reports only what it sets itself.
pub fn check_module(
    path: &str,
    source: &str,
    body: &[Stmt],
    rules: &RuleSet,
    loader: Option<&dyn ModuleLoader>,
) -> Checked {
    if !django_checks().iter().any(|(m, _)| rules.enabled(m)) {
        return Checked::default();
    }
    const DEFINING: [&str; 3] = ["INSTALLED_APPS", "MIDDLEWARE", "ROOT_URLCONF"];
    if !DEFINING.iter().any(|k| source.contains(k)) && !source.contains("import *") {
        return Checked::default();
    }
    // Settings bind their names at module level (an assignment, or an import of the name), or
    // take them from a star import. A module that only reads `settings.INSTALLED_APPS` (much
    // of Django itself) is not evaluated: evaluation loads and parses what it imports.
    let defines_here = binds_at_top_level(body, &DEFINING);
    if !defines_here && !has_star_import(body) {
        return Checked::default();
    }
    let key = loader.map_or_else(|| path.to_string(), |l| l.root_key());
    let rel = loader.map_or_else(|| path.to_string(), |l| l.relative(&key));
    if is_dev_module(&rel) {
        return Checked::default();
    }
    // A module that reaches here only through a star import (`from .x import *`, common in
    // package `__init__.py` files) is evaluated, which parses what it imports, only when it may
    // be settings: named like settings or a deployment, named by DJANGO_SETTINGS_MODULE, or
    // setting a core setting itself. Library packages that re-export modules are not.
    let may_be_settings = is_settings_named(&key)
        || is_deploy_module(&key)
        || loader.is_some_and(|l| l.is_referenced(&key))
        || binds_at_top_level(body, CORE_SETTINGS);
    if !defines_here && !may_be_settings {
        return Checked::default();
    }
    let ev = eval::Evaluator::evaluate(body, source, &key, path, loader);
    let sets_any = ["INSTALLED_APPS", "MIDDLEWARE", "ROOT_URLCONF"]
        .iter()
        .any(|n| ev.names.contains_key(*n));
    if !sets_any {
        return Checked::default();
    }
    let referenced = loader.is_some_and(|l| l.is_referenced(&key));
    let core = CORE_SETTINGS
        .iter()
        .filter(|n| ev.names.contains_key(**n))
        .count();
    if !(referenced || is_settings_named(&key) || core >= MIN_CORE_SETTINGS) {
        return Checked::default();
    }
    if !referenced && !is_deploy_module(&key) && loader.is_some_and(|l| l.is_base()) {
        return Checked::default();
    }
    let is_init = key.ends_with("__init__.py");
    let only_here = is_init
        && loader.is_some_and(|l| {
            ev.imported_keys.iter().any(|k| {
                !is_dev_module(&l.relative(k)) && (is_deploy_module(k) || l.is_referenced(k))
            })
        });
    let mut cx = Ctx {
        ev: &ev,
        path,
        rules,
        only_here,
        out: Vec::new(),
    };
    run_checks(&mut cx);
    let silenced = silenced_checks(&ev);
    let mut diagnostics = cx.out;
    diagnostics.retain(|d| {
        !d.meta
            .iter()
            .any(|(k, v)| *k == "django_check" && silenced.contains(v))
    });
    let error = (!ev.missing.is_empty()).then(|| {
        format!(
            "Django cannot load this settings module: it star-imports {}, which does not exist; Django settings checks are partial",
            ev.missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
    Checked { diagnostics, error }
}

/// The check ids `SILENCED_SYSTEM_CHECKS` certainly lists.
fn silenced_checks(ev: &Evaluated) -> Vec<String> {
    let Some(s) = ev.names.get("SILENCED_SYSTEM_CHECKS") else {
        return Vec::new();
    };
    let Value::List(l) = &s.value else {
        return Vec::new();
    };
    l.iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn run_checks(cx: &mut Ctx<'_>) {
    let mw = cx.get("MIDDLEWARE");
    let has = |item: &str| mw.as_ref().and_then(|g| g.value.contains_str(item));
    let (sec, xframe, csrf, session_mw) = (
        has(SECURITY_MW),
        has(XFRAME_MW),
        has(CSRF_MW),
        has(SESSION_MW),
    );
    if let Some(g) = &mw {
        for (present, rule, check, name) in [
            (
                sec,
                &r::dj001_security_middleware_missing::RULE,
                "security.W001",
                "SecurityMiddleware",
            ),
            (
                xframe,
                &r::dj002_xframe_middleware_missing::RULE,
                "security.W002",
                "XFrameOptionsMiddleware",
            ),
            (
                csrf,
                &r::dj003_csrf_middleware_missing::RULE,
                "security.W003",
                "CsrfViewMiddleware",
            ),
        ] {
            if present == Some(false) {
                cx.report(rule, Some(check), g, format!("MIDDLEWARE lacks {name}"));
            }
        }
    }

    if sec == Some(true) {
        let hsts = cx.get("SECURE_HSTS_SECONDS");
        let hsts_on = hsts.as_ref().and_then(|g| g.value.truthy());
        if let Some(g) = &hsts
            && hsts_on == Some(false)
        {
            cx.report(
                &r::dj004_hsts_seconds_not_set::RULE,
                r::dj004_hsts_seconds_not_set::DJANGO_CHECK,
                g,
                "SECURE_HSTS_SECONDS is not set: browsers are not told to insist on HTTPS".into(),
            );
        }
        if hsts_on == Some(true) {
            cx.require_true(
                &r::dj005_hsts_include_subdomains::RULE,
                r::dj005_hsts_include_subdomains::DJANGO_CHECK,
                "SECURE_HSTS_INCLUDE_SUBDOMAINS",
                "HSTS does not cover subdomains",
            );
            cx.require_true(
                &r::dj021_hsts_preload::RULE,
                r::dj021_hsts_preload::DJANGO_CHECK,
                "SECURE_HSTS_PRELOAD",
                "the site cannot be HSTS-preloaded",
            );
        }
        cx.require_true(
            &r::dj006_content_type_nosniff::RULE,
            r::dj006_content_type_nosniff::DJANGO_CHECK,
            "SECURE_CONTENT_TYPE_NOSNIFF",
            "browsers may sniff content types",
        );
        cx.require_true(
            &r::dj008_ssl_redirect_off::RULE,
            r::dj008_ssl_redirect_off::DJANGO_CHECK,
            "SECURE_SSL_REDIRECT",
            "plain HTTP requests are not redirected to HTTPS",
        );
        if let Some(g) = cx.get("SECURE_REFERRER_POLICY") {
            let values: Option<Vec<String>> = match &g.value {
                Value::None => {
                    cx.report(
                        &r::dj022_referrer_policy::RULE,
                        Some("security.W022"),
                        &g,
                        "SECURE_REFERRER_POLICY is None: full URLs leak in the Referer header"
                            .into(),
                    );
                    None
                }
                Value::Str(s) => Some(s.split(',').map(|v| v.trim().to_string()).collect()),
                Value::List(l) if g.value.is_known() => {
                    l.iter().map(|v| v.as_str().map(str::to_string)).collect()
                }
                _ => None,
            };
            if let Some(values) = values
                && values
                    .iter()
                    .any(|v| !REFERRER_VALUES.contains(&v.as_str()))
            {
                cx.report(
                    &r::dj022_referrer_policy::RULE,
                    Some("security.E023"),
                    &g,
                    "SECURE_REFERRER_POLICY has a value that is not a valid Referrer-Policy".into(),
                );
            }
        }
        if let Some(g) = cx.get("SECURE_CROSS_ORIGIN_OPENER_POLICY")
            && let Value::Str(s) = &g.value
            && !COOP_VALUES.contains(&s.as_str())
        {
            let msg = format!("SECURE_CROSS_ORIGIN_OPENER_POLICY `{s}` is not a valid value");
            cx.report(
                &r::dj024_cross_origin_opener_policy::RULE,
                r::dj024_cross_origin_opener_policy::DJANGO_CHECK,
                &g,
                msg,
            );
        }
    }

    // Secret keys.
    if let Some(g) = cx.get("SECRET_KEY")
        && let Value::Str(key) = &g.value
        && weak_secret_key(key)
    {
        let msg = if key.is_empty() {
            "SECRET_KEY is empty".to_string()
        } else {
            format!(
                "SECRET_KEY `{}` is weak (under 50 characters, under 5 distinct characters, or `django-insecure-`)",
                crate::secrets::redact(key)
            )
        };
        cx.report(
            &r::dj009_weak_secret_key::RULE,
            r::dj009_weak_secret_key::DJANGO_CHECK,
            &g,
            msg,
        );
    }
    if let Some(g) = cx.get("SECRET_KEY_FALLBACKS")
        && let Value::List(keys) = &g.value
    {
        for (i, k) in keys.iter().enumerate() {
            if let Value::Str(k) = k
                && weak_secret_key(k)
            {
                let msg = format!("SECRET_KEY_FALLBACKS[{i}] is a weak key");
                cx.report(
                    &r::dj025_weak_secret_key_fallbacks::RULE,
                    r::dj025_weak_secret_key_fallbacks::DJANGO_CHECK,
                    &g,
                    msg,
                );
            }
        }
    }

    // Cookies.
    let session_app = cx
        .get("INSTALLED_APPS")
        .and_then(|g| g.value.contains_str("django.contrib.sessions"));
    if let (Some(app), Some(smw)) = (session_app, session_mw)
        && (app || smw)
    {
        let ids = |w: [&'static str; 3]| match (app, smw) {
            (true, true) => w[2],
            (true, false) => w[0],
            _ => w[1],
        };
        for (setting, rule, check) in [
            (
                "SESSION_COOKIE_SECURE",
                &r::dj010_session_cookie_secure::RULE,
                ids(["security.W010", "security.W011", "security.W012"]),
            ),
            (
                "SESSION_COOKIE_HTTPONLY",
                &r::dj013_session_cookie_httponly::RULE,
                ids(["security.W013", "security.W014", "security.W015"]),
            ),
        ] {
            cx.require_true(rule, Some(check), setting, "the session cookie is exposed");
        }
    }
    if csrf == Some(true) && cx.value("CSRF_USE_SESSIONS").truthy() == Some(false) {
        cx.require_true(
            &r::dj016_csrf_cookie_secure::RULE,
            r::dj016_csrf_cookie_secure::DJANGO_CHECK,
            "CSRF_COOKIE_SECURE",
            "the CSRF cookie is sent over plain HTTP",
        );
    }

    if let Some(g) = cx.get("DEBUG")
        && g.value.truthy() == Some(true)
    {
        cx.report(
            &r::dj018_debug_true::RULE,
            r::dj018_debug_true::DJANGO_CHECK,
            &g,
            "DEBUG is true in a deployment settings module".into(),
        );
    }
    if xframe == Some(true)
        && let Some(g) = cx.get("X_FRAME_OPTIONS")
        && g.value.is_known()
        && g.value.as_str() != Some("DENY")
    {
        cx.report(
            &r::dj019_x_frame_options::RULE,
            r::dj019_x_frame_options::DJANGO_CHECK,
            &g,
            "X_FRAME_OPTIONS is not 'DENY'".into(),
        );
    }
    if let Some(g) = cx.get("ALLOWED_HOSTS") {
        // Django tests the setting's truthiness.
        if g.value.truthy() == Some(false) {
            cx.report(
                &r::dj020_allowed_hosts::RULE,
                r::dj020_allowed_hosts::DJANGO_CHECK,
                &g,
                "ALLOWED_HOSTS is empty".into(),
            );
        } else if g.value.contains_str("*") == Some(true) {
            cx.report(
                &r::dj020_allowed_hosts::RULE,
                None,
                &g,
                "ALLOWED_HOSTS contains '*': any Host header is accepted".into(),
            );
        }
    }

    // Beyond check --deploy.
    let toolbar = cx
        .get("INSTALLED_APPS")
        .filter(|g| g.value.contains_str("debug_toolbar") == Some(true))
        .or_else(|| {
            mw.as_ref()
                .filter(|g| {
                    g.value
                        .contains_str("debug_toolbar.middleware.DebugToolbarMiddleware")
                        == Some(true)
                })
                .map(|g| Got {
                    value: g.value.clone(),
                    range: g.range,
                    suffix: g.suffix.clone(),
                    env: None,
                    here: g.here,
                })
        });
    if let Some(g) = toolbar {
        cx.report(
            &r::dj030_debug_toolbar::RULE,
            None,
            &g,
            "django-debug-toolbar is enabled in a non-development settings module".into(),
        );
    }
    if let Some(g) = cx.get("PASSWORD_HASHERS")
        && let Value::List(l) = &g.value
        && let Some(Value::Str(first)) = l.first()
    {
        let class = first.rsplit('.').next().unwrap_or(first);
        if ["MD5", "SHA1", "Unsalted", "Crypt"]
            .iter()
            .any(|w| class.contains(w))
        {
            let msg = format!("PASSWORD_HASHERS starts with the weak {class}");
            cx.report(&r::dj031_weak_password_hasher::RULE, None, &g, msg);
        }
    }
    let all_origins = ["CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"]
        .iter()
        .filter_map(|n| cx.ev.names.get(*n).map(|_| *n))
        .find(|n| cx.value(n).truthy() == Some(true));
    if let Some(name) = all_origins
        && cx.value("CORS_ALLOW_CREDENTIALS").truthy() == Some(true)
        && let Some(g) = cx.get(name)
    {
        let msg =
            format!("{name} with CORS_ALLOW_CREDENTIALS: any site can make credentialed requests");
        cx.report(&r::dj032_cors_allow_all_credentials::RULE, None, &g, msg);
    }
    if let Some(g) = cx.get("DATABASES")
        && let Value::Dict(dbs) = &g.value
    {
        for (alias, db) in dbs {
            if let Some(msg) = database_without_tls(alias, db) {
                cx.report(&r::dj041_database_without_tls::RULE, None, &g, msg);
            }
        }
    }
    if let Some(s) = cx.ev.names.get("SECURE_PROXY_SSL_HEADER")
        && s.value.is_known()
        && s.value != Value::None
        && let Some(g) = cx.get("SECURE_PROXY_SSL_HEADER")
        && let Some(d) = cx.report(
            &r::dj033_proxy_ssl_header::RULE,
            None,
            &g,
            "SECURE_PROXY_SSL_HEADER trusts a request header to mean HTTPS; make sure a proxy always sets it"
                .into(),
        )
    {
        d.severity(Severity::Info);
    }
}

fn dict_get<'v>(d: &'v [(Value, Value)], key: &str) -> Option<&'v Value> {
    d.iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| v)
}

/// A message when a `DATABASES` entry reaches a remote host with no TLS option.
fn database_without_tls(alias: &Value, db: &Value) -> Option<String> {
    let Value::Dict(db) = db else { return None };
    let engine = dict_get(db, "ENGINE")?.as_str()?;
    let tls_key = if engine.contains("postgresql") || engine.contains("postgis") {
        "sslmode"
    } else if engine.contains("mysql") {
        "ssl"
    } else {
        return None;
    };
    let host = dict_get(db, "HOST")?.as_str()?;
    if host.is_empty() || host.starts_with('/') || matches!(host, "localhost" | "127.0.0.1" | "::1")
    {
        return None;
    }
    let options = dict_get(db, "OPTIONS");
    let has_tls = match options {
        Some(Value::Dict(o)) => match dict_get(o, tls_key) {
            Some(Value::Str(mode)) => !matches!(mode.as_str(), "disable" | "allow" | "prefer"),
            Some(v) => v.truthy() != Some(false),
            None => false,
        },
        Some(Value::Unknown) => true,
        _ => false,
    };
    (!has_tls).then(|| {
        format!(
            "database `{}` connects to {host} without a TLS option ({tls_key})",
            alias.as_str().unwrap_or("?")
        )
    })
}
